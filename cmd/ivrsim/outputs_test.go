package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunFormatFromExtension: --out results.csv writes CSV without
// --format.
func TestRunFormatFromExtension(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.csv")
	if code, _, errs := cli(t, "run", "erlang-a", "--reps", "2", "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(b), "design,") && !strings.Contains(strings.SplitN(string(b), "\n", 2)[0], ",") {
		t.Errorf("not CSV: %.80q", b)
	}
}

type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("boom") }

// TestPanicIsInternalError: a panic inside a command is reported as an
// internal error with exit 1, never as the user's mistake.
func TestPanicIsInternalError(t *testing.T) {
	var errBuf bytes.Buffer
	code := execute(context.Background(), []string{"scenarios"}, streams{Out: panicWriter{}, Err: &errBuf})
	if code != exitRuntime || !strings.Contains(errBuf.String(), "internal error") || !strings.Contains(errBuf.String(), "boom") {
		t.Fatalf("exit %d, stderr %q", code, errBuf.String())
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestStdoutWriteError: a command whose output cannot be written fails.
func TestStdoutWriteError(t *testing.T) {
	for _, args := range [][]string{
		{"validate", "testdata/centre.yaml"},
		{"scenarios"},
		{"schema"},
		{"erlang", "b", "--load", "10", "--lines", "12"},
	} {
		var errBuf bytes.Buffer
		code := execute(context.Background(), args, streams{Out: failWriter{}, Err: &errBuf})
		if code != exitRuntime || !strings.Contains(errBuf.String(), "cannot write to standard output") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errBuf.String())
		}
	}
	if f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0); err == nil {
		defer func() { _ = f.Close() }()
		var errBuf bytes.Buffer
		if code := execute(context.Background(), []string{"validate", "testdata/centre.yaml"}, streams{Out: f, Err: &errBuf}); code != exitRuntime {
			t.Errorf("validate > /dev/full: exit %d, stderr %q", code, errBuf.String())
		}
	}
}

// TestRunOutputsAllOrNone: when one of run's outputs cannot be written,
// none is, the trace included.
func TestRunOutputsAllOrNone(t *testing.T) {
	dir := t.TempDir()
	out, trace := filepath.Join(dir, "r.json"), filepath.Join(dir, "t.jsonl")
	// --report to a folder that disappears after the checks: simulated by
	// a report path inside a file, found only when writing.
	report := filepath.Join(dir, "gone", "r.html")
	if err := os.Mkdir(filepath.Dir(report), 0o755); err != nil {
		t.Fatal(err)
	}
	beforeOutputs = func() { _ = os.Remove(filepath.Dir(report)) }
	defer func() { beforeOutputs = nil }()
	code, _, errs := cli(t, "run", "erlang-a", "--reps", "2", "--out", out, "--trace", trace, "--report", report)
	if code == 0 {
		t.Fatalf("exit 0: %s", errs)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("files left: %v", entries)
	}
}
