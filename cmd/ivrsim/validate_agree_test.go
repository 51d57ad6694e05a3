package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunRefusesWhatValidateRefuses: every invalid scenario in the test
// data makes run exit 2 with exactly the messages validate prints, so no
// command simulates a scenario that validate would refuse.
func TestRunRefusesWhatValidateRefuses(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../../scenarios/testdata/bad/*.yaml", "testdata/*.yaml", "testdata/check/*.yaml"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	invalid := 0
	for _, file := range files {
		sets := setLines(t, file)
		vargs := append([]string{"validate", file}, sets...)
		vcode, _, verr := cli(t, vargs...)
		if vcode == 0 {
			continue
		}
		invalid++
		if vcode != exitUsage {
			t.Errorf("validate %s: exit %d, want %d", file, vcode, exitUsage)
		}
		args := append([]string{"run", file, "--reps", "2"}, sets...)
		code, out, errs := cli(t, args...)
		if code != exitUsage || errs != verr || out != "" {
			t.Errorf("ivrsim %s: exit %d, stdout %q, stderr:\n%s\nwant exit %d and what validate printed:\n%s",
				strings.Join(args, " "), code, out, errs, exitUsage, verr)
		}
		// check lists the scenario's problems with its flags' under one
		// count, so its header differs; every problem line must be there.
		args = append([]string{"check", file, "--reps", "2", "--threshold", "offered >= 0"}, sets...)
		code, out, errs = cli(t, args...)
		if code != exitUsage || out != "" {
			t.Errorf("ivrsim %s: exit %d, stdout %q, want exit %d", strings.Join(args, " "), code, out, exitUsage)
		}
		lines := strings.Split(strings.TrimSpace(verr), "\n")
		if len(lines) > 1 {
			lines = lines[1:]
		}
		for _, l := range lines {
			if !strings.Contains(errs, strings.TrimPrefix(l, "ivrsim: ")) {
				t.Errorf("ivrsim %s does not report %q; it printed:\n%s", strings.Join(args, " "), l, errs)
			}
		}
	}
	if invalid < 30 {
		t.Fatalf("only %d invalid scenarios found among %d files; the test data moved?", invalid, len(files))
	}
}

// setLines turns a test scenario's "# set: key=value" comment lines into
// --set flags.
func setLines(t *testing.T, file string) []string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if s, ok := strings.CutPrefix(sc.Text(), "# set: "); ok {
			out = append(out, "--set", s)
		}
	}
	return out
}
