package live

import (
	"context"
	"math"
	"time"

	"github.com/ivrsim/ivrsim/sim"
)

// script plays the caller against an endpoint that does not report the
// call's progress (any IVR other than ivrsim serve): the caller walks the
// design by its own clock, drawing each prompt's and menu's length as the
// IVR would, presses the digits the model chooses at the end of each menu,
// and in a queue holds until its patience runs out or the endpoint ends
// the call. What it cannot observe it does not guess: an agent answering
// is invisible without reports, so a caller still holding at its patience
// hangs up (counted as a queue abandon), and an automation session ends
// when its drawn length is over.
func (r *callerRun) script(ctx context.Context) CallResult {
	defer r.stopPatience()
	node := r.f.Plan.Start()
	for visits := 0; visits < 1000; visits++ {
		n := &r.f.Nodes[node]
		r.node = node
		r.k.EnterNode()
		switch n.Kind {
		case sim.KindPrompt:
			if done, res := r.scriptWait(ctx, r.k.Step(node)); done {
				return res
			}
			node = n.Next
		case sim.KindMenu:
			for {
				if done, res := r.scriptWait(ctx, r.k.Step(node)); done {
					return res
				}
				a := r.k.Menu(node)
				if a.HangUp {
					return r.hangUp(OutcomeIVRAbandon)
				}
				if a.Option >= 0 {
					if key := r.f.Keys[node][a.Option]; len(key) == 1 {
						r.press(key[0])
					}
					node = n.OptionNext[a.Option]
					break
				}
				if a.ZeroOut {
					r.press('0')
					if !n.ZeroOutDeny && n.ZeroOutNext >= 0 {
						node = n.ZeroOutNext
						break
					}
				} else {
					r.press('#')
				}
			}
		case sim.KindSelfService:
			r.press('1')
			d, _ := r.k.Session(node)
			if done, res := r.scriptWait(ctx, d); done {
				return res
			}
			node = n.OnFailure
		case sim.KindQueue:
			r.closePhase(time.Now())
			r.phase = inQueue
			r.arm(r.k.Join())
			if done, res := r.scriptWait(ctx, math.Inf(1)); done {
				return res
			}
		case sim.KindTransfer:
			node = n.Next
		case sim.KindEnd:
			if done, res := r.scriptWait(ctx, math.Inf(1)); done {
				return res
			}
		}
		if node < 0 {
			break
		}
	}
	return r.hangUp(OutcomeIVRAbandon)
}

// scriptWait waits model seconds d (forever for +Inf); done reports that
// the call ended meanwhile, by either side.
func (r *callerRun) scriptWait(ctx context.Context, d float64) (bool, CallResult) {
	var after <-chan time.Time
	if !math.IsInf(d, 1) {
		t := time.NewTimer(scaled(d, r.scale))
		defer t.Stop()
		after = t.C
	}
	var expired <-chan time.Time
	if r.deadline != nil {
		expired = r.deadline.C
	}
	select {
	case <-after:
		return false, CallResult{}
	case <-expired:
		r.deadline = nil
		return true, r.abandon()
	case end := <-r.leg.Ended():
		r.closePhase(time.Now())
		r.res.Outcome, r.res.EndNode = end.Outcome, end.Node
		if r.res.Outcome == "" {
			r.res.Outcome = OutcomeEnded
		}
		return true, r.res
	case <-ctx.Done():
		res := r.hangUp(OutcomeFailed)
		res.Interrupted = true
		return true, res
	}
}
