package sim

import (
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/scenarios"
)

func TestSensitivityOptionsValidate(t *testing.T) {
	if errs := (SensitivityOptions{Samples: 32, Replications: 5}).Validate(); len(errs) != 0 {
		t.Fatalf("valid options: %v", errs)
	}
	errs := SensitivityOptions{Samples: 3, Replications: 0, Workers: -1}.Validate()
	var got []string
	for _, err := range errs {
		got = append(got, err.Error())
	}
	want := "--reps 0: use 1 to 100000\n--samples 3: use 4 to 100000\n--workers -1: use 1 to 4096, or 0 for one per CPU"
	if strings.Join(got, "\n") != want {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

// TestSensitivityCheckScenario: one design, no uncertain values and too
// few samples are each refused, together.
func TestSensitivityCheckScenario(t *testing.T) {
	load := func(sets []string) (*scenarios.Scenario, error) { return scenarios.LoadBuiltin("bank", sets) }
	sc, err := load(nil)
	if err != nil {
		t.Fatal(err)
	}
	v, err := Validate(sc, load)
	if err != nil {
		t.Fatal(err)
	}
	o := SensitivityOptions{Samples: 32, Replications: 1}
	if errs := o.CheckScenario("bank", v, v.Plans); len(errs) != 0 {
		t.Fatalf("bank: %v", errs)
	}
	o.Samples = len(v.Uncertain) + 2
	if errs := o.CheckScenario("bank", v, v.Plans); len(errs) != 1 || !strings.Contains(errs[0].Error(), "uncertain values: use at least") {
		t.Errorf("too few samples: %v", errs)
	}
	v.Scenario.Uncertain.List = nil
	errs := o.CheckScenario("mine.yaml", v, v.Plans[:1])
	if len(errs) != 2 || !strings.HasPrefix(errs[0].Error(), "sensitivity compares designs, and mine.yaml has one (forced-menu)") ||
		!strings.HasPrefix(errs[1].Error(), "mine.yaml has no uncertain: block") {
		t.Errorf("one design, no uncertain block: %v", errs)
	}
}
