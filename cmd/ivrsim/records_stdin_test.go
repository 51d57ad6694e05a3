package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRecordsFromStdin: fit and backtest read RECORDS "-" from standard
// input, with the same result as from the file (the scenario's comments
// then name them "call records"); a mapping can come that way too. Two
// inputs on standard input are refused before anything is read.
func TestRecordsFromStdin(t *testing.T) {
	records := simulatedRecords(t)
	data, err := os.ReadFile(records)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	fitted := filepath.Join(dir, "fitted.yaml")
	// A file of that name is named as records on standard input are.
	named := filepath.Join(dir, "call records")
	if err := os.WriteFile(named, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, fromFile, errs := cli(t, "fit", named, "--interval", "1h", "-q")
	if code != 0 {
		t.Fatalf("fit FILE: exit %d: %s", code, errs)
	}
	var fromStdin string
	withStdin(t, string(data), func() { code, fromStdin, errs = cli(t, "fit", "-", "--interval", "1h", "-q") })
	if code != 0 || fromStdin != fromFile {
		t.Fatalf("fit -: exit %d: %s; the scenario differs from the file's:\n%s", code, errs, fromStdin)
	}
	if err := os.WriteFile(fitted, []byte(fromFile), 0o644); err != nil {
		t.Fatal(err)
	}

	args := []string{fitted, "--reps", "2", "--format", "json", "--to", "2024-03-05", "-q"}
	code, fromFile, errs = cli(t, append([]string{"backtest", records}, args...)...)
	if code != 0 {
		t.Fatalf("backtest FILE: exit %d: %s", code, errs)
	}
	withStdin(t, string(data), func() { code, fromStdin, errs = cli(t, append([]string{"backtest", "-"}, args...)...) })
	if code != 0 || fromStdin != fromFile {
		t.Fatalf("backtest -: exit %d: %s; the result differs from the file's: %v", code, errs, fromStdin != fromFile)
	}

	mapping, err := os.ReadFile("testdata/fit/acd.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, want, _ := cli(t, "fit", "testdata/fit/acd-export.csv", "--map", "testdata/fit/acd.yaml", "-q")
	withStdin(t, string(mapping), func() {
		code, fromStdin, errs = cli(t, "fit", "testdata/fit/acd-export.csv", "--map", "-", "-q")
	})
	if code != 0 || fromStdin != want {
		t.Fatalf("fit --map -: exit %d: %s", code, errs)
	}
	withStdin(t, "columns: [", func() {
		code, _, errs = cli(t, "fit", "testdata/fit/acd-export.csv", "--map", "-")
	})
	if code != exitUsage || !strings.Contains(errs, stdinName+":") {
		t.Errorf("a broken mapping on standard input: exit %d: %s", code, errs)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"fit", "-", "--map", "-"}, "the call records and --map both read standard input (-)"},
		{[]string{"backtest", "-", "-"}, "the call records and the scenario both read standard input (-)"},
		{[]string{"backtest", "-", fitted, "--map", "-"}, "the call records and --map both read standard input (-)"},
		{[]string{"backtest", records, "-", "--map", "-"}, "the scenario and --map both read standard input (-)"},
	} {
		withStdin(t, string(data), func() { code, _, errs = cli(t, c.args...) })
		if code != exitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, errs, c.want)
		}
	}
	withStdin(t, "", func() { code, _, errs = cli(t, "fit", "-") })
	if code != exitUsage || !strings.Contains(errs, stdinName+": the file is empty") {
		t.Errorf("no records on standard input: exit %d: %s", code, errs)
	}
}

// blockingReader is standard input that nobody writes: reads wait until
// it is closed.
type blockingReader struct{ done chan struct{} }

func (b blockingReader) Read([]byte) (int, error) {
	<-b.done
	return 0, io.EOF
}

// TestRecordsStdinInterrupted: records awaited on standard input that
// nobody writes do not hold an interrupted command.
func TestRecordsStdinInterrupted(t *testing.T) {
	idle := blockingReader{make(chan struct{})}
	defer close(idle.done)
	old := stdin
	stdin = idle
	defer func() { stdin = old }()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	code, stdout, errs := cliStreams(t, ctx, false, "fit", "-")
	if code != exitInterrupted || stdout != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 130", code, stdout, errs)
	}
}
