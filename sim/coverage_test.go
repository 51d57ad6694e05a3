package sim

import (
	"context"
	"math"
	"testing"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
)

// TestPairedIntervalCoverage: over many seeds, the 95% interval of the
// paired difference between two designs contains the true difference about
// 95% of the time. The case: design "automated" sends every caller, all of
// whom trust automation fully, through self-service that resolves 30% of
// issues; design "direct" sends them to the queue. The true difference in
// containment_rate is exactly 0.30.
func TestPairedIntervalCoverage(t *testing.T) {
	sc, err := scenarios.Parse("coverage.yaml", []byte(`
arrivals: {interval: 30m, start: "09:00", profile: [40, 40, 40, 40, 40]}
intents:
  call: {handle_time: "exponential(mean=2m)"}
segments:
  everyone: {share: 1, patience: "exponential(mean=3m)", trust: 1}
agents:
  team: {count: 3}
designs:
  direct:
    start: q
    nodes:
      q: {type: queue}
  automated:
    start: auto
    nodes:
      auto: {type: selfservice, duration: 30s, success: {call: 0.3}, on_failure: q}
      q: {type: queue}
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	var plans []*Plan
	for _, d := range DesignNames(sc) {
		p, err := Compile(sc, d)
		if err != nil {
			t.Fatal(err)
		}
		plans = append(plans, p)
	}
	const (
		seeds = 200
		reps  = 10
		truth = 0.3
	)
	k := metricIndex(t, "containment_rate")
	covered := 0
	for seed := uint64(1); seed <= seeds; seed++ {
		rs, err := Run(context.Background(), plans, Options{Seed: seed, Replications: Reps(reps)})
		if err != nil {
			t.Fatal(err)
		}
		var a, b []float64
		for i := range reps {
			a = append(a, rs.Designs[0].Reps[i].Total[k])
			b = append(b, rs.Designs[1].Reps[i].Total[k])
		}
		d := results.PairedDifference(a, b)
		if d.CILow <= truth && truth <= d.CIHigh {
			covered++
		}
	}
	// If the intervals cover with probability 0.95, the count is
	// Binomial(200, 0.95): mean 190, standard deviation 3.1. Accept within
	// three standard deviations.
	mean, sd := 0.95*seeds, math.Sqrt(seeds*0.95*0.05)
	t.Logf("covered %d of %d (%.1f%%)", covered, seeds, 100*float64(covered)/seeds)
	if math.Abs(float64(covered)-mean) > 3*sd {
		t.Fatalf("the 95%% interval covered the true difference %d times of %d; expected %.0f ± %.0f", covered, seeds, mean, 3*sd)
	}
}
