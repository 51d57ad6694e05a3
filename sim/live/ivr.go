package live

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/ivrsim/ivrsim/sim"
)

// IVRConfig configures a live IVR.
type IVRConfig struct {
	Plan *sim.Plan
	// Keys are the digits of each node's menu options, by node index and
	// option (empty for nodes that are not menus).
	Keys [][]string
	// Seed and Replication key the draws of the IVR's side of each call
	// (prompt lengths, handle times, automation outcomes).
	Seed        uint64
	Replication int
	// Scale is wall-clock seconds per model second: 0.1 plays a 10 s
	// prompt in one second.
	Scale float64
	// From is the model time of day (seconds) when the IVR starts: it sets
	// the agents on duty.
	From float64
	// NoInput is how long (model seconds) a menu waits for a digit after
	// it has been played before replaying.
	NoInput float64
	// Lines caps the calls in the IVR at once; 0 takes the scenario's.
	Lines int
}

// IVR runs one design as a live IVR. It is safe for concurrent use: each
// call runs Serve in its own goroutine.
type IVR struct {
	cfg   IVRConfig
	nodes []sim.NodeInfo
	start time.Time
	lines int

	popMu sync.Mutex
	pop   *sim.Population

	mu      sync.Mutex
	groups  []groupQueue
	active  int
	unknown uint64
	stats   Counts
}

// NewIVR prepares the live IVR of cfg's plan.
func NewIVR(cfg IVRConfig) (*IVR, error) {
	if cfg.Scale <= 0 {
		return nil, fmt.Errorf("time scale must be positive, got %v", cfg.Scale)
	}
	v := &IVR{
		cfg: cfg, nodes: cfg.Plan.Nodes(), start: time.Now(), lines: cfg.Lines,
		pop:    sim.NewPopulation(cfg.Plan, cfg.Seed, cfg.Replication),
		groups: make([]groupQueue, len(cfg.Plan.Groups())),
	}
	if v.lines <= 0 {
		v.lines = cfg.Plan.Lines()
	}
	v.unknown = 1 << 40
	return v, nil
}

// minNoInput is the least wall time an IVR waits for a digit: at large
// speed-ups the scaled no-input time would be shorter than a digit takes
// to arrive on a busy machine (a SIP INFO can take hundreds of
// milliseconds then). ivrsim's callers always answer a menu at once (# to
// hear it again), so the floor costs them nothing.
const minNoInput = time.Second

// noInput is how long (model seconds) a menu waits for a digit.
func (v *IVR) noInput() float64 {
	return max(v.cfg.NoInput, unscaled(minNoInput, v.cfg.Scale))
}

// modelNow is the model time of day now.
func (v *IVR) modelNow() float64 {
	return v.cfg.From + unscaled(time.Since(v.start), v.cfg.Scale)
}

// Admit takes a line for a new call, or reports that every line is busy
// (the call is then refused and counted as blocked).
func (v *IVR) Admit() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.stats.Offered++
	if v.lines > 0 && v.active >= v.lines {
		v.stats.Blocked++
		return false
	}
	v.active++
	v.stats.Active = v.active
	v.stats.ActiveMax = max(v.stats.ActiveMax, v.active)
	return true
}

// Release gives back the line of an admitted call that could not be set
// up; it counts as failed, not as offered.
func (v *IVR) Release() {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.active--
	v.stats.Offered--
	v.stats.Active = v.active
}

// Counts returns a snapshot of the IVR's counts.
func (v *IVR) Counts() Counts {
	v.mu.Lock()
	defer v.mu.Unlock()
	c := v.stats
	c.Waiting = 0
	for g := range v.groups {
		c.Waiting += v.groups[g].live
	}
	return c
}

// Tick dispatches waiting callers to agents whose shift has started; call
// it now and then (the schedule changes at interval boundaries).
func (v *IVR) Tick() {
	v.mu.Lock()
	defer v.mu.Unlock()
	for g := range v.groups {
		v.dispatch(g)
	}
}

// Serve runs an admitted call through the design until it ends, then
// frees its line. ctx cancels it (the call is ended by the IVR).
func (v *IVR) Serve(ctx context.Context, leg Leg, id CallerID) {
	c := v.newCall(ctx, leg, id)
	out, node := c.run()
	v.mu.Lock()
	v.active--
	v.stats.Active = v.active
	v.stats.count(out, c)
	v.mu.Unlock()
	if !c.hungUp {
		leg.End(node, out)
	}
}

func (v *IVR) newCall(ctx context.Context, leg Leg, id CallerID) *call {
	v.popMu.Lock()
	defer v.popMu.Unlock()
	if !id.Known {
		v.mu.Lock()
		id.Index, id.Attempt = v.unknown, 0
		v.unknown++
		v.mu.Unlock()
	}
	who := v.pop.At(id.Index)
	return &call{v: v, ctx: ctx, leg: leg, k: v.pop.Contact(who, id.Attempt)}
}
