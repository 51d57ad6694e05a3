package fit

import (
	"cmp"
	"math"
	"slices"
	"sort"

	"github.com/ivrsim/ivrsim/scenarios/cdr"
)

// waiting is the time when at least one caller waited in the queue: the
// union of the records' waits, as sorted disjoint spans in seconds from
// day 1. The estimators of wrap-up, staffing and head start read it.
type waiting struct {
	spans [][2]float64
}

// newWaiting merges the waits of the records of intent (every intent when
// intent is "").
func (m *Model) newWaiting(recs []cdr.Record, intent string) *waiting {
	var spans [][2]float64
	for i := range recs {
		r := &recs[i]
		if intent != "" && IntentName(r) != intent {
			continue
		}
		if w := r.Wait(); w > 0 && !math.IsNaN(r.QueueStart) {
			q := m.seconds(r.Arrival) + r.QueueStart
			spans = append(spans, [2]float64{q, q + w})
		}
	}
	slices.SortFunc(spans, func(a, b [2]float64) int { return cmp.Compare(a[0], b[0]) })
	var out [][2]float64
	for _, s := range spans {
		if n := len(out); n > 0 && s[0] <= out[n-1][1] {
			out[n-1][1] = math.Max(out[n-1][1], s[1])
			continue
		}
		out = append(out, s)
	}
	return &waiting{out}
}

// until is when the wait going on at t ends: the end of the span holding
// t, or NaN when nobody waited at t.
func (w *waiting) until(t float64) float64 {
	i := sort.Search(len(w.spans), func(i int) bool { return w.spans[i][1] > t })
	if i < len(w.spans) && w.spans[i][0] <= t {
		return w.spans[i][1]
	}
	return math.NaN()
}

// empty calls f with each part of [a, b) during which nobody waited.
func (w *waiting) empty(a, b float64, f func(lo, hi float64)) {
	i := sort.Search(len(w.spans), func(i int) bool { return w.spans[i][1] > a })
	t := a
	for ; i < len(w.spans) && t < b; i++ {
		s := w.spans[i]
		if s[0] > t {
			f(t, math.Min(s[0], b))
		}
		t = math.Max(t, s[1])
	}
	if t < b {
		f(t, b)
	}
}

// mainIntent is the intent with the most served contacts that name their
// agent, or "" when no record names one. Its callers are the ones nearly
// every agent serves: while one of them waits, every agent available is
// busy — which a caller waiting for a specialist (the bank's stock
// exchange or English callers) does not show, since generalists may be
// idle meanwhile. The agents' estimators read the waits of this intent.
func mainIntent(recs []cdr.Record) string {
	n := map[string]int{}
	for i := range recs {
		r := &recs[i]
		if r.Outcome == cdr.Served && r.Agent != "" {
			n[IntentName(r)]++
		}
	}
	best := ""
	for _, k := range sortedKeys(n) {
		if best == "" || n[k] > n[best] {
			best = k
		}
	}
	return best
}

// call is one conversation of a named agent, in seconds from day 1, with
// the record it comes from.
type call struct {
	start, end float64
	rec        *cdr.Record
}

// agentCalls groups the served records that name an agent by agent, each
// agent's calls in order of start.
func (m *Model) agentCalls(recs []cdr.Record) map[string][]call {
	out := map[string][]call{}
	for i := range recs {
		r := &recs[i]
		if r.Outcome != cdr.Served || r.Agent == "" || math.IsNaN(r.ServiceStart) || math.IsNaN(r.ServiceEnd) {
			continue
		}
		a := m.seconds(r.Arrival)
		out[r.Agent] = append(out[r.Agent], call{a + r.ServiceStart, a + r.ServiceEnd, r})
	}
	for _, cs := range out {
		slices.SortFunc(cs, func(x, y call) int { return cmp.Compare(x.start, y.start) })
	}
	return out
}
