package sim

import (
	"context"
	"math"

	"github.com/ivrsim/ivrsim/results"
)

// probe samples the system at regular times for the staffing search: per
// agent group, the contacts in the system (agents busy talking or in
// wrap-up, plus contacts waiting for the group), and the calls holding a
// line. The iterative staffing algorithm reads the distribution of the
// number in system per interval of the day; the line count is the offered
// load that sizes lines.
//
// Samples are kept per reported interval of the day, pooled over days, and
// only after the warm-up, like every metric.
type probe struct {
	every  float64 // seconds between samples
	first  int     // the window's first interval of the day
	window int     // intervals in the window
	groups int
	// hist[i*groups+g][n] counts the samples in window interval i at which
	// group g had n contacts in the system.
	hist    [][]int64
	lineSum []float64 // per window interval: calls on a line, summed over samples
	samples []int64   // per window interval
}

// probesPerInterval is how many samples the probe takes per interval: the
// distribution of the number in system changes over minutes, and a sample
// costs less than a contact.
const probesPerInterval = 60

func newProbe(p *Plan) *probe {
	l := p.Layout
	return &probe{
		every:   l.Interval / probesPerInterval,
		first:   l.WindowStart,
		window:  l.WindowIntervals,
		groups:  len(p.groups),
		hist:    make([][]int64, l.WindowIntervals*len(p.groups)),
		lineSum: make([]float64, l.WindowIntervals),
		samples: make([]int64, l.WindowIntervals),
	}
}

// probeTick takes one sample and schedules the next. Sampling only reads
// the engine's state, so a probed replication simulates exactly what an
// unprobed one does.
func (e *engine) probeTick() {
	pr := e.probe
	if e.now >= e.p.warmup {
		k := int(e.now*e.perInterval)%e.perDay - pr.first
		if k >= 0 && k < pr.window {
			pr.samples[k]++
			pr.lineSum[k] += float64(e.inSystem)
			for g := range e.groups {
				gs := &e.groups[g]
				n := gs.busy + gs.queue.live
				h := &pr.hist[k*pr.groups+g]
				for len(*h) <= n {
					*h = append(*h, 0)
				}
				(*h)[n]++
			}
		}
	}
	if t := e.now + pr.every; t < e.p.horizon {
		e.q.push(t, evProbe, 0)
	}
}

// replicateProbed runs replication rep of p like Replicate, with a probe.
func replicateProbed(ctx context.Context, p *Plan, seed uint64, rep int) (*results.Tally, *probe, error) {
	e := newEngine(p, seed, rep)
	e.probe = newProbe(p)
	// Samples fall mid-way between boundaries, never on one.
	e.q.push(e.probe.every/2, evProbe, 0)
	if err := e.run(ctx); err != nil {
		return nil, nil, err
	}
	return e.tally, e.probe, nil
}

// add pools o's samples into pr.
func (pr *probe) add(o *probe) {
	for i, h := range o.hist {
		for len(pr.hist[i]) < len(h) {
			pr.hist[i] = append(pr.hist[i], 0)
		}
		for n, c := range h {
			pr.hist[i][n] += c
		}
	}
	for k := range pr.samples {
		pr.samples[k] += o.samples[k]
		pr.lineSum[k] += o.lineSum[k]
	}
}

// tail is the share of samples in window interval k at which group g had
// at least s contacts in the system: for Poisson arrivals, the probability
// that an arrival finds s or more (PASTA), so with s agents the
// probability of waiting. NaN without samples.
func (pr *probe) tail(k, g, s int) float64 {
	n := pr.samples[k]
	if n == 0 {
		return math.NaN()
	}
	h := pr.hist[k*pr.groups+g]
	var c int64
	for j := max(s, 0); j < len(h); j++ {
		c += h[j]
	}
	return float64(c) / float64(n)
}

// smallest is the smallest s whose tail is at most alpha in window
// interval k for group g, and false without samples.
func (pr *probe) smallest(k, g int, alpha float64) (int, bool) {
	n := pr.samples[k]
	if n == 0 {
		return 0, false
	}
	h := pr.hist[k*pr.groups+g]
	limit := alpha * float64(n)
	var c int64
	// Walk down from the largest count seen while the tail stays within
	// the limit.
	s := len(h)
	for s > 0 && float64(c+h[s-1]) <= limit {
		c += h[s-1]
		s--
	}
	return s, true
}

// meanLines is the mean number of calls on a line in window interval k:
// with unlimited lines, the offered load of the lines in Erlangs.
func (pr *probe) meanLines(k int) float64 {
	if pr.samples[k] == 0 {
		return 0
	}
	return pr.lineSum[k] / float64(pr.samples[k])
}
