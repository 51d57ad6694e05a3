package fit

import (
	"math"
	"slices"
	"time"

	"github.com/ivrsim/ivrsim/scenarios/cdr"
)

// Staffing is the staffing the records imply, when no schedule is given.
type Staffing struct {
	// Peak is, per cell, the most contacts in service at once: a lower
	// bound on the agents answering then.
	Peak []int
	// Capacity is, per cell, the agents estimated on duty, averaged over
	// the interval: while callers were waiting, the number in service (then
	// every agent on duty is busy), and Peak the rest of the time.
	Capacity []float64
	// Busy is, per cell, the agent time in service (seconds).
	Busy []float64
	// Agents is, per cell, the distinct agents who served a contact (0
	// when the records name no agents).
	Agents []int
	// Main is the agents per interval of the main weekdays (over the
	// window), and Weekday the same for the weekdays with a profile of
	// their own.
	Main    []int
	Weekday map[time.Weekday][]int
	// FromAgents is set when Capacity counts the agents on duty from their
	// own records (Agents.Presence) rather than bounds from calls in
	// service.
	FromAgents bool
}

// MinWaitForStaffing is the least time callers must have waited in an
// interval for the agents in service then to count its staffing.
const MinWaitForStaffing = 300

// fitStaffing infers agents per interval. While callers wait, every agent
// on duty is busy, so the number in service then counts them; while
// nobody waits, the most in service at once during the interval is the
// estimate (a lower bound). The interval's estimate is the time average. Each interval of the day gets the mean of
// these over the days of its kind, rounded to the nearest agent. Agents
// idle all through an interval leave no trace in call records, so this is
// the staffing the calls needed, not a roster.
func (m *Model) fitStaffing(recs []cdr.Record) {
	n := m.Days * m.PerDay
	st := &m.Staffing
	st.Peak = make([]int, n)
	st.Busy = make([]float64, n)
	st.Agents = make([]int, n)
	type ev struct {
		t    float64
		d    int
		wait bool // a change in callers waiting, not in service
	}
	var evs []ev
	agents := map[int]map[string]bool{}
	for i := range recs {
		r := &recs[i]
		if r.Outcome != cdr.Served || math.IsNaN(r.ServiceStart) {
			continue
		}
		s := m.seconds(r.Arrival) + r.ServiceStart
		e := m.seconds(r.Arrival) + r.ServiceEnd
		evs = append(evs, ev{s, 1, false}, ev{e, -1, false})
		m.spread(st.Busy, s, e)
		if r.Agent != "" {
			for k := max(m.cell(s), 0); k >= 0 && k < n && float64(k)*m.Interval < e; k++ {
				if agents[k] == nil {
					agents[k] = map[string]bool{}
				}
				agents[k][r.Agent] = true
			}
		}
	}
	for k, a := range agents {
		st.Agents[k] = len(a)
	}
	for i := range recs {
		r := &recs[i]
		// With named agents, only the main intent's waits say that every
		// agent available was busy (see mainIntent).
		if a := m.Agents.Intent; a != "" && m.Agents.Presence != nil && IntentName(r) != a {
			continue
		}
		if w := r.Wait(); w > 0 {
			q := m.seconds(r.Arrival) + r.QueueStart
			evs = append(evs, ev{q, 1, true}, ev{q + w, -1, true})
		}
	}
	// Ends before starts at the same instant: an agent finishing as the
	// next call arrives is one agent.
	slices.SortFunc(evs, func(a, b ev) int {
		switch {
		case a.t < b.t:
			return -1
		case a.t > b.t:
			return 1
		}
		return a.d - b.d
	})
	level, waiting, k := 0, 0, 0
	waitTime := make([]float64, n)
	servedWhileWaiting := make([]float64, n)
	last := 0.0
	// account adds the time from last to t, at the current levels, to the
	// cells it spans.
	account := func(t float64) {
		if waiting > 0 && t > last {
			for c := max(m.cell(last), 0); c >= 0 && c < n; c++ {
				lo, hi := math.Max(last, float64(c)*m.Interval), math.Min(t, float64(c+1)*m.Interval)
				if hi <= lo {
					break
				}
				waitTime[c] += hi - lo
				servedWhileWaiting[c] += (hi - lo) * float64(level)
			}
		}
		last = t
	}
	for _, e := range evs {
		account(e.t)
		// Cells passed through carry the level they started with.
		for ; k < n && float64(k+1)*m.Interval <= e.t; k++ {
			st.Peak[k] = max(st.Peak[k], level)
			if k+1 < n {
				st.Peak[k+1] = max(st.Peak[k+1], level)
			}
		}
		if e.wait {
			waiting += e.d
			continue
		}
		level += e.d
		if c := m.cell(e.t); c >= 0 {
			st.Peak[c] = max(st.Peak[c], level)
		}
	}
	st.Capacity = make([]float64, n)
	if m.Agents.Presence != nil {
		// While callers waited, every agent available was in a call or
		// in wrap-up: those are the agents who really worked the queue,
		// fewer than those logged in (some on other work or away between
		// calls). Where callers waited long enough in the interval to
		// tell, that is the estimate; elsewhere, the agents on duty from
		// their own records.
		wrap := 1.0
		if h := meanHandleTime(recs); len(m.Agents.Wrapup) > 0 && h > 0 {
			wrap = 1 + m.Agents.Wrapup[0].Mean.Value/h
		}
		for c := range st.Capacity {
			if waitTime[c] >= MinWaitForStaffing {
				st.Capacity[c] = servedWhileWaiting[c] / waitTime[c] * wrap
			} else {
				st.Capacity[c] = m.Agents.Presence[c]
			}
		}
		st.FromAgents = true
	}
	for c := range st.Capacity {
		if st.FromAgents {
			break
		}
		// While callers waited, those in service were every agent on
		// duty; the rest of the interval, the most in service at once is
		// the best bound the records give.
		st.Capacity[c] = (servedWhileWaiting[c] + (m.Interval-waitTime[c])*float64(st.Peak[c])) / m.Interval
	}

	a := &m.Arrivals
	st.Main = m.meanPeak(func(wd time.Weekday) bool { return slices.Contains(a.Main, wd) })
	st.Weekday = map[time.Weekday][]int{}
	for wd, w := range a.Weekdays {
		if w.Profile != nil {
			st.Weekday[wd] = m.meanPeak(func(d time.Weekday) bool { return d == wd })
		}
	}
}

// meanPeak is, per interval of the window, the mean capacity over the
// days whose weekday is kept, rounded.
func (m *Model) meanPeak(keep func(time.Weekday) bool) []int {
	out := make([]int, m.Window)
	sums := make([]float64, m.Window)
	days := 0
	for d := range m.Days {
		if !keep(m.weekday(d)) || m.dayTotal(m.Arrivals.Observed, d) == 0 {
			continue
		}
		days++
		for i := range m.Window {
			sums[i] += m.Staffing.Capacity[d*m.PerDay+m.First+i]
		}
	}
	if days == 0 {
		return out
	}
	for i, s := range sums {
		out[i] = int(math.Round(s / float64(days)))
	}
	return out
}

// spread adds the time from s to e (seconds from day 1) to the cells it
// covers.
func (m *Model) spread(cells []float64, s, e float64) {
	for k := max(m.cell(s), 0); k < len(cells); k++ {
		lo, hi := float64(k)*m.Interval, float64(k+1)*m.Interval
		if lo >= e {
			break
		}
		if d := math.Min(hi, e) - math.Max(lo, s); d > 0 {
			cells[k] += d
		}
	}
}

// meanHandleTime is the mean talk time of the served records.
func meanHandleTime(recs []cdr.Record) float64 {
	sum, n := 0.0, 0
	for i := range recs {
		if h := recs[i].HandleTime(); recs[i].Outcome == cdr.Served && h >= 0 {
			sum += h
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// MainSE is, over the intervals of the main days where the fitted
// staffing is not zero, the typical standard error of an interval's
// staffing: the root mean square over those intervals of the standard
// error of the mean over the days (sd/√days). It is the uncertainty the
// fit report gives the staffing.
func (m *Model) MainSE() float64 {
	a := &m.Arrivals
	ss, n := 0.0, 0
	for i := range m.Window {
		if i >= len(m.Staffing.Main) || m.Staffing.Main[i] == 0 {
			continue
		}
		var xs []float64
		for d := range m.Days {
			if slices.Contains(a.Main, m.weekday(d)) && m.dayTotal(a.Observed, d) > 0 {
				xs = append(xs, m.Staffing.Capacity[d*m.PerDay+m.First+i])
			}
		}
		if len(xs) < 2 {
			continue
		}
		mean := total(xs) / float64(len(xs))
		v := 0.0
		for _, x := range xs {
			v += (x - mean) * (x - mean)
		}
		ss += v / float64(len(xs)-1) / float64(len(xs))
		n++
	}
	if n == 0 {
		return math.NaN()
	}
	return math.Sqrt(ss / float64(n))
}
