package report

import (
	"os"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/results"
)

// TestModelRulesInREADME: every assumption the report lists is one of the
// README's "What the model assumes", by its bold title, so the two places
// cannot drift apart unnoticed.
func TestModelRulesInREADME(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start := strings.Index(readme, "### What the model assumes")
	if start < 0 {
		t.Fatal(`README has no "### What the model assumes" section`)
	}
	section := readme[start:]
	if end := strings.Index(section[4:], "\n## "); end >= 0 {
		section = section[:end+4]
	}
	for _, r := range modelRules(sampleAssumptions()) {
		if !strings.Contains(section, "**"+r.Title) {
			t.Errorf("the report's assumption %q is not in the README's list", r.Title)
		}
	}
}

// TestModelRulesFollowTheScenario: the wording changes with what the
// scenario sets, so a reader sees which choice this run made.
func TestModelRulesFollowTheScenario(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(a *results.Assumptions)
		title  string
		want   string
	}{
		{"no IVR patience", func(a *results.Assumptions) {}, "Hanging up in the IVR", "by construction"},
		{"IVR patience", func(a *results.Assumptions) { a.Segments[0].IVRPatience = "exponential(mean=2m)" }, "Hanging up in the IVR", "counts in ivr_abandon_rate"},
		{"costs", func(a *results.Assumptions) {}, "Costs", "× 0.02 per resolved issue"},
		{"no costs", func(a *results.Assumptions) { a.Costs = results.CostAssumptions{} }, "Costs", "left out"},
		{"forced", func(a *results.Assumptions) { a.Trust.ForcedSuccess = 0.3 }, "Forced self-service", "succeeds 0.3 times"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := sampleAssumptions()
			tc.change(a)
			found := false
			for _, r := range modelRules(a) {
				if r.Title == tc.title {
					found = true
					if !strings.Contains(r.Text, tc.want) {
						t.Errorf("%s: %q lacks %q", r.Title, r.Text, tc.want)
					}
				}
			}
			if !found {
				t.Errorf("no rule %q", tc.title)
			}
		})
	}
}
