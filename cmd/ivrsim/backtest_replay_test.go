package main

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/results"
)

// backtest --replay compares both modes in every format: JSON keeps the
// forecast's keys and adds the replay under the same ones, CSV has a row
// per mode, the table puts them side by side, and --report writes the page.
func TestBacktestReplay(t *testing.T) {
	records := simulatedRecords(t)
	dir := t.TempDir()
	fitted := filepath.Join(dir, "fitted.yaml")
	if code, _, stderr := cli(t, "fit", records, "-o", fitted, "--interval", "1h", "-q"); code != 0 {
		t.Fatalf("fit: exit %d: %s", code, stderr)
	}
	page := filepath.Join(dir, "backtest.html")
	code, stdout, stderr := cli(t, "backtest", records, fitted, "--reps", "3", "--replay", "--format", "json", "--report", page)
	if code != 0 {
		t.Fatalf("backtest --replay: exit %d: %s", code, stderr)
	}
	var bt results.Backtest
	if err := json.Unmarshal([]byte(stdout), &bt); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if bt.Replay == nil {
		t.Fatal("no replay in the JSON")
	}
	for _, m := range []string{"offered", "queue_abandon_rate", "waited_abandon_rate", "asa", "p_wait"} {
		f, r := bt.Overall[m], bt.Replay.Overall[m]
		if f.Predicted.N != 3 || r.Predicted.N != 3 || (f.Observed != r.Observed && !math.IsNaN(f.Observed)) {
			t.Errorf("%s: forecast %+v, replay %+v", m, f, r)
		}
	}
	// The replay offers exactly the records' contacts.
	if v := bt.Replay.Overall["offered"]; v.Predicted.Mean != v.Observed || v.Predicted.StdDev != 0 {
		t.Errorf("replay offered %v ± %v, observed %v: want the records' count exactly", v.Predicted.Mean, v.Predicted.StdDev, v.Observed)
	}
	html, err := os.ReadFile(page)
	if err != nil || !strings.Contains(string(html), "<svg") || !strings.Contains(string(html), "replay") {
		t.Errorf("the HTML page (%v) has no chart of both modes", err)
	}

	code, stdout, _ = cli(t, "backtest", records, fitted, "--reps", "3", "--replay", "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if code != 0 || err != nil || len(rows) < 2 || strings.Join(rows[0], ",") != strings.Join(results.BacktestCSVHeader, ",") {
		t.Fatalf("csv (exit %d, %v):\n%s", code, err, stdout)
	}
	modes := map[string]bool{}
	for _, r := range rows[1:] {
		modes[r[0]] = true
	}
	if !modes["forecast"] || !modes["replay"] {
		t.Errorf("csv modes %v, want forecast and replay", modes)
	}

	code, stdout, _ = cli(t, "backtest", records, fitted, "--reps", "3", "--replay", "--metrics", "asa,p_wait")
	if code != 0 || !strings.Contains(stdout, "forecast") || !strings.Contains(stdout, "replay") || !strings.Contains(stdout, "observed") {
		t.Errorf("table (exit %d):\n%s", code, stdout)
	}
}
