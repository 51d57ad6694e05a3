package main

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/sim"
	"github.com/spf13/cobra"
)

// loadScenario loads a scenario file or built-in with overrides; its
// problems are the user's to fix (exit 2).
func loadScenario(name string, sets []string) (*scenarios.Scenario, error) {
	return loadScenarioWith(context.Background(), name, sets, false)
}

// loadScenarioWith is loadScenario, stopping at once when ctx is
// cancelled (a scenario of 8 MiB takes a moment); allowOutside lets flow
// files lie outside the scenario's folder (--allow-outside).
func loadScenarioWith(ctx context.Context, name string, sets []string, allowOutside bool) (*scenarios.Scenario, error) {
	var sc *scenarios.Scenario
	err := interruptible(ctx, func() (err error) {
		sc, err = scenarios.LoadWith(name, sets, scenarios.LoadOptions{AllowOutside: allowOutside})
		return err
	})
	if errors.Is(err, context.Canceled) {
		return nil, err
	}
	if err != nil {
		var es scenarios.Errors
		if errors.As(err, &es) {
			return nil, usageError(&scenarioErrors{es})
		}
		return nil, usageError(err)
	}
	return sc, nil
}

// scenarioErrors prints every problem on its own line, with a count.
type scenarioErrors struct{ es scenarios.Errors }

func (e *scenarioErrors) Error() string {
	msg := e.es.Error()
	if n := len(e.es); n > 1 {
		return "the scenario has " + itoa(n) + " problems:\n" + msg
	}
	return msg
}

func (e *scenarioErrors) Unwrap() error { return e.es }

// compileDesigns compiles the named designs, or all when names is empty.
func compileDesigns(sc *scenarios.Scenario, names []string) ([]*sim.Plan, error) {
	if len(names) == 0 {
		names = sim.DesignNames(sc)
	}
	plans := make([]*sim.Plan, 0, len(names))
	known := sim.DesignNames(sc)
	for i, n := range names {
		if !slices.Contains(known, n) {
			return nil, usageErrorf("--design %q: the scenario has no such design; its designs are %s", n, strings.Join(known, ", "))
		}
		if slices.Contains(names[:i], n) {
			return nil, usageErrorf("--design %q is given twice", n)
		}
		p, err := sim.Compile(sc, n)
		if err != nil {
			return nil, usageError(err)
		}
		plans = append(plans, p)
	}
	return plans, nil
}

// addFlowFiles records the flow files of sc as inputs, so no output may
// replace one.
func addFlowFiles(p *ioPaths, sc *scenarios.Scenario) *ioPaths {
	for _, d := range sc.Designs {
		p.input("the flow file of design "+quoteName(d.Name)+",", d.File)
	}
	return p
}

// allowOutsideFlag registers --allow-outside on a command that loads
// scenarios.
func allowOutsideFlag(cmd *cobra.Command, v *bool) {
	cmd.Flags().BoolVar(v, "allow-outside", false, "read flow files outside the scenario's folder (absolute paths, ../, links leading out)")
}
