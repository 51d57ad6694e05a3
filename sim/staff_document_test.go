package sim

import (
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/scenarios"
)

// TestParseStaffTargets: agent targets and the lines target each in their
// place; a target given in the wrong one says where it goes.
func TestParseStaffTargets(t *testing.T) {
	targets, lines, err := ParseStaffTargets([]string{"service_level(20s) >= 0.8", "asa <= 30s"}, "blocked_rate <= 0.01")
	if err != nil || len(targets) != 2 || targets[1].Metric != "asa" || lines == nil || !lines.IsLines() {
		t.Fatalf("%v, %v, %v", targets, lines, err)
	}
	if _, lines, err := ParseStaffTargets([]string{"asa <= 30s"}, ""); err != nil || lines != nil {
		t.Errorf("no lines target: %v, %v", lines, err)
	}
	for _, tt := range []struct {
		agents []string
		lines  string
		want   string
	}{
		{[]string{"fcr >= 0.7"}, "", "--target: target \"fcr >= 0.7\": staffing cannot size for fcr"},
		{[]string{"blocked_rate <= 0.01"}, "", "is about lines; give it as --lines-target"},
		{[]string{"asa <= 30s"}, "asa <= 20s", "lines are sized for blocked_rate"},
		{[]string{"asa <= 30s"}, "blocked_rate", "--lines-target: "},
	} {
		if _, _, err := ParseStaffTargets(tt.agents, tt.lines); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v %q: %v; want %q", tt.agents, tt.lines, err, tt.want)
		}
	}
}

// TestNewStaffingDocument: the result says what was asked before any
// design is staffed.
func TestNewStaffingDocument(t *testing.T) {
	sc := stationaryScenario(t, 2, 3, 0, 30, 2)
	sc.Horizon.Days = 3
	opt := StaffOptions{Targets: []StaffTarget{mustTarget(t, "asa <= 30s")}, Seed: 7, Replications: 10, Refine: 2, Strict: true}
	doc := NewStaffingDocument(sc, 1800, opt)
	if doc.Scenario != "stationary" || doc.Seed != 7 || doc.Replications != 20 || doc.Days != 3 || doc.IntervalSeconds != 1800 ||
		doc.Rule != "strict" || len(doc.Targets) != 1 || doc.Targets[0] != "asa <= 30s" || doc.LinesTarget != "" ||
		doc.StartDate != "" || doc.Designs == nil || len(doc.Designs) != 0 {
		t.Errorf("%+v", doc)
	}
	lt := mustTarget(t, "blocked_rate <= 1%")
	opt.LinesTarget, opt.Strict, opt.Refine = &lt, false, 0
	date, err := scenarios.ParseDate("2026-12-07")
	if err != nil {
		t.Fatal(err)
	}
	sc.Horizon.Start.Time = date
	doc = NewStaffingDocument(sc, 1800, opt)
	if doc.Rule != "shown" || doc.Replications != 10 || doc.LinesTarget == "" || doc.StartDate != "2026-12-07" {
		t.Errorf("%+v", doc)
	}
}
