package results

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// updating reports whether go test runs with -update (registered once for
// the package, see checksummary_test.go).
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// backtestModes is backtestInput's comparison with a replay whose
// replications offer the observed contacts exactly.
func backtestModes(t *testing.T) *Backtest {
	t.Helper()
	in := backtestInput()
	b, err := NewBacktest(in)
	if err != nil {
		t.Fatal(err)
	}
	for i := range in.Runs.Reps {
		in.Runs.Reps[i].Total[metricIndex["offered"]] = 100
	}
	if b.Replay, err = NewBacktest(in); err != nil {
		t.Fatal(err)
	}
	return b
}

// The table, CSV and HTML of a backtest with both modes, against golden
// files (go test ./results -run Modes -update rewrites them).
func TestBacktestModesGolden(t *testing.T) {
	b := backtestModes(t)
	var table, csv bytes.Buffer
	if err := WriteBacktestTable(&table, b); err != nil {
		t.Fatal(err)
	}
	if err := WriteBacktestCSV(&csv, b); err != nil {
		t.Fatal(err)
	}
	page, err := BacktestHTML(b)
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][]byte{"modes.txt": table.Bytes(), "modes.csv": csv.Bytes(), "modes.html": page} {
		path := filepath.Join("testdata", "backtest", name)
		if updating() {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test ./results -run Modes -update writes it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s; if intended, rerun with -update and review:\n%s", name, path, got)
		}
	}
	// The replay offers exactly what was observed: no star on its offered.
	if !strings.Contains(table.String(), "forecast") || !strings.Contains(csv.String(), "replay,overall,,offered,100,") {
		t.Errorf("table or CSV without both modes:\n%s\n%s", table.String(), csv.String())
	}
}
