package sim

import (
	"fmt"
	"time"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
)

// ParseStaffTargets reads the agent targets and the lines target ("" for
// none), as given with --target and --lines-target: each in
// ParseStaffTarget's grammar, no agent target about lines and the lines
// target about nothing else.
func ParseStaffTargets(agents []string, lines string) ([]StaffTarget, *StaffTarget, error) {
	var targets []StaffTarget
	for _, t := range agents {
		st, err := ParseStaffTarget(t)
		if err != nil {
			return nil, nil, fmt.Errorf("--target: %v", err)
		}
		if st.IsLines() {
			return nil, nil, fmt.Errorf("--target %q is about lines; give it as --lines-target", t)
		}
		targets = append(targets, st)
	}
	if lines == "" {
		return targets, nil, nil
	}
	lt, err := ParseStaffTarget(lines)
	if err != nil {
		return nil, nil, fmt.Errorf("--lines-target: %v", err)
	}
	if !lt.IsLines() {
		return nil, nil, fmt.Errorf("--lines-target %q: lines are sized for blocked_rate, e.g. --lines-target 'blocked_rate <= 0.01'; give agent targets with --target", lines)
	}
	return targets, &lt, nil
}

// NewStaffingDocument is the result of staffing designs of sc with opt,
// over intervals of the given length, before any design is added: what
// was asked (targets, rule, seed) and over which days. Replications counts
// a refined search's; a design whose search needed more raises it.
func NewStaffingDocument(sc *scenarios.Scenario, interval float64, opt StaffOptions) *results.StaffingDocument {
	doc := &results.StaffingDocument{
		SchemaVersion: results.SchemaVersion, IvrsimVersion: results.Version, Scenario: sc.Name, Seed: opt.Seed,
		Replications: opt.Replications * max(opt.Refine, 1), Days: sc.Horizon.Days, IntervalSeconds: interval,
		Rule: "shown", Designs: []results.StaffingDesign{},
	}
	if d, ok := sc.DayDate(0); ok {
		doc.StartDate = d.Format(time.DateOnly)
	}
	if opt.Strict {
		doc.Rule = "strict"
	}
	for _, t := range opt.Targets {
		doc.Targets = append(doc.Targets, t.String())
	}
	if opt.LinesTarget != nil {
		doc.LinesTarget = opt.LinesTarget.String()
	}
	return doc
}
