package report

import (
	"strconv"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/results"
)

// sampleSensitivity is a two-design sensitivity analysis over two
// uncertain values, the second without effect.
func sampleSensitivity() *results.SensitivityDocument {
	doc := &results.SensitivityDocument{
		SchemaVersion: results.SchemaVersion, Scenario: "bank", Seed: 1, Samples: 40, Replications: 5, Method: "latin-hypercube",
		Parameters: []results.SensitivityParameter{{Path: "segments.regular.trust", Range: "uniform(0.4, 0.9)"}, {Path: "costs.ivr_minute", Range: "uniform(0.01, 0.2)"}},
	}
	pr := results.SensitivityPair{Base: "forced-menu", Other: "queue-preserving-va"}
	for i, name := range results.HeadlineMetrics {
		sm := results.SensitivityMetric{Metric: name, Mean: -0.03, P05: -0.05, P50: -0.03, P95: 0.01, PBetter: 0.1 * float64(i+1), PBetterLow: 0.05 * float64(i+1), PBetterHigh: min(1, 0.12*float64(i+1)), R2: 0.9,
			Drivers: []results.Driver{{Path: "segments.regular.trust", SRC: 0.8, CILow: 0.7, CIHigh: 0.9}, {Path: "costs.ivr_minute", SRC: -0.02, CILow: -0.1, CIHigh: 0.07}}}
		if i == 0 {
			sm.BreakEven = &results.BreakEven{Path: "segments.regular.trust", Value: 0.71, BetterAbove: false}
		}
		pr.Metrics = append(pr.Metrics, sm)
	}
	doc.Pairs = []results.SensitivityPair{pr}
	return doc
}

// TestSensitivityPage: the page shows the probability of winning and a
// tornado per headline metric, every chart with the marks it declares,
// and the break-even.
func TestSensitivityPage(t *testing.T) {
	page := render(t, Input{Sensitivity: sampleSensitivity()})
	text, elements, err := wellFormed(page)
	if err != nil {
		t.Fatal(err)
	}
	if elements["script"] != 1 {
		t.Errorf("%d scripts", elements["script"])
	}
	charts := chartRE.FindAllStringSubmatch(string(page), -1)
	if want := 1 + len(results.HeadlineMetrics); len(charts) != want {
		t.Fatalf("%d charts, want %d", len(charts), want)
	}
	for _, c := range charts {
		n, _ := strconv.Atoi(c[2])
		if got := len(markRE.FindAllString(c[3], -1)); got != n || n == 0 {
			t.Errorf("chart %s: declares %d marks, has %d", c[1], n, got)
		}
	}
	text = strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"Probability that queue-preserving-va is better",
		"What drives Δ abandonment",
		"abandonment: queue-preserving-va is better while segments.regular.trust is below 0.71",
		"segments.regular.trust ~ uniform(0.4, 0.9)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if _, err := build(Input{Sensitivity: sampleSensitivity(), Document: sampleDocument()}); err == nil {
		t.Error("a sensitivity analysis and a run together were accepted")
	}
}
