package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestInterruptible: a computation that never ends is abandoned as soon as
// the context is cancelled.
func TestInterruptible(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	block := make(chan struct{})
	defer close(block)
	time.AfterFunc(10*time.Millisecond, cancel)
	err := interruptible(ctx, func() error { <-block; return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if err := interruptible(context.Background(), func() error { return errors.New("x") }); err == nil || err.Error() != "x" {
		t.Fatalf("the work's error is lost: %v", err)
	}
	defer func() {
		if r := recover(); r != "boom" {
			t.Fatalf("recovered %v, want the work's panic", r)
		}
	}()
	_ = interruptible(context.Background(), func() error { panic("boom") })
}

// TestInterruptedCommandsWriteNothing: every long command exits 130 when
// interrupted, and leaves no output.
func TestInterruptedCommandsWriteNothing(t *testing.T) {
	dir := t.TempDir()
	shard := filepath.Join(dir, "shard.json")
	if code, _, errs := cli(t, "run", "erlang-a", "--reps", "2", "--shard", "1/1", "--out", shard); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(dir, "out")
	for _, args := range [][]string{
		{"fit", "testdata/fit/acd-export.csv", "--map", "testdata/fit/acd.yaml", "-o", out},
		{"backtest", "testdata/fit/acd-export.csv", "erlang-a", "--map", "testdata/fit/acd.yaml", "-o", out},
		{"merge", shard, "-o", out},
		{"validate", "testdata/centre.yaml"},
		{"check", "erlang-a", "--threshold", "asa < 1h", "--out", out},
		{"staff", "erlang-a", "--target", "asa <= 1m", "-o", out},
		{"run", "erlang-a", "-o", out},
	} {
		code, stdout, errs := cliStreams(t, ctx, false, args...)
		if code != exitInterrupted || !strings.Contains(errs, "interrupted") || stdout != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want 130", args[0], code, stdout, errs)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: output written", args[0])
			_ = os.Remove(out)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
}
