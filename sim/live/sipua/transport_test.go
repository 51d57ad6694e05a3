package sipua

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ivrsim/ivrsim/sim/live"
)

// TestTransports runs a short window of callers over each SIP transport and
// digit method: every call connects, gets audio, and every digit the
// callers sent reached the IVR.
func TestTransports(t *testing.T) {
	for _, tc := range []struct {
		transport string
		info      bool
	}{
		{"udp", false},
		{"udp", true},
		{"tcp", false},
		{"tcp", true},
	} {
		name := tc.transport + "/rfc4733"
		if tc.info {
			name = tc.transport + "/info"
		}
		t.Run(name, func(t *testing.T) {
			w := newTwin(t, strings.Replace(twinScenario, "profile: [110, 110]", "profile: [150, 150]", 1))
			srv, ivr := w.serveIVR(t, 0.005, 9*3600)
			d := w.dialer(t, srv.Addr(), tc.transport, tc.info)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			// Audio starts within a frame or two of the answer; a call too
			// short (in wall time) to be sure of hearing any on a machine
			// busy with other work is not held against the stream.
			var mute, longMute int
			sum, err := live.Load(ctx, live.LoadConfig{
				Record: func(r *live.CallRecord) {
					if r.Code == 200 && r.FirstAudio < 0 {
						mute++
						if (r.IVRTime+r.Wait+r.Talk)*0.005 > 1 {
							longMute++
						}
					}
				},
				Flow: live.NewFlow(w.plan, w.keys), Seed: 2, From: 9 * 3600, Duration: 300, Scale: 0.005, Thin: 1,
				MaxConcurrent: 100, MaxRate: 200, AbortFailures: 0.2, AbortAfter: 20, Drain: 10 * time.Second,
			}, d.Dial)
			if err != nil {
				t.Fatal(err)
			}
			c := waitIdle(t, ivr)
			if sum.Offered < 20 || sum.Failed != 0 || longMute != 0 {
				t.Fatalf("%d calls, %d failed, %d without audio (%d of them longer than 1 s)", sum.Offered, sum.Failed, mute, longMute)
			}
			if mute > 0 {
				t.Logf("%d short calls heard no audio", mute)
			}
			// A digit can cross the IVR's BYE on the wire and be lost, as
			// on any network: at most one for each call the IVR's side
			// ended (a caller who hangs up stops pressing first). More
			// lost would be a fault.
			endedByIVR := c.Offered - c.Blocked - c.IVRAbandoned - c.QueueAbandoned
			if sum.DTMF == 0 || c.DTMF > sum.DTMF || sum.DTMF-c.DTMF > endedByIVR {
				t.Errorf("callers sent %d digits, the IVR received %d, and ended %d calls", sum.DTMF, c.DTMF, endedByIVR)
			}
			if c.Offered != sum.Offered {
				t.Errorf("the IVR saw %d calls, the harness placed %d", c.Offered, sum.Offered)
			}
		})
	}
}
