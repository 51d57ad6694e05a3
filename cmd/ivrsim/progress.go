package main

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// progress draws one bar per design on the error stream: replications
// done, simulated calls per second, and the time left. It draws nothing
// unless the error stream is a terminal, and never in colour.
type progress struct {
	p      *mpb.Progress
	bars   []*mpb.Bar
	totals []int64
	mu     sync.Mutex
	// ewma serialises increments: mpb updates a bar's moving-average
	// decorators in the caller's goroutine, and workers finish
	// replications concurrently. It is not mu, which the bar's own
	// rendering takes (rate) while an increment waits on the bar.
	ewma  sync.Mutex
	calls []int64
	last  []time.Time
	start time.Time
}

// newProgress returns nil (no bars) when quiet, when standard error is not
// a terminal, or when TERM says the terminal cannot redraw.
func newProgress(ctx context.Context, s streams, quiet bool, names []string, perDesign int) *progress {
	if quiet || !s.ErrIsTerminal || os.Getenv("TERM") == "dumb" {
		return nil
	}
	pr := &progress{
		p:     mpb.NewWithContext(ctx, mpb.WithOutput(s.Err), mpb.WithWidth(32), mpb.WithAutoRefresh()),
		calls: make([]int64, len(names)),
		last:  make([]time.Time, len(names)),
		start: time.Now(),
	}
	width := 0
	for _, n := range names {
		width = max(width, len(n))
	}
	for d, n := range names {
		pr.last[d] = pr.start
		// A bar built with a total completes, and stops counting, when it
		// reaches it; built with none it counts until told it is complete,
		// so --reps auto and searches can raise the total as they go.
		bar := pr.p.New(0, mpb.BarStyle().Lbound("[").Rbound("]"),
			mpb.PrependDecorators(
				decor.Name(n, decor.WC{W: width + 1, C: decor.DindentRight}),
				decor.CountersNoUnit("%d/%d reps", decor.WC{W: 14}),
			),
			mpb.AppendDecorators(
				decor.Any(func(decor.Statistics) string { return pr.rate(d) }, decor.WC{W: 16}),
				decor.OnComplete(decor.EwmaETA(decor.ET_STYLE_GO, 20, decor.WC{W: 8}), "done"),
			),
		)
		if perDesign > 0 {
			bar.SetTotal(int64(perDesign), false)
		}
		pr.bars = append(pr.bars, bar)
		pr.totals = append(pr.totals, int64(perDesign))
	}
	return pr
}

func (pr *progress) rate(d int) string {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	el := time.Since(pr.start).Seconds()
	if el <= 0 || pr.calls[d] == 0 {
		return ""
	}
	return fmt.Sprintf("%s calls/s", compact(float64(pr.calls[d])/el))
}

// done records a finished replication of design d.
func (pr *progress) done(d int, calls int64) {
	if pr == nil {
		return
	}
	pr.mu.Lock()
	pr.calls[d] += calls
	now := time.Now()
	dur := now.Sub(pr.last[d])
	pr.last[d] = now
	pr.mu.Unlock()
	pr.ewma.Lock()
	pr.bars[d].EwmaIncrement(dur)
	pr.ewma.Unlock()
}

// extend adds n replications per design to the bars (--reps auto).
func (pr *progress) extend(n int) {
	if pr == nil {
		return
	}
	for i, b := range pr.bars {
		pr.totals[i] += int64(n)
		b.SetTotal(pr.totals[i], false)
	}
}

// setTotal sets design d's total, for a search that learns how much work
// it has as it goes; complete then ends the bar.
func (pr *progress) setTotal(d int, total int) {
	if pr == nil {
		return
	}
	pr.mu.Lock()
	pr.totals[d] = int64(total)
	pr.mu.Unlock()
	pr.bars[d].SetTotal(int64(total), false)
}

// complete marks design d's bar done at its current count.
func (pr *progress) complete(d int) {
	if pr == nil {
		return
	}
	pr.bars[d].SetTotal(-1, true)
}

// stop ends the display: a finished run's bars stay, completed at their
// count; a failed or interrupted run's are dropped.
func (pr *progress) stop(failed bool) {
	if pr == nil {
		return
	}
	for _, b := range pr.bars {
		switch {
		case failed:
			b.Abort(true)
		case !b.Completed():
			b.SetTotal(-1, true)
		}
	}
	pr.p.Wait()
}

// compact writes a rate with a k or M suffix.
func compact(v float64) string {
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%.1fM", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.0fk", v/1e3)
	default:
		return fmt.Sprintf("%.0f", v)
	}
}
