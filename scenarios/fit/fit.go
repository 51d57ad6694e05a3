package fit

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/scenarios/cdr"
)

// Options control a fit.
type Options struct {
	// Interval is the length of a profile interval in seconds (default
	// 1800); it divides the day.
	Interval float64
	// From and To bound the dates fitted, inclusive; zero values take the
	// records' first and last dates.
	From, To time.Time
	// Name names the scenario (default "fitted").
	Name string
	// Source names the records in the scenario's comments.
	Source string
}

// Minimum samples below which an estimate is pooled with the others (a
// per-intent handle time, a per-segment patience) or left out (redials).
const (
	minHandleSample   = 30
	minPatienceEvents = 20
	minRedials        = 20
)

// Model is everything a fit estimated, with the samples behind it.
type Model struct {
	Options
	// Start is the first date fitted, Days the number of days.
	Start time.Time
	Days  int
	// PerDay is the number of intervals in a day; First and Window are the
	// first interval of the profile and its length.
	PerDay, First, Window int
	// Records counts the records fitted; OutOfRange those outside the
	// dates.
	Records, OutOfRange int
	Outcomes            map[cdr.Outcome]int

	Arrivals Arrivals
	Segments []*Segment
	Intents  []*Intent
	// IVR is the fit of time in the IVR of contacts that left it for the
	// queue; nil when the records hold no IVR times.
	IVR      []*models.DurationFit
	IVRCount int
	Redial   *Redial
	Staffing Staffing
	// Agents holds wrap-up and the agents on duty, from the agents' own
	// records.
	Agents Agents
	// HeadStarts are the segments' fitted head starts in the queue.
	HeadStarts []*HeadStart
	// Hours are the queue's fitted opening hours per kind of day.
	Hours []*Hours
	// IVRHangup is the fit of time in the IVR of contacts that hung up
	// there while the queue was open; nil when too few did.
	IVRHangup      []*models.DurationFit
	IVRHangupCount int
	// Lines is the most contacts in the system at once, when the records
	// show busy signals (0 otherwise).
	Lines int
}

// Fit estimates a scenario from records.
func Fit(recs []cdr.Record, opt Options) (*Model, error) {
	if opt.Interval == 0 {
		opt.Interval = scenarios.DefaultInterval
	}
	if opt.Interval < 60 || math.Mod(86400, opt.Interval) != 0 || math.Mod(opt.Interval, 60) != 0 {
		return nil, fmt.Errorf("an interval of %s does not divide a day into whole intervals of whole minutes; use 15m, 30m or 1h", models.FormatDuration(opt.Interval))
	}
	if opt.Name == "" {
		opt.Name = "fitted"
	}
	m := &Model{Options: opt, PerDay: int(86400 / opt.Interval), Outcomes: map[cdr.Outcome]int{}}
	recs = m.selectDays(recs)
	if len(recs) == 0 {
		return nil, fmt.Errorf("no records between %s and %s", opt.From.Format(scenarios.DateLayout), opt.To.Format(scenarios.DateLayout))
	}
	m.Records = len(recs)
	for i := range recs {
		m.Outcomes[recs[i].Outcome]++
	}
	if m.Outcomes[cdr.Served]+m.Outcomes[cdr.Abandoned] == 0 {
		return nil, fmt.Errorf("no record reached an agent or hung up; a scenario needs served or abandoned contacts")
	}
	if err := m.fitRedial(recs); err != nil {
		return nil, err
	}
	if err := m.fitArrivals(recs); err != nil {
		return nil, err
	}
	m.fitHours(recs)
	if err := m.fitBehaviour(recs); err != nil {
		return nil, err
	}
	m.Agents.Intent = mainIntent(recs)
	w := m.newWaiting(recs, m.Agents.Intent)
	m.fitAgents(recs, w)
	m.fitHeadStarts(recs)
	m.fitStaffing(recs)
	return m, nil
}

// selectDays keeps the records of the dates fitted and sets the calendar.
func (m *Model) selectDays(recs []cdr.Record) []cdr.Record {
	first, last := m.From, m.To
	if first.IsZero() || last.IsZero() {
		for i := range recs {
			d := dateOf(recs[i].Arrival)
			if m.From.IsZero() && (first.IsZero() || d.Before(first)) {
				first = d
			}
			if m.To.IsZero() && (last.IsZero() || d.After(last)) {
				last = d
			}
		}
	}
	first, last = dateOf(first), dateOf(last)
	m.From, m.To = first, last
	m.Start = first
	m.Days = int(last.Sub(first).Hours()/24) + 1
	out := make([]cdr.Record, 0, len(recs))
	for _, r := range recs {
		d := dateOf(r.Arrival)
		if d.Before(first) || d.After(last) {
			m.OutOfRange++
			continue
		}
		out = append(out, r)
	}
	return out
}

// dateOf is midnight of t's date.
func dateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// seconds is t in seconds from the start of day 1.
func (m *Model) seconds(t time.Time) float64 {
	return t.Sub(m.Start).Seconds()
}

// cell is the cell (day × interval) of a time in seconds from day 1, or −1
// outside the horizon.
func (m *Model) cell(sec float64) int {
	k := int(math.Floor(sec / m.Interval))
	if k < 0 || k >= m.Days*m.PerDay {
		return -1
	}
	return k
}

// weekday is the day of the week of day d (from 0).
func (m *Model) weekday(d int) time.Weekday {
	return m.Start.AddDate(0, 0, d).Weekday()
}

// period describes the dates fitted, for comments.
func (m *Model) period() string {
	last := m.Start.AddDate(0, 0, m.Days-1)
	return fmt.Sprintf("%s to %s (%s)", m.Start.Format(scenarios.DateLayout), last.Format(scenarios.DateLayout), plural(m.Days, "day"))
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%s %ss", thousands(n), unit)
}

// thousands writes n with thousands separators.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// name makes a value usable as a scenario name: no dots, equals signs or
// blanks, which --set paths use.
func name(s, empty string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return empty
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '.' || r == '=' || r == ' ' || r == '\t' || r < 32:
			return '-'
		}
		return r
	}, s)
	return s
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// SegmentName is the segment a record counts in, as fitted scenarios name
// it.
func SegmentName(r *cdr.Record) string { return name(r.Segment, "callers") }

// IntentName is the intent a record counts in, as fitted scenarios name it.
func IntentName(r *cdr.Record) string { return name(r.Intent, "call") }

// ObservedStaffing is, per cell (day × interval of the given length from
// the date from), the agents the records show working, as a time average
// (not rounded): the staffing estimate of a fit of just these records. A
// replay uses it in place of the scenario's schedule.
func ObservedStaffing(recs []cdr.Record, from, to time.Time, interval float64) ([]float64, error) {
	m, err := Fit(recs, Options{Interval: interval, From: from, To: to})
	if err != nil {
		return nil, err
	}
	return m.Staffing.Capacity, nil
}
