package models

import (
	"fmt"
	"math"
)

// Staffing finds the smallest number of agents (or lines) that meets a
// target. Every metric here is monotone in the number of agents — more
// agents never lengthen waits, raise abandonment or blocking, or lower the
// service level — so the set of staffings that meet a target is "N and
// above". The search gallops from a first guess and then interpolates, so
// it evaluates the model O(log N) times (usually under ten); each evaluation is O(1) given a table
// of Erlang B values that is grown once, so the whole search is O(N).

// StaffErlangB returns the smallest number of lines, at least 1, whose
// blocking probability under load Erlangs meets target, which must be a
// ceiling on MetricBlockedRate ("blocked_rate <= 0.01").
func StaffErlangB(load float64, target Target) (int, error) {
	if err := checkStaffingInputs(load, 1, math.Inf(1)); err != nil {
		return 0, err
	}
	if target.Metric != MetricBlockedRate {
		return 0, fmt.Errorf("target %s: the Erlang B model only predicts blocked_rate; write e.g. blocked_rate <= 0.01", target)
	}
	if err := checkDirection(target); err != nil {
		return 0, err
	}
	// Useful blocking targets need more lines than Erlangs.
	guess := max(1, min(MaxAgents, int(load)+1))
	table := newErlangBTable(load, guess)
	return smallestMeeting(target, 1, guess, stepFor(load), func(n int) float64 {
		if !(load > 0) {
			return 0
		}
		return 1 / table.inv(n)
	})
}

// StaffErlangC returns the smallest number of agents whose M/M/N queue
// (rate per second, aht seconds) meets target. Only stable staffings
// (more agents than Erlangs) are considered. A service_level target must
// carry its time (see Target.WithDefaultWithin).
func StaffErlangC(rate, aht float64, target Target) (int, error) {
	if err := checkStaffingInputs(rate, aht, math.Inf(1)); err != nil {
		return 0, err
	}
	if err := checkQueueTarget(target); err != nil {
		return 0, err
	}
	load := rate * aht
	lo := 1
	if load > 0 {
		lo = int(math.Floor(load)) + 1
		if lo > MaxAgents {
			return 0, fmt.Errorf("a load of %g Erlangs needs more than %d agents", load, MaxAgents)
		}
	}
	table := newErlangBTable(load, lo)
	return smallestMeeting(target, lo, lo, stepFor(load), func(n int) float64 {
		var p Performance
		if load > 0 {
			p = erlangCStable(rate, aht, n, target.Within, table.inv(n-1))
		} else {
			p = ErlangCPerformance(rate, aht, n, target.Within)
		}
		v, _ := p.Value(target.Metric)
		return v
	})
}

// StaffErlangA returns the smallest number of agents, at least 1, whose
// M/M/N+M queue (rate per second, aht and mean patience in seconds) meets
// target. A service_level target must carry its time (see
// Target.WithDefaultWithin).
func StaffErlangA(rate, aht, patience float64, target Target) (int, error) {
	if err := checkStaffingInputs(rate, aht, patience); err != nil {
		return 0, err
	}
	if err := checkQueueTarget(target); err != nil {
		return 0, err
	}
	if math.IsInf(patience, 1) {
		return StaffErlangC(rate, aht, target)
	}
	load := rate * aht
	within := 0.0 // the service-level integral is only needed for its target
	if target.Metric == MetricServiceLevel {
		within = target.Within
	}
	guess := max(1, min(MaxAgents, int(math.Round(load))))
	table := newErlangBTable(load, guess)
	return smallestMeeting(target, 1, guess, stepFor(load), func(n int) float64 {
		var p Performance
		if load > 0 {
			p = erlangAEval(rate, aht, patience, n, within, table.inv(n-1))
		} else {
			p = ErlangAPerformance(rate, aht, patience, n, within)
		}
		v, _ := p.Value(target.Metric)
		return v
	})
}

func checkStaffingInputs(rate, aht, patience float64) error {
	switch {
	case !(rate >= 0) || math.IsInf(rate, 0):
		return fmt.Errorf("the arrival rate (or load) must be a finite number ≥ 0, not %g", rate)
	case !(aht > 0) || math.IsInf(aht, 0):
		return fmt.Errorf("the mean handle time must be a finite number of seconds > 0, not %g", aht)
	case !(patience > 0):
		return fmt.Errorf("the mean patience must be a number of seconds > 0, not %g", patience)
	}
	return nil
}

// checkQueueTarget accepts the targets an Erlang C or A queue can be
// staffed for.
func checkQueueTarget(t Target) error {
	switch t.Metric {
	case MetricServiceLevel:
		if !(t.Within > 0) {
			return fmt.Errorf("target %s: a service level needs the time calls must be answered within, e.g. service_level(20s) >= 0.8", t)
		}
	case MetricASA, MetricAbandonRate, MetricPWait, MetricOccupancy:
	case MetricBlockedRate:
		return fmt.Errorf("target %s: blocking is a matter of lines (Erlang B), not of agents", t)
	default:
		return fmt.Errorf("target %s: unknown metric %q", t, t.Metric)
	}
	return checkDirection(t)
}

// checkDirection rejects targets that fewer agents meet better, for which
// "the smallest staffing that meets it" would be meaningless (it is 1).
func checkDirection(t Target) error {
	switch t.Op {
	case "<", "<=", ">", ">=":
	default:
		return fmt.Errorf("target %s: unknown comparison %q; use <, <=, > or >=", t, t.Op)
	}
	if t.MetByMoreAgents() {
		return nil
	}
	want := "<="
	if t.Metric == MetricServiceLevel {
		want = ">="
	}
	return fmt.Errorf("target %s is met by fewer agents, not more; staffing finds the smallest number that meets a target, so bound it the other way (%s %s %s)",
		t, t.Metric, want, formatTargetValue(t.Metric, t.Value))
}

// stepFor is the first galloping step for a load: staffing answers tend to
// lie a few √load from the load, so steps of that order bracket them in a
// couple of evaluations.
func stepFor(load float64) int {
	return max(1, int(math.Sqrt(max(load, 0))/2))
}

// smallestMeeting returns the smallest n in [lo, MaxAgents] whose metric
// value(n) meets t, for a metric monotone in n. It gallops away from guess
// (≥ lo), with steps that start at step and grow, until it brackets the
// answer, then narrows the bracket with secant steps on a scale where the
// metric is nearly linear in n, checking the neighbour of each secant probe
// (an accurate secant step ends the search; otherwise the pair gives the
// local slope for the next one) and bisecting after two rounds in a row
// fail to halve the bracket, which bounds the evaluations at a few times
// those of plain bisection. Typical searches take five to ten evaluations.
func smallestMeeting(t Target, lo, guess, step int, value func(n int) float64) (int, error) {
	s := staffingSearch{t: t, value: value, fail: lo - 1, pass: MaxAgents + 1}
	guess = max(lo, min(guess, MaxAgents))
	step = max(1, step)
	if s.eval(guess) {
		for ; s.fail < lo && s.pass > lo; step *= 2 {
			s.eval(max(lo, s.pass-s.jump(step)))
		}
	} else {
		for ; s.pass > MaxAgents; step *= 2 {
			if s.fail == MaxAgents {
				return 0, fmt.Errorf("no staffing of up to %d meets %s: either the load needs more, or the target cannot be reached at all (a service level of 100%%, or an ASA or abandonment of 0, never is)", MaxAgents, t)
			}
			s.eval(min(MaxAgents, s.fail+s.jump(step)))
		}
	}
	for stalls := 0; s.pass-s.fail > 1; {
		width := s.pass - s.fail
		if stalls == 2 {
			s.eval(s.fail + width/2)
			stalls = 0
			continue
		}
		probe := s.estimate()
		s.eval(probe)
		if s.pass-s.fail > 1 {
			if probe == s.pass {
				s.eval(s.pass - 1)
			} else {
				s.eval(s.fail + 1)
			}
		}
		if 2*(s.pass-s.fail) > width {
			stalls++
		} else {
			stalls = 0
		}
	}
	return s.pass, nil
}

// staffingSearch is the state of smallestMeeting: the bracket (fail, pass]
// that holds the answer, and the last two probes, for secant steps.
type staffingSearch struct {
	t     Target
	value func(n int) float64
	// The target is not met at fail (or fail = lo−1) and is met at pass
	// (or pass = MaxAgents+1, not yet known).
	fail, pass   int
	last, before staffingProbe
}

type staffingProbe struct {
	n int
	v float64
}

// eval evaluates the metric at n, narrows the bracket and reports whether
// n meets the target.
func (s *staffingSearch) eval(n int) bool {
	v := s.value(n)
	s.before, s.last = s.last, staffingProbe{n, v}
	met := s.t.Met(v)
	if met && n < s.pass {
		s.pass = n
	} else if !met && n > s.fail {
		s.fail = n
	}
	return met
}

// secant returns where the line through the last two probes, on the scale
// of staffingScale, reaches the target, and false if they do not define
// one.
func (s *staffingSearch) secant() (float64, bool) {
	a, b := s.last, s.before
	if a.n == 0 || b.n == 0 || a.n == b.n {
		return 0, false
	}
	sa, sb, st := staffingScale(s.t.Metric, a.v), staffingScale(s.t.Metric, b.v), staffingScale(s.t.Metric, s.t.Value)
	x := float64(a.n) + (st-sa)/(sa-sb)*float64(a.n-b.n)
	return x, !math.IsNaN(x) && !math.IsInf(x, 0)
}

// jump returns how far a galloping probe goes: the step, or further when
// the secant puts the target further — a quarter further still, so that
// the probe tends to overshoot and close the bracket.
func (s *staffingSearch) jump(step int) int {
	x, ok := s.secant()
	if !ok {
		return step
	}
	dist := math.Abs(x - float64(s.last.n))
	if dist > MaxAgents {
		return step
	}
	return max(step, int(1.25*dist)+1)
}

// estimate returns the next probe inside the bracket: the secant's guess
// when it falls inside, the midpoint otherwise.
func (s *staffingSearch) estimate() int {
	if x, ok := s.secant(); ok && x > float64(s.fail) && x < float64(s.pass) {
		return max(s.fail+1, min(s.pass-1, int(math.Ceil(x))))
	}
	return s.fail + (s.pass-s.fail)/2
}

// staffingScale maps a metric to a scale on which it is nearly linear in
// the number of agents: waits and tail probabilities fall about
// exponentially (log, logit), and the service level is an S-curve (logit).
func staffingScale(metric string, v float64) float64 {
	if metric == MetricASA {
		return math.Log(v)
	}
	return math.Log(v / (1 - v))
}

// erlangBTable holds 1/B(load, n) for n = 0, 1, …, grown on demand, so that
// a staffing search pays for the Erlang B recursion once.
type erlangBTable struct {
	load float64
	invs []float64
}

// newErlangBTable sizes the table for a search that starts near guess, so
// that it is allocated once.
func newErlangBTable(load float64, guess int) *erlangBTable {
	invs := make([]float64, 1, min(MaxAgents, 2*guess+64)+1)
	invs[0] = 1
	return &erlangBTable{load: load, invs: invs}
}

// inv returns 1/B(load, n). The load must be positive.
func (t *erlangBTable) inv(n int) float64 {
	inv := t.invs[len(t.invs)-1]
	for k := len(t.invs); k <= n; k++ {
		inv = erlangBStep(inv, k, t.load)
		t.invs = append(t.invs, inv)
	}
	return t.invs[n]
}
