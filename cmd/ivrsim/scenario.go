package main

import (
	"context"
	"errors"
	"strings"

	"github.com/ivrsim/ivrsim/results/outfile"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/sim"
	"github.com/spf13/cobra"
)

// loadScenarioWith loads a scenario file or built-in with overrides; its
// problems are the user's to fix (exit 2). It stops at once when ctx is
// cancelled (a scenario of 8 MiB takes a moment); allowOutside lets flow
// files lie outside the scenario's folder (--allow-outside).
//
// "-" reads the scenario from standard input; its designs must then be
// inline, since flow files are found relative to the scenario's file.
func loadScenarioWith(ctx context.Context, name string, sets []string, allowOutside bool) (*scenarios.Scenario, error) {
	var sc *scenarios.Scenario
	err := interruptible(ctx, func() (err error) {
		if name == "-" {
			var data []byte
			if data, err = readInput(ctx, "-", scenarios.MaxFileSize, "a scenario"); err != nil {
				return usageErrorf("%s: cannot read: %v", stdinName, err)
			}
			sc, err = scenarios.Parse(stdinName, data, sets)
			return err
		}
		sc, err = scenarios.LoadWith(name, sets, scenarios.LoadOptions{AllowOutside: allowOutside})
		return err
	})
	if errors.Is(err, context.Canceled) {
		return nil, err
	}
	if err != nil {
		return nil, scenarioProblem(err)
	}
	return sc, nil
}

// scenarioProblem makes a scenario's problems a usage error (exit 2),
// listed one a line with their count.
func scenarioProblem(err error) error {
	var es scenarios.Errors
	if errors.As(err, &es) {
		return usageError(&scenarioErrors{es})
	}
	return usageError(err)
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

// loadValidated loads a scenario and validates it in full, as every command
// that simulates must before it starts: the same checks and messages as
// ivrsim validate, every problem at once (exit 2).
func loadValidated(ctx context.Context, name string, sets []string, allowOutside bool) (*sim.Validated, error) {
	sc, err := loadScenarioWith(ctx, name, sets, allowOutside)
	if err != nil {
		return nil, err
	}
	v, err := sim.Validate(sc, scenarioLoader(ctx, name, sets, allowOutside))
	if err != nil {
		return nil, scenarioProblem(err)
	}
	return v, nil
}

// scenarioLoader loads the scenario name again, with sets and then further
// overrides: the points of a sweep or of a sensitivity analysis.
func scenarioLoader(ctx context.Context, name string, sets []string, allowOutside bool) sim.Loader {
	return func(more []string) (*scenarios.Scenario, error) {
		return loadScenarioWith(ctx, name, append(append([]string{}, sets...), more...), allowOutside)
	}
}

// oneScenarioArg takes one argument, the scenario, and says what one can
// be when it is missing.
func oneScenarioArg(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return usageErrorf("%s needs one scenario: a YAML file or a built-in name (%s)", cmd.Name(), strings.Join(scenarios.BuiltinNames(), ", "))
	}
	return nil
}

// designsOf names the designs of plans, in order.
func designsOf(plans []*sim.Plan) []string {
	names := make([]string, len(plans))
	for i, p := range plans {
		names[i] = p.Design
	}
	return names
}

// addFlowFiles records the flow files of sc as inputs, so no output may
// replace one.
func addFlowFiles(p *outfile.Paths, sc *scenarios.Scenario) *outfile.Paths {
	for _, d := range sc.Designs {
		p.Input("the flow file of design "+quoteName(d.Name)+",", d.File)
	}
	return p
}

// allowOutsideFlag registers --allow-outside on a command that loads
// scenarios.
func allowOutsideFlag(cmd *cobra.Command, v *bool) {
	cmd.Flags().BoolVar(v, "allow-outside", false, "read flow files outside the scenario's folder (absolute paths, ../, links leading out)")
}
