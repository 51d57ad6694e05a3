package sim

import (
	"math"
	"strconv"

	"github.com/ivrsim/ivrsim/results"
)

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
		w.Transfer*float64(c.transfers) + w.RepeatInfo*float64(c.repeatInfo) +
		w.AutomationMinute*c.autoTime/60
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
	cell.AutomationTime += c.autoTime
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
