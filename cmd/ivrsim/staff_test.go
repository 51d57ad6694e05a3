package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/scenarios"
)

func staffCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := execute(context.Background(), args, streams{Out: &out, Err: &errb})
	return out.String(), errb.String(), code
}

func TestStaffCommand(t *testing.T) {
	dir := t.TempDir()
	staffed := filepath.Join(dir, "staffed.yaml")
	out, errs, code := staffCLI(t, "staff", "testdata/staff/queue.yaml", "--target", "service_level(20s) >= 0.8",
		"--lines-target", "blocked_rate <= 0.01", "--reps", "6", "--format", "json", "--write-scenario", staffed)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		Designs []struct {
			Intervals []struct {
				Start        string `json:"start"`
				Agents       int    `json:"agents"`
				ErlangC      int    `json:"erlang_c"`
				ErlangA      int    `json:"erlang_a"`
				ServiceLevel struct {
					Mean  *float64 `json:"mean"`
					CILow *float64 `json:"ci_low"`
				} `json:"service_level"`
			} `json:"intervals"`
			Lines  struct{ Lines int } `json:"lines"`
			Totals struct {
				AgentHours float64 `json:"agent_hours"`
			} `json:"totals"`
		} `json:"designs"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	d := doc.Designs[0]
	if len(d.Intervals) != 4 || d.Intervals[0].Start != "08:00" || d.Lines.Lines < 1 || d.Totals.AgentHours <= 0 {
		t.Fatalf("unexpected result: %s", out)
	}
	var agents []int
	for _, r := range d.Intervals {
		agents = append(agents, r.Agents)
		if r.ErlangA < 1 || r.ErlangC < r.ErlangA {
			t.Errorf("%s: Erlang C %d, Erlang A %d", r.Start, r.ErlangC, r.ErlangA)
		}
	}
	sc, err := scenarios.Load(staffed, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sc.Agents[0].Staffing, agents) || sc.Lines != d.Lines.Lines {
		t.Errorf("written staffing %v lines %d; result %v lines %d", sc.Agents[0].Staffing, sc.Lines, agents, d.Lines.Lines)
	}
	data, _ := os.ReadFile(staffed)
	if !strings.Contains(string(data), "# contacts per half hour") || !strings.Contains(string(data), "# trunks") {
		t.Errorf("comments lost:\n%s", data)
	}
	// Table and CSV come from the same result.
	for _, f := range []string{"table", "csv"} {
		if out, errs, code := staffCLI(t, "staff", "testdata/staff/queue.yaml", "--target", "asa <= 30s", "--reps", "4", "--format", f); code != 0 || out == "" {
			t.Errorf("--format %s: exit %d: %s", f, code, errs)
		}
	}
}

// TestStaffUnsettled: a search stopped by its budget writes its result but
// exits 1, unless the user accepts it.
func TestStaffUnsettled(t *testing.T) {
	args := []string{"staff", "testdata/staff/contained.yaml", "--target", "service_level(20s) >= 0.8", "--reps", "6", "--max-simulations", "2", "--format", "json"}
	out, errs, code := staffCLI(t, args...)
	if code != exitRuntime || !strings.Contains(errs, "--allow-unsettled") || !strings.Contains(out, `"converged": false`) {
		t.Errorf("exit %d, stderr %q, output %.80q; want exit 1, a hint and the result", code, errs, out)
	}
	out, errs, code = staffCLI(t, append(args, "--allow-unsettled")...)
	if code != 0 || !strings.Contains(errs, "warning") || !strings.Contains(out, `"converged": false`) {
		t.Errorf("--allow-unsettled: exit %d, stderr %q", code, errs)
	}
}

// TestStaffWFM: --format wfm writes one row per day, interval and group,
// dated when the scenario gives horizon.start.
func TestStaffWFM(t *testing.T) {
	out, errs, code := staffCLI(t, "staff", "testdata/staff/queue.yaml", "--target", "asa <= 30s", "--reps", "4",
		"--set", "horizon.start=2026-12-07", "--set", "horizon.days=2", "--format", "wfm")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1+2*4 || lines[0] != "design,day,date,weekday,start,group,agents" ||
		!strings.HasPrefix(lines[1], "direct,1,2026-12-07,Mon,08:00,team,") || !strings.HasPrefix(lines[8], "direct,2,2026-12-08,Tue,09:30,team,") {
		t.Errorf("unexpected schedule:\n%s", out)
	}
}

func TestStaffUsageErrors(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "x.yaml")
	cases := [][]string{
		{"staff", "testdata/staff/queue.yaml"},
		{"staff", "testdata/staff/queue.yaml", "--target", "fcr >= 0.7"},
		{"staff", "testdata/staff/queue.yaml", "--target", "service_level <= 0.8"},
		{"staff", "testdata/staff/queue.yaml", "--target", "asa <= 30s", "--lines-target", "asa <= 20s"},
		{"staff", "testdata/staff/queue.yaml", "--target", "blocked_rate <= 0.01"},
		{"staff", "testdata/staff/queue.yaml", "--target", "asa <= 30s", "--reps", "1"},
		{"staff", "testdata/staff/queue.yaml", "--target", "asa <= 30s", "--design", "nope"},
		{"staff", "bank", "--target", "asa <= 30s", "--write-scenario", out},
		{"staff", "no-such.yaml", "--target", "asa <= 30s"},
		{"staff", "testdata/staff/queue.yaml", "--target", "asa <= 30s", "--format", "xlsx"},
	}
	for _, args := range cases {
		if _, errs, code := staffCLI(t, args...); code != exitUsage || errs == "" {
			t.Errorf("%v: exit %d, %q; want 2 with a message", args, code, errs)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a file was written on error")
	}
}
