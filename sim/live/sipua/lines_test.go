package sipua

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ivrsim/ivrsim/sim/live"
)

// TestLinesBusy: calls beyond the scenario's lines get 486 Busy Here; the
// harness counts them blocked (not failed) and the IVR refused as many.
func TestLinesBusy(t *testing.T) {
	w := newTwin(t, strings.Replace(holdScenario, "arrivals: {rate: 60/h}", "arrivals: {rate: 1800/h}\nlines: 5", 1))
	srv, ivr := w.serveIVR(t, 0.01, 9*3600)
	d := w.dialer(t, srv.Addr(), "udp", false)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	sum, err := live.Load(ctx, live.LoadConfig{
		Flow: live.NewFlow(w.plan, w.keys), Seed: 1, From: 9 * 3600, Duration: 120, Scale: 0.01, Thin: 1,
		MaxConcurrent: 100, MaxRate: 200, AbortFailures: 0.2, AbortAfter: 20, Drain: 200 * time.Millisecond,
	}, d.Dial)
	if err != nil {
		t.Fatal(err)
	}
	c := waitIdle(t, ivr)
	if sum.Blocked == 0 || sum.Failed != 0 || c.Blocked != sum.Blocked || c.ActiveMax != 5 {
		t.Errorf("harness: %d placed, %d blocked, %d failed; IVR: %d refused, at most %d up (lines 5)",
			sum.Offered, sum.Blocked, sum.Failed, c.Blocked, c.ActiveMax)
	}
	if codes := sum.FailureCodes(); len(codes) != 1 || codes[0][0] != 486 {
		t.Errorf("status codes %v, want only 486", codes)
	}
}
