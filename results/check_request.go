package results

import (
	"errors"
	"fmt"
)

// CheckRequest is what a check is asked to judge, as given on the command
// line and in the scenario, before anything is simulated.
type CheckRequest struct {
	// Scenario is the scenario's name, which a baseline must share.
	Scenario string
	// Designs are the scenario's designs.
	Designs []string
	// Thresholds are the scenario's own, already checked with it.
	Thresholds []Threshold
	// ThresholdLines are further thresholds, "metric [aggregation]
	// operator value" (--threshold).
	ThresholdLines []string
	// Tolerances are "metric=value", at most one per metric (--tolerance).
	Tolerances []string
	// Compare is "current:proposed" (--compare), or "".
	Compare string
	// BaselineName names a stored run to compare every design with
	// (--baseline), or is "". Baseline is that run as read; BaselineErr,
	// when it could not be read, is reported in place of its problems.
	BaselineName string
	Baseline     *Document
	BaselineErr  error
	// Replications is how many replications the run starts with.
	Replications int
}

// CheckGate is a check ready to judge a run: every threshold, and the
// regression checks with their tolerances.
type CheckGate struct {
	Thresholds []Threshold
	Tolerances []Tolerance
	// Current and Proposed are the designs compared, or "".
	Current, Proposed string
	// Baseline is the stored run compared with, or nil.
	Baseline *Document
}

// Plan checks the request and returns the gate it asks for, or every
// problem with it at once, in the order given: thresholds, tolerances,
// comparison, baseline, then what they need of each other and of the
// replications.
func (r *CheckRequest) Plan() (*CheckGate, []error) {
	g := &CheckGate{Thresholds: append([]Threshold(nil), r.Thresholds...)}
	var problems []error
	for _, line := range r.ThresholdLines {
		t, err := ParseThresholdLine(line)
		if err == nil {
			err = t.CheckDesign(r.Designs)
		}
		if err != nil {
			problems = append(problems, fmt.Errorf("--threshold %q: %v", line, err))
			continue
		}
		g.Thresholds = append(g.Thresholds, t)
	}
	seen := map[string]bool{}
	for _, s := range r.Tolerances {
		tol, err := ParseTolerance(s)
		if err != nil {
			problems = append(problems, err)
			continue
		}
		if seen[tol.Metric.Name] {
			problems = append(problems, fmt.Errorf("--tolerance %q: %s has a tolerance already; give one per metric", s, tol.Metric.Name))
			continue
		}
		seen[tol.Metric.Name] = true
		g.Tolerances = append(g.Tolerances, tol)
	}
	if r.Compare != "" {
		cur, prop, err := ParseComparison(r.Compare, r.Designs)
		if err != nil {
			problems = append(problems, fmt.Errorf("--compare %q: %v", r.Compare, err))
		}
		g.Current, g.Proposed = cur, prop
	}
	switch {
	case r.BaselineErr != nil:
		problems = append(problems, r.BaselineErr)
	case r.Baseline != nil:
		for _, p := range CheckBaseline(r.Baseline, r.Scenario, r.Designs, g.Tolerances) {
			problems = append(problems, fmt.Errorf("--baseline %s: %s", r.BaselineName, p))
		}
		g.Baseline = r.Baseline
	}
	gated := r.Compare != "" || r.BaselineName != ""
	switch {
	case gated && len(r.Tolerances) == 0:
		problems = append(problems, errors.New("--compare and --baseline need at least one --tolerance metric=value saying how much worse is accepted, such as --tolerance abandon_rate=0.5pp --tolerance asa=5s (0 to refuse any significant worsening)"))
	case !gated && len(r.Tolerances) > 0:
		problems = append(problems, errors.New("--tolerance needs --compare current:proposed or --baseline RESULTS.json to say what to compare with"))
	}
	if r.Replications < 2 {
		if gated {
			problems = append(problems, fmt.Errorf("--reps %d: a regression check needs at least 2 replications for its interval; use --reps 10 or more", r.Replications))
		}
		for _, t := range g.Thresholds {
			if t.Agg == AggCILow || t.Agg == AggCIHigh {
				problems = append(problems, fmt.Errorf("%s: %s needs at least 2 replications for an interval; use --reps 10 or more", t.Name(), t.AggregationName()))
			}
		}
	}
	return g, problems
}

// Judges reports whether g has anything to judge: a threshold, or a design
// or a baseline to compare with.
func (g *CheckGate) Judges() bool {
	return len(g.Thresholds) > 0 || g.Proposed != "" || g.Baseline != nil
}

// Judge judges the run rs: the run's own problems, every threshold, and
// the regression checks at level alpha. The report's other fields (seed,
// times, host) are the caller's to fill.
func (g *CheckGate) Judge(rs *RunSet, alpha float64) (*CheckReport, error) {
	rep := &CheckReport{Scenario: rs.Scenario, Replications: rs.Replications, Alpha: alpha, Calls: DesignCalls(rs)}
	rep.Problems = RunProblems(rs)
	rep.Thresholds = EvaluateThresholds(rs, g.Thresholds)
	if g.Proposed != "" {
		regs, err := CompareDesigns(rs, g.Current, g.Proposed, g.Tolerances, alpha)
		if err != nil {
			return nil, err
		}
		rep.Regressions = append(rep.Regressions, regs...)
	}
	if g.Baseline != nil {
		regs, missing := CompareBaseline(rs, g.Baseline, g.Tolerances, alpha)
		rep.Regressions = append(rep.Regressions, regs...)
		rep.NoBaseline = missing
	}
	return rep, nil
}
