package sim

import (
	"math"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/results"
)

// The contact's way through a design: arrival, the walk from node to
// node, and the timed steps between. Each phase lives in its own file:
// ivr.go (prompts, menus, self-service), trust.go, waiting.go (queues, the
// virtual agent, callbacks) and ending.go (outcomes, effort, repeats).

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
	c.ivrLeft = math.Inf(1)
	if d := e.p.segments[is.segment].ivrPatience; d != nil {
		c.ivrLeft = d.Sample(e.rs.at(c.key, pIVRPatience, 0))
	}
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
	e.ivrWait(s, ph, t)
}

// ivrWait keeps the contact in the IVR for t seconds in phase ph, unless
// the caller's IVR patience runs out first: then they hang up when it does.
// It returns the time the caller will actually spend.
func (e *engine) ivrWait(s int32, ph phase, t float64) float64 {
	c := &e.contacts[s]
	if t > c.ivrLeft {
		t, ph = c.ivrLeft, phaseIVRHangup
	}
	c.ivrLeft -= t
	c.ivrTime += t
	c.phase = ph
	e.q.push(e.now+t, evStep, s)
	return t
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
	case phaseIVRHangup:
		e.ivrHangup(s, n)
	}
}
