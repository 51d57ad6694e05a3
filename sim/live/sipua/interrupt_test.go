package sipua

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ivrsim/ivrsim/sim/live"
)

// TestLoadInterruptHangsUp: cancelling a load run (Ctrl-C) hangs up every
// call still up with BYE: the IVR is left with none, and the run reports
// itself interrupted.
func TestLoadInterruptHangsUp(t *testing.T) {
	w := newTwin(t, strings.Replace(holdScenario, "rate: 60/h", "rate: 1800/h", 1))
	srv, ivr := w.serveIVR(t, 0.01, 9*3600)
	d := w.dialer(t, srv.Addr(), "udp", false)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(1500*time.Millisecond, cancel)
	sum, err := live.Load(ctx, live.LoadConfig{
		Flow: live.NewFlow(w.plan, w.keys), Seed: 1, From: 0, Duration: 86400, Scale: 0.01, Thin: 1,
		MaxConcurrent: 50, MaxRate: 100, AbortFailures: 0.2, AbortAfter: 20,
	}, d.Dial)
	if !errors.Is(err, context.Canceled) || !sum.Interrupted {
		t.Fatalf("Load returned %v (interrupted %v), want the cancellation", err, sum.Interrupted)
	}
	if sum.Connected < 3 {
		t.Fatalf("only %d calls were set up when interrupted; the test proves nothing", sum.Connected)
	}
	// Every call set up is hung up, and the IVR is left with none. Calls
	// still being set up when the run is interrupted are cancelled; on a
	// loaded machine some never reach the IVR, so the IVR may see fewer
	// hang-ups than calls placed, but never fewer than calls set up.
	c := waitIdle(t, ivr)
	if c.Active != 0 {
		t.Errorf("after the interruption the IVR still has %d calls up", c.Active)
	}
	if c.IVRAbandoned < sum.Connected || c.IVRAbandoned > sum.Offered {
		t.Errorf("the IVR saw %d calls hang up; %d were set up and %d placed", c.IVRAbandoned, sum.Connected, sum.Offered)
	}
}

// TestLoadAborts: against a target that refuses every call (503), the run
// stops itself at the failure limit instead of calling on.
func TestLoadAborts(t *testing.T) {
	w := newTwin(t, holdScenario)
	ivr, err := live.NewIVR(live.IVRConfig{Plan: w.plan, Keys: w.keys, Seed: 1, Scale: 0.01, NoInput: 1})
	if err != nil {
		t.Fatal(err)
	}
	srv, pc, ln, err := Listen(ivr, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv.refuse = 503
	sctx, scancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = srv.Serve(sctx, pc, ln); close(done) }()
	defer func() { scancel(); <-done }()
	d := w.dialer(t, srv.Addr(), "udp", false)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	sum, err := live.Load(ctx, live.LoadConfig{
		Flow: live.NewFlow(w.plan, w.keys), Seed: 1, From: 0, Duration: 86400, Scale: 0.001, Thin: 1,
		MaxConcurrent: 5, MaxRate: 200, AbortFailures: 0.2, AbortAfter: 20,
	}, d.Dial)
	if !errors.Is(err, live.ErrAborted) {
		t.Fatalf("Load returned %v, want ErrAborted", err)
	}
	if sum.Offered < 20 || sum.Offered > 20+5 {
		t.Errorf("placed %d calls; the limit should stop it just after the first 20", sum.Offered)
	}
	if codes := sum.FailureCodes(); len(codes) != 1 || codes[0][0] != 503 || codes[0][1] != sum.Failed {
		t.Errorf("failures by code %v, want all %d as 503", codes, sum.Failed)
	}
	if errs := sum.ErrorCounts(); len(errs) == 0 || errs[0].Calls == 0 {
		t.Errorf("no failure message kept: %+v", errs)
	}
}
