package fit

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/ivrsim/ivrsim/scenarios/cdr"
)

// HeadStart is a segment's fitted head start in the queue: how much
// longer than their wait its callers count as having waited when an agent
// picks the next caller.
type HeadStart struct {
	Segment string
	// Reference is the segment the head start is measured against (the
	// one with the most waiting callers; its own head start is 0).
	Reference string
	// Seconds is the estimate; SE its standard error from the spread of
	// the days' own estimates; Days the days that had comparisons.
	Seconds, SE float64
	Days        int
	// Pairs counts the comparisons: an agent picked one of two waiting
	// callers of the same intent, one of each segment. Errors is how many
	// of them the estimate orders the other way.
	Pairs, Errors int
}

// pick is one comparison: d is how much later the segment's caller joined
// than the reference's, and first whether the segment's caller was
// answered first.
type pick struct {
	d     float64
	first bool
	day   int
}

// fitHeadStarts estimates every segment's head start against the
// reference segment. At each answer, the caller picked and every caller of
// the same intent still waiting form a pair when one is of the segment and
// the other of the reference. With a head start H the segment's caller
// goes first exactly when they joined at most H later (d ≤ H), so H is the
// threshold on d that orders the most pairs as the records do (the
// midpoint of the best range). Its uncertainty is the spread of the same
// estimate made day by day.
func (m *Model) fitHeadStarts(recs []cdr.Record) {
	if len(m.Segments) < 2 {
		return
	}
	type waiter struct {
		q, exit float64
		seg     string
		intent  string
		served  bool
	}
	var ws []waiter
	count := map[string]int{}
	for i := range recs {
		r := &recs[i]
		w := r.Wait()
		if !(w > 0) || math.IsNaN(r.QueueStart) {
			continue
		}
		q := m.seconds(r.Arrival) + r.QueueStart
		ws = append(ws, waiter{q, q + w, name(r.Segment, "callers"), name(r.Intent, "call"), r.Outcome == cdr.Served})
		count[name(r.Segment, "callers")]++
	}
	ref := ""
	for _, s := range m.Segments {
		if ref == "" || count[s.Name] > count[ref] {
			ref = s.Name
		}
	}
	slices.SortFunc(ws, func(a, b waiter) int { return cmp.Compare(a.q, b.q) })
	picks := map[string][]pick{}
	for i, x := range ws {
		if !x.served {
			continue
		}
		// Callers who joined before x was answered and were still waiting
		// a clock tick after it.
		for j := range ws {
			y := ws[j]
			if y.q >= x.exit {
				break
			}
			if j == i || y.intent != x.intent || y.exit <= x.exit+1 || y.seg == x.seg {
				continue
			}
			switch {
			case x.seg != ref && y.seg == ref:
				picks[x.seg] = append(picks[x.seg], pick{x.q - y.q, true, m.dayOf(x.exit)})
			case x.seg == ref && y.seg != ref:
				picks[y.seg] = append(picks[y.seg], pick{y.q - x.q, false, m.dayOf(x.exit)})
			}
		}
	}
	for _, s := range m.Segments {
		ps := picks[s.Name]
		if s.Name == ref || len(ps) < minPatienceEvents {
			continue
		}
		h, errs := threshold(ps)
		hs := &HeadStart{Segment: s.Name, Reference: ref, Seconds: h, Pairs: len(ps), Errors: errs, SE: math.NaN()}
		byDay := map[int][]pick{}
		for _, p := range ps {
			byDay[p.day] = append(byDay[p.day], p)
		}
		var est []float64
		for _, d := range byDay {
			if len(d) >= 10 {
				v, _ := threshold(d)
				est = append(est, v)
			}
		}
		if hs.Days = len(est); hs.Days >= 2 {
			mean := total(est) / float64(len(est))
			ss := 0.0
			for _, v := range est {
				ss += (v - mean) * (v - mean)
			}
			hs.SE = math.Sqrt(ss / float64(len(est)-1) / float64(len(est)))
		}
		m.HeadStarts = append(m.HeadStarts, hs)
	}
}

// threshold is the head start H ≥ 0 that orders the most pairs as the
// records do — the segment's caller first when d ≤ H — and the number of
// pairs it orders the other way.
func threshold(ps []pick) (float64, int) {
	ds := make([]pick, len(ps))
	copy(ds, ps)
	slices.SortFunc(ds, func(a, b pick) int { return cmp.Compare(a.d, b.d) })
	// With H below every d, the errors are the pairs where the segment's
	// caller went first; raising H past each d moves that pair to the
	// other side.
	errs := 0
	for _, p := range ds {
		if p.first && p.d > 0 {
			errs++
		}
	}
	i := 0
	for i < len(ds) && ds[i].d <= 0 {
		if !ds[i].first {
			errs++
		}
		i++
	}
	best, lo, hi := errs, 0.0, 0.0
	for i < len(ds) {
		d := ds[i].d
		for i < len(ds) && ds[i].d == d {
			if ds[i].first {
				errs--
			} else {
				errs++
			}
			i++
		}
		next := math.Inf(1)
		if i < len(ds) {
			next = ds[i].d
		}
		switch {
		case errs < best:
			best, lo, hi = errs, d, next
		case errs == best && lo == d:
			hi = next
		}
	}
	if math.IsInf(hi, 1) {
		return lo, best
	}
	return (lo + hi) / 2, best
}

// dayOf is the day (from 0) of a time in seconds from day 1.
func (m *Model) dayOf(t float64) int { return int(math.Floor(t / 86400)) }

// headStart is the fitted head start of a segment, or nil.
func (m *Model) headStart(segment string) *HeadStart {
	for _, h := range m.HeadStarts {
		if h.Segment == segment {
			return h
		}
	}
	return nil
}

// fmtDurSec writes seconds as a scenario duration, whole seconds.
func fmtDurSec(x float64) string {
	return fmt.Sprintf("%ds", int(math.Round(x)))
}
