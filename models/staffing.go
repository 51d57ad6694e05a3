package models

import (
	"fmt"
	"math"
)

// Staffing finds the smallest number of agents (or lines) that meets a
// target. Every metric here is monotone in the number of agents — more
// agents never lengthen waits, raise abandonment or blocking, or lower the
// service level — so the set of staffings that meet a target is "N and
// above". The search gallops from a first guess and then bisects, so it
// evaluates the model O(log N) times; each evaluation is O(1) given a table
// of Erlang B values that is grown once, so the whole search is O(N).

// StaffErlangB returns the smallest number of lines, at least 1, whose
// blocking probability under load Erlangs meets target, which must be a
// ceiling on MetricBlocking ("blocking <= 0.01").
func StaffErlangB(load float64, target Target) (int, error) {
	if err := checkStaffingInputs(load, 1, math.Inf(1)); err != nil {
		return 0, err
	}
	if target.Metric != MetricBlocking {
		return 0, fmt.Errorf("target %s: the Erlang B model only predicts blocking; write e.g. blocking <= 0.01", target)
	}
	if err := checkDirection(target); err != nil {
		return 0, err
	}
	table := newErlangBTable(load, 1)
	return smallestMeeting(target, 1, 1, stepFor(load), func(n int) bool {
		if !(load > 0) {
			return target.Met(0)
		}
		return target.Met(1 / table.inv(n))
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
	return smallestMeeting(target, lo, lo, stepFor(load), func(n int) bool {
		var p Performance
		if load > 0 {
			p = erlangCStable(rate, aht, n, target.Within, table.inv(n-1))
		} else {
			p = ErlangCPerformance(rate, aht, n, target.Within)
		}
		v, _ := p.Value(target.Metric)
		return target.Met(v)
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
	return smallestMeeting(target, 1, guess, stepFor(load), func(n int) bool {
		var p Performance
		if load > 0 {
			p = erlangAEval(rate, aht, patience, n, within, table.inv(n-1))
		} else {
			p = ErlangAPerformance(rate, aht, patience, n, within)
		}
		v, _ := p.Value(target.Metric)
		return target.Met(v)
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
	case MetricASA, MetricPAbandon, MetricPWait, MetricOccupancy:
	case MetricBlocking:
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

// smallestMeeting returns the smallest n in [lo, MaxAgents] with met(n),
// for a met that is false below some n and true from it on. It gallops
// away from guess (≥ lo) with steps that start at step and double, to
// bracket the change, then bisects.
func smallestMeeting(t Target, lo, guess, step int, met func(n int) bool) (int, error) {
	guess = max(lo, min(guess, MaxAgents))
	step = max(1, step)
	var fail, pass int // met(fail) is false (or fail = lo−1), met(pass) is true
	if met(guess) {
		pass, fail = guess, lo-1
		for ; pass > lo; step *= 2 {
			n := max(lo, pass-step)
			if !met(n) {
				fail = n
				break
			}
			pass = n
		}
	} else {
		fail = guess
		for ; ; step *= 2 {
			if fail == MaxAgents {
				return 0, fmt.Errorf("no staffing of up to %d meets %s: either the load needs more, or the target cannot be reached at all (a service level of 100%%, or an ASA or abandonment of 0, never is)", MaxAgents, t)
			}
			n := min(MaxAgents, fail+step)
			if met(n) {
				pass = n
				break
			}
			fail = n
		}
	}
	for pass-fail > 1 {
		mid := fail + (pass-fail)/2
		if met(mid) {
			pass = mid
		} else {
			fail = mid
		}
	}
	return pass, nil
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
