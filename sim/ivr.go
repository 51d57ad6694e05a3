package sim

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
		e.ivrWait(s, phaseReprompt, n.reprompt)
		return
	}
	c.forced = true
	e.session(s, n)
}

func (e *engine) session(s int32, n *nodePlan) {
	c := &e.contacts[s]
	t := e.draw(n.duration, c.key, pAutomationTime, uint64(c.nDecisions))
	c.gaveInfo = true
	c.autoTime += e.ivrWait(s, phaseSession, t)
}

// ivrHangup: the caller's IVR patience ran out in node n. Hanging up on
// self-service is a failed experience of it, as hanging up on the virtual
// agent is.
func (e *engine) ivrHangup(s int32, n *nodePlan) {
	c := &e.contacts[s]
	if n.kind == nodeSelfService {
		e.learn(&e.issues[c.issue], false)
	}
	e.finish(s, outcomeIVRAbandon, false)
}

// sessionDone: the automation resolved the issue or failed. A caller
// forced through it cooperates less (its success is scaled by
// trust.forced_success), and being forced counts as a bad experience
// whatever the outcome.
func (e *engine) sessionDone(s int32, n *nodePlan) {
	c := &e.contacts[s]
	is := &e.issues[c.issue]
	u := e.rs.uniform(c.key, pAutomation, uint64(c.nDecisions))
	c.nDecisions++
	p := n.success[is.intent]
	if c.forced {
		p *= e.p.forcedSuccess
	}
	if u < p {
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
