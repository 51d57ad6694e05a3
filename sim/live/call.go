package live

import (
	"context"
	"time"

	"github.com/ivrsim/ivrsim/sim"
)

// maxNodeVisits bounds the nodes one call passes through, as the engine
// bounds them.
const maxNodeVisits = 1000

// call is the IVR's side of one live call.
type call struct {
	v   *IVR
	ctx context.Context
	leg Leg
	k   *sim.Contact

	hungUp    bool
	answered  bool
	engaged   bool
	wait      float64 // model seconds on hold
	ivrTime   float64 // model seconds in IVR nodes and with the virtual agent
	transfers int
	digits    int
	saving    float64
	clock     time.Time // when the current IVR step started, by the call's schedule
}

// stop says why a step of a call ended.
type stop uint8

const (
	goOn stop = iota
	hungUp
	cancelled
	assisted // the virtual agent resolved the issue while the caller held
)

// How a pause treats the clock when a digit ends it.
const (
	playing  = false // barge-in: the caller pressed during the audio, now
	awaiting = true  // an answer to "input": pressed, in model time, as the menu ended
)

// pause plays audio a for model seconds d from the call's clock; any digit
// pressed meanwhile is returned at once when collect is set.
//
// The IVR steps by the call's clock, not by when it got round to each step:
// a step that starts late (a busy machine, a digit in flight) ends on time,
// so network and scheduling latency do not add up along the call the way
// they would at a large speed-up. A digit answering an input prompt counts
// as pressed when the prompt ended.
func (c *call) pause(a Audio, d float64, collect bool) (byte, stop) {
	return c.pauseFor(a, d, collect, playing)
}

func (c *call) pauseFor(a Audio, d float64, collect, answer bool) (byte, stop) {
	c.leg.Audio(a)
	deadline := c.clock.Add(scaled(d, c.v.cfg.Scale))
	t := time.NewTimer(time.Until(deadline))
	defer t.Stop()
	for {
		select {
		case <-t.C:
			c.clock = deadline
			return 0, goOn
		case dg := <-c.leg.Digits():
			c.digits++
			if collect {
				if !answer {
					c.clock = time.Now()
				}
				return dg, goOn
			}
		case <-c.leg.HungUp():
			c.hungUp = true
			return 0, hungUp
		case <-c.ctx.Done():
			return 0, cancelled
		}
	}
}

// run walks the design; it returns the outcome and the node the call ended
// in.
func (c *call) run() (Outcome, string) {
	v := c.v
	c.clock = time.Now()
	node := v.cfg.Plan.Start()
	for visits := 0; ; visits++ {
		n := &v.nodes[node]
		if visits > maxNodeVisits {
			return OutcomeIVRAbandon, n.Name
		}
		if n.Kind != sim.KindQueue && n.Kind != sim.KindTransfer {
			c.leg.Signal(Event{Kind: EventEnter, Node: n.Name})
		}
		next, out, st := -1, Outcome(""), goOn
		switch n.Kind {
		case sim.KindPrompt:
			d := c.k.Step(node)
			c.ivrTime += d
			_, st = c.pause(AudioPrompt, d, false)
			next = n.Next
		case sim.KindMenu:
			next, out, st = c.menu(node, n)
		case sim.KindSelfService:
			next, out, st = c.selfService(node, n)
		case sim.KindQueue:
			next, out, st = c.queue(node, n)
		case sim.KindTransfer:
			c.transfers++
			next = n.Next
		case sim.KindEnd:
			if n.Resolved {
				return OutcomeContained, n.Name
			}
			return OutcomeEnded, n.Name
		}
		switch {
		case st == hungUp && n.Kind == sim.KindQueue:
			return OutcomeQueueAbandon, n.Name
		case st != goOn:
			return OutcomeIVRAbandon, n.Name
		case out != "":
			return out, n.Name
		}
		node = next
	}
}

// menu plays the menu and routes by the digit pressed: an option's key, or
// 0 for an agent where allowed. Anything else, or nothing, replays it, up
// to its retries.
func (c *call) menu(node int, n *sim.NodeInfo) (int, Outcome, stop) {
	keys := c.v.cfg.Keys[node]
	for pass := 0; ; pass++ {
		d := c.k.Step(node)
		c.ivrTime += d
		dg, st := c.pause(AudioPrompt, d, true)
		if st != goOn {
			return -1, "", st
		}
		if dg == 0 {
			c.leg.Signal(Event{Kind: EventInput, Node: n.Name})
			dg, st = c.pauseFor(AudioSilence, c.v.noInput(), true, awaiting)
			if st != goOn {
				return -1, "", st
			}
		}
		for o, key := range keys {
			if len(key) == 1 && key[0] == dg {
				return n.OptionNext[o], "", goOn
			}
		}
		if dg == '0' && !n.ZeroOutDeny && n.ZeroOutNext >= 0 {
			return n.ZeroOutNext, "", goOn
		}
		if pass+1 > n.Retries {
			return -1, OutcomeIVRAbandon, goOn
		}
	}
}

// selfService offers the automation: 0 asks for an agent (allowed, or
// refused with a re-prompt), any other digit or none goes through it.
func (c *call) selfService(node int, n *sim.NodeInfo) (int, Outcome, stop) {
	for {
		c.leg.Signal(Event{Kind: EventInput, Node: n.Name})
		dg, st := c.pauseFor(AudioSilence, c.v.noInput(), true, awaiting)
		if st != goOn {
			return -1, "", st
		}
		if dg != '0' {
			break
		}
		if !n.ZeroOutDeny && n.ZeroOutNext >= 0 {
			return n.ZeroOutNext, "", goOn
		}
		c.ivrTime += n.Reprompt
		if _, st := c.pause(AudioPrompt, n.Reprompt, false); st != goOn {
			return -1, "", st
		}
	}
	c.engaged = true
	d, ok := c.k.Session(node)
	c.ivrTime += d
	if _, st := c.pause(AudioPrompt, d, false); st != goOn {
		return -1, "", st
	}
	if ok {
		return -1, OutcomeContained, goOn
	}
	if n.Context {
		c.saving = max(c.saving, n.ContextSaving)
	}
	return n.OnFailure, "", goOn
}

// queue holds the caller's place until an agent is free, with the virtual
// agent if the node has one (the caller presses 1 to talk to it), then runs
// the conversation. A misrouted caller is transferred to the group serving
// their intent.
func (c *call) queue(node int, n *sim.NodeInfo) (int, Outcome, stop) {
	g := n.Group
	if g < 0 {
		g = c.k.HomeGroup()
	}
	transfer := false
	for {
		st := c.hold(node, n, g, transfer)
		if st == assisted {
			return -1, OutcomeContained, goOn
		}
		if st != goOn {
			return -1, "", st
		}
		c.leg.Signal(Event{Kind: EventAgent, Node: n.Name})
		c.clock = time.Now() // agents work in real time, from now
		h, misrouted, resolved, wrap := c.k.Service(g, c.saving)
		_, st = c.pause(AudioAgent, h, false)
		c.v.free(g, wrap)
		if st != goOn {
			// Hanging up on an agent mid-conversation ends the call
			// unresolved, not abandoned: the caller reached an agent.
			return -1, OutcomeUnresolved, goOn
		}
		if !misrouted {
			if resolved {
				return -1, OutcomeResolved, goOn
			}
			return -1, OutcomeUnresolved, goOn
		}
		c.transfers++
		c.saving = 0
		g, transfer = c.k.HomeGroup(), true
	}
}

// hold waits for an agent of group g; goOn means one took the call.
func (c *call) hold(node int, n *sim.NodeInfo, g int, transfer bool) stop {
	v := c.v
	w, pos, staffed := v.join(g, transfer)
	if w == nil {
		c.answered = true
		return goOn
	}
	assist := n.Assist
	if transfer {
		assist = nil
	}
	c.leg.Audio(AudioHold)
	c.leg.Signal(Event{Kind: EventQueued, Node: n.Name, Position: pos,
		ExpectedWait: v.cfg.Plan.ExpectedWait(g, pos-1, staffed), Assist: assist != nil, Transfer: transfer})
	joined := time.Now()
	var engagedAt time.Time
	var session <-chan time.Time
	var sessionLen float64
	var success bool
	engagedFor := 0.0 // model seconds with the virtual agent
	for {
		select {
		case <-w.assigned:
			if session != nil {
				eng := unscaled(time.Since(engagedAt), v.cfg.Scale)
				engagedFor += eng
				if eng >= assist.VerifyAfter {
					c.saving = max(c.saving, assist.ContextSaving)
				}
			}
			c.ivrTime += engagedFor
			c.answered = true
			c.wait += max(0, unscaled(time.Since(joined), v.cfg.Scale)-engagedFor)
			return goOn
		case dg := <-c.leg.Digits():
			c.digits++
			if dg == '1' && assist != nil && engagedAt.IsZero() {
				c.engaged = true
				engagedAt = time.Now()
				sessionLen, success = c.k.Session(node)
				session = time.After(scaled(sessionLen, v.cfg.Scale))
			}
		case <-session:
			session = nil
			engagedFor += sessionLen
			if sessionLen >= assist.VerifyAfter {
				c.saving = max(c.saving, assist.ContextSaving)
			}
			if success && v.leave(g, w) {
				c.ivrTime += engagedFor
				return assisted
			}
			c.leg.Signal(Event{Kind: EventAssistDone, Node: n.Name})
			c.leg.Audio(AudioHold)
		case <-c.leg.HungUp():
			c.hungUp = true
			c.abandonQueue(g, w, engagedAt, session != nil, engagedFor, joined)
			return hungUp
		case <-c.ctx.Done():
			c.abandonQueue(g, w, engagedAt, session != nil, engagedFor, joined)
			return cancelled
		}
	}
}

func (c *call) abandonQueue(g int, w *waiter, engagedAt time.Time, inSession bool, engagedFor float64, joined time.Time) {
	v := c.v
	if !v.leave(g, w) {
		v.free(g, 0) // an agent took the call as the caller hung up
	}
	if inSession {
		engagedFor += unscaled(time.Since(engagedAt), v.cfg.Scale)
	}
	c.ivrTime += engagedFor
	c.wait += max(0, unscaled(time.Since(joined), v.cfg.Scale)-engagedFor)
}
