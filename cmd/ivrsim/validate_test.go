package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	goldenfile "github.com/ivrsim/ivrsim/models/golden"
)

// ivrsim runs the CLI in-process and returns its exit code and output.
func ivrsim(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errBuf bytes.Buffer
	code = execute(context.Background(), args, streams{Out: &out, Err: &errBuf})
	return code, out.String(), errBuf.String()
}

// golden compares got with testdata/NAME.golden, or rewrites it with
// -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, "testdata/"+name+".golden", []byte(got))
}

func TestValidateOK(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"validate", "testdata/centre.yaml"},
			"testdata/centre.yaml: ok — 2 designs (menu, va), 2 intents, 2 agent groups\n"},
		{[]string{"validate", "erlang-a"},
			"erlang-a: ok — 1 design (direct), 1 intent, 1 agent group\n"},
		{[]string{"validate", "testdata/centre.yaml", "--set", "horizon.days=7", "--set", "segments.regular.trust=0.2"},
			"testdata/centre.yaml: ok — 2 designs (menu, va), 2 intents, 2 agent groups\n"},
	}
	for _, tt := range tests {
		code, out, errOut := ivrsim(t, tt.args...)
		if code != exitOK || out != tt.want || errOut != "" {
			t.Errorf("ivrsim %s: exit %d\nstdout: %q\nstderr: %q\nwant stdout %q", strings.Join(tt.args, " "), code, out, errOut, tt.want)
		}
	}
}

// TestValidateBuiltins validates every built-in scenario, designs compiled.
func TestValidateBuiltins(t *testing.T) {
	code, out, errOut := ivrsim(t, append([]string{"validate"}, builtinNames()...)...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if n := strings.Count(out, ": ok — "); n != len(builtinNames()) {
		t.Errorf("%d ok lines:\n%s", n, out)
	}
}

func TestValidateProblems(t *testing.T) {
	code, out, errOut := ivrsim(t, "validate", "testdata/broken.yaml")
	if code != exitUsage || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	golden(t, "validate_broken", errOut)
}

func TestValidateSetProblems(t *testing.T) {
	code, out, errOut := ivrsim(t, "validate", "testdata/centre.yaml", "--set", "segments.regulr.trust=0.2", "--set", "horizon.days=0")
	if code != exitUsage || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	golden(t, "validate_set", errOut)
}

// TestValidateSeveral checks each scenario is reported: the valid one on
// stdout, the invalid ones' problems on stderr, and exit 2.
func TestValidateSeveral(t *testing.T) {
	code, out, errOut := ivrsim(t, "validate", "testdata/centre.yaml", "testdata/broken.yaml", "no-such.yaml")
	if code != exitUsage {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "testdata/centre.yaml: ok") {
		t.Errorf("stdout %q", out)
	}
	for _, want := range []string{"2 of 3 scenarios are invalid", "testdata/broken.yaml:11:5", "no-such.yaml: no such file"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

func TestValidateUsage(t *testing.T) {
	for _, args := range [][]string{{"validate"}, {"validate", "x.yaml", "--no-such-flag"}, {"validate", "x.yaml", "--set", "novalue"}} {
		code, _, errOut := ivrsim(t, args...)
		if code != exitUsage || errOut == "" {
			t.Errorf("ivrsim %s: exit %d, stderr %q", strings.Join(args, " "), code, errOut)
		}
	}
}

// TestValidateThresholds: validate reports a scenario's threshold mistakes
// as check would, and accepts good thresholds.
func TestValidateThresholds(t *testing.T) {
	code, _, errs := cli(t, "validate", "testdata/check/bad_thresholds.yaml")
	if code != 2 || !strings.Contains(errs, `unknown aggregation "ci_hihg"`) || !strings.Contains(errs, "bad_thresholds.yaml:20:28") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if code, _, errs := cli(t, "validate", "testdata/check/thresholds.yaml"); code != 0 {
		t.Fatalf("good thresholds: exit %d: %s", code, errs)
	}
}
