package sim

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
	"gonum.org/v1/gonum/stat/distuv"
)

// queueScenario is one queue with Poisson arrivals and exponential handle
// time and patience, and no IVR: the setting of Erlang A (or C, with
// infinite patience, or B, with as many lines as agents).
func queueScenario(t testing.TB, perMin, ahtMin, patienceMin float64, agents, lines int, hours float64) *scenarios.Scenario {
	t.Helper()
	patience := ""
	if patienceMin > 0 {
		patience = fmt.Sprintf("    patience: exponential(mean=%gs)\n", patienceMin*60)
	}
	y := fmt.Sprintf(`
name: queue
warmup: 1h
service_level: {within: 20s}
arrivals: {rate: %g/min}
intents:
  call: {handle_time: "exponential(mean=%gs)"}
segments:
  everyone:
    share: 1
%sagents:
  team: {count: %d}
%s`, perMin, ahtMin*60, patience, agents, linesField(lines))
	sc, err := scenarios.Parse("queue.yaml", []byte(y), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Shorten the day to the hours asked for: the horizon is whole days,
	// so simulate one day and stop arrivals after the warm-up plus hours.
	sc.Arrivals.Interval = 1800
	sc.Arrivals.Profile = make([]float64, int((1+hours)*2))
	for i := range sc.Arrivals.Profile {
		sc.Arrivals.Profile[i] = perMin * 30
	}
	sc.Arrivals.Rate = 0
	return sc
}

// simulate runs reps replications and returns, per replication, the value
// of every metric over the steady part of the day: from the end of the
// warm-up to when arrivals stop.
func simulate(t testing.TB, sc *scenarios.Scenario, reps int, seed uint64) map[string][]float64 {
	t.Helper()
	p, err := Compile(sc, DirectDesign)
	if err != nil {
		t.Fatal(err)
	}
	return steadyValues(t, p, reps, seed)
}

// steadyValues runs reps replications of p and returns, per replication,
// every metric over the cells from the end of the warm-up to when arrivals
// stop.
func steadyValues(t testing.TB, p *Plan, reps int, seed uint64) map[string][]float64 {
	t.Helper()
	end := p.Layout.WindowStart + p.Layout.WindowIntervals
	out := map[string][]float64{}
	for rep := range reps {
		tally, _, err := Replicate(context.Background(), p, seed, rep, nil)
		if err != nil {
			t.Fatal(err)
		}
		var c results.Counters
		for k := 0; k < end; k++ {
			c.Add(&tally.Cells[k])
		}
		for i, v := range tally.Values(&c, false) {
			out[results.Metrics[i].Name] = append(out[results.Metrics[i].Name], v)
		}
	}
	return out
}

// checkWithin asserts the analytic value lies in the simulation's
// confidence interval. The interval's level is Bonferroni-corrected for the
// number of checks in the test, so the whole grid holds at 95%: a failure
// is a 1-in-20 event for the test as a whole, not for each check.
func checkWithin(t *testing.T, name string, values []float64, want float64, checks int) {
	t.Helper()
	e := results.EstimateOf(values)
	level := 1 - 0.05/float64(checks)
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(e.N - 1)}.Quantile(1 - (1-level)/2)
	h := q * e.StdDev / math.Sqrt(float64(e.N))
	// Histogram and time resolution: a millisecond on waits.
	h = math.Max(h, 1e-9)
	if math.Abs(e.Mean-want) > h {
		t.Errorf("%s: simulated %.6g ± %.3g (%.4f%% CI), analytic %.6g: off by %.2f half-widths",
			name, e.Mean, h, 100*level, want, math.Abs(e.Mean-want)/h)
	}
}

// TestErlangAGrid: one queue with exponential times reproduces Erlang A on
// a grid of arrival rates, patience ratios θ/μ and staffing around the
// load.
func TestErlangAGrid(t *testing.T) {
	type tc struct {
		perMin, ahtMin, patienceMin float64
		agents                      int
	}
	cases := []tc{
		{10, 1, 10, 9},    // θ/μ = 0.1, agents below load
		{10, 1, 1, 11},    // θ/μ = 1
		{30, 2, 0.2, 60},  // θ/μ = 10, at the load
		{60, 1, 2, 55},    // overloaded
		{100, 1, 2, 100},  // the built-in erlang-a
		{100, 1, 0.5, 95}, // θ/μ = 2
		{200, 0.5, 5, 105},
	}
	const reps = 10
	metrics := []string{"p_wait", "abandon_rate", "asa", "service_level", "occupancy"}
	checks := len(cases) * len(metrics)
	for _, c := range cases {
		name := fmt.Sprintf("λ=%g/min,aht=%gm,patience=%gm,N=%d", c.perMin, c.ahtMin, c.patienceMin, c.agents)
		t.Run(name, func(t *testing.T) {
			sc := queueScenario(t, c.perMin, c.ahtMin, c.patienceMin, c.agents, 0, 4)
			got := simulate(t, sc, reps, 7)
			want := models.ErlangAPerformance(c.perMin/60, c.ahtMin*60, c.patienceMin*60, c.agents, 20)
			checkWithin(t, "p_wait", got["p_wait"], want.PWait, checks)
			checkWithin(t, "abandon_rate", got["abandon_rate"], want.PAbandon, checks)
			checkWithin(t, "asa", got["asa"], want.ASA, checks)
			checkWithin(t, "service_level", got["service_level"], want.ServiceLevel, checks)
			checkWithin(t, "occupancy", got["occupancy"], want.Occupancy, checks)
		})
	}
}

// TestErlangCGrid: without abandonment, the queue reproduces Erlang C.
func TestErlangCGrid(t *testing.T) {
	type tc struct {
		perMin, ahtMin float64
		agents         int
	}
	cases := []tc{
		{10, 1, 12},
		{60, 3, 190},
		{100, 1, 105},
		{200, 0.5, 103},
	}
	const reps = 10
	checks := len(cases) * 4
	for _, c := range cases {
		name := fmt.Sprintf("λ=%g/min,aht=%gm,N=%d", c.perMin, c.ahtMin, c.agents)
		t.Run(name, func(t *testing.T) {
			sc := queueScenario(t, c.perMin, c.ahtMin, 0, c.agents, 0, 4)
			got := simulate(t, sc, reps, 11)
			want := models.ErlangCPerformance(c.perMin/60, c.ahtMin*60, c.agents, 20)
			checkWithin(t, "p_wait", got["p_wait"], want.PWait, checks)
			checkWithin(t, "asa", got["asa"], want.ASA, checks)
			checkWithin(t, "service_level", got["service_level"], want.ServiceLevel, checks)
			checkWithin(t, "occupancy", got["occupancy"], want.Occupancy, checks)
		})
	}
}

// TestErlangBLines: with as many lines as agents, no call waits and the
// share blocked is Erlang B.
func TestErlangBLines(t *testing.T) {
	type tc struct {
		perMin, ahtMin float64
		lines          int
	}
	cases := []tc{{10, 1, 8}, {60, 2, 115}, {100, 1, 100}, {200, 0.5, 90}}
	checks := len(cases)
	for _, c := range cases {
		name := fmt.Sprintf("λ=%g/min,aht=%gm,lines=%d", c.perMin, c.ahtMin, c.lines)
		t.Run(name, func(t *testing.T) {
			sc := queueScenario(t, c.perMin, c.ahtMin, 0, c.lines, c.lines, 4)
			got := simulate(t, sc, 10, 13)
			checkWithin(t, "blocked_rate", got["blocked_rate"], models.ErlangB(c.perMin*c.ahtMin, c.lines), checks)
			for _, w := range got["p_wait"] {
				if w != 0 {
					t.Fatalf("p_wait = %g with lines = agents; no call should wait", w)
				}
			}
		})
	}
}

// TestOneQueueFlowMatchesErlangA: a design that is just a queue node, in a
// scenario with a customer base, segments and every behavioural mechanism
// at its switched-off default, is still the M/M/N+M queue.
func TestOneQueueFlowMatchesErlangA(t *testing.T) {
	sc := queueScenario(t, 100, 1, 2, 100, 0, 4)
	flow, err := scenarios.Parse("flow.yaml", []byte(`
customers: 5000
arrivals: {rate: 100/min}
intents:
  call: {handle_time: "exponential(mean=60s)", resolution: 1}
segments:
  everyone: {share: 1, patience: "exponential(mean=120s)", trust: 0.5, zero_out: 0.2, callback: 0.5,
             redial: {after_abandon: 0, after_unresolved: 0, after_busy: 0}}
agents:
  team: {count: 100}
designs:
  flow:
    start: q
    nodes:
      q: {type: queue, group: team}
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	flow.Arrivals = sc.Arrivals
	flow.Warmup = sc.Warmup
	p, err := Compile(flow, "flow")
	if err != nil {
		t.Fatal(err)
	}
	got := steadyValues(t, p, 10, 3)
	want := models.ErlangAPerformance(100.0/60, 60, 120, 100, 20)
	checkWithin(t, "p_wait", got["p_wait"], want.PWait, 4)
	checkWithin(t, "abandon_rate", got["abandon_rate"], want.PAbandon, 4)
	checkWithin(t, "asa", got["asa"], want.ASA, 4)
	checkWithin(t, "service_level", got["service_level"], want.ServiceLevel, 4)
}

// linesField writes lines: N, or nothing for unlimited lines (0), which a
// scenario says by leaving lines out.
func linesField(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("lines: %d\n", n)
}
