package sim

import (
	"math"
	"math/rand/v2"

	"github.com/ivrsim/ivrsim/models"
)

// This file exposes the caller model to executors other than the engine:
// the live harness places the same callers as real calls and a live IVR
// runs a design in real time. Every draw here is keyed exactly as the
// engine keys it, so caller k of a live run is caller k of the simulated
// replication with the same seed.

// Population yields the fresh callers of one replication of a plan, in
// arrival order: the same issues, arriving at the same simulated times,
// with the same customers, segments and intents as the engine draws.
// A Population is not safe for concurrent use; the Contacts it returns are
// independent of it and of each other.
type Population struct {
	e *engine
}

// NewPopulation starts the fresh arrivals of replication rep of plan p
// with seed.
func NewPopulation(p *Plan, seed uint64, rep int) *Population {
	e := newEngine(p, seed, rep)
	e.scheduleArrival()
	return &Population{e: e}
}

// Caller is a fresh issue and who has it: the k-th fresh arrival of a
// replication.
type Caller struct {
	// Index is k, the ordinal: the identity behind its draws.
	Index uint64
	// Arrival is the simulated time of the first contact, seconds from the
	// start of day 1.
	Arrival float64
	// Customer is the customer's index in the base, −1 without one.
	Customer int
	// Segment and Intent index the plan's segments and intents.
	Segment, Intent int
}

// Next returns the next fresh caller, or false once the horizon has no
// more arrivals.
func (pp *Population) Next() (Caller, bool) {
	e := pp.e
	if math.IsInf(e.nextArrival, 1) {
		return Caller{}, false
	}
	c := pp.At(e.ordinal)
	c.Arrival = e.nextArrival
	e.ordinal++
	e.scheduleArrival()
	return c, true
}

// At returns caller k's customer, segment and intent (its arrival time is
// only known from Next). An IVR that learns a call's caller index draws
// its side of the call from the same identity.
func (pp *Population) At(k uint64) Caller {
	e := pp.e
	c := Caller{Index: k, Customer: -1}
	id := e.rs.key(k << 8)
	if n := e.p.customers; n > 0 {
		c.Customer = min(n-1, int(e.rs.uniform(id, pCustomer, 0)*float64(n)))
		c.Segment = int(e.pick(e.p.segmentCum, e.rs.key(customerID(int32(c.Customer))), pSegment))
	} else {
		c.Segment = int(e.pick(e.p.segmentCum, id, pSegment))
	}
	c.Intent = int(e.pick(e.p.segments[c.Segment].intentCum, id, pIntent))
	return c
}

// Keep reports whether caller k belongs to a thinned sample of share
// scale of the population (scale ≥ 1 keeps everyone). The draw is keyed by
// k alone, so a smaller sample is a subset of a larger one.
func (pp *Population) Keep(k uint64, scale float64) bool {
	if scale >= 1 {
		return true
	}
	return pp.e.rs.uniform(pp.e.rs.key(k<<8), pThin, 0) < scale
}

// pThin keys the live harness's thinning of arrivals; the engine never
// draws it, so it shifts nothing.
const pThin purpose = 1 << 10

// PriorTrust is the trust in automation a caller of segment seg starts
// with.
func (p *Plan) PriorTrust(seg int) float64 { return p.segments[seg].trust }

// Learn is trust after an automation experience, as the engine updates it.
func (p *Plan) Learn(trust float64, success bool) float64 {
	if success {
		return trust + p.trustUp*(1-trust)
	}
	return trust - p.trustDown*trust
}

// Horizon is the simulated horizon in seconds.
func (p *Plan) Horizon() float64 { return p.horizon }

// SegmentName and IntentName name the indexes a Caller carries.
func (p *Plan) SegmentName(i int) string { return p.segments[i].name }

// IntentName names intent i.
func (p *Plan) IntentName(i int) string { return p.intents[i].name }

// Contact is one contact (attempt) of a caller's issue, with the draws both
// sides of a live call make, keyed as the engine keys them. The counters
// that index repeated draws (menu decisions, queue joins, timed steps,
// services) advance as the engine's do, so a live caller who takes the
// same path makes the same choices. A Contact is not safe for concurrent
// use.
type Contact struct {
	p       *Plan
	rs      streams
	key     uint64
	caller  Caller
	attempt int

	nDecisions, nJoins, nSteps, nServices uint64
	frustration, passes                   int
}

// Contact returns attempt (0 for the first contact) of caller c's issue.
func (pp *Population) Contact(c Caller, attempt int) *Contact {
	k := &Contact{p: pp.e.p, rs: streams{base: pp.e.rs.base}, caller: c, attempt: attempt}
	k.rs.r = newRand(&k.rs)
	k.key = k.rs.key(c.Index<<8 | uint64(attempt&0xff))
	return k
}

// Caller is whose contact this is.
func (k *Contact) Caller() Caller { return k.caller }

// Attempt is the contact's attempt number, 0 for the first.
func (k *Contact) Attempt() int { return k.attempt }

func (k *Contact) segment() *segmentPlan { return &k.p.segments[k.caller.Segment] }

func (k *Contact) tolerance() int {
	t := k.segment().menuTolerance
	if k.p.intents[k.caller.Intent].timeSensitive {
		t /= 2
	}
	return t
}

func (k *Contact) zeroOutPropensity() float64 {
	z := k.segment().zeroOut
	if k.p.intents[k.caller.Intent].timeSensitive {
		z = 1 - (1-z)*(1-z)
	}
	return z
}

// EnterNode tells the contact it has entered a new node: menu passes count
// per node, as in the engine.
func (k *Contact) EnterNode() { k.passes = 0 }

// MenuAction is what a caller does at the end of a menu.
type MenuAction struct {
	// Option is the index of the chosen option, −1 for none.
	Option int
	// ZeroOut is true when the caller presses 0.
	ZeroOut bool
	// HangUp is true when the caller has had enough: the menu would replay
	// past their tolerance or the menu's retries.
	HangUp bool
}

// Menu is the caller's decision at the end of menu node (a node index of
// the plan), as the engine's menuChoice and menuReplay make it.
func (k *Contact) Menu(node int) MenuAction {
	n := &k.p.nodes[node]
	r := k.rs.at(k.key, pMenu, k.nDecisions)
	k.nDecisions++
	if r.Float64() < k.zeroOutPropensity() {
		if !n.zeroOutDeny && n.zeroOutNext >= 0 {
			return MenuAction{Option: -1, ZeroOut: true}
		}
		return MenuAction{Option: -1, ZeroOut: true, HangUp: k.replay(n)}
	}
	opt := n.optionOf[k.caller.Intent]
	switch {
	case opt < 0:
		return MenuAction{Option: -1, HangUp: k.replay(n)}
	case r.Float64() < k.segment().menuAccuracy*n.clarity:
		return MenuAction{Option: opt}
	case len(n.optionNext) > 1:
		o := r.IntN(len(n.optionNext) - 1)
		if o >= opt {
			o++
		}
		return MenuAction{Option: o}
	default:
		return MenuAction{Option: -1, HangUp: k.replay(n)}
	}
}

func (k *Contact) replay(n *nodePlan) bool {
	k.frustration++
	k.passes++
	return k.frustration > k.tolerance() || k.passes > n.retries
}

// Engage is whether the caller engages forced automation, given their
// trust (the engine's selfService).
func (k *Contact) Engage(trust float64) bool {
	u := k.rs.uniform(k.key, pEngage, k.nDecisions)
	k.nDecisions++
	return u < trust
}

// Reluctant is what a caller who did not engage forced automation at
// node does: press 0 (zeroOut), and if that is refused, whether they hang
// up (the engine's reluctant).
func (k *Contact) Reluctant(node int) (zeroOut, hangUp bool) {
	n := &k.p.nodes[node]
	u := k.rs.uniform(k.key, pMenu, k.nDecisions)
	k.nDecisions++
	if u >= k.zeroOutPropensity() {
		return false, false
	}
	if !n.zeroOutDeny && n.zeroOutNext >= 0 {
		return true, false
	}
	k.frustration++
	return true, k.frustration > k.tolerance()
}

// AutomationDone advances the decision counter past the automation's own
// outcome draw, which the IVR makes.
func (k *Contact) AutomationDone() { k.nDecisions++ }

// Join is the caller joining a queue: the patience drawn for this join
// (+Inf without a patience distribution). Every join advances the counter,
// whether or not the caller has to wait.
func (k *Contact) Join() float64 {
	j := k.nJoins
	k.nJoins++
	seg := k.segment()
	if seg.patience == nil {
		return math.Inf(1)
	}
	return seg.patience.Sample(k.rs.at(k.key, pPatience, j))
}

// Announced is a caller's reaction to hearing the expected wait (seconds)
// on the join just made: whether they balk, and the factor on their
// patience if they stay.
func (k *Contact) Announced(expected float64) (balk bool, pace float64) {
	seg := k.segment()
	j := k.nJoins - 1
	if seg.balk > 0 && k.rs.uniform(k.key, pBalk, j) < balkProbability(seg, expected) {
		return true, 1
	}
	return false, seg.informedPace
}

// EngageAssist is whether the caller talks to the queue-preserving virtual
// agent, given their trust and the node's engagement bonus.
func (k *Contact) EngageAssist(trust float64, node int) bool {
	a := k.p.nodes[node].assist
	u := k.rs.uniform(k.key, pEngage, k.nDecisions)
	k.nDecisions++
	return a != nil && u < trust+a.engageBonus
}

// Outcome is how a contact ended, for the customer's next move.
type Outcome uint8

// How a contact can end.
const (
	OutcomeResolved Outcome = iota
	OutcomeUnresolved
	OutcomeAbandoned
	OutcomeBlocked
)

// FollowUp is whether the customer tries again after an unsuccessful
// contact, and after how many seconds (the engine's followUp). The horizon
// check is the caller's: the live run has its own window.
func (k *Contact) FollowUp(out Outcome) (again bool, delay float64) {
	seg := k.segment()
	var p float64
	d := seg.redialDelay
	switch out {
	case OutcomeResolved:
		return false, 0
	case OutcomeUnresolved:
		p, d = seg.redialUnres, seg.repeatDelay
	case OutcomeAbandoned:
		p = seg.redialAbandon
	case OutcomeBlocked:
		p = seg.redialBusy
	}
	if p <= 0 || k.attempt+1 >= seg.redialMax || k.rs.uniform(k.key, pRedialDecide, 0) >= p {
		return false, 0
	}
	return true, k.sample(d, pRedialDelay, 0)
}

func (k *Contact) sample(d models.Dist, p purpose, idx uint64) float64 {
	if d == nil {
		return 0
	}
	return d.Sample(k.rs.at(k.key, p, idx))
}

// Step is the IVR's side: how long the next prompt, menu pass or timed
// step at node lasts, in the order the engine draws them.
func (k *Contact) Step(node int) float64 {
	t := k.sample(k.p.nodes[node].duration, pStep, k.nSteps)
	k.nSteps++
	return t
}

// Session is the IVR's side: how long an automation session at node (or
// its virtual agent) lasts, and whether it resolves the issue. The IVR
// cannot see the caller's decision counter, so it keys these by its own;
// they follow the same distributions as the engine's.
func (k *Contact) Session(node int) (seconds float64, success bool) {
	n := &k.p.nodes[node]
	d, s := n.duration, n.success
	if n.assist != nil {
		d, s = n.assist.duration, n.assist.success
	}
	i := k.nDecisions
	k.nDecisions++
	return k.sample(d, pAutomationTime, i|1<<32), k.rs.uniform(k.key, pAutomation, i|1<<32) < s[k.caller.Intent]
}

// Service is the IVR's side of an agent conversation with group g: its
// length (handle time less saving, or the misroute time when g does not
// serve the intent), whether it resolves the issue, and the agent's
// wrap-up afterwards.
func (k *Contact) Service(g int, saving float64) (handle float64, misrouted, resolved bool, wrapup float64) {
	i := k.nServices
	k.nServices++
	in := &k.p.intents[k.caller.Intent]
	if !k.p.groups[g].serves[k.caller.Intent] {
		handle, misrouted = k.p.misrouteTime, true
	} else {
		handle = k.sample(in.handle, pHandle, i) * (1 - saving)
		resolved = in.resolution >= 1 || k.rs.uniform(k.key, pResolution, k.nServices) < in.resolution
	}
	wrapup = k.sample(k.p.groups[g].wrapup, pWrapup, k.nServices)
	return handle, misrouted, resolved, wrapup
}

// HomeGroup is the agent group serving the contact's intent.
func (k *Contact) HomeGroup() int { return k.p.intents[k.caller.Intent].home }

func newRand(s *streams) *rand.Rand { return rand.New(&s.pcg) }
