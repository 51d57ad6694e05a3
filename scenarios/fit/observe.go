package fit

import (
	"math"
	"time"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/scenarios/cdr"
)

// Observe counts records into the cells of layout l, day 1 being the date
// start, as the simulator counts its contacts, so every metric of
// results.Metrics means the same for both: a contact counts in the cell of
// its arrival, agent time in the cells it was spent in. slWithin is the
// service-level time; staffed gives the agents on duty per cell (for
// occupancy; nil leaves staffed time at 0). Records outside the layout's
// days are left out.
func Observe(recs []cdr.Record, start time.Time, l results.Layout, slWithin float64, staffed []int) []results.Counters {
	perDay := l.IntervalsPerDay()
	n := l.Days * perDay
	cells := make([]results.Counters, n)
	start = dateOf(start)
	cellOf := func(sec float64) int {
		k := int(math.Floor(sec / l.Interval))
		if k < 0 || k >= n {
			return -1
		}
		return k
	}
	for i := range recs {
		r := &recs[i]
		at := r.Arrival.Sub(start).Seconds()
		k := cellOf(at)
		if k < 0 {
			continue
		}
		c := &cells[k]
		c.Offered++
		if r.Outcome == cdr.Blocked {
			c.Blocked++
			continue
		}
		c.EffortContacts++
		if !math.IsNaN(r.IVRTime) {
			c.IVRTime += r.IVRTime
		}
		switch {
		case r.IVRAbandoned():
			c.IVRAbandoned++
		case r.QueueAbandoned():
			c.QueueAbandoned++
			c.Queued++
			c.WaitedOnJoin++ // a caller who found an agent free was answered
		case r.Outcome == cdr.Contained:
			c.Contained++
			if !math.IsNaN(r.QueueStart) {
				c.Queued++
			}
		case r.Outcome == cdr.Served:
			w := math.Max(r.Wait(), 0)
			c.Queued++
			c.Answered++
			c.WaitSum += w
			if w > 0 {
				c.WaitedOnJoin++
			}
			if w <= slWithin {
				c.AnsweredInSL++
			}
			if h := r.HandleTime(); !math.IsNaN(h) {
				c.Handled++
				c.HandleSum += h
				spreadBusy(cells, l.Interval, at+r.ServiceStart, at+r.ServiceEnd)
			}
		default:
			if !math.IsNaN(r.QueueStart) {
				c.Queued++
			}
		}
	}
	if staffed != nil {
		for k := range cells {
			if k < len(staffed) {
				cells[k].StaffedTime = float64(staffed[k]) * l.Interval
			}
		}
	}
	return cells
}

// spreadBusy adds agent time from s to e (seconds from day 1) to the cells
// it was spent in.
func spreadBusy(cells []results.Counters, interval, s, e float64) {
	for k := max(int(math.Floor(s/interval)), 0); k < len(cells); k++ {
		lo, hi := float64(k)*interval, float64(k+1)*interval
		if lo >= e {
			break
		}
		if d := math.Min(hi, e) - math.Max(lo, s); d > 0 {
			cells[k].BusyTime += d
		}
	}
}

// Staffed is the number of agents a validated scenario schedules in each
// cell of layout l (all groups together), following weekday_staffing on
// dated days.
func Staffed(sc *scenarios.Scenario, l results.Layout) []int {
	perDay := l.IntervalsPerDay()
	first := int(math.Round(float64(sc.Arrivals.Start) / l.Interval))
	out := make([]int, l.Days*perDay)
	for d := range l.Days {
		var wd time.Weekday
		date, dated := sc.DayDate(d)
		if dated {
			wd = date.Weekday()
		}
		for _, g := range sc.Agents {
			var st []int
			if dated {
				st = g.StaffingOn(wd)
			}
			if st == nil {
				st = g.Staffing
			}
			if len(st) == 0 {
				for i := range perDay {
					out[d*perDay+i] += g.Count
				}
				continue
			}
			for i, v := range st {
				if first+i < perDay {
					out[d*perDay+first+i] += v
				}
			}
		}
	}
	return out
}
