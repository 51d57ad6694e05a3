package fit_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/scenarios/fit"
)

// TestModelScenario: the scenario a fit writes is WriteYAML's text, and
// it validates; a model with more intents or segments than a scenario
// holds is refused with how to group them.
func TestModelScenario(t *testing.T) {
	m, _ := fitted(t)
	if err := m.CheckLimits(); err != nil {
		t.Fatal(err)
	}
	data, err := m.Scenario()
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := m.WriteYAML(&want); err != nil || !bytes.Equal(data, want.Bytes()) {
		t.Errorf("Scenario differs from WriteYAML (%v)", err)
	}
	many := *m
	many.Intents = make([]*fit.Intent, scenarios.MaxIntents+1)
	if err := many.CheckLimits(); err == nil || !strings.Contains(err.Error(), "intents; a scenario holds at most") {
		t.Errorf("too many intents: %v", err)
	}
	many = *m
	many.Segments = make([]*fit.Segment, scenarios.MaxSegments+1)
	if err := many.CheckLimits(); err == nil || !strings.Contains(err.Error(), "segments; a scenario holds at most") {
		t.Errorf("too many segments: %v", err)
	}
}
