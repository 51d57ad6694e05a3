package main

import (
	"context"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/sim"
)

// TestBudget: the built-ins run within the default budget; runs far past
// it are refused before anything is simulated, and the flags lift it.
func TestBudget(t *testing.T) {
	for _, name := range []string{"bank", "telco", "erlang-a"} {
		if code, _, errs := cli(t, "validate", name); code != 0 {
			t.Fatalf("%s: %s", name, errs)
		}
		rp, err := planRun(context.Background(), &runOptions{scenario: name, replicationFlags: replicationFlags{reps: "200"}, format: "table", traceFmt: "jsonl", simFlags: simFlags{budget: budgetOptions{"2GiB", "1e10"}}})
		if err != nil {
			t.Errorf("%s with 200 replications: %v", name, err)
			continue
		}
		if est := sim.EstimateRun(rp.Plans, 200, 2); est.Contacts <= 0 || est.Memory <= 0 {
			t.Errorf("%s: estimate %+v", name, est)
		}
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"run", "bank", "--set", "customers=100000000", "--workers", "2"}, "more than --max-memory 2 GiB"},
		{[]string{"run", "erlang-a", "--set", "arrivals.rate=10000/s", "--set", "horizon.days=366"}, "--max-"},
		{[]string{"run", "erlang-a", "--set", "arrivals.rate=100/s", "--set", "horizon.days=366"}, "more than --max-events"},
		{[]string{"check", "erlang-a", "--threshold", "asa < 1m", "--set", "arrivals.rate=100/s", "--set", "horizon.days=366"}, "more than --max-events"},
		{[]string{"staff", "erlang-a", "--target", "asa <= 1m", "--max-events", "1000"}, "more than --max-events 1e+03"},
		{[]string{"run", "erlang-a", "--max-memory", "lots"}, "--max-memory \"lots\""},
		{[]string{"run", "erlang-a", "--max-events", "-5"}, "--max-events \"-5\""},
		{[]string{"run", "erlang-a", "--max-events", "+Inf"}, "--max-events \"+Inf\""},
	}
	for _, tt := range tests {
		code, out, errs := cli(t, tt.args...)
		if code != exitUsage || out != "" || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, errs, tt.want)
		}
	}
	// Raised, the same large customer base is accepted (the check only:
	// the run is planned, not simulated).
	if _, err := planRun(context.Background(), &runOptions{scenario: "bank", simFlags: simFlags{sets: []string{"customers=100000000"}, workers: 2, budget: budgetOptions{"8GiB", "1e10"}}, replicationFlags: replicationFlags{reps: "2"}, format: "table", traceFmt: "jsonl"}); err != nil {
		t.Errorf("raised budget: %v", err)
	}
}
