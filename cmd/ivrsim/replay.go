package main

import (
	"math"
	"slices"
	"time"

	"github.com/ivrsim/ivrsim/scenarios/cdr"
	"github.com/ivrsim/ivrsim/scenarios/fit"
	"github.com/ivrsim/ivrsim/sim"
)

// replayOf turns records (day 1 on the date from) into the contacts a
// replay drives the simulation with: each record is its own issue, its
// segment and intent named as ivrsim fit names them. Contacts that ended
// in the IVR without queueing replay as hanging up there.
func replayOf(recs []cdr.Record, from time.Time) *sim.Replay {
	r := &sim.Replay{}
	for i := range recs {
		x := &recs[i]
		h := math.NaN()
		if x.Outcome == cdr.Served {
			h = x.HandleTime()
		}
		r.Contacts = append(r.Contacts, sim.ReplayContact{
			Arrival: x.Arrival.Sub(from).Seconds(), Segment: fit.SegmentName(x), Intent: fit.IntentName(x),
			Issue: uint64(i), IVRTime: x.IVRTime, Handle: h,
			IVRAbandoned: !x.Queued() && x.Outcome != cdr.Blocked,
		})
	}
	slices.SortStableFunc(r.Contacts, func(a, b sim.ReplayContact) int {
		switch {
		case a.Arrival < b.Arrival:
			return -1
		case a.Arrival > b.Arrival:
			return 1
		}
		return 0
	})
	return r
}
