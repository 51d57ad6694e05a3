package sim

import (
	"math"
	"strconv"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/results"
)

// outcome is how a contact ended.
type outcome uint8

const (
	outcomeServed outcome = iota
	outcomeContained
	outcomeIVRAbandon
	outcomeQueueAbandon
	outcomeEnd
)

func (e *engine) draw(d models.Dist, id uint64, p purpose, idx uint64) float64 {
	if d == nil {
		return 0
	}
	return d.Sample(e.rs.at(id, p, idx))
}

// pick draws an index from cumulative shares, for (identity, purpose).
func (e *engine) pick(cum []float64, id uint64, p purpose) int32 {
	if len(cum) == 1 {
		return 0
	}
	u := e.rs.uniform(id, p, 0)
	for i, c := range cum {
		if u < c {
			return int32(i)
		}
	}
	return int32(len(cum) - 1)
}

// customerID keys a customer's own draws apart from every contact's.
func customerID(k int32) uint64 { return uint64(k) | 1<<63 }

// freshArrival creates a new issue, with its customer, segment and intent,
// and its first contact.
func (e *engine) freshArrival() {
	slot := e.newIssue()
	is := &e.issues[slot]
	is.ordinal = e.ordinal
	e.ordinal++
	is.first = e.now
	id := e.rs.key(is.ordinal << 8)
	if n := e.p.customers; n > 0 {
		is.customer = int32(min(n-1, int(e.rs.uniform(id, pCustomer, 0)*float64(n))))
		is.segment = e.pick(e.p.segmentCum, e.rs.key(customerID(is.customer)), pSegment)
	} else {
		is.customer = -1
		is.segment = e.pick(e.p.segmentCum, id, pSegment)
		is.trust = e.p.segments[is.segment].trust
	}
	is.intent = e.pick(e.p.segments[is.segment].intentCum, id, pIntent)
	e.arrive(slot)
}

// arrive starts a contact of issue slot: a busy signal if every line is
// taken, else the design's first node.
func (e *engine) arrive(slot int32) {
	s := e.newContact()
	c := &e.contacts[s]
	is := &e.issues[slot]
	c.issue = slot
	c.attempt = is.attempts
	is.attempts++
	c.arrival = e.now
	c.key = e.contactKey(is.ordinal, c.attempt)
	c.node = -1
	if e.trace != nil {
		c.tr = newContactTrace()
	}
	c.cell, c.counted = e.cellAt(e.now)
	c.cell.Offered++
	if c.attempt == 0 {
		c.cell.Fresh++
	} else {
		c.cell.Repeats++
	}
	e.calls++
	if e.p.lines > 0 && e.inSystem >= e.p.lines {
		c.cell.Blocked++
		if c.counted {
			e.flows.Counts[e.flows.OutcomeIndex(-1, results.FlowBlocked)]++
		}
		if e.trace != nil {
			e.emit(c, results.FlowBlocked, false)
		}
		e.followUp(s, e.p.segments[is.segment].redialBusy, false)
		e.freeContact(s)
		return
	}
	e.inSystem++
	c.onLine = true
	if e.replaying != nil {
		e.replayIVR(s, e.replaying)
		return
	}
	e.goTo(s, e.p.start)
}

// maxNodeVisits bounds the nodes one contact passes through. Validation
// rejects flows a caller can never leave; this is the engine's own guard
// against a caller circling a menu loop forever: past it, they hang up.
const maxNodeVisits = 1000

// goTo moves a contact to node i and runs nodes until one takes time.
func (e *engine) goTo(s int32, i int) {
	for {
		c := &e.contacts[s]
		if c.visits++; c.visits > maxNodeVisits {
			e.finish(s, outcomeIVRAbandon, false)
			return
		}
		n := &e.p.nodes[i]
		if c.counted {
			e.flows.Counts[e.flows.Index(int(c.node), i)]++
		}
		if c.tr != nil {
			c.tr.path = append(c.tr.path, int32(i))
		}
		c.node = int32(i)
		c.passes = 0
		switch n.kind {
		case nodePrompt:
			e.timedStep(s, phasePrompt, n.duration)
		case nodeMenu:
			c.menuSteps++
			e.menuStep(s, n)
		case nodeSelfService:
			e.selfService(s, n)
		case nodeQueue:
			e.joinQueue(s, n)
		case nodeTransfer:
			c.transfers++
			i = n.next
			continue
		case nodeEnd:
			if n.resolved {
				e.finish(s, outcomeContained, true)
			} else {
				e.finish(s, outcomeEnd, false)
			}
		}
		return
	}
}

// timedStep keeps the contact in the IVR for a drawn duration.
func (e *engine) timedStep(s int32, ph phase, d models.Dist) {
	c := &e.contacts[s]
	t := e.draw(d, c.key, pStep, uint64(c.nSteps))
	c.nSteps++
	c.ivrTime += t
	c.phase = ph
	e.q.push(e.now+t, evStep, s)
}

func (e *engine) stepDone(s int32) {
	c := &e.contacts[s]
	if c.phase == phaseReplayIVR {
		e.replayAfterIVR(s)
		return
	}
	n := &e.p.nodes[c.node]
	switch c.phase {
	case phasePrompt:
		e.goTo(s, n.next)
	case phaseMenu:
		e.menuChoice(s, n)
	case phaseSession:
		e.sessionDone(s, n)
	case phaseReprompt:
		e.reluctant(s, n)
	}
}

// zeroOutPropensity is the chance a caller presses 0 when the automation
// is not what they want; time-sensitive callers press it as if they had two
// chances to.
func (e *engine) zeroOutPropensity(is *issue) float64 {
	z := e.p.segments[is.segment].zeroOut
	if e.p.intents[is.intent].timeSensitive {
		z = 1 - (1-z)*(1-z)
	}
	return z
}

// tolerance is how many replays or refusals a caller accepts; halved for
// time-sensitive intents.
func (e *engine) tolerance(is *issue) int32 {
	t := e.p.segments[is.segment].menuTolerance
	if e.p.intents[is.intent].timeSensitive {
		t /= 2
	}
	return int32(t)
}

// menuChoice: the caller has heard the options. One who wants a person
// presses 0 (zero-out propensity, higher for time-sensitive intents). Any
// other picks the option serving their intent with probability accuracy ×
// clarity, or else a wrong option (a misroute); when no option fits, they
// wait for the menu to replay.
func (e *engine) menuChoice(s int32, n *nodePlan) {
	c := &e.contacts[s]
	is := &e.issues[c.issue]
	seg := &e.p.segments[is.segment]
	r := e.rs.at(c.key, pMenu, uint64(c.nDecisions))
	c.nDecisions++
	if r.Float64() < e.zeroOutPropensity(is) {
		e.menuZeroOut(s, n)
		return
	}
	opt := n.optionOf[is.intent]
	switch {
	case opt < 0:
		e.menuReplay(s, n)
	case r.Float64() < seg.menuAccuracy*n.clarity:
		e.goTo(s, n.optionNext[opt])
	case len(n.optionNext) > 1:
		o := r.IntN(len(n.optionNext) - 1)
		if o >= opt {
			o++
		}
		e.goTo(s, n.optionNext[o])
	default:
		e.menuReplay(s, n)
	}
}

func (e *engine) menuZeroOut(s int32, n *nodePlan) {
	if !n.zeroOutDeny && n.zeroOutNext >= 0 {
		e.goTo(s, n.zeroOutNext)
		return
	}
	e.menuReplay(s, n)
}

// menuReplay plays the menu again, unless the caller has had enough.
func (e *engine) menuReplay(s int32, n *nodePlan) {
	c := &e.contacts[s]
	c.frustration++
	c.passes++
	if c.frustration > e.tolerance(&e.issues[c.issue]) || int(c.passes) > n.retries {
		e.finish(s, outcomeIVRAbandon, false)
		return
	}
	c.menuSteps++
	e.menuStep(s, n)
}

// offerAutomation counts a contact as offered automation once.
func (e *engine) offerAutomation(c *contact) {
	if !c.offeredAuto {
		c.offeredAuto = true
		c.cell.OfferedAutomation++
	}
}

func (e *engine) markEngaged(c *contact) {
	if !c.engaged {
		c.engaged = true
		c.cell.Engaged++
	}
}

// selfService is forced automation: the caller engages with probability
// equal to their trust; one who does not tries to get past it.
func (e *engine) selfService(s int32, n *nodePlan) {
	c := &e.contacts[s]
	is := &e.issues[c.issue]
	e.offerAutomation(c)
	u := e.rs.uniform(c.key, pEngage, uint64(c.nDecisions))
	c.nDecisions++
	if u < e.trustOf(is) {
		e.markEngaged(c)
		c.forced = false
		e.session(s, n)
		return
	}
	e.reluctant(s, n)
}

// reluctant: a caller who did not want the automation presses 0. Allowed,
// they escape to zero_out_next; refused, their frustration grows and they
// are re-prompted, or hang up past their tolerance. One who does not press
// 0 goes through it unwillingly.
func (e *engine) reluctant(s int32, n *nodePlan) {
	c := &e.contacts[s]
	is := &e.issues[c.issue]
	u := e.rs.uniform(c.key, pMenu, uint64(c.nDecisions))
	c.nDecisions++
	if u < e.zeroOutPropensity(is) {
		if !n.zeroOutDeny && n.zeroOutNext >= 0 {
			e.goTo(s, n.zeroOutNext)
			return
		}
		c.frustration++
		if c.frustration > e.tolerance(is) {
			e.learn(is, false)
			e.finish(s, outcomeIVRAbandon, false)
			return
		}
		c.ivrTime += n.reprompt
		c.phase = phaseReprompt
		e.q.push(e.now+n.reprompt, evStep, s)
		return
	}
	c.forced = true
	e.session(s, n)
}

func (e *engine) session(s int32, n *nodePlan) {
	c := &e.contacts[s]
	t := e.draw(n.duration, c.key, pAutomationTime, uint64(c.nDecisions))
	c.ivrTime += t
	c.gaveInfo = true
	c.phase = phaseSession
	e.q.push(e.now+t, evStep, s)
}

// sessionDone: the automation resolved the issue or failed. Being forced
// through it counts as a bad experience whatever the outcome.
func (e *engine) sessionDone(s int32, n *nodePlan) {
	c := &e.contacts[s]
	is := &e.issues[c.issue]
	u := e.rs.uniform(c.key, pAutomation, uint64(c.nDecisions))
	c.nDecisions++
	if u < n.success[is.intent] {
		e.learn(is, !c.forced)
		e.finish(s, outcomeContained, true)
		return
	}
	e.learn(is, false)
	if n.context {
		c.saving = max(c.saving, n.contextSaving)
	}
	e.goTo(s, n.onFailure)
}

// trustOf is the current trust in automation of the issue's customer.
func (e *engine) trustOf(is *issue) float64 {
	if is.customer < 0 {
		return is.trust
	}
	t := e.trust[is.customer]
	if math.IsNaN(t) {
		t = e.p.segments[is.segment].trust
		e.trust[is.customer] = t
	}
	return t
}

// learn updates trust after an automation experience: success moves it up
// by α(1 − trust), failure down by β·trust.
func (e *engine) learn(is *issue, success bool) {
	t := e.trustOf(is)
	if success {
		t += e.p.trustUp * (1 - t)
	} else {
		t -= e.p.trustDown * t
	}
	if is.customer < 0 {
		is.trust = t
	} else {
		e.trust[is.customer] = t
	}
}

// joinQueue: the contact waits for an agent of the node's group (or of the
// group serving its intent). It may be told its position, balk, accept a
// callback, or talk to the virtual agent while holding its place.
func (e *engine) joinQueue(s int32, n *nodePlan) {
	c := &e.contacts[s]
	is := &e.issues[c.issue]
	seg := &e.p.segments[is.segment]
	g := n.group
	if g < 0 {
		g = e.p.intents[is.intent].home
	}
	if e.p.closed(g, e.now) {
		e.toldClosed(s)
		return
	}
	first := !c.queued
	if first {
		c.queued = true
		if c.tr != nil {
			c.tr.queueStart = e.now
		}
		c.cell.Queued++
	}
	gs := &e.groups[g]
	if gs.busy < gs.staffed && gs.queue.live == 0 {
		c.group = int32(g)
		c.waitStart = e.now
		c.nJoins++
		if first && c.tr != nil {
			c.tr.queueEnd = e.now
		}
		e.startService(s, g)
		return
	}
	if first {
		c.cell.WaitedOnJoin++
	}
	id := c.key
	j := uint64(c.nJoins)
	patience := e.patience(c, seg, id, j)
	expected := float64(gs.queue.live+1) * e.p.groups[g].meanService / float64(max(1, gs.staffed))
	if n.announce {
		if seg.balk > 0 && e.rs.uniform(id, pBalk, j) < balkProbability(seg, expected) {
			c.waitStart = e.now
			if c.tr != nil {
				c.tr.queueEnd = e.now
			}
			c.nJoins++
			e.finish(s, outcomeQueueAbandon, false)
			return
		}
		patience *= seg.informedPace
	}
	if expected > n.cbOver && seg.callback > 0 && e.rs.uniform(id, pCallback, j) < seg.callback {
		c.callback = true
		c.cell.Callbacks++
		e.releaseLine(c)
		patience = math.Inf(1)
	}
	e.enqueue(s, g)
	deadline := e.now + patience
	if a := n.assist; a != nil && !c.callback {
		deadline = e.offerAssist(s, a, patience)
	}
	if !math.IsInf(deadline, 1) {
		e.contacts[s].deadline = deadline
		e.q.push(deadline, evPatience, s)
	}
}

// balkProbability grows with the announced wait w: the segment's balk
// probability at balk_at, 1 − (1 − balk)^(w / balk_at) in general.
func balkProbability(seg *segmentPlan, w float64) float64 {
	if seg.balkAt <= 0 {
		return seg.balk
	}
	return 1 - math.Pow(1-seg.balk, w/seg.balkAt)
}

func (e *engine) patience(c *contact, seg *segmentPlan, id, j uint64) float64 {
	if seg.patience == nil {
		return math.Inf(1)
	}
	return seg.patience.Sample(e.rs.at(id, pPatience, j))
}

// enqueue puts the contact in group g's queue; transferred contacts queue
// ahead of first-time callers of the same priority.
func (e *engine) enqueue(s int32, g int) {
	c := &e.contacts[s]
	c.group = int32(g)
	c.waitStart = e.now
	c.nJoins++
	c.phase = phaseQueued
	is := &e.issues[c.issue]
	level := 2 * (e.p.intents[is.intent].priority + e.p.segments[is.segment].priority)
	if c.boosted {
		level++
	}
	e.groups[g].queue.pushHead(level, e.p.segments[is.segment].headStart, queueEntry{slot: s, tok: c.waitTok})
}

// transferTo sends a contact to group g's queue after a misroute: no
// announcement, no virtual agent, new patience.
func (e *engine) transferTo(s int32, g int) {
	c := &e.contacts[s]
	is := &e.issues[c.issue]
	gs := &e.groups[g]
	if gs.busy < gs.staffed && gs.queue.live == 0 {
		c.waitStart = e.now
		c.nJoins++
		e.startService(s, g)
		return
	}
	id := c.key
	patience := math.Inf(1)
	if !c.callback {
		patience = e.patience(c, &e.p.segments[is.segment], id, uint64(c.nJoins))
	}
	e.enqueue(s, g)
	if !math.IsInf(patience, 1) {
		c.deadline = e.now + patience
		e.q.push(c.deadline, evPatience, s)
	}
}

// offerAssist offers the queue-preserving virtual agent. An engaged caller's
// patience runs at the assist's pace while the session lasts; the returned
// deadline is when it runs out.
func (e *engine) offerAssist(s int32, a *assistPlan, patience float64) float64 {
	c := &e.contacts[s]
	is := &e.issues[c.issue]
	e.offerAutomation(c)
	id := c.key
	k := uint64(c.nDecisions)
	c.nDecisions++
	if e.rs.uniform(id, pEngage, k) >= e.trustOf(is)+a.engageBonus {
		return e.now + patience
	}
	e.markEngaged(c)
	d := e.draw(a.duration, id, pAutomationTime, k)
	c.engFrom, c.engTo = e.now, e.now+d
	c.gaveInfo = true
	e.q.push(c.engTo, evAssistDone, s)
	if math.IsInf(patience, 1) {
		return patience
	}
	if a.pace*d >= patience {
		return e.now + patience/a.pace
	}
	return e.now + d + (patience - a.pace*d)
}

// assistDone: the virtual agent has finished with a caller still holding
// their place. Resolved, the caller leaves the queue; not, they keep
// waiting, verified if the session was long enough.
func (e *engine) assistDone(s int32) {
	c := &e.contacts[s]
	is := &e.issues[c.issue]
	a := e.p.nodes[c.node].assist
	u := e.rs.uniform(c.key, pAutomation, uint64(c.nDecisions))
	c.nDecisions++
	if u < a.success[is.intent] {
		e.learn(is, true)
		e.leaveQueue(s)
		e.finish(s, outcomeContained, true)
		return
	}
	e.learn(is, false)
}

// patienceOut: the caller hangs up. Hanging up mid-conversation with the
// virtual agent is a failed experience of it.
func (e *engine) patienceOut(s int32) {
	c := &e.contacts[s]
	if c.engTo > e.now {
		e.learn(&e.issues[c.issue], false)
	}
	e.leaveQueue(s)
	e.finish(s, outcomeQueueAbandon, false)
}

func (e *engine) releaseLine(c *contact) {
	if c.onLine {
		c.onLine = false
		e.inSystem--
	}
}

// finish ends a contact: counts its outcome, effort and cost, resolves its
// issue or schedules the customer's next try.
func (e *engine) finish(s int32, out outcome, resolved bool) {
	c := &e.contacts[s]
	e.releaseLine(c)
	cell := c.cell
	flow := results.FlowEnded
	switch out {
	case outcomeIVRAbandon:
		cell.IVRAbandoned++
		flow = results.FlowIVRAbandon
	case outcomeQueueAbandon:
		cell.QueueAbandoned++
		flow = results.FlowQueueAbandon
	case outcomeContained:
		cell.Contained++
		flow = results.FlowContained
	case outcomeServed:
		flow = results.FlowAgentUnresolved
		if resolved {
			flow = results.FlowAgentResolved
		}
	}
	if c.counted {
		e.flows.Counts[e.flows.OutcomeIndex(int(c.node), flow)]++
	}
	w := &e.p.effort
	raw := w.MenuStep*float64(c.menuSteps) + w.WaitMinute*c.waitTime/60 +
		w.Transfer*float64(c.transfers) + w.RepeatInfo*float64(c.repeatInfo)
	if c.attempt > 0 {
		raw += w.RepeatContact
	}
	score := EffortScore(raw, w.Scale)
	cell.EffortContacts++
	cell.EffortSum += score
	cell.MenuSteps += int64(c.menuSteps)
	cell.HoldTime += c.waitTime
	cell.RepeatInfo += int64(c.repeatInfo)
	cell.Transfers += int64(c.transfers)
	cell.IVRTime += c.ivrTime
	cell.IVRCost += c.ivrTime * e.p.ivrCostSec
	if e.trace != nil {
		e.record.Effort = score
		e.emit(c, flow, resolved)
	}
	if resolved {
		is := &e.issues[c.issue]
		ttr := e.now - is.first
		cell.IssuesResolved++
		cell.TTRSum += ttr
		if c.counted {
			e.tally.RecordTTR(ttr)
		}
		if c.attempt == 0 {
			cell.FirstContactResolved++
		}
		e.freeIssue(c.issue)
	} else {
		seg := &e.p.segments[e.issues[c.issue].segment]
		p, repeat := seg.redialUnres, true
		if out == outcomeIVRAbandon || out == outcomeQueueAbandon {
			p, repeat = seg.redialAbandon, false
		}
		e.followUp(s, p, repeat)
	}
	e.freeContact(s)
}

// followUp decides whether the customer tries again after an unsuccessful
// contact, and when; an issue with no further contact is dropped.
func (e *engine) followUp(s int32, p float64, repeat bool) {
	c := &e.contacts[s]
	if e.p.replay != nil { // the records hold the next contacts
		e.freeIssue(c.issue)
		return
	}
	is := &e.issues[c.issue]
	seg := &e.p.segments[is.segment]
	id := c.key
	if p > 0 && int(is.attempts) < seg.redialMax && e.rs.uniform(id, pRedialDecide, 0) < p {
		delay := seg.redialDelay
		if repeat {
			delay = seg.repeatDelay
		}
		if t := e.now + e.draw(delay, id, pRedialDelay, 0); t < e.p.horizon {
			e.q.push(t, evRetry, c.issue)
			return
		}
	}
	e.freeIssue(c.issue)
}

// emit sends the finished contact c to the tracer.
func (e *engine) emit(c *contact, flow int, resolved bool) {
	is := &e.issues[c.issue]
	r := &e.record
	effort := r.Effort
	if flow == results.FlowBlocked {
		effort = math.NaN()
	}
	*r = results.ContactRecord{
		Design: e.p.Design, Rep: e.rep, Issue: is.ordinal, Attempt: int(c.attempt), Customer: int(is.customer),
		Segment: e.p.segments[is.segment].name, Intent: e.p.intents[is.intent].name,
		Arrival: c.arrival, IVRTime: c.ivrTime, QueueStart: c.tr.queueStart, QueueEnd: c.tr.queueEnd,
		Wait: c.waitTime, SvcStart: c.tr.svcStart, SvcEnd: c.tr.svcEnd, Handle: c.tr.handle,
		Outcome: results.FlowOutcomes[flow], Resolved: resolved, Callback: c.callback,
		Transfers: int(c.transfers), MenuSteps: int(c.menuSteps), Effort: effort,
		Path: r.Path[:0],
	}
	if c.queued {
		r.Group = e.p.groups[c.group].name
	}
	r.Agent = ""
	if c.tr.agent >= 0 {
		r.Agent = e.p.groups[c.group].name + "-" + strconv.Itoa(int(c.tr.agent)+1)
	}
	for _, n := range c.tr.path {
		r.Path = append(r.Path, e.p.nodes[n].name)
	}
	e.trace(r)
}

// EffortScore maps a contact's raw effort to the 1–7 customer effort scale:
// 1 + 6·raw/(raw + scale), so raw = scale scores 4.
func EffortScore(raw, scale float64) float64 {
	if raw <= 0 {
		return 1
	}
	return 1 + 6*raw/(raw+scale)
}
