package sim

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
)

// Validated is a scenario checked in full: every design compiled for the
// engine and every threshold parsed. Every command that simulates starts
// from one, so a scenario that validate refuses is refused everywhere, with
// the same messages.
type Validated struct {
	Scenario *scenarios.Scenario
	// Plans holds every design, in DesignNames order.
	Plans []*Plan
	// Thresholds are the scenario's own thresholds: block, in file order.
	Thresholds []results.Threshold
	// Uncertain are the values of the scenario's uncertain: block, checked
	// at both ends of their ranges (nil without a block).
	Uncertain []results.SensitivityParameter
	// Load loads the scenario again with further overrides, as it was
	// loaded (the sweep and sensitivity points).
	Load Loader
}

// Validate checks what loading cannot: that the engine can run every
// design, that every threshold parses and names a design the scenario has,
// and that the scenario stays valid across every uncertain value's range.
// load loads the scenario again with further overrides; with nil the
// uncertain block is not checked. It reports every problem at once, each
// at its file, line and column, as scenarios.Errors.
func Validate(sc *scenarios.Scenario, load Loader) (*Validated, error) {
	v := &Validated{Scenario: sc, Load: load}
	designs := DesignNames(sc)
	ths, es := scenarioThresholds(sc, designs)
	v.Thresholds = ths
	if load != nil && len(sc.Uncertain.List) > 0 {
		params, err := CheckUncertain(sc, load)
		var ues scenarios.Errors
		switch {
		case errors.As(err, &ues):
			es = append(es, ues...)
		case err != nil:
			es = append(es, &scenarios.Error{Pos: scenarios.Pos{File: sc.File}, Path: "uncertain", Msg: err.Error()})
		}
		v.Uncertain = params
	}
	for _, name := range designs {
		p, err := Compile(sc, name)
		if err != nil {
			path := "designs." + name
			pos, ok := sc.Positions[path+"#key"]
			if !ok {
				pos = scenarios.Pos{File: sc.File}
			}
			es = append(es, &scenarios.Error{Pos: pos, Path: path, Msg: "the engine cannot run this design: " + err.Error()})
			continue
		}
		v.Plans = append(v.Plans, p)
	}
	if len(es) > 0 {
		return nil, es
	}
	return v, nil
}

// Plan returns the compiled design called name, or nil.
func (v *Validated) Plan(name string) *Plan {
	for _, p := range v.Plans {
		if p.Design == name {
			return p
		}
	}
	return nil
}

// scenarioThresholds parses the scenario's thresholds, placing each
// problem at its file, line and column: inside the expression or the key
// where the file shows the text as written.
func scenarioThresholds(sc *scenarios.Scenario, designs []string) ([]results.Threshold, scenarios.Errors) {
	var out []results.Threshold
	var es scenarios.Errors
	src := scenarios.SourceLines{}
	for _, th := range sc.Thresholds {
		path := "thresholds." + th.Target
		keyPos := sc.Positions[path+"#key"]
		targetError := func(err error) {
			var te *results.ThresholdError
			p := keyPos
			if errors.As(err, &te) {
				p = src.Inside(p, th.Target, te.Offset)
			}
			es = append(es, &scenarios.Error{Pos: p, Path: path, Msg: err.Error()})
		}
		if len(th.Rules) == 0 {
			es = append(es, &scenarios.Error{Pos: sc.Positions[path], Path: path,
				Msg: fmt.Sprintf("no expressions; list one or more, such as %s: [\"mean < VALUE\", \"ci_high < VALUE\"]", th.Target)})
			continue
		}
		var parsed []results.Threshold
		targetBad := false
		for i, rule := range th.Rules {
			t, err := results.ParseThreshold(th.Target, rule)
			var te *results.ThresholdError
			switch {
			case err == nil:
				parsed = append(parsed, t)
			case errors.As(err, &te) && te.InTarget:
				targetError(err)
				targetBad = true
			default:
				rp := path + "." + strconv.Itoa(i)
				p := sc.Positions[rp]
				if te != nil {
					p = src.Inside(p, rule, te.Offset)
				}
				es = append(es, &scenarios.Error{Pos: p, Path: rp, Msg: err.Error()})
			}
			if targetBad {
				break
			}
		}
		if targetBad {
			continue
		}
		if len(parsed) > 0 {
			if err := parsed[0].CheckDesign(designs); err != nil {
				targetError(err)
				continue
			}
		}
		out = append(out, parsed...)
	}
	return out, es
}
