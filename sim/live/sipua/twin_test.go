package sipua

import (
	"context"
	"fmt"
	"math"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/sim"
	"github.com/ivrsim/ivrsim/sim/live"
)

// twinScenario is small and busy enough that callers abandon in the menu and
// in the queue and wait for agents, over a 17-minute window.
const twinScenario = `
name: twin
arrivals: {interval: 10m, start: "09:00", profile: [110, 110]}
intents:
  balance: {handle_time: "exponential(mean=3m)", share: 0.5, skill: retail}
  loan: {handle_time: "exponential(mean=4m)", share: 0.3, skill: loans}
  other: {handle_time: "exponential(mean=2m)", share: 0.2, skill: retail}
segments:
  calm: {share: 0.6, patience: "exponential(mean=3m)", menu_accuracy: 0.85, zero_out: 0.1}
  hurried: {share: 0.4, patience: "exponential(mean=1m)", menu_accuracy: 0.7, zero_out: 0.3}
agents:
  retail: {skills: [retail], count: 13}
  loans: {skills: [loans], count: 8}
designs:
  menu:
    start: greet
    nodes:
      greet: {type: prompt, duration: 5s, next: main}
      main:
        type: menu
        duration: "uniform(min=6s, max=14s)"
        options:
          - {key: "1", intents: [balance], next: q_retail}
          - {key: "2", intents: [loan], next: q_loans}
        zero_out: allow
        zero_out_next: q_retail
        retries: 1
      q_retail:
        type: queue
        group: retail
        assist: {engage_bonus: 0.2, engaged_patience: 0.5, duration: "exponential(mean=40s)",
                 success: {balance: 0.5, other: 0.3}, verify_after: 20s, context_saving: 0.25}
      q_loans: {type: queue, group: loans}
`

type twin struct {
	sc   *scenarios.Scenario
	plan *sim.Plan
	keys [][]string
}

func newTwin(t testing.TB, text string) *twin {
	t.Helper()
	sc, err := scenarios.Parse("twin.yaml", []byte(text), nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := sim.Compile(sc, sc.Designs[0].Name)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := live.DTMFKeys(sc, sc.Designs[0].Name, p)
	if err != nil {
		t.Fatal(err)
	}
	return &twin{sc: sc, plan: p, keys: keys}
}

// serve starts a live IVR of the plan on a loopback port; it stops with
// the test.
func (w *twin) serve(t testing.TB, scale, from float64) *Server {
	srv, _ := w.serveIVR(t, scale, from)
	return srv
}

// serveIVR is serve, with the IVR for its counts.
func (w *twin) serveIVR(t testing.TB, scale, from float64) (*Server, *live.IVR) {
	t.Helper()
	ivr, err := live.NewIVR(live.IVRConfig{Plan: w.plan, Keys: w.keys, Seed: 1, Scale: scale, From: from, NoInput: 2})
	if err != nil {
		t.Fatal(err)
	}
	srv, pc, ln, err := Listen(ivr, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = srv.Serve(ctx, pc, ln); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return srv, ivr
}

func (w *twin) dialer(t testing.TB, addr, transport string, info bool) *Dialer {
	t.Helper()
	host, port, _ := net.SplitHostPort(addr)
	target, err := ParseTarget(fmt.Sprintf("sip:ivr@%s", net.JoinHostPort(host, port)))
	if err != nil {
		t.Fatal(err)
	}
	d, err := NewDialer(DialerConfig{Target: target, Transport: transport, InfoDTMF: info})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	return d
}

func metricIndex(t testing.TB, name string) int {
	for i, n := range results.MetricNames() {
		if n == name {
			return i
		}
	}
	t.Fatalf("no metric %q", name)
	return -1
}

// TestTwin is the proof that the live path and the model mean the same
// thing: ivrsim's callers, placed as SIP calls against the same design run
// as a live IVR, 50 times faster than real time, reproduce the
// simulation's abandonment, containment, IVR time and ASA.
//
// The live run is one replication's worth of calls (replication 0's
// callers, the same ones), so it is held to the simulation's prediction
// interval for one replication: mean ± z·sd·√(1 + 1/R), sd the spread of R
// simulated replications (the interval of the simulation's mean widened by
// the live run's own sampling spread, as both sides vary). z = 2.5 keeps
// the family of four checks at about 95% (Bonferroni). Network and timer
// latency adds to the live IVR time and wait: on loopback it is a few
// milliseconds per step of a call, a tenth of a model second or so at this
// scale; on a machine busy with other work it can be ten times that, which
// is why the scale is not pushed further.
func TestTwin(t *testing.T) {
	if testing.Short() {
		t.Skip("live twin check takes about 30 s")
	}
	w := newTwin(t, twinScenario)
	const scale, from, window = 0.02, 9 * 3600.0, 17 * 60.0
	srv := w.serve(t, scale, from)
	d := w.dialer(t, srv.Addr(), "udp", false)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	route := map[uint64]string{} // caller → where the menu sent them (the live end node)
	sum, err := live.Load(ctx, live.LoadConfig{
		Flow: live.NewFlow(w.plan, w.keys), Seed: 1, From: from, Duration: window, Scale: scale, Thin: 1,
		MaxConcurrent: 400, MaxRate: 500, AbortFailures: 0.2, AbortAfter: 20, Drain: 20 * time.Second,
		Record: func(r *live.CallRecord) { route[r.Index] = r.EndNode },
	}, d.Dial)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, m := range sum.Metrics() {
		got[m.Name] = m.Value
	}
	t.Logf("live: %d calls, %d failed, wall %v, concurrent max %d, setup p99 %.1f ms",
		sum.Offered, sum.Failed, sum.Wall.Round(time.Millisecond), sum.ConcurrentMax, 1000*got["setup_p99"])
	if sum.Offered < 150 || sum.Failed > 0 {
		t.Fatalf("live run placed %d calls with %d failures; want at least 150 and none", sum.Offered, sum.Failed)
	}

	// Caller by caller: the menu sent every live caller where it sent the
	// same caller in replication 0 of the simulation (or they hung up in
	// the menu in both).
	simRoute := map[uint64]string{}
	if _, _, err := sim.Replicate(context.Background(), w.plan, 1, 0, func(r *results.ContactRecord) {
		switch {
		case len(r.Path) > 2:
			simRoute[r.Issue] = r.Path[2]
		case len(r.Path) == 2:
			simRoute[r.Issue] = r.Path[1]
		}
	}); err != nil {
		t.Fatal(err)
	}
	same := 0
	for k, node := range route {
		if simRoute[k] != node {
			t.Errorf("caller %d: live call ended in %q, the simulated caller went to %q", k, node, simRoute[k])
			continue
		}
		same++
	}
	t.Logf("%d of %d callers took the same route live and simulated", same, len(route))

	const reps = 40
	rs, err := sim.Run(context.Background(), []*sim.Plan{w.plan}, sim.Options{Seed: 1, Replications: sim.Reps(reps), Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	const z = 2.5
	for _, name := range []string{"abandon_rate", "containment_rate", "ivr_time", "asa"} {
		i := metricIndex(t, name)
		vals := make([]float64, reps)
		for r, rep := range rs.Designs[0].Reps {
			vals[r] = rep.Total[i]
		}
		e := results.EstimateOf(vals)
		half := z * e.StdDev * math.Sqrt(1+1.0/reps)
		t.Logf("%-17s live %8.4f  simulated %8.4f ± %.4f (replication 0: %.4f)", name, got[name], e.Mean, half, vals[0])
		if math.IsNaN(got[name]) || math.Abs(got[name]-e.Mean) > half {
			t.Errorf("%s: live %.4f outside the simulation's %.4f ± %.4f", name, got[name], e.Mean, half)
		}
	}
	_ = strconv.Itoa
}
