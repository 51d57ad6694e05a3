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

func TestOutputPathChecks(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "s.yaml")
	if err := os.WriteFile(in, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(in, link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.yaml")
	if err := os.Link(in, hard); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "dangling")
	if err := os.Symlink(filepath.Join(dir, "nothing"), dangling); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	input := []namedPath{{"the scenario", in}}
	tests := []struct {
		name    string
		outputs []namedPath
		want    string // "" for no error
	}{
		{"fine", []namedPath{{"--out", filepath.Join(dir, "r.json")}}, ""},
		{"a device", []namedPath{{"--out", os.DevNull}}, ""},
		{"the input", []namedPath{{"--out", in}}, "is the same file as the scenario"},
		{"the input spelt otherwise", []namedPath{{"--out", filepath.Join(sub, "..", "s.yaml")}}, "is the same file as the scenario"},
		{"a symbolic link to the input", []namedPath{{"--out", link}}, "is the same file as the scenario"},
		{"a hard link to the input", []namedPath{{"--out", hard}}, "is the same file as the scenario"},
		{"two outputs", []namedPath{{"--out", filepath.Join(dir, "a")}, {"--report", filepath.Join(sub, "..", "a")}}, "--out " + filepath.Join(dir, "a") + " and --report"},
		{"a directory", []namedPath{{"--out", sub}}, "it is a directory"},
		{"a dangling link", []namedPath{{"--out", dangling}}, "symbolic link to nothing"},
		{"missing folder", []namedPath{{"--out", filepath.Join(dir, "no", "r.json")}}, "does not exist; create it first"},
		{"a file as folder", []namedPath{{"--out", filepath.Join(in, "r.json")}}, "s.yaml"},
		{"a format word", []namedPath{{"--out", "json"}}, "use --format json"},
	}
	for _, tt := range tests {
		err := checkOutputs(input, tt.outputs)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		case tt.want != "" && exitCodeOf(err) != exitUsage:
			t.Errorf("%s: exit %d, want 2", tt.name, exitCodeOf(err))
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 5 {
		t.Errorf("the checks left files behind: %v", entries)
	}
}

func TestCheckOutputsReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		// root writes anywhere a permission bit forbids; a folder no
		// one can write is /proc.
		if err := checkOutputs(nil, []namedPath{{"--junit", "/proc/x"}}); err == nil || !strings.Contains(err.Error(), "cannot create files in the folder /proc") {
			t.Fatalf("err = %v", err)
		}
		return
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = os.Chmod(dir, 0o755) }()
	if err := checkOutputs(nil, []namedPath{{"--out", filepath.Join(dir, "r.json")}}); err == nil || !strings.Contains(err.Error(), "cannot create files") {
		t.Fatalf("err = %v", err)
	}
}

func TestOutputFormat(t *testing.T) {
	all := []string{"table", "json", "csv"}
	tests := []struct {
		format string
		given  bool
		out    string
		want   string
	}{
		{"table", false, "", "table"},
		{"table", false, "r.json", "json"},
		{"table", false, "r.CSV", "csv"},
		{"table", false, "r.txt", "table"},
		{"table", false, "-", "table"},
		{"csv", true, "r.json", "csv"},
		{"xml", true, "r.json", ""},
	}
	for _, tt := range tests {
		got, err := outputFormat(tt.format, tt.given, tt.out, all)
		if got != tt.want || (tt.want == "") != (err != nil) {
			t.Errorf("outputFormat(%q, %v, %q) = %q, %v; want %q", tt.format, tt.given, tt.out, got, err, tt.want)
		}
	}
}

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
