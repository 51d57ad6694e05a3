package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSensitivityCommand(t *testing.T) {
	for _, f := range []string{"table", "json", "csv"} {
		out, errs, code := staffCLI(t, "sensitivity", "bank", "--samples", "8", "--reps", "1", "--format", f)
		if code != 0 {
			t.Fatalf("--format %s: exit %d: %s", f, code, errs)
		}
		switch f {
		case "table":
			for _, want := range []string{"queue-preserving-va against forced-menu", "P(better)", "abandon_rate", "engaged_patience"} {
				if !strings.Contains(out, want) {
					t.Errorf("table lacks %q:\n%s", want, out)
				}
			}
		case "json":
			var doc struct {
				Samples int `json:"samples"`
				Points  []struct {
					Values []float64 `json:"values"`
				} `json:"points"`
				Pairs []struct {
					Metrics []struct {
						Metric  string   `json:"metric"`
						PBetter *float64 `json:"p_better"`
						Drivers []struct {
							Path string `json:"path"`
						} `json:"drivers"`
					} `json:"metrics"`
				} `json:"pairs"`
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Samples != 8 || len(doc.Points) != 8 || len(doc.Pairs) != 1 || doc.Pairs[0].Metrics[0].PBetter == nil || len(doc.Pairs[0].Metrics[0].Drivers) != 5 {
				t.Errorf("unexpected document: %.400s", out)
			}
		case "csv":
			if !strings.HasPrefix(out, "base,other,metric,quantity,parameter,value\n") || !strings.Contains(out, ",src,segments.regular.trust,") {
				t.Errorf("unexpected CSV: %.300s", out)
			}
		}
	}
}

func TestSensitivityUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"sensitivity", "erlang-a"}, "has one ("},
		{[]string{"sensitivity", "testdata/staff/contained.yaml"}, "has one ("},
		{[]string{"sensitivity", "testdata/uncertain_bad.yaml"}, "testdata/uncertain_bad.yaml:13:28: uncertain.segments.everyone.trust: at 1.5, the high end of uniform(0.5, 1.5), the scenario is not valid"},
		{[]string{"sensitivity", "bank", "--samples", "5"}, "--samples 5 for 5 uncertain values"},
		{[]string{"sensitivity", "bank", "--format", "xml"}, "--format"},
		{[]string{"sensitivity"}, "one scenario"},
		{[]string{"sensitivity", "bank", "--reps", "0", "--samples", "2"}, "--reps 0: use 1 to 100000\n--samples 2: use 4 to 100000"},
		{[]string{"sensitivity", "testdata/centre.yaml", "--design", "menu"}, "has one (menu); add a design, or use ivrsim run --sweep to vary a value\ntestdata/centre.yaml has no uncertain: block"},
	}
	for _, c := range cases {
		_, errs, code := staffCLI(t, c.args...)
		if code != exitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, errs, c.want)
		}
	}
}

// TestSensitivityInterrupt: an interrupted analysis exits 130 and leaves
// no file behind.
func TestSensitivityInterrupt(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	code, _, errs := cliStreams(t, ctx, false, "sensitivity", "bank", "--samples", "8", "--reps", "1",
		"--out", filepath.Join(dir, "out.json"), "--report", filepath.Join(dir, "report.html"))
	if code != 130 || !strings.Contains(errs, "interrupted") {
		t.Fatalf("exit %d, stderr %q; want 130", code, errs)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("files left behind: %v", entries)
	}
}
