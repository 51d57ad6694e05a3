package sim

// Menus with a hang-up time. Callers who hang up at a menu often stay a
// different time from those who go on (in the bank's records about 39 s
// against 9 s). A menu with hangup_time decides as it starts whether this
// pass ends in a hang-up — the same draws menuChoice makes when the menu
// ends, so the outcome is unchanged — and keeps such a caller for the
// hang-up time instead of the menu's duration.

// menuStep plays menu n to contact s once.
func (e *engine) menuStep(s int32, n *nodePlan) {
	d := n.duration
	if n.hangupTime != nil && e.menuHangsUp(s, n) {
		d = n.hangupTime
	}
	e.timedStep(s, phaseMenu, d)
}

// menuHangsUp reports whether the pass of menu n that contact s is starting
// will end in a hang-up, by the rules of menuChoice and menuReplay.
func (e *engine) menuHangsUp(s int32, n *nodePlan) bool {
	c := &e.contacts[s]
	is := &e.issues[c.issue]
	seg := &e.p.segments[is.segment]
	r := e.rs.at(c.key, pMenu, uint64(c.nDecisions))
	replay := false
	if r.Float64() < e.zeroOutPropensity(is) {
		replay = n.zeroOutDeny || n.zeroOutNext < 0
	} else {
		opt := n.optionOf[is.intent]
		switch {
		case opt < 0:
			replay = true
		case r.Float64() < seg.menuAccuracy*n.clarity:
		case len(n.optionNext) > 1:
		default:
			replay = true
		}
	}
	return replay && (c.frustration+1 > e.tolerance(is) || int(c.passes)+1 > n.retries)
}
