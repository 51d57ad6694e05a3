package results

import "testing"

func TestThresholdTargets(t *testing.T) {
	targets := ThresholdTargets()
	if len(targets) != len(Metrics)+len(ThresholdDistributions) || targets[len(targets)-1] != ThresholdDistributions[len(ThresholdDistributions)-1] {
		t.Errorf("targets %v", targets)
	}
}
