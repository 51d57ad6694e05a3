package sim

import (
	"context"
	"math"
	"math/rand/v2"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/results"
)

// engine is one replication of one plan in progress. It is single-threaded
// and deterministic: the same plan, seed and replication always produce the
// same tally.
type engine struct {
	p     *Plan
	rs    *streams
	q     *eventCalendar
	now   float64
	tally *results.Tally

	contacts     []contact
	freeContacts []int32
	issues       []issue
	freeIssues   []int32
	groups       []groupState
	trust        []float64 // per customer; NaN until first contact
	inSystem     int

	// Fresh arrivals are generated one ahead, outside the event queue:
	// nextArrival is the time of the next one, +Inf when there is none.
	arrRand     *rand.Rand
	arrCell     int
	arrT        float64
	nextArrival float64
	ordinal     uint64
	cellRate    []float64 // fresh-arrival rate per cell of the horizon
	perDay      int
	interval    float64
	perInterval float64 // 1 / interval
	nCells      int
	calls       int64

	flows *results.Flows
	// trace, when set, receives every finished contact.
	trace  func(*results.ContactRecord)
	record results.ContactRecord
	rep    int
	// probe, when set, samples the contacts in the system (see probe.go).
	probe *probe

	// Replay state (see replay.go): the next recorded contact, the one
	// arriving now, and each contact slot's record.
	replayNext int
	replaying  *replayContact
	replayOf   []*replayContact
}

// Replicate runs replication rep of plan p with seed and returns its tally
// and the number of contacts simulated. It checks ctx now and then and
// returns ctx's error if it is cancelled. If trace is not nil it receives
// every contact as it ends (the record is reused: copy what you keep).
func Replicate(ctx context.Context, p *Plan, seed uint64, rep int, trace func(*results.ContactRecord)) (*results.Tally, int64, error) {
	e := newEngine(p, seed, rep)
	e.trace = trace
	if err := e.run(ctx); err != nil {
		return nil, e.calls, err
	}
	return e.tally, e.calls, nil
}

func newEngine(p *Plan, seed uint64, rep int) *engine {
	e := &engine{
		p:        p,
		rs:       newStreams(seed, rep),
		tally:    results.NewTally(p.Layout),
		perDay:   p.Layout.IntervalsPerDay(),
		interval: p.Layout.Interval,
		rep:      rep,
	}
	e.perInterval = 1 / e.interval
	e.tally.Flows = results.NewFlows(p.NodeNames())
	e.flows = e.tally.Flows
	e.nCells = p.Layout.Days * e.perDay
	e.arrRand = e.rs.sequential(pArrivals)
	e.cellRate = make([]float64, e.nCells)
	for d := range p.Layout.Days {
		busy := busyness(e.rs.at(e.rs.key(uint64(d)), pDayBusyness, 0), p.dayBusyness)
		for i := range e.perDay {
			k := d*e.perDay + i
			r := p.rateOn(d, i) * p.dayFactors[d] * busy
			if r > 0 && p.intervalBusyness != nil {
				r *= busyness(e.rs.at(e.rs.key(uint64(k)), pIntervalBusyness, 0), p.intervalBusyness)
			}
			e.cellRate[k] = r
		}
	}
	e.q = newEventCalendar(calendarSize(peak(e.cellRate), p.pendingSpan()))
	if p.customers > 0 {
		e.trust = make([]float64, p.customers)
		for i := range e.trust {
			e.trust[i] = math.NaN()
		}
	}
	e.groups = make([]groupState, len(p.groups))
	for g := range e.groups {
		e.groups[g].acct = &e.tally.Discard
		e.groups[g].costSec = p.groups[g].costSec
	}
	return e
}

// busyness draws how much busier than its profile a day (or an interval)
// is: a gamma factor with mean 1, or exactly 1 without over-dispersion.
func busyness(r *rand.Rand, g models.Dist) float64 {
	if g == nil {
		return 1
	}
	return g.Sample(r)
}

func (e *engine) run(ctx context.Context) error {
	// Interval boundaries set staffing and split agent time by cell; the
	// warm-up gets its own boundary unless it falls on one.
	for k := 0; k <= e.nCells; k++ {
		e.q.push(float64(k)*e.interval, evBoundary, int32(k))
	}
	if w := e.p.warmup; w > 0 && w < e.p.horizon && math.Mod(w, e.interval) != 0 {
		e.q.push(w, evWarmupEnd, 0)
	}
	if e.p.replay != nil {
		e.scheduleReplay()
		e.scheduleStaffSteps()
	} else {
		e.scheduleArrival()
	}

	for n := 0; ; n++ {
		if n&0xffff == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		// A fresh arrival goes first when it ties with an event: it was
		// drawn before anything scheduled at the same time.
		ev, ok := e.q.popBefore(e.nextArrival)
		if !ok {
			if math.IsInf(e.nextArrival, 1) {
				break
			}
			e.now = e.nextArrival
			if e.p.replay != nil {
				e.replayArrival()
				e.scheduleReplay()
				continue
			}
			e.freshArrival()
			e.scheduleArrival()
			continue
		}
		e.now = ev.t
		ref := ev.ref()
		switch ev.kind() {
		case evRetry:
			e.arrive(ref)
		case evBoundary:
			e.boundary(int(ref))
		case evWarmupEnd:
			e.boundary(-1)
		case evStep:
			e.stepDone(ref)
		case evPatience:
			// Stale unless the contact still waits with this deadline.
			if c := &e.contacts[ref]; c.phase == phaseQueued && c.deadline == ev.t {
				e.patienceOut(ref)
			}
		case evAssistDone:
			if c := &e.contacts[ref]; c.phase == phaseQueued && c.engTo == ev.t {
				e.assistDone(ref)
			}
		case evServiceDone:
			e.serviceDone(ref)
		case evWrapupDone:
			e.agentFree(int(ref&(1<<agentShift-1)), ref>>agentShift)
		case evProbe:
			e.probeTick()
		case evStaffStep:
			e.staffStep(int(ref))
		}
	}
	for g := range e.groups {
		e.flush(&e.groups[g])
	}
	return nil
}

// peak is the largest of rates.
func peak(rates []float64) float64 {
	m := 0.0
	for _, r := range rates {
		m = max(m, r)
	}
	return m
}

// scheduleArrival draws the next fresh arrival of the non-homogeneous
// Poisson process by inversion: one unit exponential of "rate mass",
// spent across cells of piecewise-constant rate.
func (e *engine) scheduleArrival() {
	mass := e.arrRand.ExpFloat64()
	for e.arrCell < e.nCells {
		end := float64(e.arrCell+1) * e.interval
		if r := e.cellRate[e.arrCell]; r > 0 {
			if t := e.arrT + mass/r; t < end {
				e.arrT = t
				e.nextArrival = t
				return
			}
			mass -= r * (end - e.arrT)
		}
		e.arrT = end
		e.arrCell++
	}
	e.nextArrival = math.Inf(1)
}

// cellAt is where a contact arriving now is counted: its interval's cell,
// or the discard pile during the warm-up and after the horizon.
func (e *engine) cellAt(t float64) (*results.Counters, bool) {
	if t < e.p.warmup {
		return &e.tally.Discard, false
	}
	k := int(t * e.perInterval)
	if k >= e.nCells {
		return &e.tally.Discard, false
	}
	return &e.tally.Cells[k], true
}

// boundary starts cell k (or, with k = −1, ends the warm-up).
func (e *engine) boundary(k int) {
	for g := range e.groups {
		gs := &e.groups[g]
		e.flush(gs)
		gs.acct, _ = e.cellAt(e.now)
		if k < 0 || k >= e.nCells {
			continue
		}
		e.setStaffing(g, e.p.groups[g].agentsAt(k, e.perDay))
	}
}
