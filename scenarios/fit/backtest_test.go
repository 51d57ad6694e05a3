package fit

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/scenarios/cdr"
)

// served is a record of a contact that arrived at s and was served at once
// for five minutes.
func served(s string) cdr.Record {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return cdr.Record{Arrival: t, Outcome: cdr.Served, IVRTime: math.NaN(), QueueStart: math.NaN(), QueueEnd: math.NaN(), ServiceStart: 0, ServiceEnd: 300}
}

func TestBacktestPeriod(t *testing.T) {
	recs := []cdr.Record{served("2024-03-04 08:00"), served("2024-03-06 17:00"), served("2024-03-05 12:00")}
	p, err := BacktestPeriod(recs, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Days() != 3 || !slices.Equal(p.Sets(), []string{"horizon.start=2024-03-04", "horizon.days=3"}) ||
		!slices.Equal(p.Dates(), []string{"2024-03-04 Mon", "2024-03-05 Tue", "2024-03-06 Wed"}) {
		t.Errorf("%d days, sets %v, dates %v", p.Days(), p.Sets(), p.Dates())
	}
	from, _ := scenarios.ParseDate("2024-03-05")
	if p, err := BacktestPeriod(recs, from, time.Time{}); err != nil || p.Days() != 2 || p.From != from {
		t.Errorf("from the 5th: %+v, %v", p, err)
	}
	late, _ := scenarios.ParseDate("2024-03-09")
	if _, err := BacktestPeriod(recs, late, time.Time{}); err == nil || err.Error() != "no days to compare: the records run from 2024-03-04 to 2024-03-06" {
		t.Errorf("after the records: %v", err)
	}
}

// TestPeriodCompared: the records compared with the simulation leave out
// the warm-up, which the simulation does not count, and the days outside
// the period.
func TestPeriodCompared(t *testing.T) {
	sc, err := scenarios.Parse("day.yaml", []byte(`
warmup: 1h
arrivals: {interval: 1h, start: "08:00", profile: [10, 10, 10]}
intents:
  call: {handle_time: "exponential(mean=5m)"}
agents:
  team: {staffing: [2, 2, 2]}
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	recs := []cdr.Record{served("2024-03-03 09:00"), served("2024-03-04 00:30"), served("2024-03-04 08:30"), served("2024-03-04 09:30"), served("2024-03-05 09:30")}
	from, _ := scenarios.ParseDate("2024-03-04")
	p := Period{From: from, To: from}
	got := p.Compared(recs, sc)
	if len(got) != 2 || got[0].Arrival != recs[2].Arrival || got[1].Arrival != recs[3].Arrival {
		t.Errorf("compared %v; want the contacts of 08:30 and 09:30 on the 4th", got)
	}
	l := results.Layout{Days: 1, Interval: 3600, WindowStart: 8, WindowIntervals: 3}
	var offered int64
	for _, c := range p.Observe(recs, sc, l) {
		offered += c.Offered
	}
	if offered != 2 {
		t.Errorf("%d contacts observed; want the 2 compared", offered)
	}
}
