package sim

import (
	"math"
)

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
