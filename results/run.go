package results

import (
	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"
)

// RepResult is what is kept of one replication of one design once it has
// finished: every metric's value overall, per reported interval of the day
// and per day, in the order of Metrics. It is small, and it is all that
// summaries, comparisons and merges need.
type RepResult struct {
	Rep       int
	Calls     int64 // contacts simulated, warm-up included
	Total     []float64
	Intervals [][]float64
	Days      [][]float64
	// Outside sums the contacts that arrived outside the reported
	// intervals (redials at night, when no agent may be staffed), so that
	// the interval table accounts for every contact.
	Outside []float64
}

// Reduce turns a finished replication's tally into its RepResult.
func (t *Tally) Reduce(rep int, calls int64) RepResult {
	total := t.Total()
	r := RepResult{Rep: rep, Calls: calls, Total: t.Values(&total, true)}
	for i := range t.Layout.WindowIntervals {
		c := t.Interval(t.Layout.WindowStart + i)
		r.Intervals = append(r.Intervals, t.Values(&c, false))
	}
	for d := range t.Layout.Days {
		c := t.Day(d)
		r.Days = append(r.Days, t.Values(&c, false))
	}
	out := t.Outside()
	r.Outside = t.Values(&out, false)
	return r
}

// DesignRuns is every replication of one design.
type DesignRuns struct {
	Name string
	Reps []RepResult // ordered by Rep
	// Wait and TTR pool the replications' histograms (exact: counts add).
	Wait *hdrhistogram.Histogram
	TTR  *hdrhistogram.Histogram
	// Flows sums the replications' flow counts.
	Flows *Flows
}

// NewDesignRuns makes an empty set of runs for design name.
func NewDesignRuns(name string) *DesignRuns {
	return &DesignRuns{
		Name: name,
		Wait: hdrhistogram.New(histLowest, histHighest, histDigits),
		TTR:  hdrhistogram.New(histLowest, histHighest, histDigits),
	}
}

// Pool adds a finished replication's histograms into the pooled ones.
func (d *DesignRuns) Pool(t *Tally) {
	t.flushZeroWaits()
	d.pool(t.Wait, t.TTR, t.Flows)
}

// pool adds histograms and flow counts; addition makes the pooled result
// independent of the order replications finish in.
func (d *DesignRuns) pool(wait, ttr *hdrhistogram.Histogram, flows *Flows) {
	d.Wait.Merge(wait)
	d.TTR.Merge(ttr)
	if flows != nil {
		if d.Flows == nil {
			d.Flows = NewFlows(flows.Nodes)
		}
		d.Flows.Add(flows)
	}
}

// RunSet is a whole run: every design, every replication.
type RunSet struct {
	Scenario     string
	Seed         uint64
	Replications int
	Layout       Layout
	Designs      []*DesignRuns
	// Assumptions, when set, are carried into the documents.
	Assumptions *Assumptions
}

// IntervalStart is the time of day the i-th reported interval starts, as
// HH:MM.
func (rs *RunSet) IntervalStart(i int) string {
	sec := float64(rs.Layout.WindowStart+i) * rs.Layout.Interval
	s := int(sec)
	return twoDigits(s/3600) + ":" + twoDigits(s/60%60)
}

func twoDigits(v int) string {
	return string([]byte{byte('0' + v/10%10), byte('0' + v%10)})
}

// Append adds the replications of o, run after rs's with the same
// scenario and seed, to rs.
func (rs *RunSet) Append(o *RunSet) {
	for d := range rs.Designs {
		a, b := rs.Designs[d], o.Designs[d]
		a.Reps = append(a.Reps, b.Reps...)
		a.pool(b.Wait, b.TTR, b.Flows)
	}
	rs.Replications += o.Replications
}

// Calls is the number of contacts simulated in the run.
func (rs *RunSet) Calls() int64 {
	var n int64
	for _, d := range rs.Designs {
		for _, r := range d.Reps {
			n += r.Calls
		}
	}
	return n
}
