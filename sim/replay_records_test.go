package sim

import (
	"math"
	"testing"
	"time"

	"github.com/ivrsim/ivrsim/scenarios/cdr"
)

// TestReplayOf: records become replayed contacts in order of arrival,
// each its own issue, named as a fitted scenario names them; only served
// contacts carry a handle time, and those that left the IVR without
// queueing (not for a busy signal) replay as hanging up there.
func TestReplayOf(t *testing.T) {
	day1 := time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)
	nan := math.NaN()
	recs := []cdr.Record{
		{Arrival: day1.Add(9 * time.Hour), Outcome: cdr.Served, Intent: "billing", IVRTime: 20, QueueStart: 20, QueueEnd: 50, ServiceStart: 50, ServiceEnd: 230},
		{Arrival: day1.Add(8 * time.Hour), Outcome: cdr.Abandoned, Segment: "vip", IVRTime: 15, QueueStart: nan, QueueEnd: nan, ServiceStart: nan, ServiceEnd: nan},
		{Arrival: day1.Add(8*time.Hour + 30*time.Minute), Outcome: cdr.Blocked, IVRTime: nan, QueueStart: nan, QueueEnd: nan, ServiceStart: nan, ServiceEnd: nan},
	}
	r := ReplayOf(recs, day1)
	if len(r.Contacts) != 3 {
		t.Fatalf("%d contacts", len(r.Contacts))
	}
	a, b, c := r.Contacts[0], r.Contacts[1], r.Contacts[2]
	if a.Arrival != 8*3600 || b.Arrival != 8.5*3600 || c.Arrival != 9*3600 {
		t.Errorf("arrivals %g, %g, %g; want them in order", a.Arrival, b.Arrival, c.Arrival)
	}
	if a.Segment != "vip" || a.Intent != "call" || !a.IVRAbandoned || !math.IsNaN(a.Handle) || a.Issue != 1 {
		t.Errorf("the IVR hang-up: %+v", a)
	}
	if b.IVRAbandoned || !math.IsNaN(b.Handle) {
		t.Errorf("the busy signal: %+v", b)
	}
	if c.Segment != "callers" || c.Intent != "billing" || c.Handle != 180 || c.IVRAbandoned || c.Issue != 0 {
		t.Errorf("the served contact: %+v", c)
	}
	if r.Staffing != nil {
		t.Errorf("staffing %v; the records' is the caller's to give", r.Staffing)
	}
}
