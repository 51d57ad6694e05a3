package results

import (
	"math"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"
)

// Layout is how one replication's horizon is cut into cells.
type Layout struct {
	Days     int     `json:"days"`
	Interval float64 `json:"interval"` // seconds; divides a day
	// WindowStart and WindowIntervals are the intervals of the day that
	// are reported one by one (the opening hours); cells outside still
	// count in totals.
	WindowStart     int `json:"window_start"`
	WindowIntervals int `json:"window_intervals"`
}

// IntervalsPerDay is the number of cells in one day.
func (l Layout) IntervalsPerDay() int { return int(math.Round(86400 / l.Interval)) }

// Histogram resolution: milliseconds, from 1 ms to 60 days, 3 significant
// digits (0.1 % relative error in percentiles).
const (
	histLowest  = 1
	histHighest = 60 * 86400 * 1000
	histDigits  = 3
)

// Tally is everything one replication of one design observed. The engine
// writes into it directly; nothing in it grows with the number of calls.
type Tally struct {
	Layout Layout
	Cells  []Counters // day-major: Cells[day*IntervalsPerDay()+interval]
	Wait   *hdrhistogram.Histogram
	TTR    *hdrhistogram.Histogram
	// Flows counts moves between the design's nodes; set by the engine.
	Flows *Flows
	// Discard collects what happens before the warm-up ends, so the engine
	// can write without asking whether to.
	Discard Counters
	// zeroWaits counts answered contacts that did not wait; they are added
	// to Wait in one go, as most answered contacts never wait.
	zeroWaits int64
}

// NewTally makes an empty tally for layout l.
func NewTally(l Layout) *Tally {
	return &Tally{
		Layout: l,
		Cells:  make([]Counters, l.Days*l.IntervalsPerDay()),
		Wait:   hdrhistogram.New(histLowest, histHighest, histDigits),
		TTR:    hdrhistogram.New(histLowest, histHighest, histDigits),
	}
}

// RecordWait adds an answered contact's queue wait, in seconds.
func (t *Tally) RecordWait(sec float64) {
	if sec == 0 {
		t.zeroWaits++
		return
	}
	record(t.Wait, sec)
}

// flushZeroWaits moves the zero waits counted apart into the histogram.
func (t *Tally) flushZeroWaits() {
	if t.zeroWaits > 0 {
		_ = t.Wait.RecordValues(0, t.zeroWaits)
		t.zeroWaits = 0
	}
}

// RecordTTR adds a resolved issue's time to resolution, in seconds.
func (t *Tally) RecordTTR(sec float64) { record(t.TTR, sec) }

func record(h *hdrhistogram.Histogram, sec float64) {
	ms := int64(math.Round(sec * 1000))
	if ms > histHighest {
		ms = histHighest
	}
	if ms < 0 {
		ms = 0
	}
	_ = h.RecordValue(ms) // in range by construction
}

// Total sums every cell.
func (t *Tally) Total() Counters {
	var c Counters
	for i := range t.Cells {
		c.Add(&t.Cells[i])
	}
	return c
}

// Interval sums interval i of the day across days.
func (t *Tally) Interval(i int) Counters {
	var c Counters
	n := t.Layout.IntervalsPerDay()
	for d := range t.Layout.Days {
		c.Add(&t.Cells[d*n+i])
	}
	return c
}

// Outside sums the intervals of every day outside the reported window.
func (t *Tally) Outside() Counters {
	var c Counters
	l := t.Layout
	n := l.IntervalsPerDay()
	for i := range n {
		if i >= l.WindowStart && i < l.WindowStart+l.WindowIntervals {
			continue
		}
		for d := range l.Days {
			c.Add(&t.Cells[d*n+i])
		}
	}
	return c
}

// Day sums day d (0-based).
func (t *Tally) Day(d int) Counters {
	var c Counters
	n := t.Layout.IntervalsPerDay()
	for i := range n {
		c.Add(&t.Cells[d*n+i])
	}
	return c
}

// Values evaluates every metric of Metrics on c, in order; percentiles come
// from the histograms when hists is true and are NaN otherwise.
func (t *Tally) Values(c *Counters, hists bool) []float64 {
	out := make([]float64, len(Metrics))
	for i, m := range Metrics {
		switch {
		case !m.Distribution:
			out[i] = m.value(c)
		case hists:
			out[i] = t.percentile(m.hist, m.pct)
		default:
			out[i] = math.NaN()
		}
	}
	return out
}

func (t *Tally) percentile(id histogramID, pct float64) float64 {
	t.flushZeroWaits()
	h := t.Wait
	if id == histTTR {
		h = t.TTR
	}
	if h.TotalCount() == 0 {
		return math.NaN()
	}
	return float64(h.ValueAtPercentile(pct)) / 1000
}
