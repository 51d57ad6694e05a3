package sim

import (
	"math"

	"github.com/ivrsim/ivrsim/results"
)

// groupState is an agent group during a replication.
type groupState struct {
	scheduled int // agents the schedule asks for now
	staffed   int // agents present: the schedule, or more while draining
	busy      int // talking or in wrap-up
	draining  bool
	queue     agentQueue

	lastT   float64
	acct    *results.Counters // where agent time is being counted
	costSec float64

	// Agent identities, while tracing (see agentids.go).
	idle   []int32 // longest idle first
	off    []int32 // off shift, last to leave at the end
	agents int32
}

// flush adds agent time since the last change to the current cell.
// Agents still finishing a call after their shift, or staying to empty the
// queue at closing, count as present (and paid) and, beyond the schedule,
// as overtime.
func (e *engine) flush(gs *groupState) {
	dt := e.now - gs.lastT
	if dt > 0 {
		present := max(gs.staffed, gs.busy)
		gs.acct.BusyTime += float64(gs.busy) * dt
		gs.acct.OvertimeTime += float64(max(0, present-gs.scheduled)) * dt
		gs.acct.StaffedTime += float64(present) * dt
		gs.acct.AgentCost += float64(present) * dt * gs.costSec
	}
	gs.lastT = e.now
}

// setStaffing applies the schedule at an interval boundary. When the centre
// closes (the schedule drops to zero) with callers still waiting, the
// agents on duty stay until the queue is empty, as centres do.
func (e *engine) setStaffing(g int, n int) {
	gs := &e.groups[g]
	gs.scheduled = n
	switch {
	case n == 0 && gs.staffed > 0 && gs.queue.live > 0:
		gs.draining = true
	default:
		gs.staffed, gs.draining = n, false
	}
	if e.trace != nil {
		e.trimIdle(g)
	}
	e.dispatch(g)
}

// dispatch hands waiting contacts to free agents of group g.
func (e *engine) dispatch(g int) {
	gs := &e.groups[g]
	for gs.busy < gs.staffed {
		s, ok := e.nextWaiting(gs)
		if !ok {
			if gs.draining {
				e.flush(gs)
				gs.staffed, gs.draining = gs.scheduled, false
			}
			return
		}
		e.leaveQueue(s)
		e.startService(s, g)
	}
}

// nextWaiting pops the first live entry of the highest non-empty priority
// level.
func (e *engine) nextWaiting(gs *groupState) (int32, bool) {
	if gs.queue.live == 0 {
		return 0, false
	}
	for l := len(gs.queue.levels) - 1; l >= 0; l-- {
		if l < len(gs.queue.lanes) && gs.queue.lanes[l] != nil {
			if s, ok := e.nextAtLevel(gs, l); ok {
				return s, true
			}
			continue
		}
		r := &gs.queue.levels[l]
		for r.n > 0 {
			qe := r.pop()
			if e.contacts[qe.slot].waitTok == qe.tok {
				return qe.slot, true
			}
		}
	}
	return 0, false
}

// leaveQueue takes a waiting contact out of its queue: its entry and its
// patience and assist timers go stale.
func (e *engine) leaveQueue(s int32) {
	c := &e.contacts[s]
	gs := &e.groups[c.group]
	gs.queue.live--
	c.waitTok++
	if c.tr != nil && math.IsNaN(c.tr.queueEnd) {
		c.tr.queueEnd = e.now
	}
	if !c.callback {
		held := e.now - c.waitStart
		if c.engTo > c.engFrom {
			eng := min(e.now, c.engTo) - c.engFrom
			held -= eng
			c.ivrTime += eng
			c.autoTime += eng
			if a := e.p.nodes[c.node].assist; a != nil && eng >= a.verifyAfter {
				c.saving = max(c.saving, a.contextSaving)
			}
			c.engFrom, c.engTo = 0, 0
		}
		c.waitTime += max(0, held)
	}
	if gs.draining && gs.queue.live == 0 {
		e.flush(gs)
		gs.staffed, gs.draining = gs.scheduled, false
	}
}

// startService puts contact s with an agent of group g.
func (e *engine) startService(s int32, g int) {
	c := &e.contacts[s]
	gs := &e.groups[g]
	in := &e.p.intents[e.issues[c.issue].intent]
	id := c.key
	c.group = int32(g)
	c.phase = phaseService
	if !c.answered {
		c.answered = true
		if !c.callback {
			w := e.now - c.waitStart
			c.cell.Answered++
			c.cell.WaitSum += w
			if w <= e.p.slWithin {
				c.cell.AnsweredInSL++
			}
			if c.counted {
				e.tally.RecordWait(w)
			}
		}
	}
	if c.gaveInfo && c.saving == 0 {
		c.repeatInfo++ // the agent asks again for what automation already took
	}
	c.gaveInfo = false
	var h float64
	if e.p.groups[g].serves[e.issues[c.issue].intent] {
		h = e.draw(in.handle, id, pHandle, uint64(c.nServices)) * (1 - c.saving)
		if e.p.replay != nil {
			if r := e.replayHandle(s, c); !math.IsNaN(r) {
				h = r
			}
		}
	} else {
		h = e.p.misrouteTime
	}
	c.nServices++
	if c.tr != nil {
		c.tr.agentNow = e.takeAgent(g)
		if math.IsNaN(c.tr.svcStart) {
			c.tr.svcStart = e.now
			c.tr.agent = c.tr.agentNow
		}
		c.tr.handle += h
	}
	c.cell.Handled++
	c.cell.HandleSum += h
	e.flush(gs)
	gs.busy++
	e.q.push(e.now+h, evServiceDone, s)
}

// serviceDone ends a conversation: a misrouted contact is transferred to the
// group that serves its intent; any other is resolved or not.
func (e *engine) serviceDone(s int32) {
	c := &e.contacts[s]
	g := int(c.group)
	is := &e.issues[c.issue]
	in := &e.p.intents[is.intent]
	id := c.key
	agent := int32(-1)
	if c.tr != nil {
		c.tr.svcEnd = e.now
		agent = c.tr.agentNow
	}
	e.agentDone(g, id, uint64(c.nServices), agent)
	if !e.p.groups[g].serves[is.intent] {
		c.cell.Misroutes++
		c.transfers++
		c.repeatInfo++ // explains everything again to the right agent
		c.saving = 0
		c.boosted = true
		e.transferTo(s, in.home)
		return
	}
	resolved := in.resolution >= 1 || e.rs.uniform(id, pResolution, uint64(c.nServices)) < in.resolution
	e.finish(s, outcomeServed, resolved)
}

// agentDone starts the agent's wrap-up, or frees them at once. agent is
// the agent's identity while tracing, else −1.
func (e *engine) agentDone(g int, id, n uint64, agent int32) {
	if w := e.p.groups[g].wrapup; w != nil {
		if d := w.Sample(e.rs.at(id, pWrapup, n)); d > 0 {
			e.q.push(e.now+d, evWrapupDone, int32(g)|max(agent, 0)<<agentShift)
			return
		}
	}
	e.agentFree(g, agent)
}

// agentFree ends a conversation or wrap-up: the agent takes the next
// contact, or leaves if the schedule has fewer agents now.
func (e *engine) agentFree(g int, agent int32) {
	if agent >= 0 && e.trace != nil {
		e.releaseAgent(g, agent)
	}
	gs := &e.groups[g]
	e.flush(gs)
	gs.busy--
	e.dispatch(g)
}
