package sim

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
)

// bankSensitivity runs the built-in bank's sensitivity with an extra
// uncertain value that cannot change any caller's fate: the price of an
// IVR minute.
func bankSensitivity(t *testing.T, workers int) *results.SensitivityDocument {
	t.Helper()
	load := func(sets []string) (*scenarios.Scenario, error) { return scenarios.LoadBuiltin("bank", sets) }
	sc, err := load(nil)
	if err != nil {
		t.Fatal(err)
	}
	price, err := scenarios.ParseUncertainRange("uniform(0.01, 0.2)")
	if err != nil {
		t.Fatal(err)
	}
	sc.Uncertain.List = append(sc.Uncertain.List, scenarios.Uncertain{Path: "costs.ivr_minute", Range: price})
	params, err := CheckUncertain(sc, load)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Sensitivity(context.Background(), sc, load, params, SensitivityOptions{Samples: 24, Replications: 2, Seed: 4, Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func driver(sm results.SensitivityMetric, path string) results.Driver {
	for _, d := range sm.Drivers {
		if d.Path == path {
			return d
		}
	}
	return results.Driver{SRC: math.NaN()}
}

func metricOf(t *testing.T, doc *results.SensitivityDocument, name string) results.SensitivityMetric {
	t.Helper()
	for _, sm := range doc.Pairs[0].Metrics {
		if sm.Metric == name {
			return sm
		}
	}
	t.Fatalf("no %s", name)
	return results.SensitivityMetric{}
}

// TestSensitivityNoEffect: a value that changes no caller's behaviour —
// the IVR minute's price — gets an index near 0, with an interval that
// holds 0, on the behavioural metrics, while the main driver of each is
// clear. The same seed gives the same result whatever the workers.
func TestSensitivityNoEffect(t *testing.T) {
	doc := bankSensitivity(t, 1)
	for _, name := range []string{"abandon_rate", "adoption_rate", "fcr", "service_level"} {
		sm := metricOf(t, doc, name)
		d := driver(sm, "costs.ivr_minute")
		if math.Abs(d.SRC) > 0.1 || !(d.CILow <= 0 && 0 <= d.CIHigh) {
			t.Errorf("%s: the IVR price has index %.3f [%.3f, %.3f], want near 0", name, d.SRC, d.CILow, d.CIHigh)
		}
		if main := sm.Drivers[0]; math.Abs(main.SRC) < 0.3 {
			t.Errorf("%s: the main driver %s has index %.3f only", name, main.Path, main.SRC)
		}
	}
	a, err := results.WriteSensitivityJSON(doc)
	if err != nil {
		t.Fatal(err)
	}
	b, err := results.WriteSensitivityJSON(bankSensitivity(t, 3))
	if err != nil {
		t.Fatal(err)
	}
	if string(a) != string(b) {
		t.Error("the workers changed the result")
	}
}

func TestCheckUncertain(t *testing.T) {
	base := `name: u
arrivals: {rate: 10/min}
intents:
  call: {handle_time: 3m}
segments:
  everyone: {share: 1, trust: 0.4}
agents:
  team: {count: 5}
designs:
  a: {start: q, nodes: {q: {type: queue}}}
  b: {start: q, nodes: {q: {type: queue}}}
uncertain:
`
	cases := []struct {
		name, block, want string
		integer           bool
	}{
		{"fine", "  segments.everyone.trust: [0.2, 0.6]\n", "", false},
		{"whole numbers", "  agents.team.count: [4, 9]\n", "", true},
		{"no such path", "  segments.everyone.trusst: [0.2, 0.6]\n", "u.yaml:13:29: uncertain.segments.everyone.trusst: at 0.2, the low end of uniform(0.2, 0.6), the scenario is not valid", false},
		{"out of range", "  segments.everyone.trust: [0.5, 1.5]\n", "u.yaml:13:28: uncertain.segments.everyone.trust: at 1.5, the high end", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := []byte(base + c.block)
			load := func(sets []string) (*scenarios.Scenario, error) { return scenarios.Parse("u.yaml", data, sets) }
			sc, err := load(nil)
			if err != nil {
				t.Fatal(err)
			}
			params, err := CheckUncertain(sc, load)
			if c.want != "" {
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Fatalf("error %v, want %q", err, c.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(params) != 1 || params[0].Integer != c.integer {
				t.Errorf("parameters %+v, want integer %v", params, c.integer)
			}
		})
	}
}
