package sim

import (
	"context"
	"testing"

	"github.com/ivrsim/ivrsim/scenarios"
)

// Each dated day takes its weekday's factor, profile and staffing; days
// of other weekdays keep the scenario's own.
func TestCompileWeekdays(t *testing.T) {
	sc, err := scenarios.Parse("week.yaml", []byte(`
horizon: {days: 7, start: "2024-03-08"}   # a Friday
arrivals:
  interval: 1h
  start: "08:00"
  profile: [100, 200]
  weekdays:
    fri: {factor: 0.5}
    sat: {profile: [0, 40]}
    sun: {factor: 0}
intents:
  call: {handle_time: exponential(mean=3m)}
agents:
  team:
    staffing: [10, 20]
    weekday_staffing:
      sat: [0, 4]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Compile(sc, DirectDesign)
	if err != nil {
		t.Fatal(err)
	}
	perDay := p.Layout.IntervalsPerDay()
	// Days: Fri, Sat, Sun, Mon, Tue, Wed, Thu.
	want := []struct {
		rate8, rate9 float64 // contacts per hour at 08:00 and 09:00
		agents9      int
	}{
		{50, 100, 20}, {0, 40, 4}, {0, 0, 20}, {100, 200, 20}, {100, 200, 20}, {100, 200, 20}, {100, 200, 20},
	}
	for d, w := range want {
		r8 := p.rateOn(d, 8) * p.dayFactors[d] * 3600
		r9 := p.rateOn(d, 9) * p.dayFactors[d] * 3600
		a9 := p.groups[0].agentsAt(d*perDay+9, perDay)
		if !near(r8, w.rate8) || !near(r9, w.rate9) || a9 != w.agents9 {
			t.Errorf("day %d: rates %.1f, %.1f per hour and %d agents at 09:00; want %v, %v and %d", d+1, r8, r9, a9, w.rate8, w.rate9, w.agents9)
		}
	}
	// The engine follows the plan: no contact arrives on the Sunday.
	tally, _, err := Replicate(context.Background(), p, 1, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sun := tally.Day(2); sun.Offered != 0 {
		t.Errorf("%d contacts on a Sunday with factor 0", sun.Offered)
	}
	if sat := tally.Day(1); sat.Offered < 20 || sat.Offered > 70 {
		t.Errorf("%d contacts on the Saturday, expected about 40", sat.Offered)
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
