package main

import (
	"errors"
	"slices"
	"strings"

	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/sim"
)

// loadScenario loads a scenario file or built-in with overrides; its
// problems are the user's to fix (exit 2).
//
// "-" reads the scenario from standard input; its designs must then be
// inline, since flow files are found relative to the scenario's file.
func loadScenario(name string, sets []string) (*scenarios.Scenario, error) {
	load := scenarios.Load
	if name == "-" {
		load = func(_ string, sets []string) (*scenarios.Scenario, error) {
			data, err := readInput("-")
			if err != nil {
				return nil, err
			}
			return scenarios.Parse(stdinName, data, sets)
		}
	}
	sc, err := load(name, sets)
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
