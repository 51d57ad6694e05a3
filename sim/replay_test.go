package sim

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
)

// replayScenario has every mechanism a replay must carry through: a menu
// with hang-ups and its own hang-up time, redials, a head start, wrap-up
// and opening hours.
const replayScenario = `
name: replay
horizon: {days: 2, start: "2024-03-04"}
arrivals: {interval: 30m, start: "07:00", profile: [20, 40, 60, 60, 60, 60, 60, 60, 60, 60, 40, 20]}
intents:
  simple: {handle_time: "lognormal(mean=3m, cv=1.2)", share: 0.7}
  other: {handle_time: "gamma(mean=4m, cv=0.8)", share: 0.3}
segments:
  regular:
    share: 0.6
    patience: weibull(mean=4m, shape=0.8)
    zero_out: 0.06
    redial: {after_abandon: 0.5, delay: "lognormal(mean=10m, cv=1)"}
  vip:
    share: 0.4
    patience: weibull(mean=4m, shape=0.8)
    zero_out: 0.02
    head_start: 90s
    redial: {after_abandon: 0.5, delay: "lognormal(mean=10m, cv=1)"}
agents:
  team:
    count: 7
    wrapup: lognormal(mean=10s, cv=1)
    hours: {daily: "08:00-12:30"}
designs:
  observed:
    start: ivr
    nodes:
      ivr:
        type: menu
        duration: gamma(mean=10s, cv=0.4)
        hangup_time: lognormal(mean=30s, cv=1)
        options: [{key: "1", intents: [simple, other], next: queue}]
        zero_out: deny
        retries: 0
      queue: {type: queue}
`

// replayOf turns a simulation's own contacts into a replay.
func replayOf(recs []results.ContactRecord) *Replay {
	slices.SortStableFunc(recs, func(a, b results.ContactRecord) int {
		switch {
		case a.Arrival < b.Arrival:
			return -1
		case a.Arrival > b.Arrival:
			return 1
		}
		return 0
	})
	r := &Replay{}
	for _, x := range recs {
		h := math.NaN()
		if !math.IsNaN(x.SvcStart) {
			h = x.Handle
		}
		r.Contacts = append(r.Contacts, ReplayContact{
			Arrival: x.Arrival, Segment: x.Segment, Intent: x.Intent, Issue: x.Issue, Attempt: x.Attempt,
			IVRTime: x.IVRTime, IVRAbandoned: x.Outcome == results.FlowOutcomes[results.FlowIVRAbandon], Handle: h,
		})
	}
	return r
}

// Replaying a simulation's own contacts reproduces its numbers exactly:
// the same callers draw the same patience and wrap-up, and the recorded
// IVR times, outcomes and talk times are the ones the simulation drew.
func TestReplayReproducesForecast(t *testing.T) {
	sc, err := scenarios.Parse("replay.yaml", []byte(replayScenario), nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Compile(sc, "observed")
	if err != nil {
		t.Fatal(err)
	}
	for _, rep := range []int{0, 3} {
		var recs []results.ContactRecord
		forecast, _, err := Replicate(context.Background(), p, 9, rep, func(r *results.ContactRecord) {
			recs = append(recs, *r)
		})
		if err != nil {
			t.Fatal(err)
		}
		rp, err := p.WithReplay(replayOf(recs))
		if err != nil {
			t.Fatal(err)
		}
		replayed, _, err := Replicate(context.Background(), rp, 9, rep, nil)
		if err != nil {
			t.Fatal(err)
		}
		f, r := forecast.Reduce(rep, 0), replayed.Reduce(rep, 0)
		checked := 0
		for _, name := range []string{"offered", "ivr_abandon_rate", "queue_abandon_rate", "waited_abandon_rate", "p_wait", "asa", "service_level", "occupancy", "aht", "ivr_time"} {
			k := metricIndex(t, name)
			if f.Total[k] != r.Total[k] && !(math.IsNaN(f.Total[k]) && math.IsNaN(r.Total[k])) {
				t.Errorf("rep %d: %s forecast %v, replay %v; want the same", rep, name, f.Total[k], r.Total[k])
			}
			checked++
		}
		if f.Total[metricIndex(t, "queue_abandon_rate")] == 0 || f.Total[metricIndex(t, "ivr_abandon_rate")] == 0 {
			t.Fatalf("rep %d: no abandonment to reproduce; the test checks little", rep)
		}
		if c := forecast.Total(); c.Repeats == 0 {
			t.Fatalf("rep %d: no redials in the forecast; the test checks little", rep)
		}
	}
}

// A replay with an observed staffing uses it instead of the schedule.
func TestReplayObservedStaffing(t *testing.T) {
	sc, err := scenarios.Parse("replay.yaml", []byte(replayScenario), nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Compile(sc, "observed")
	if err != nil {
		t.Fatal(err)
	}
	var recs []results.ContactRecord
	if _, _, err := Replicate(context.Background(), p, 9, 0, func(r *results.ContactRecord) { recs = append(recs, *r) }); err != nil {
		t.Fatal(err)
	}
	r := replayOf(recs)
	cells := p.Layout.Days * p.Layout.IntervalsPerDay()
	r.Staffing = make([]float64, cells)
	for k := range r.Staffing {
		r.Staffing[k] = 2.25
	}
	rp, err := p.WithReplay(r)
	if err != nil {
		t.Fatal(err)
	}
	few, _, err := Replicate(context.Background(), rp, 9, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := few.Total()
	// 2.25 agents: 3 for the first quarter of each interval, 2 after.
	if hours := c.StaffedTime / 3600; math.Abs(hours-2.25*48) > 1 {
		t.Errorf("staffed %.1f agent hours, want 2.25 agents × 48 h = 108", hours)
	}
	r.Staffing = r.Staffing[1:]
	if _, err := p.WithReplay(r); err == nil {
		t.Error("a staffing of the wrong length was accepted")
	}
}
