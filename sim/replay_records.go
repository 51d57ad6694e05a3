package sim

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/ivrsim/ivrsim/scenarios/cdr"
	"github.com/ivrsim/ivrsim/scenarios/fit"
)

// ReplayOf turns call records, day 1 on the date from, into the contacts a
// replay drives the simulation with, in order of arrival: each record is an
// issue of its own, its segment and intent named as ivrsim fit names them.
// Contacts that ended in the IVR without queueing replay as hanging up
// there. The staffing is left for the caller to give (see
// fit.ObservedStaffing).
func ReplayOf(recs []cdr.Record, from time.Time) *Replay {
	r := &Replay{}
	for i := range recs {
		x := &recs[i]
		h := math.NaN()
		if x.Outcome == cdr.Served {
			h = x.HandleTime()
		}
		r.Contacts = append(r.Contacts, ReplayContact{
			Arrival: x.Arrival.Sub(from).Seconds(), Segment: fit.SegmentName(x), Intent: fit.IntentName(x),
			Issue: uint64(i), IVRTime: x.IVRTime, Handle: h,
			IVRAbandoned: !x.Queued() && x.Outcome != cdr.Blocked,
		})
	}
	slices.SortStableFunc(r.Contacts, func(a, b ReplayContact) int { return cmp.Compare(a.Arrival, b.Arrival) })
	return r
}
