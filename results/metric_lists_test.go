package results

import (
	"slices"
	"testing"
)

// TestMetricLists: the gated metrics are those ParseTolerance takes, and
// every threshold target name is one ParseThresholdLine reads.
func TestMetricLists(t *testing.T) {
	gated := GatedMetricNames()
	for _, name := range MetricNames() {
		_, err := ParseTolerance(name + "=1")
		if got := slices.Contains(gated, name); got != (err == nil) {
			t.Errorf("%s: gated %v, but ParseTolerance says %v", name, got, err)
		}
	}
	targets := ThresholdTargets()
	if len(targets) != len(Metrics)+len(ThresholdDistributions) {
		t.Fatalf("%d threshold targets, want %d", len(targets), len(Metrics)+len(ThresholdDistributions))
	}
	for _, name := range targets {
		expr := " < 1"
		if slices.Contains(ThresholdDistributions, name) {
			expr = " p(90) < 1s"
		}
		if _, err := ParseThresholdLine(name + expr); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
