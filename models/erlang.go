package models

import "math"

// MaxAgents is the largest number of agents (or lines) the analytic
// calculators and the staffing search consider. It is far above any real
// contact centre; it bounds the work a mistyped target can cause.
const MaxAgents = 100000

// Performance is the steady-state behaviour of one queue staffed by Agents
// agents, in the metric definitions the simulation uses, so an analytic
// figure and a simulated one can be compared directly.
//
// All probabilities are shares of arrivals unless the name says otherwise.
type Performance struct {
	// Agents is the number of agents serving the queue.
	Agents int
	// Load is the offered load in Erlangs: arrival rate times mean handle
	// time.
	Load float64
	// Within is the service-level threshold, in seconds, that ServiceLevel
	// was computed for.
	Within float64

	// PWait is the probability that an arrival finds every agent busy and
	// so has to wait (P(wait > 0)).
	PWait float64
	// PAbandon is the probability that an arrival hangs up before an agent
	// answers. It is 0 in Erlang C, whose callers never abandon.
	PAbandon float64
	// ASA is the average speed of answer: the mean wait, in seconds, of
	// the calls that are answered. Abandoned calls do not count. It is
	// +Inf when the queue is unstable, and NaN when no call can be
	// answered at all (Erlang A with no agents).
	ASA float64
	// MeanWait is the mean wait, in seconds, over all arrivals, abandoned
	// ones included (for them, the time until they hung up).
	MeanWait float64
	// PWaitAnswered is the probability that an answered call had to wait
	// (P(wait > 0 | answered)). NaN when no call can be answered.
	PWaitAnswered float64
	// ServiceLevel is the share of arrivals answered within Within seconds:
	// P(wait ≤ Within and answered). Calls that abandon count against it,
	// however early they hung up.
	ServiceLevel float64
	// Occupancy is the share of staffed time agents spend serving calls:
	// answered load divided by agents.
	Occupancy float64
	// Stable reports whether the queue reaches a steady state. An Erlang C
	// queue with no more agents than Erlangs of load grows without bound;
	// its figures are then the limits (every call waits, forever), not
	// averages. Erlang A queues are always stable: abandonment bounds them.
	Stable bool
}

// ErlangB returns the probability that a call offered load Erlangs of
// traffic finds all of lines trunks busy and is blocked (the M/M/N/N loss
// system). It is exact for any number of lines: it runs the recursion
// 1/B(n) = 1 + n/(load·B(n−1)) upward from B(0) = 1, a sum of positive
// terms that loses no precision; its only overflow, to +Inf, stands for a
// blocking probability below the smallest float64, returned as 0.
//
// Preconditions: load ≥ 0 and finite, lines ≥ 0. With no lines every call
// is blocked (1); with no load none is (0).
func ErlangB(load float64, lines int) float64 {
	if lines <= 0 {
		return 1
	}
	if !(load > 0) {
		return 0
	}
	return 1 / invErlangB(load, lines)
}

// invErlangB returns 1/B(load, n). It grows like n!/loadⁿ and may overflow
// to +Inf, which correctly stands for a blocking probability below the
// smallest float64. load must be positive.
func invErlangB(load float64, n int) float64 {
	inv := 1.0
	for k := 1; k <= n; k++ {
		inv = erlangBStep(inv, k, load)
	}
	return inv
}

// erlangBStep returns 1/B(k) from 1/B(k−1). The fused multiply-add keeps
// the recursion's critical path to one instruction and rounds once.
func erlangBStep(inv float64, k int, load float64) float64 {
	return math.FMA(float64(k)/load, inv, 1)
}

// ErlangC returns the probability that a call to an M/M/N queue with load
// Erlangs and agents agents has to wait (Erlang's C formula). When the
// queue is unstable (agents ≤ load) every call eventually waits, so the
// result is 1.
//
// Preconditions: load ≥ 0 and finite, agents ≥ 0.
func ErlangC(load float64, agents int) float64 {
	if !(load > 0) {
		if agents <= 0 {
			return 1
		}
		return 0
	}
	if float64(agents) <= load {
		return 1
	}
	return erlangCWait(load, agents, invErlangB(load, agents-1))
}

// erlangCWait is Erlang C from 1/B(load, agents−1). Written as
// 1/C = 1 + (1 − ρ)·(1/B(N) − 1) with 1/B(N) − 1 = (N/load)/B(N−1), every
// term is positive and no precision is lost near ρ = 1 or far from it.
// Requires 0 < load < agents.
func erlangCWait(load float64, agents int, invBPrev float64) float64 {
	q := erlangCOdds(load, agents, invBPrev)
	return 1 / (1 + q)
}

// erlangCOdds returns (1 − C)/C, the odds of being answered at once.
func erlangCOdds(load float64, agents int, invBPrev float64) float64 {
	n := float64(agents)
	r := n / load * invBPrev // 1/B(N) − 1
	return (n - load) / n * r
}

// ErlangCPerformance returns the steady state of an M/M/N queue (Poisson
// arrivals, exponential handle times, callers who never hang up): rate is
// the arrival rate per second, aht the mean handle time in seconds, and
// within the service-level threshold in seconds.
//
// With agents ≤ load the queue is unstable: PWait is 1, ASA and MeanWait
// are +Inf, ServiceLevel is 0, Occupancy is 1 (0 with no agents at all)
// and Stable is false. No field is ever NaN.
//
// Preconditions: rate ≥ 0, aht > 0, within ≥ 0, all finite; agents ≥ 0.
func ErlangCPerformance(rate, aht float64, agents int, within float64) Performance {
	load := rate * aht
	if load > 0 && float64(agents) > load {
		return erlangCStable(rate, aht, agents, within, invErlangB(load, agents-1))
	}
	p := Performance{Agents: agents, Load: load, Within: within}
	if agents > 0 && !(load > 0) {
		// Nothing arrives: nobody waits and every (hypothetical) call is
		// answered at once.
		p.ServiceLevel = 1
		p.Stable = true
		return p
	}
	p.PWait, p.PWaitAnswered = 1, 1
	p.ASA, p.MeanWait = math.Inf(1), math.Inf(1)
	if agents > 0 {
		p.Occupancy = 1
	}
	return p
}

// erlangCStable evaluates a stable M/M/N queue from 1/B(load, agents−1),
// so that a staffing search can reuse one table of Erlang B values.
func erlangCStable(rate, aht float64, agents int, within float64, invBPrev float64) Performance {
	load := rate * aht
	n := float64(agents)
	q := erlangCOdds(load, agents, invBPrev)
	c, answeredAtOnce := 1/(1+q), q/(1+q)
	if math.IsInf(q, 1) {
		c, answeredAtOnce = 0, 1
	}
	// The wait of a call that waits is exponential with rate Nμ − λ.
	drain := (n - load) / aht
	asa := c / drain
	// SL = 1 − C·e^{−(Nμ−λ)t}. When that is small it is summed as
	// (1 − C) + C·(1 − e^{−(Nμ−λ)t}), two positive terms, so it keeps its
	// digits; when it is near 1 the direct form rounds monotonically in N.
	late := c * math.Exp(-drain*within)
	sl := 1 - late
	if late > 0.5 {
		sl = answeredAtOnce - c*math.Expm1(-drain*within)
	}
	return Performance{
		Agents:        agents,
		Load:          load,
		Within:        within,
		PWait:         c,
		ASA:           asa,
		MeanWait:      asa,
		PWaitAnswered: c,
		ServiceLevel:  math.Min(sl, 1),
		Occupancy:     load / n,
		Stable:        true,
	}
}
