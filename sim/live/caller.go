package live

import (
	"context"
	"math"
	"sync"
	"time"

	"github.com/ivrsim/ivrsim/sim"
)

// CallerLeg is the caller's side of one answered live call.
type CallerLeg interface {
	// Events delivers the IVR's progress reports.
	Events() <-chan Event
	// Press sends one DTMF digit.
	Press(digit byte) error
	// HangUp ends the call from the caller's side.
	HangUp()
	// Ended delivers how the IVR ended the call, once, if it did.
	Ended() <-chan End
	// Reports says whether the IVR reports the call's progress (Events).
	// Without reports the caller follows the design by its own clock.
	Reports() bool
}

// End is the IVR's report of how a call ended: the X-Ivrsim-Node and
// X-Ivrsim-Outcome headers of its BYE (empty when it did not say).
type End struct {
	Node    string
	Outcome Outcome
}

// Trust keeps each customer's trust in automation across their contacts,
// as the engine does: per customer with a customer base, else per issue.
// It is safe for concurrent use.
type Trust struct {
	mu   sync.Mutex
	plan *sim.Plan
	m    map[int64]float64
}

// NewTrust starts every customer at their segment's prior.
func NewTrust(p *sim.Plan) *Trust { return &Trust{plan: p, m: map[int64]float64{}} }

func trustKey(c sim.Caller) int64 {
	if c.Customer >= 0 {
		return int64(c.Customer)
	}
	return -1 - int64(c.Index)
}

func (t *Trust) get(c sim.Caller) float64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	if v, ok := t.m[trustKey(c)]; ok {
		return v
	}
	return t.plan.PriorTrust(c.Segment)
}

func (t *Trust) learn(c sim.Caller, success bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	v, ok := t.m[trustKey(c)]
	if !ok {
		v = t.plan.PriorTrust(c.Segment)
	}
	t.m[trustKey(c)] = t.plan.Learn(v, success)
}

// Flow is what a live caller knows of the design it calls: its nodes and
// the digits of each menu's options.
type Flow struct {
	Plan  *sim.Plan
	Nodes []sim.NodeInfo
	Keys  [][]string
	index map[string]int
}

// NewFlow describes plan p with option keys by node and option.
func NewFlow(p *sim.Plan, keys [][]string) *Flow {
	f := &Flow{Plan: p, Nodes: p.Nodes(), Keys: keys, index: map[string]int{}}
	for i, n := range f.Nodes {
		f.index[n.Name] = i
	}
	return f
}

// CallResult is what the caller observed of one answered call. Times are
// model seconds.
type CallResult struct {
	Outcome     Outcome
	EndNode     string
	IVRTime     float64
	Wait        float64
	Talk        float64
	Answered    bool    // reached an agent
	Answer      float64 // from first joining a queue to the first agent, virtual agent included (what ASA averages)
	Digits      int
	Unsent      int // digits the call could not carry (the peer takes no DTMF events)
	Interrupted bool
}

// RunCaller plays contact k's part in an answered call until it ends:
// it presses the digits the model chooses, waits as patient as the model
// says and hangs up when patience runs out. scale is wall seconds per
// model second.
func RunCaller(ctx context.Context, leg CallerLeg, f *Flow, k *sim.Contact, trust *Trust, scale float64) CallResult {
	r := &callerRun{leg: leg, f: f, k: k, trust: trust, scale: scale, node: -1, phaseAt: time.Now()}
	if !leg.Reports() {
		return r.script(ctx)
	}
	return r.run(ctx)
}

type callerPhase uint8

const (
	inIVR callerPhase = iota
	inQueue
	withAgent
)

type callerRun struct {
	leg   CallerLeg
	f     *Flow
	k     *sim.Contact
	trust *Trust
	scale float64
	res   CallResult

	node    int
	phase   callerPhase
	phaseAt time.Time

	offered bool // self-service offered at this node
	session bool // going through self-service
	forced  bool

	joinedHere bool      // joined the current queue
	queuedAt   time.Time // first joined a queue; zero before
	patience   float64
	deadline   *time.Timer
	vaFrom     time.Time // with the virtual agent since; zero when not
	pace       float64
}

// close ends the current phase, adding its time to the result.
func (r *callerRun) closePhase(now time.Time) {
	d := unscaled(now.Sub(r.phaseAt), r.scale)
	switch r.phase {
	case inIVR:
		r.res.IVRTime += d
	case inQueue:
		r.res.Wait += d
	case withAgent:
		r.res.Talk += d
	}
	r.phaseAt = now
}

func (r *callerRun) press(d byte) {
	if r.leg.Press(d) == nil {
		r.res.Digits++
	} else {
		r.res.Unsent++
	}
}

func (r *callerRun) hangUp(out Outcome) CallResult {
	r.closePhase(time.Now())
	r.leg.HangUp()
	r.res.Outcome = out
	if r.node >= 0 {
		r.res.EndNode = r.f.Nodes[r.node].Name
	}
	return r.res
}

func (r *callerRun) abandon() CallResult {
	if r.phase == inQueue {
		if !r.vaFrom.IsZero() {
			r.trust.learn(r.k.Caller(), false)
			used := unscaled(time.Since(r.vaFrom), r.scale)
			r.res.IVRTime += used
			r.res.Wait -= used
		}
		return r.hangUp(OutcomeQueueAbandon)
	}
	return r.hangUp(OutcomeIVRAbandon)
}

func (r *callerRun) stopPatience() {
	if r.deadline != nil {
		r.deadline.Stop()
		r.deadline = nil
	}
}

func (r *callerRun) run(ctx context.Context) CallResult {
	defer r.stopPatience()
	who := r.k.Caller()
	for {
		var expired <-chan time.Time
		if r.deadline != nil {
			expired = r.deadline.C
		}
		select {
		case ev := <-r.leg.Events():
			if done, res := r.event(ev, who); done {
				return res
			}
		case <-expired:
			r.deadline = nil
			return r.abandon()
		case end := <-r.leg.Ended():
			now := time.Now()
			r.closePhase(now)
			if !r.vaFrom.IsZero() {
				// Ended while with the virtual agent: that time was IVR
				// time, not hold.
				used := unscaled(now.Sub(r.vaFrom), r.scale)
				r.res.IVRTime += used
				r.res.Wait -= used
			}
			r.res.Outcome, r.res.EndNode = end.Outcome, end.Node
			if end.Outcome == OutcomeContained {
				if r.session {
					r.k.AutomationDone()
					r.trust.learn(who, !r.forced)
				} else if !r.vaFrom.IsZero() {
					r.trust.learn(who, true)
				}
			}
			return r.res
		case <-ctx.Done():
			res := r.hangUp(OutcomeFailed)
			res.Interrupted = true
			return res
		}
	}
}

// event reacts to one progress report; done reports that the caller hung
// up.
func (r *callerRun) event(ev Event, who sim.Caller) (bool, CallResult) {
	now := time.Now()
	node, known := r.f.index[ev.Node]
	if !known {
		return false, CallResult{}
	}
	if node != r.node {
		if r.session {
			// Self-service ended without resolving the issue.
			r.k.AutomationDone()
			r.trust.learn(who, false)
			r.session = false
		}
		r.node = node
		r.offered = false
		r.joinedHere = false
		r.k.EnterNode()
	}
	n := &r.f.Nodes[node]
	switch ev.Kind {
	case EventEnter:
		r.closePhase(now)
		r.phase = inIVR
	case EventInput:
		switch n.Kind {
		case sim.KindMenu:
			a := r.k.Menu(node)
			switch {
			case a.HangUp:
				return true, r.hangUp(OutcomeIVRAbandon)
			case a.Option >= 0:
				if key := r.f.Keys[node][a.Option]; len(key) == 1 {
					r.press(key[0])
				}
			case a.ZeroOut:
				r.press('0')
			default:
				// The caller waits for the menu to replay, as the model
				// says; # asks for the replay at once, so a live IVR's
				// no-input timeout does not add to the model's time.
				r.press('#')
			}
		case sim.KindSelfService:
			if !r.offered {
				r.offered = true
				if r.k.Engage(r.trust.get(who)) {
					r.forced, r.session = false, true
					r.press('1')
					return false, CallResult{}
				}
			}
			zeroOut, hang := r.k.Reluctant(node)
			switch {
			case hang:
				r.trust.learn(who, false)
				return true, r.hangUp(OutcomeIVRAbandon)
			case zeroOut:
				r.press('0')
			default:
				r.forced, r.session = true, true
				r.press('1')
			}
		}
	case EventQueued:
		if r.queuedAt.IsZero() {
			r.queuedAt = now
		}
		r.closePhase(now)
		r.phase = inQueue
		r.joinedHere = true
		r.patience = r.k.Join()
		if n.Announce && !ev.Transfer {
			balk, pace := r.k.Announced(ev.ExpectedWait)
			if balk {
				return true, r.hangUp(OutcomeQueueAbandon)
			}
			r.patience *= pace
		}
		deadline := r.patience
		if ev.Assist && n.Assist != nil && r.k.EngageAssist(r.trust.get(who), node) {
			r.press('1')
			r.vaFrom = now
			r.pace = n.Assist.Pace
			if r.pace > 0 {
				deadline = r.patience / r.pace
			} else {
				deadline = math.Inf(1)
			}
		}
		r.arm(deadline)
	case EventAssistDone:
		if !r.vaFrom.IsZero() {
			r.k.AutomationDone()
			r.trust.learn(who, false)
			used := unscaled(now.Sub(r.vaFrom), r.scale)
			r.res.IVRTime += used
			r.res.Wait -= used // counted back when the queue phase closes
			r.vaFrom = time.Time{}
			r.arm(r.patience - r.pace*used)
		}
	case EventAgent:
		if !r.joinedHere {
			r.k.Join() // served at once: the join still counts
		}
		r.stopPatience()
		r.closePhase(now)
		if !r.vaFrom.IsZero() {
			used := unscaled(now.Sub(r.vaFrom), r.scale)
			r.res.IVRTime += used
			r.res.Wait -= used
			r.vaFrom = time.Time{}
		}
		r.phase = withAgent
		if !r.res.Answered && !r.queuedAt.IsZero() {
			r.res.Answer = unscaled(now.Sub(r.queuedAt), r.scale)
		}
		r.res.Answered = true
		r.joinedHere = false
	}
	return false, CallResult{}
}

// arm starts the patience clock: the caller hangs up after model seconds
// d unless an agent answers first.
func (r *callerRun) arm(d float64) {
	r.stopPatience()
	if math.IsInf(d, 1) {
		return
	}
	r.deadline = time.NewTimer(scaled(max(0, d), r.scale))
}
