package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/scenarios/cdr"
	"github.com/ivrsim/ivrsim/sim"
)

// simulatedRecords simulates a small centre for a week and writes its
// contacts as CDR: records with known behaviour, made on the spot.
func simulatedRecords(t *testing.T) string {
	t.Helper()
	sc, err := scenarios.Parse("week.yaml", []byte(`
horizon: {days: 7, start: "2024-03-04"}
arrivals:
  interval: 1h
  start: "08:00"
  profile: [20, 40, 50, 40, 30, 20]
  weekdays: {sun: {factor: 0.5}}
intents:
  call: {handle_time: "lognormal(mean=3m, cv=1)"}
segments:
  callers:
    share: 1
    patience: exponential(mean=3m)
    redial: {after_abandon: 0.5, delay: "lognormal(mean=10m, cv=1)"}
agents:
  team: {staffing: [2, 3, 3, 3, 2, 2]}
designs:
  observed:
    start: ivr
    nodes:
      ivr: {type: prompt, duration: "gamma(mean=10s, cv=0.5)", next: queue}
      queue: {type: queue}
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := sim.Compile(sc, "observed")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "calls.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := cdr.NewWriter(f, sc.Horizon.Start.Time)
	_, err = sim.Run(context.Background(), []*sim.Plan{plan}, sim.Options{
		Seed: 3, Replications: []int{0}, Workers: 1,
		Trace: func(_, _ int) (func(*results.ContactRecord), func() error, error) {
			return func(r *results.ContactRecord) { _ = w.Write(r) }, w.Flush, nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFitThenBacktest(t *testing.T) {
	records := simulatedRecords(t)
	out := filepath.Join(t.TempDir(), "fitted.yaml")
	code, stdout, stderr := cli(t, "fit", records, "-o", out, "--interval", "1h")
	if code != 0 {
		t.Fatalf("fit: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"records", "ARRIVALS", "HANDLE TIME", "patience", "REDIALS", "time in the IVR", "staffing"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the fit summary has no %q:\n%s", want, stdout)
		}
	}
	if code, _, stderr := cli(t, "validate", out); code != 0 {
		t.Fatalf("the fitted scenario does not validate: %s", stderr)
	}
	code, stdout, stderr = cli(t, "backtest", records, out, "--reps", "4", "--format", "json")
	if code != 0 {
		t.Fatalf("backtest: exit %d: %s", code, stderr)
	}
	var bt results.Backtest
	if err := json.Unmarshal([]byte(stdout), &bt); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if bt.Days != 7 || bt.Replications != 4 || bt.From != "2024-03-04" || len(bt.Intervals) == 0 || len(bt.DaysCompared) != 7 {
		t.Errorf("backtest: %d days from %s, %d replications, %d intervals", bt.Days, bt.From, bt.Replications, len(bt.Intervals))
	}
	for _, m := range []string{"offered", "abandon_rate", "asa", "service_level", "occupancy"} {
		v, ok := bt.Overall[m]
		if !ok || v.Predicted.N != 4 || !(v.Observed >= 0) {
			t.Errorf("%s: %+v", m, v)
		}
	}
	code, stdout, _ = cli(t, "backtest", records, out, "--reps", "3", "--from", "2024-03-06", "--to", "2024-03-07", "--metrics", "abandon_rate,asa")
	if code != 0 || !strings.Contains(stdout, "2024-03-06 to 2024-03-07 (2 days)") || !strings.Contains(stdout, "abandon_rate") || strings.Contains(stdout, "occupancy") {
		t.Errorf("backtest table (exit %d):\n%s", code, stdout)
	}
	// Without -o the scenario goes to standard output and the report to
	// standard error.
	code, stdout, stderr = cli(t, "fit", records, "--to", "2024-03-05")
	if code != 0 || !strings.HasPrefix(stdout, "# fitted:") || !strings.Contains(stderr, "HANDLE TIME") || !strings.Contains(stdout, "days: 2") {
		t.Errorf("fit to standard output (exit %d):\n%s\n%s", code, stdout, stderr)
	}
}

// A typical ACD export loads with a mapping file and no change to the data.
func TestFitACDExport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "acd.yaml")
	code, stdout, stderr := cli(t, "fit", "testdata/fit/acd-export.csv", "--map", "testdata/fit/acd.yaml", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "skipped by the mapping") || !strings.Contains(stdout, "TEST") {
		t.Errorf("the report does not count the TEST calls skipped:\n%s", stdout)
	}
	if code, _, stderr := cli(t, "validate", out); code != 0 {
		t.Fatalf("does not validate: %s", stderr)
	}
}

func TestFitBadInput(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.csv")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.yaml")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"fit", empty, "-o", out}, "the file is empty"},
		{[]string{"fit", filepath.Join(dir, "missing.csv"), "-o", out}, "cannot read"},
		{[]string{"fit", "testdata/fit/malformed.csv", "-o", out}, "malformed.csv:2: queue_end: the queue ended 20s before it started"},
		{[]string{"fit", "testdata/fit/malformed.csv", "-o", out, "--skip-bad"}, "more than 10%"},
		{[]string{"fit", "testdata/fit/acd-export.csv", "--map", "testdata/fit/bad-map.yaml", "-o", out}, `bad-map.yaml:2:3: columns.arival: unknown canonical column "arival" (did you mean "arrival"?)`},
		{[]string{"fit", "testdata/fit/acd-export.csv", "--map", "no-such-map", "-o", out}, "no built-in mapping"},
		{[]string{"fit", "testdata/fit/acd-export.csv", "--column", "arrivl=x", "-o", out}, "unknown canonical column"},
		{[]string{"fit", "testdata/fit/acd-export.csv", "--interval", "7m", "-o", out}, "does not divide a day"},
		{[]string{"fit", "testdata/fit/acd-export.csv", "--from", "2024-13-01", "-o", out}, "--from"},
		{[]string{"fit", "testdata/fit/acd-export.csv", "--map", "testdata/fit/acd.yaml", "--from", "2025-01-01", "-o", out}, "no records between"},
		{[]string{"backtest", "testdata/fit/acd-export.csv", "no-such-scenario.yaml", "--map", "testdata/fit/acd.yaml"}, "no such file"},
		{[]string{"backtest", "testdata/fit/acd-export.csv", "bank", "--map", "testdata/fit/acd.yaml", "--reps", "1"}, "--reps 1"},
		{[]string{"backtest", "testdata/fit/acd-export.csv", "bank", "--map", "testdata/fit/acd.yaml", "--metrics", "wait_p90"}, "percentile"},
		{[]string{"backtest", "testdata/fit/acd-export.csv", "bank", "--map", "testdata/fit/acd.yaml", "--format", "xml"}, "--format"},
	}
	for _, c := range cases {
		code, _, stderr := cli(t, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, want 2 with %q; stderr:\n%s", c.args, code, c.want, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("%v: %s was written", c.args, out)
		}
	}
	// Skipping what is malformed, within the limit, works and says so.
	code, stdout, stderr := cli(t, "fit", "testdata/fit/malformed.csv", "--skip-bad", "--max-bad", "80%", "-o", out)
	if code != 2 || !strings.Contains(stderr, "a handle time needs at least 2") {
		t.Errorf("skip-bad on a file too small to fit: exit %d\n%s%s", code, stdout, stderr)
	}
}
