package sim

// Agent identities, for traces only. The engine counts a group's agents;
// call records name the agent of each call, and the fit reads wrap-up and
// staffing from those names, so a traced run gives every conversation an
// agent: the one idle longest takes the next call (as ACDs route), and an
// agent is free again after their wrap-up. Identities exist only while
// tracing, and change no draw or event order.

// agentShift is how many low bits of a wrap-up event's reference hold the
// group; the agent's number is above them (groups are fewer than 1024).
const agentShift = 10

// takeAgent gives a conversation of group g an agent: the longest idle,
// else the last to go off shift, else a new one.
func (e *engine) takeAgent(g int) int32 {
	gs := &e.groups[g]
	if len(gs.idle) > 0 {
		a := gs.idle[0]
		gs.idle = gs.idle[1:]
		return a
	}
	if n := len(gs.off); n > 0 {
		a := gs.off[n-1]
		gs.off = gs.off[:n-1]
		return a
	}
	gs.agents++
	return gs.agents - 1
}

// releaseAgent frees agent a of group g, who is still counted busy: idle,
// or off shift when the schedule has fewer agents than are present.
func (e *engine) releaseAgent(g int, a int32) {
	gs := &e.groups[g]
	if gs.busy-1+len(gs.idle) >= gs.staffed {
		gs.off = append(gs.off, a)
		return
	}
	gs.idle = append(gs.idle, a)
}

// trimIdle sends the longest idle agents of group g off shift when the
// schedule drops below the agents present.
func (e *engine) trimIdle(g int) {
	gs := &e.groups[g]
	for len(gs.idle) > 0 && gs.busy+len(gs.idle) > gs.staffed {
		gs.off = append(gs.off, gs.idle[0])
		gs.idle = gs.idle[1:]
	}
}
