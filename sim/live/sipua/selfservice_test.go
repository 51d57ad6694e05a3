package sipua

import (
	"context"
	"testing"
	"time"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/sim"
	"github.com/ivrsim/ivrsim/sim/live"
)

// selfServiceScenario forces automation: callers engage it (trust), press
// 0 to escape to an agent (zero-out), or go through it unwillingly; it
// resolves some issues and sends the others to a queue of their own.
const selfServiceScenario = `
name: forced
arrivals: {interval: 10m, start: "09:00", profile: [150]}
intents:
  balance: {handle_time: "exponential(mean=2m)", share: 0.6}
  loan: {handle_time: "exponential(mean=3m)", share: 0.4}
segments:
  trusting: {share: 0.5, trust: 0.8, zero_out: 0.3, patience: "exponential(mean=3m)"}
  wary: {share: 0.5, trust: 0.2, zero_out: 0.6, patience: "exponential(mean=2m)"}
agents:
  team: {count: 30}
designs:
  forced:
    start: greet
    nodes:
      greet: {type: prompt, duration: 4s, next: self}
      self:
        type: selfservice
        duration: "uniform(min=20s, max=40s)"
        success: {balance: 0.6, loan: 0.2}
        zero_out: allow
        zero_out_next: escaped
        on_failure: failed
      escaped: {type: queue}
      failed: {type: queue}
`

// TestSelfServiceRoutes: through forced self-service, every live caller
// takes the simulated caller's route: engaged or escaped with 0 (the
// caller's draws, the same), then resolved by automation or sent on.
// Whether automation resolves an issue is the IVR's draw, keyed apart from
// the simulation's, so only escapes are compared caller by caller and the
// rest must at least agree in kind.
func TestSelfServiceRoutes(t *testing.T) {
	if testing.Short() {
		t.Skip("places live calls")
	}
	w := newTwin(t, selfServiceScenario)
	const scale, from = 0.01, 9 * 3600.0
	srv := w.serve(t, scale, from)
	d := w.dialer(t, srv.Addr(), "udp", false)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	route := map[uint64]string{}
	sum, err := live.Load(ctx, live.LoadConfig{
		Flow: live.NewFlow(w.plan, w.keys), Seed: 5, From: from, Duration: 600, Scale: scale, Thin: 1,
		MaxConcurrent: 200, MaxRate: 200, AbortFailures: 0.2, AbortAfter: 20, Drain: 10 * time.Second,
		Record: func(r *live.CallRecord) { route[r.Index] = r.EndNode },
	}, d.Dial)
	if err != nil {
		t.Fatal(err)
	}
	simRoute := map[uint64]string{}
	if _, _, err := sim.Replicate(context.Background(), w.plan, 5, 0, func(r *results.ContactRecord) {
		simRoute[r.Issue] = r.Path[len(r.Path)-1]
	}); err != nil {
		t.Fatal(err)
	}
	escaped := 0
	for k, node := range route {
		s := simRoute[k]
		if (node == "escaped") != (s == "escaped") {
			t.Errorf("caller %d: live call ended in %q, the simulated one in %q", k, node, s)
		}
		if node == "escaped" {
			escaped++
		}
	}
	t.Logf("%d calls, %d escaped to an agent, %d contained", sum.Offered, escaped, sum.Contained)
	if sum.Offered < 100 || sum.Failed > 0 || escaped == 0 || sum.Contained == 0 {
		t.Fatalf("%d calls, %d failed, %d escaped, %d contained: too little to compare", sum.Offered, sum.Failed, escaped, sum.Contained)
	}
}
