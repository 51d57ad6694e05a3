package scenarios

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Date is a calendar date, written 2024-03-04. The zero value means "not
// set".
type Date struct {
	time.Time
}

// DateLayout is how dates are written.
const DateLayout = "2006-01-02"

func (d *Date) decodeScalar(n *yaml.Node) error {
	t, err := ParseDate(n.Value)
	if err != nil {
		return err
	}
	d.Time = t
	return nil
}

// ParseDate reads a date written YYYY-MM-DD, as midnight UTC.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(DateLayout, strings.TrimSpace(s))
	if err != nil || t.Year() < 1900 || t.Year() > 2200 {
		return time.Time{}, fmt.Errorf("%q is not a date; write YYYY-MM-DD, such as 2024-03-04", s)
	}
	return t, nil
}

// IsSet reports whether a date was given.
func (d Date) IsSet() bool { return !d.IsZero() }

// String writes the date as YYYY-MM-DD, or "" when not set.
func (d Date) String() string {
	if !d.IsSet() {
		return ""
	}
	return d.Format(DateLayout)
}

// MarshalJSON writes the date as YYYY-MM-DD, or null when not set.
func (d Date) MarshalJSON() ([]byte, error) {
	if !d.IsSet() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// Weekday adjusts the arrivals of one day of the week.
type Weekday struct {
	// Day is the day of the week: mon, tue, wed, thu, fri, sat or sun.
	Day string `yaml:"-" ivrsim:"key"`
	// Factor multiplies the day's profile (default 1).
	Factor float64 `yaml:"factor"`
	// Profile replaces arrivals.profile on this day: fresh contacts per
	// interval, over the same intervals.
	Profile []float64 `yaml:"profile"`
}

// WeekdayStaffing is a group's agents per interval on one day of the week.
type WeekdayStaffing struct {
	Day      string `yaml:"-" ivrsim:"key"`
	Staffing []int  `yaml:"-" ivrsim:"value"`
}

// WeekdayNames are the names of the days of the week as scenarios write
// them, indexed by time.Weekday (Sunday first).
var WeekdayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// ParseWeekday reads a day of the week as scenarios write it (mon, tue, …).
func ParseWeekday(s string) (time.Weekday, bool) {
	for i, n := range WeekdayNames {
		if s == n {
			return time.Weekday(i), true
		}
	}
	return 0, false
}

// DayDate is the date of day d (0 for day 1); ok is false when the
// scenario gives no horizon.start.
func (s *Scenario) DayDate(d int) (date time.Time, ok bool) {
	if !s.Horizon.Start.IsSet() {
		return time.Time{}, false
	}
	return s.Horizon.Start.AddDate(0, 0, d), true
}

// WeekdayArrivals is what arrivals.weekdays says for day wd, or nil.
func (a *Arrivals) WeekdayArrivals(wd time.Weekday) *Weekday {
	for i := range a.Weekdays {
		if a.Weekdays[i].Day == WeekdayNames[wd] {
			return &a.Weekdays[i]
		}
	}
	return nil
}

// StaffingOn is the group's staffing per interval on day wd: its
// weekday_staffing for that day, or nil when it has none.
func (g *Group) StaffingOn(wd time.Weekday) []int {
	for _, w := range g.WeekdayStaffing {
		if w.Day == WeekdayNames[wd] {
			return w.Staffing
		}
	}
	return nil
}
