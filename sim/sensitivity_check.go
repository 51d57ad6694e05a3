package sim

import (
	"errors"
	"fmt"

	"github.com/ivrsim/ivrsim/results"
)

// The points a sensitivity analysis may have: a Latin hypercube of fewer
// than a handful says nothing.
const (
	MinSensitivitySamples = 4
	MaxSensitivitySamples = 100_000
)

// Validate reports every problem with the options' numbers at once: the
// samples, the replications and the workers, each named by its flag.
func (o SensitivityOptions) Validate() []error {
	var errs []error
	if o.Replications < 1 || o.Replications > results.MaxReplications {
		errs = append(errs, fmt.Errorf("--reps %d: use 1 to %d", o.Replications, results.MaxReplications))
	}
	if o.Samples < MinSensitivitySamples || o.Samples > MaxSensitivitySamples {
		errs = append(errs, fmt.Errorf("--samples %d: use %d to %d", o.Samples, MinSensitivitySamples, MaxSensitivitySamples))
	}
	if err := CheckWorkers(o.Workers); err != nil {
		errs = append(errs, err)
	}
	return errs
}

// CheckScenario reports what keeps the analysis of plans, the designs of
// v to compare, from running: one design alone, no uncertain: block, or
// fewer samples than the regressions need. name is the scenario as the
// user named it.
func (o SensitivityOptions) CheckScenario(name string, v *Validated, plans []*Plan) []error {
	var errs []error
	if len(plans) < 2 {
		errs = append(errs, fmt.Errorf("sensitivity compares designs, and %s has one (%s); add a design, or use ivrsim run --sweep to vary a value", name, plans[0].Design))
	}
	if len(v.Scenario.Uncertain.List) == 0 {
		return append(errs, errNoUncertain(name))
	}
	if d := len(v.Uncertain); o.Samples < d+3 {
		errs = append(errs, fmt.Errorf("--samples %d for %d uncertain values: use at least %d (and ten times the values for drivers worth reading)", o.Samples, d, d+3))
	}
	return errs
}

// errNoUncertain says that scenario name has no uncertain values to
// analyse, and how to list them.
func errNoUncertain(name string) error {
	return errors.New(name + " has no uncertain: block: list the values nobody has measured with their ranges, such as\n  uncertain:\n    segments.regular.trust: uniform(0.2, 0.6)")
}
