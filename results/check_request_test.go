package results

import (
	"errors"
	"strings"
	"testing"
)

// TestCheckRequestPlan: a valid request gives the gate it asks for, the
// scenario's thresholds first.
func TestCheckRequestPlan(t *testing.T) {
	own, err := ParseThresholdLine("asa < 30s")
	if err != nil {
		t.Fatal(err)
	}
	r := CheckRequest{
		Scenario: "gate", Designs: []string{"current", "other"}, Thresholds: []Threshold{own},
		ThresholdLines: []string{"abandon_rate{other} < 8%"}, Tolerances: []string{"abandon_rate=1pp"},
		Compare: "current:other", Replications: 10,
	}
	g, problems := r.Plan()
	if len(problems) != 0 {
		t.Fatal(problems)
	}
	if len(g.Thresholds) != 2 || g.Thresholds[0].Name() != own.Name() || len(g.Tolerances) != 1 ||
		g.Current != "current" || g.Proposed != "other" || g.Baseline != nil || !g.Judges() {
		t.Errorf("gate %+v", g)
	}
	if g, problems := (&CheckRequest{Designs: []string{"a"}, Replications: 1}).Plan(); len(problems) != 0 || g.Judges() {
		t.Errorf("an empty request: %v, judges %v", problems, g.Judges())
	}
}

// TestCheckRequestProblems: every problem is reported at once, in the
// order the request gives them.
func TestCheckRequestProblems(t *testing.T) {
	doc, err := ReadBaseline(testDocument(t))
	if err != nil {
		t.Fatal(err)
	}
	r := CheckRequest{
		Scenario: "bank", Designs: []string{"current"},
		ThresholdLines: []string{"nope < 1", "asa ci_high < 30s"},
		Tolerances:     []string{"abandon_rate=1pp", "abandon_rate=2pp"},
		Compare:        "current:other", BaselineName: "base.json", Baseline: doc, Replications: 1,
	}
	_, problems := r.Plan()
	want := []string{
		`--threshold "nope < 1"`,
		`--tolerance "abandon_rate=2pp": abandon_rate has a tolerance already`,
		`--compare "current:other": no design "other"`,
		`--baseline base.json: it is a run of scenario "gate", and this is "bank"`,
		"--reps 1: a regression check needs at least 2 replications",
		"asa ci_high < 30s: ci_high needs at least 2 replications",
	}
	if len(problems) != len(want) {
		t.Fatalf("%d problems, want %d: %v", len(problems), len(want), problems)
	}
	for i, w := range want {
		if !strings.Contains(problems[i].Error(), w) {
			t.Errorf("problem %d: %q; want %q", i+1, problems[i], w)
		}
	}

	unread := errors.New("--baseline: open base.json: no such file")
	_, problems = (&CheckRequest{Designs: []string{"a"}, BaselineName: "base.json", BaselineErr: unread, Replications: 5}).Plan()
	if len(problems) != 2 || problems[0] != unread || !strings.Contains(problems[1].Error(), "need at least one --tolerance") {
		t.Errorf("an unread baseline without tolerances: %v", problems)
	}
	_, problems = (&CheckRequest{Designs: []string{"a"}, Tolerances: []string{"asa=1s"}, Replications: 5}).Plan()
	if len(problems) != 1 || !strings.Contains(problems[0].Error(), "--tolerance needs --compare") {
		t.Errorf("a tolerance with nothing to compare: %v", problems)
	}
}

// TestCheckGateJudge: the gate judges a run's thresholds and comparisons
// into a report.
func TestCheckGateJudge(t *testing.T) {
	rs := &RunSet{Scenario: "gate", Replications: 3, Designs: []*DesignRuns{
		testRuns("current", map[string][]float64{"abandon_rate": {0.10, 0.12, 0.11}}),
		testRuns("proposed", map[string][]float64{"abandon_rate": {0.15, 0.17, 0.16}}),
	}}
	g, problems := (&CheckRequest{
		Scenario: "gate", Designs: []string{"current", "proposed"}, ThresholdLines: []string{"abandon_rate < 20%"},
		Tolerances: []string{"abandon_rate=1pp"}, Compare: "current:proposed", Replications: 3,
	}).Plan()
	if len(problems) != 0 {
		t.Fatal(problems)
	}
	rep, err := g.Judge(rs, 0.05)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Scenario != "gate" || rep.Replications != 3 || rep.Alpha != 0.05 || len(rep.Thresholds) != 2 ||
		len(rep.Regressions) != 1 || rep.Regressions[0].Pass || rep.Passed() {
		t.Errorf("report %+v", rep)
	}
}
