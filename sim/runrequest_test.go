package sim

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/scenarios"
)

// fixedRun is a valid request of 2 replications.
func fixedRun() RunRequest {
	return RunRequest{Reps: "2", MaxReps: 200, Format: "table", TraceFormat: "jsonl"}
}

// TestRunRequestValidate: every problem of a request at once, in the order
// of the flags, each naming its flag.
func TestRunRequestValidate(t *testing.T) {
	r := fixedRun()
	if errs := r.Validate(); len(errs) != 0 {
		t.Fatalf("a valid request: %v", errs)
	}
	r = RunRequest{Reps: "auto", Precision: []string{"asa=2s"}, MaxReps: 200, Workers: -1, Shard: "1/4",
		Sweeps: []string{"horizon.days=1,2", "nope"}, Metrics: []string{"nope"}, Format: "csv", Report: true, Trace: true, TraceFormat: "xml"}
	var got []string
	for _, err := range r.Validate() {
		got = append(got, strings.SplitN(err.Error(), ":", 2)[0])
	}
	want := []string{"--workers -1", "--shard needs a fixed --reps", "--shard cannot split a --sweep; run one point per job with --set instead",
		"--shard writes a partial result in JSON; --format csv does not apply", "--report needs the whole run", "--trace-format \"xml\"",
		"--trace cannot be combined with --sweep; trace one point with --set", "--sweep \"nope\"", "--metrics"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	r = fixedRun()
	r.Shard = "0/4"
	if errs := r.Validate(); len(errs) != 1 || !strings.Contains(errs[0].Error(), "shards count from 1") {
		t.Errorf("shard 0: %v", errs)
	}
	r = fixedRun()
	r.Sweeps = []string{"a=1,2,3,4,5,6,7,8,9,10", "b=1,2,3,4,5,6,7,8,9,10", "c=1,2,3,4,5,6,7,8,9,10,11"}
	if errs := r.Validate(); len(errs) != 1 || !strings.Contains(errs[0].Error(), "more than 1000 points") {
		t.Errorf("a large grid: %v", errs)
	}
}

func loadBank(sets []string) (*Validated, error) {
	sc, err := scenarios.LoadBuiltin("bank", sets)
	if err != nil {
		return nil, err
	}
	return Validate(sc, nil)
}

func allDesigns(v *Validated) ([]*Plan, error) { return v.Plans, nil }

// TestRunRequestPlan: a sweep loads the scenario at each point; the
// problems of every point come together, an interruption at once.
func TestRunRequestPlan(t *testing.T) {
	r := fixedRun()
	r.Shard = "2/3"
	p, err := r.Plan(loadBank, allDesigns)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Points) != 1 || len(p.Plans) != 1 || strings.Join(p.Designs(), ",") != "forced-menu,queue-preserving-va" || p.Replicated() != 1 {
		t.Errorf("plan %+v", p)
	}
	if est := p.Estimate(1); est.Contacts <= 0 || est.Memory <= 0 {
		t.Errorf("estimate %+v", est)
	}

	r = fixedRun()
	r.Sweeps = []string{"horizon.days=1,2,3"}
	if p, err = r.Plan(loadBank, allDesigns); err != nil {
		t.Fatal(err)
	}
	if len(p.Points) != 3 || len(p.Validated) != 3 || p.Validated[2].Scenario.Horizon.Days != 3 || p.Replicated() != 6 {
		t.Errorf("sweep plan: %d points, %d replications", len(p.Points), p.Replicated())
	}

	r.Sweeps = []string{"horizon.days=1,x,y"}
	_, err = r.Plan(loadBank, allDesigns)
	if err == nil || strings.Count(err.Error(), "\n") != 1 || !strings.Contains(err.Error(), `found "x"`) || !strings.Contains(err.Error(), `found "y"`) {
		t.Errorf("two bad points: %v", err)
	}
	interrupted := func([]string) (*Validated, error) { return nil, context.Canceled }
	if _, err := r.Plan(interrupted, allDesigns); err != context.Canceled {
		t.Errorf("interrupted: %v", err)
	}
	refuse := errors.New("no such design")
	if _, err := r.Plan(loadBank, func(*Validated) ([]*Plan, error) { return nil, refuse }); err != refuse {
		t.Errorf("designs: %v", err)
	}
	r.Reps = "0"
	if _, err := r.Plan(loadBank, allDesigns); err == nil || !strings.Contains(err.Error(), "--reps") {
		t.Errorf("an invalid request planned: %v", err)
	}
}

// TestRunPlanRun: each point runs its replications and carries its
// assumptions.
func TestRunPlanRun(t *testing.T) {
	r := fixedRun()
	r.Sweeps = []string{"horizon.days=1,2"}
	p, err := r.Plan(func(sets []string) (*Validated, error) {
		sc, err := scenarios.LoadBuiltin("erlang-a", sets)
		if err != nil {
			return nil, err
		}
		return Validate(sc, nil)
	}, allDesigns)
	if err != nil {
		t.Fatal(err)
	}
	runs, err := p.Run(context.Background(), Options{Seed: 1}, func(int) { t.Error("a fixed count extended") })
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[1].Replications != 2 || runs[1].Assumptions == nil || runs[1].Assumptions.Days != 2 {
		t.Errorf("runs %+v", runs)
	}
}
