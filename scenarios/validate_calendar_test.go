package scenarios

import (
	"testing"
	"time"
)

// A dated scenario gives each day its date and weekday, and finds each
// weekday's arrivals and staffing.
func TestCalendar(t *testing.T) {
	sc, err := Parse("week.yaml", []byte(`
horizon: {days: 7, start: "2024-03-08"}
arrivals:
  interval: 1h
  start: "08:00"
  profile: [10, 20]
  weekdays:
    sat: {profile: [0, 5]}
    sun: {factor: 0}
intents: {call: {handle_time: 3m}}
agents:
  team:
    staffing: [2, 3]
    weekday_staffing: {sat: [0, 1]}
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	if d, ok := sc.DayDate(1); !ok || d.Weekday() != time.Saturday || d.Format(DateLayout) != "2024-03-09" {
		t.Errorf("day 2: %v %v", d, ok)
	}
	if w := sc.Arrivals.WeekdayArrivals(time.Saturday); w == nil || w.Factor != 1 || len(w.Profile) != 2 {
		t.Errorf("saturday: %+v (factor defaults to 1)", w)
	}
	if w := sc.Arrivals.WeekdayArrivals(time.Sunday); w == nil || w.Factor != 0 {
		t.Errorf("sunday: %+v (an explicit 0 stays 0)", w)
	}
	if w := sc.Arrivals.WeekdayArrivals(time.Monday); w != nil {
		t.Errorf("monday: %+v, want none", w)
	}
	if st := sc.Agents[0].StaffingOn(time.Saturday); len(st) != 2 || st[1] != 1 {
		t.Errorf("saturday staffing %v", st)
	}
	if st := sc.Agents[0].StaffingOn(time.Monday); st != nil {
		t.Errorf("monday staffing %v, want none", st)
	}
	// --set moves the start, as backtests do.
	sc2, err := Parse("week.yaml", []byte("horizon: {days: 2}\narrivals: {rate: 1/min}\nintents: {call: {handle_time: 3m}}\nagents: {team: {count: 2}}\n"), []string{"horizon.start=2024-03-04"})
	if err != nil {
		t.Fatal(err)
	}
	if sc2.Horizon.Start.String() != "2024-03-04" {
		t.Errorf("start %q", sc2.Horizon.Start)
	}
	if _, ok := (&Scenario{}).DayDate(0); ok {
		t.Error("an undated scenario has dates")
	}
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2024-03-04", " 1999-02-01 "} {
		if _, err := ParseDate(s); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
	for _, s := range []string{"2024-02-30", "04/03/2024", "1800-01-01", "", "2024-3-4"} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("%q: no error", s)
		}
	}
}
