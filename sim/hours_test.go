package sim

import (
	"math"
	"slices"
	"testing"
)

// Outside opening hours no caller queues: each one reaching the queue is
// told the centre is closed and hangs up in the IVR; inside them the
// queue works as before.
func TestOpeningHours(t *testing.T) {
	text := twoSegments + `
designs:
  flow:
    start: ivr
    nodes:
      ivr: {type: prompt, duration: 10s, next: q}
      q: {type: queue}
`
	open, _ := traced(t, text, 3)
	rs, recs := traced(t, text, 3, "agents.team.hours.daily=10:00-12:00", "agents.team.hours.mon=10:00-12:30")
	closedIVR := 0
	for _, r := range recs {
		reach := r.Arrival + 10 // the prompt's duration
		inside := reach >= 10*3600 && reach < 12*3600+1800
		switch {
		case !math.IsNaN(r.QueueStart) && !inside:
			t.Fatalf("a caller queued at %.0fs, outside 10:00-12:30 (mon's hours)", r.QueueStart)
		case !inside && r.Outcome != "hung up in IVR":
			t.Fatalf("a caller reaching the queue at %.0fs, closed, ended %q; want hung up in IVR", reach, r.Outcome)
		case !inside:
			closedIVR++
		}
	}
	if closedIVR == 0 {
		t.Fatal("no caller reached the closed queue; the test checks nothing")
	}
	if a, b := values(t, open, 0, "offered"), values(t, rs, 0, "offered"); !(slices.Max(a) > 0) || a[0] != b[0] {
		t.Errorf("offered %v with hours, %v without; the hours must not change arrivals", b, a)
	}
	if ivr := values(t, rs, 0, "ivr_abandon_rate"); !(slices.Min(ivr) > 0.4) {
		t.Errorf("ivr_abandon_rate %v with the queue open 2.5 of 6 hours; want above 40%%", ivr)
	}
}

// A menu's hang-up time changes how long hanging-up callers stay and
// nothing else: the same callers hang up, the queue sees the same calls.
func TestMenuHangupTime(t *testing.T) {
	text := twoSegments + `
designs:
  flow:
    start: ivr
    nodes:
      ivr:
        type: menu
        duration: 10s
        zero_out: deny
        retries: 0
        options: [{key: "1", intents: [simple], next: q}]
      q: {type: queue}
`
	sets := []string{"segments.regular.zero_out=0.3", "segments.vip.zero_out=0.3"}
	same, _ := traced(t, text, 3, sets...)
	rs, recs := traced(t, text, 3, append(sets, "designs.flow.nodes.ivr.hangup_time=40s")...)
	for _, m := range []string{"offered", "ivr_abandon_rate", "queue_abandon_rate", "asa", "p_wait"} {
		if a, b := values(t, same, 0, m), values(t, rs, 0, m); !slices.Equal(a, b) {
			t.Errorf("%s: %v with a hang-up time, %v without; want the same", m, b, a)
		}
	}
	hung := 0
	for _, r := range recs {
		want := 10.0
		if r.Outcome == "hung up in IVR" {
			want = 40
			hung++
		}
		if math.Abs(r.IVRTime-want) > 1e-9 {
			t.Fatalf("a contact that %s spent %.1fs in the IVR, want %.0fs", r.Outcome, r.IVRTime, want)
		}
	}
	if hung == 0 {
		t.Fatal("nobody hung up in the menu; the test checks nothing")
	}
	if a, b := values(t, same, 0, "ivr_time"), values(t, rs, 0, "ivr_time"); !(b[0] > a[0]) {
		t.Errorf("ivr_time %v with a 40s hang-up time, %v without; want longer", b, a)
	}
}
