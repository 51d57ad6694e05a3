package sim

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
)

// twoSegments is base's centre with a second segment whose queue
// discipline the tests vary; 6 agents keep the queue long.
const twoSegments = `
name: discipline
horizon: {days: 1, start: "2024-03-04"}
warmup: 30m
arrivals: {interval: 30m, start: "08:00", profile: [60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60]}
intents:
  simple: {handle_time: "exponential(mean=3m)"}
segments:
  regular: {share: 0.5, patience: exponential(mean=5m)}
  vip: {share: 0.5, patience: exponential(mean=5m)}
agents:
  team: {count: 6}
`

// traced runs reps replications of the scenario text's first design with
// overrides and returns the results and every contact.
func traced(t *testing.T, text string, reps int, sets ...string) (*results.RunSet, []results.ContactRecord) {
	t.Helper()
	sc, err := scenarios.Parse("discipline.yaml", []byte(text), sets)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Compile(sc, DesignNames(sc)[0])
	if err != nil {
		t.Fatal(err)
	}
	var recs []results.ContactRecord
	rs, err := Run(context.Background(), []*Plan{p}, Options{Seed: 7, Replications: Reps(reps), Workers: 1,
		Trace: func(_, _ int) (func(*results.ContactRecord), func() error, error) {
			return func(r *results.ContactRecord) {
				c := *r
				c.Path = slices.Clone(r.Path)
				recs = append(recs, c)
			}, func() error { return nil }, nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	return rs, recs
}

// meanWait is the mean wait of answered contacts of a segment.
func meanWait(recs []results.ContactRecord, segment string) float64 {
	sum, n := 0.0, 0
	for _, r := range recs {
		if r.Segment == segment && !math.IsNaN(r.SvcStart) && r.Arrival >= 1800 {
			sum += r.Wait
			n++
		}
	}
	return sum / float64(n)
}

// A head start longer than any wait orders the queue exactly as a strict
// priority does: the same callers are answered in the same order.
func TestHeadStartBeyondAnyWaitIsStrictPriority(t *testing.T) {
	head, _ := traced(t, twoSegments, 4, "segments.vip.head_start=24h")
	prio, _ := traced(t, twoSegments, 4, "segments.vip.priority=1")
	for _, m := range []string{"asa", "queue_abandon_rate", "waited_abandon_rate", "service_level", "p_wait"} {
		a, b := values(t, head, 0, m), values(t, prio, 0, m)
		if !slices.Equal(a, b) {
			t.Errorf("%s: head start 24h %v, priority %v; want the same", m, a, b)
		}
	}
}

// A head start shortens the waits of the segment that has it and
// lengthens the others'; without one both segments wait alike.
func TestHeadStartOrdersByWaitPlusHeadStart(t *testing.T) {
	_, none := traced(t, twoSegments, 6)
	_, some := traced(t, twoSegments, 6, "segments.vip.head_start=90s")
	if r, v := meanWait(none, "regular"), meanWait(none, "vip"); math.Abs(r-v) > 0.15*(r+v)/2 {
		t.Errorf("without head start: mean waits %.1fs and %.1fs, want alike", r, v)
	}
	r, v := meanWait(some, "regular"), meanWait(some, "vip")
	if !(v < r-10) {
		t.Errorf("with a 90s head start: vip waits %.1fs, regular %.1fs; want vip at least 10s shorter", v, r)
	}
	// No caller is served while another of the other segment has waited
	// (with head start) longer: check it through answer times.
	for _, x := range some {
		if x.Segment != "regular" || math.IsNaN(x.SvcStart) || x.Wait <= 0 {
			continue
		}
		for _, y := range some {
			if y.Rep == x.Rep && y.Segment == "vip" && y.QueueStart+0 < x.QueueStart+90-1e-9 &&
				y.QueueStart < x.SvcStart && !math.IsNaN(y.SvcStart) && y.SvcStart > x.SvcStart {
				t.Fatalf("rep %d: regular caller queued at %.1fs answered at %.1fs before a vip caller queued at %.1fs (answered %.1fs)",
					x.Rep, x.QueueStart, x.SvcStart, y.QueueStart, y.SvcStart)
			}
		}
	}
}
