package sim

import (
	"testing"

	"github.com/ivrsim/ivrsim/scenarios"
)

func TestValidatedSummary(t *testing.T) {
	sc := &scenarios.Scenario{Intents: make([]scenarios.Intent, 3), Agents: make([]scenarios.Group, 1),
		Designs: []scenarios.Design{{Name: "menu"}, {Name: "va"}}}
	v := &Validated{Scenario: sc}
	if got, want := v.Summary(), "2 designs (menu, va), 3 intents, 1 agent group"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}
