package main

import (
	"context"
	"strings"
	"sync"
	"testing"
)

// TestProgressExtends: a bar raised by --reps auto after reaching its
// first total keeps counting to the new one, and ends complete.
func TestProgressExtends(t *testing.T) {
	t.Setenv("TERM", "xterm")
	var errs strings.Builder
	pr := newProgress(context.Background(), streams{Out: &strings.Builder{}, Err: &errs, ErrIsTerminal: true}, false, []string{"a", "b"}, 2)
	if pr == nil {
		t.Fatal("no progress on a terminal")
	}
	for range 2 {
		pr.done(0, 10)
		pr.done(1, 10)
	}
	pr.extend(3)
	for range 3 {
		pr.done(0, 10)
		pr.done(1, 10)
	}
	for d, b := range pr.bars {
		if got := b.Current(); got != 5 {
			t.Errorf("bar %d counted %d replications, want 5", d, got)
		}
		if b.Completed() {
			t.Errorf("bar %d completed before the run ended", d)
		}
	}
	pr.stop(false)
	for d, b := range pr.bars {
		if !b.Completed() {
			t.Errorf("bar %d not complete after a finished run", d)
		}
	}
	if !strings.Contains(errs.String(), "5/5 reps") {
		t.Errorf("the bars never showed 5/5:\n%q", errs.String())
	}
}

// TestProgressConcurrentDone: workers finishing replications at once
// update a bar's moving averages one at a time (the race detector checks).
func TestProgressConcurrentDone(t *testing.T) {
	t.Setenv("TERM", "xterm")
	pr := newProgress(context.Background(), streams{Out: &strings.Builder{}, Err: &strings.Builder{}, ErrIsTerminal: true}, false, []string{"a"}, 64)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 8 {
				pr.done(0, 1)
			}
		})
	}
	wg.Wait()
	if got := pr.bars[0].Current(); got != 64 {
		t.Errorf("counted %d replications, want 64", got)
	}
	pr.stop(false)
}
