package main

import (
	"strings"
	"testing"

	goldenfile "github.com/ivrsim/ivrsim/models/golden"
)

// TestOutputsGolden pins what users and scripts read: the table, CSV and
// JSON of run, check, staff and sensitivity on small scenarios, byte for byte. A change
// to any of them is deliberate: run go test ./cmd/ivrsim -update and review
// the diff of testdata/golden.
func TestOutputsGolden(t *testing.T) {
	run := []string{"run", "testdata/centre.yaml", "--reps", "3", "--seed", "7"}
	check := []string{"check", "testdata/check/gate.yaml", "--reps", "4", "--seed", "3",
		"--threshold", "abandon_rate < 20%", "--threshold", "asa{split} ci_high < 30s",
		"--compare", "current:split", "--tolerance", "abandon_rate=1pp"}
	staff := []string{"staff", "testdata/staff/queue.yaml", "--target", "service_level(20s) >= 0.8",
		"--reps", "4", "--refine", "1", "--quiet"}
	sensitivity := []string{"sensitivity", "bank", "--samples", "16", "--reps", "2", "--set", "horizon.days=1", "--quiet"}
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"run.txt", run, 0},
		{"run.csv", append(run, "--format", "csv"), 0},
		{"run.json", append(run, "--format", "json"), 0},
		{"check.txt", check, -1},
		{"staff.txt", staff, 0},
		{"staff.csv", append(staff, "--format", "csv"), 0},
		{"staff.json", append(staff, "--format", "json"), 0},
		{"sensitivity.txt", sensitivity, 0},
		{"sensitivity.csv", append(sensitivity, "--format", "csv"), 0},
		{"sensitivity.json", append(sensitivity, "--format", "json"), 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := cli(t, c.args...)
			if c.code >= 0 && code != c.code {
				t.Fatalf("ivrsim %s: exit %d, want %d: %s", strings.Join(c.args, " "), code, c.code, errs)
			}
			if code != 0 && code != exitThresholds {
				t.Fatalf("ivrsim %s: exit %d: %s", strings.Join(c.args, " "), code, errs)
			}
			goldenfile.Check(t, "testdata/golden/"+c.name, []byte(out))
		})
	}
}
