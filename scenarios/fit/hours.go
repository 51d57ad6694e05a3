package fit

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/ivrsim/ivrsim/scenarios/cdr"
)

// HoursStep is the grid opening hours are rounded to: opening down,
// closing up.
const HoursStep = 900

// Hours are the fitted opening hours of one kind of day: the main
// weekdays (Daily) or a weekday with its own profile.
type Hours struct {
	Daily   bool
	Weekday time.Weekday
	// Open and Close are seconds from midnight: the median over the days
	// of the kind of when the queue opened and closed, rounded out to
	// HoursStep. OpenMin … CloseMax are the days' extremes, unrounded.
	Open, Close        float64
	OpenMin, OpenMax   float64
	CloseMin, CloseMax float64
	Days               int
}

// ClosedGap is the shortest gap between answered callers joining the
// queue that counts as the queue being closed.
const ClosedGap = 7200

// fitHours estimates when the queue was open on each kind of day, from the
// times served callers joined it. A day's open stretch is its busiest run
// of answered joins without a gap of ClosedGap; the queue opened at the
// run's first join and closed at its last (24:00 at the latest: callers
// still waiting then are served after midnight). Callers who joined
// outside the hours and hung up left no answered join.
func (m *Model) fitHours(recs []cdr.Record) {
	joins := make([][]float64, m.Days)
	for i := range recs {
		r := &recs[i]
		if r.Outcome != cdr.Served {
			continue
		}
		q := r.QueueStart
		if math.IsNaN(q) {
			q = r.ServiceStart
		}
		if math.IsNaN(q) {
			continue
		}
		t := m.seconds(r.Arrival) + q
		d := m.dayOf(t)
		if d >= 0 && d < m.Days {
			joins[d] = append(joins[d], t-float64(d)*86400)
		}
	}
	type span struct{ open, close float64 }
	days := make([]*span, m.Days)
	for d, js := range joins {
		if len(js) < 2 {
			continue
		}
		slices.Sort(js)
		// The day's open stretch: its busiest run of answered joins with
		// no gap of ClosedGap or more (a queue drained after midnight, or
		// a stray call at night, forms a run of its own).
		bestN, open, close := 0, 0.0, 0.0
		for i := 0; i < len(js); {
			j := i + 1
			for j < len(js) && js[j]-js[j-1] < ClosedGap {
				j++
			}
			if j-i > bestN {
				bestN, open, close = j-i, js[i], js[j-1]
			}
			i = j
		}
		days[d] = &span{open, close}
	}
	kind := func(daily bool, wd time.Weekday, keep func(time.Weekday) bool) {
		var opens, closes []float64
		for d, s := range days {
			if s != nil && keep(m.weekday(d)) {
				opens = append(opens, s.open)
				closes = append(closes, s.close)
			}
		}
		if len(opens) == 0 {
			return
		}
		h := &Hours{Daily: daily, Weekday: wd, Days: len(opens),
			OpenMin: slices.Min(opens), OpenMax: slices.Max(opens), CloseMin: slices.Min(closes), CloseMax: slices.Max(closes)}
		h.Open = math.Floor(median(opens)/HoursStep) * HoursStep
		h.Close = math.Min(math.Ceil(median(closes)/HoursStep)*HoursStep, 86400)
		m.Hours = append(m.Hours, h)
	}
	a := &m.Arrivals
	kind(true, 0, func(wd time.Weekday) bool { return slices.Contains(a.Main, wd) })
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		if w := a.Weekdays[wd]; w != nil && w.Profile != nil {
			kind(false, wd, func(d time.Weekday) bool { return d == wd })
		}
	}
}

// open reports whether the fitted hours have the queue open at t (seconds
// from day 1); true without fitted hours.
func (m *Model) open(t float64) bool {
	if len(m.Hours) == 0 {
		return true
	}
	d := m.dayOf(t)
	wd := m.weekday(d)
	var h *Hours
	for _, x := range m.Hours {
		if x.Daily && h == nil || !x.Daily && x.Weekday == wd {
			h = x
		}
	}
	if h == nil {
		return true
	}
	tod := t - float64(d)*86400
	return tod >= h.Open && tod < h.Close
}

// spec writes the hours as a scenario does.
func (h *Hours) spec() string {
	return clockText(h.Open) + "-" + clockText(h.Close)
}

// clockText writes seconds from midnight as HH:MM.
func clockText(s float64) string {
	m := int(math.Round(s / 60))
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// openAtQueue reports whether the queue was open when the contact left the
// IVR (or arrived, without an IVR time).
func (m *Model) openAtQueue(r *cdr.Record) bool {
	t := m.seconds(r.Arrival)
	if !math.IsNaN(r.IVRTime) {
		t += r.IVRTime
	}
	return m.open(t)
}
