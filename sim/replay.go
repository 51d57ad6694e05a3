package sim

import (
	"fmt"
	"math"
	"slices"
)

// Replay drives a plan with recorded contacts instead of its own arrivals
// and times: the records' arrival times, segments and intents, time in
// the IVR (and whether the caller hung up there) and agents' talk times,
// and optionally the staffing observed. What the model must still predict
// — who waits, who abandons the queue and after how long — comes from the
// plan. This separates model error from forecast error: a model that
// fails a replay is wrong, one that fails only the forecast has wrong
// inputs.
//
// In a replay the design's IVR is skipped: each contact spends its
// recorded IVR time, then hangs up if it did so in the records or joins
// the design's first queue. Redials and repeat contacts are not generated:
// the records hold them as contacts of their own.
type Replay struct {
	// Contacts in order of arrival.
	Contacts []ReplayContact
	// Staffing, when set, replaces every group's schedule: agents per
	// cell of the plan's layout (day × interval), for a plan with one
	// agent group. A fraction is honoured, not rounded: 5.4 agents are 6
	// for the first 40% of the interval and 5 for the rest.
	Staffing []float64
}

// ReplayContact is one recorded contact.
type ReplayContact struct {
	// Arrival is in seconds from the start of day 1.
	Arrival         float64
	Segment, Intent string
	// Issue and Attempt key the contact's random draws; a simulated
	// contact replayed with its own issue and attempt draws what it drew
	// in the simulation.
	Issue   uint64
	Attempt int
	// IVRTime is the time in the IVR (NaN: none); IVRAbandoned says the
	// caller hung up there instead of joining the queue.
	IVRTime      float64
	IVRAbandoned bool
	// Handle is the agent's talk time when the records have it (NaN
	// otherwise: drawn from the plan).
	Handle float64
}

// replayPlan is a Replay compiled against a plan.
type replayPlan struct {
	contacts []replayContact
	queue    int // the node replayed contacts join
	// step and whole give, per cell, when within the interval (a share of
	// it) a fractional staffing drops to its whole part; step is 0 for
	// whole staffing.
	step  []float64
	whole []int
}

type replayContact struct {
	arrival         float64
	segment, intent int32
	issue           uint64
	attempt         int32
	ivrTime, handle float64
	ivrAbandoned    bool
}

// WithReplay returns a copy of the plan driven by r.
func (p *Plan) WithReplay(r *Replay) (*Plan, error) {
	q := *p
	rp := &replayPlan{queue: -1}
	for i, n := range p.nodes {
		if n.kind == nodeQueue {
			rp.queue = i
			break
		}
	}
	if rp.queue < 0 {
		return nil, fmt.Errorf("design %q has no queue for the replayed contacts to join", p.Design)
	}
	segs := map[string]int32{}
	for i, s := range p.segments {
		segs[s.name] = int32(i)
	}
	ints := map[string]int32{}
	for i, in := range p.intents {
		ints[in.name] = int32(i)
	}
	last := math.Inf(-1)
	for i, c := range r.Contacts {
		s, ok := segs[c.Segment]
		if !ok && len(p.segments) == 1 {
			s, ok = 0, true
		}
		if !ok {
			return nil, fmt.Errorf("contact %d: segment %q is not one of the scenario's (%d segments)", i+1, c.Segment, len(p.segments))
		}
		in, ok := ints[c.Intent]
		if !ok {
			return nil, fmt.Errorf("contact %d: intent %q is not one of the scenario's", i+1, c.Intent)
		}
		if c.Arrival < last {
			return nil, fmt.Errorf("contact %d arrives at %gs, before the one ahead of it: contacts must be in order of arrival", i+1, c.Arrival)
		}
		last = c.Arrival
		rp.contacts = append(rp.contacts, replayContact{
			arrival: c.Arrival, segment: s, intent: in, issue: c.Issue, attempt: int32(c.Attempt),
			ivrTime: c.IVRTime, handle: c.Handle, ivrAbandoned: c.IVRAbandoned,
		})
	}
	if r.Staffing != nil {
		if len(p.groups) != 1 {
			return nil, fmt.Errorf("observed staffing is one count of agents; the scenario has %d agent groups", len(p.groups))
		}
		perDay := p.Layout.IntervalsPerDay()
		if len(r.Staffing) != p.Layout.Days*perDay {
			return nil, fmt.Errorf("observed staffing has %d cells for a layout of %d", len(r.Staffing), p.Layout.Days*perDay)
		}
		q.groups = slices.Clone(p.groups)
		g := &q.groups[0]
		g.dayStaffing = make([][]int, p.Layout.Days)
		rp.step = make([]float64, len(r.Staffing))
		rp.whole = make([]int, len(r.Staffing))
		for d := range g.dayStaffing {
			g.dayStaffing[d] = make([]int, perDay)
			for i := range perDay {
				k := d*perDay + i
				x := r.Staffing[k]
				if !(x >= 0) || x > 1e6 {
					return nil, fmt.Errorf("observed staffing %g in cell %d: want 0 or more agents", x, k)
				}
				w := math.Floor(x)
				rp.whole[k] = int(w)
				g.dayStaffing[d][i] = int(w)
				if f := x - w; f > 1e-9 {
					rp.step[k] = f
					g.dayStaffing[d][i] = int(w) + 1
				}
			}
		}
	}
	q.replay = rp
	return &q, nil
}

// scheduleStaffSteps schedules, in each cell with a fractional observed
// staffing, the drop to its whole part.
func (e *engine) scheduleStaffSteps() {
	for k, f := range e.p.replay.step {
		if f > 0 {
			e.q.push((float64(k)+f)*e.interval, evStaffStep, int32(k))
		}
	}
}

// staffStep drops cell k's staffing to its whole part.
func (e *engine) staffStep(k int) {
	e.flush(&e.groups[0])
	e.setStaffing(0, e.p.replay.whole[k])
}

// scheduleReplay sets the next replayed arrival.
func (e *engine) scheduleReplay() {
	if e.replayNext < len(e.p.replay.contacts) {
		e.nextArrival = e.p.replay.contacts[e.replayNext].arrival
		return
	}
	e.nextArrival = math.Inf(1)
}

// replayArrival starts the next replayed contact: its issue carries the
// recorded segment and intent, and its draws the recorded identity.
func (e *engine) replayArrival() {
	rc := &e.p.replay.contacts[e.replayNext]
	e.replayNext++
	slot := e.newIssue()
	is := &e.issues[slot]
	is.ordinal = rc.issue
	is.first = e.now
	is.customer = -1
	is.segment = rc.segment
	is.intent = rc.intent
	is.trust = e.p.segments[rc.segment].trust
	is.attempts = rc.attempt
	e.replaying = rc
	e.arrive(slot)
	e.replaying = nil
}

// replayIVR keeps a replayed contact in the IVR for its recorded time.
func (e *engine) replayIVR(s int32, rc *replayContact) {
	c := &e.contacts[s]
	t := rc.ivrTime
	if math.IsNaN(t) || t < 0 {
		t = 0
	}
	c.ivrTime += t
	c.phase = phaseReplayIVR
	for len(e.replayOf) <= int(s) {
		e.replayOf = append(e.replayOf, nil)
	}
	e.replayOf[s] = rc
	e.q.push(e.now+t, evStep, s)
}

// replayAfterIVR: the contact hangs up as recorded, or joins the queue.
func (e *engine) replayAfterIVR(s int32) {
	rc := e.replayOf[s]
	if rc.ivrAbandoned {
		e.finish(s, outcomeIVRAbandon, false)
		return
	}
	e.goTo(s, e.p.replay.queue)
}

// replayHandle is the recorded talk time of contact s's first
// conversation, or NaN.
func (e *engine) replayHandle(s int32, c *contact) float64 {
	if e.p.replay == nil || c.nServices > 0 || int(s) >= len(e.replayOf) || e.replayOf[s] == nil {
		return math.NaN()
	}
	return e.replayOf[s].handle
}
