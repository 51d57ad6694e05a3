package models

import "math"

// Erlang A: the M/M/N+M queue of Garnett, Mandelbaum and Reiman (2002).
// Calls arrive at rate λ, agents serve at rate μ each, and a waiting caller
// hangs up at rate θ (exponential patience with mean 1/θ).
//
// Write x = λ/θ and y = Nμ/θ. With j calls queued the chain's states beyond
// N have weights r_j = x^j / ((y+1)(y+2)…(y+j)) relative to state N, and a
// caller who arrives with j ahead is answered with probability y/(y+j+1).
// Every quantity the calculator needs is such a sum over j, and each sum
// has a closed form as one integral over v ≥ 0 of the same log-concave
// kernel
//
//	e^{φ(v)},  φ(v) = −y·v + x·(1 − e^{−v}),
//
// times a simple positive weight (a beta/incomplete-gamma identity: e^{−θV}
// is Beta distributed when V is the sum of exponential stages with rates
// Nμ, Nμ+θ, …). With K = y·e^{φ*}, φ* = max φ:
//
//	Σ_j r_j                          = K ∫ k(v) dv                 (waiting)
//	Σ_j r_j (j+1)/(y+j+1)            = K ∫ k(v)(1−e^{−v}) dv       (abandoning)
//	Σ_j r_j y/(y+j+1)                = K ∫ k(v) e^{−v} dv          (answered after a wait)
//	Σ_j r_j·E[W; answered | j]·θ     = K ∫ k(v) v e^{−v} dv
//	Σ_j r_j·P(answered, W ≤ t | j)   = K ∫_0^{θt} k(v) e^{−v} dv
//
// where k = e^{φ−φ*} ≤ 1. The integrands are positive, so adaptive
// Gauss–Legendre quadrature gets them to full relative precision, with a
// few hundred kernel evaluations whatever the number of agents or the load:
// no factorial, power or infinite sum is ever formed. The states below N
// enter only through Erlang B, as 1/B(N) − 1, whose recursion is the one
// part that costs O(N).

// ErlangAPerformance returns the steady state of an M/M/N+M queue (Poisson
// arrivals, exponential handle times and exponential patience): rate is the
// arrival rate per second, aht the mean handle time in seconds, patience the
// mean patience in seconds (the abandonment rate is 1/patience) and within
// the service-level threshold in seconds.
//
// The queue is always stable, whatever the load. With no agents every
// caller abandons: PWait and PAbandon are 1, ServiceLevel and Occupancy 0,
// MeanWait is the mean patience, and ASA and PWaitAnswered are NaN because
// no call is ever answered. An infinite patience gives Erlang C.
//
// Preconditions: rate ≥ 0, aht > 0, within ≥ 0, all finite; patience > 0;
// agents ≥ 0. Patience so short or so long that no float64 time scale
// resolves it gives the limits: Erlang B (callers who wait hang up at once)
// and Erlang C.
func ErlangAPerformance(rate, aht, patience float64, agents int, within float64) Performance {
	if math.IsInf(patience, 1) {
		return ErlangCPerformance(rate, aht, agents, within)
	}
	load := rate * aht
	if agents <= 0 {
		return Performance{
			Agents: agents, Load: load, Within: within,
			PWait: 1, PAbandon: 1,
			ASA: math.NaN(), PWaitAnswered: math.NaN(),
			MeanWait: patience,
			Stable:   true,
		}
	}
	if !(load > 0) {
		return Performance{Agents: agents, Load: load, Within: within, ServiceLevel: 1, Stable: true}
	}
	return erlangAEval(rate, aht, patience, agents, within, invErlangB(load, agents-1))
}

// erlangAEval evaluates an M/M/N+M queue with N ≥ 1 and a positive load
// from 1/B(load, N−1), so that a staffing search can reuse one table of
// Erlang B values. A zero within skips the service-level integral.
func erlangAEval(rate, aht, patience float64, agents int, within float64, invBPrev float64) Performance {
	load := rate * aht
	n := float64(agents)
	x, y := rate*patience, n*patience/aht
	switch {
	case math.IsInf(x, 1) || math.IsInf(y, 1):
		// Patience beyond any float64 time scale: callers wait forever.
		return ErlangCPerformance(rate, aht, agents, within)
	case math.Max(x, y) < 1e-100:
		return instantAbandonment(load, agents, within, y, patience, invBPrev)
	}
	k := newAbandonKernel(x, y)
	m := k.moments()

	// idle is the weight of the states with a free agent, Σ_{n<N} π_n/π_N =
	// 1/B(N) − 1, in the kernel's units. Clamped so that an astronomically
	// lightly loaded queue gives 0 and 1 rather than Inf/Inf.
	invBMinus1 := n / load * invBPrev
	idle := math.Exp(math.Log(invBMinus1) - k.phiStar - math.Log(k.y))
	idle = math.Min(idle, 1e300)

	total := idle + m.wait
	answered := idle + m.answeredAfterWait
	// One kernel width in seconds: 1/θ per unit of v.
	widthTime := k.width * patience
	p := Performance{
		Agents:        agents,
		Load:          load,
		Within:        within,
		PWait:         m.wait / total,
		PAbandon:      m.abandonPerWidth / total * k.width,
		ASA:           m.waitTimePerWidth / answered * widthTime,
		PWaitAnswered: m.answeredAfterWait / answered,
		// Little's law on the queue: abandonments happen at rate
		// θ·E[queue], so E[W] over all arrivals is P(abandon)/θ.
		MeanWait:  m.abandonPerWidth / total * widthTime,
		Occupancy: math.Min(1, load/n*(answered/total)),
		Stable:    true,
	}

	horizon := within / patience // θt
	switch {
	case !(horizon > 0):
		p.ServiceLevel = idle / total
	case k.reaches(horizon):
		p.ServiceLevel = answered / total
	default:
		p.ServiceLevel = (idle + k.answeredWithin(horizon)) / total
	}
	p.ServiceLevel = math.Min(p.ServiceLevel, 1)
	return p
}

// instantAbandonment is the limit of Erlang A when callers hang up almost
// at once (x and y far below 1): it becomes the Erlang B loss system, and
// the few callers who are answered after waiting (a share y of those who
// wait) wait about one patience. The neglected terms are O(x, y) relative.
func instantAbandonment(load float64, agents int, within, y, patience, invBPrev float64) Performance {
	n := float64(agents)
	b := 1 / math.FMA(n/load, invBPrev, 1) // B(N)
	answered := 1 - b
	p := Performance{
		Agents:        agents,
		Load:          load,
		Within:        within,
		PWait:         b,
		PAbandon:      b,
		MeanWait:      b * patience,
		PWaitAnswered: b * y / answered,
		ASA:           b * y * patience / answered,
		ServiceLevel:  answered,
		Occupancy:     math.Min(1, load/n*answered),
		Stable:        true,
	}
	if within > 0 {
		p.ServiceLevel += b * y
	}
	return p
}

// abandonCutoff is how far below its peak, in natural-log units, the kernel
// is treated as zero: e^{−60} ≈ 1e−26.
const abandonCutoff = 60

// abandonKernel is k = exp(φ − φ*) for one (x, y). It is integrated in
// d = v − v*, the distance from its peak, rather than in v: when y is huge
// the peak is far narrower than the spacing of float64 values near v*, but
// d resolves it at any scale.
type abandonKernel struct {
	x, y    float64
	peak    float64 // v*, the argmax of φ on v ≥ 0
	phiStar float64 // φ(v*)
	width   float64 // the kernel's scale near its peak
	// dLo ≤ 0 ≤ dHi bound the range of d outside which the kernel is
	// below e^{−abandonCutoff} (or v would be negative).
	dLo, dHi float64
}

func newAbandonKernel(x, y float64) abandonKernel {
	k := abandonKernel{x: x, y: y}
	if x > y {
		// φ'(v*) = 0 at e^{−v*} = y/x. φ* = y(r − 1 − ln r) with
		// r = x/y, written with log1p so that x ≈ y keeps its digits.
		r1 := (x - y) / y
		k.peak = math.Log1p(r1)
		k.phiStar = y * (r1 - math.Log1p(r1))
		k.width = 1 / math.Sqrt(y)
	} else {
		k.width = 1 / math.Max(y-x, math.Sqrt(x))
	}
	k.dHi = k.reach(1, math.Inf(1))
	k.dLo = -k.reach(-1, k.peak)
	return k
}

// reach returns how far from the peak, in direction dir and at most limit
// away, the kernel stays above e^{−abandonCutoff}, to within a factor 2.
func (k *abandonKernel) reach(dir, limit float64) float64 {
	floor := math.Exp(-abandonCutoff)
	step := k.width
	// 2100 doublings cross the whole float64 range: the bound only
	// guards against a NaN in a degenerate input.
	for i := 0; i < 2100 && step < limit; i++ {
		if kv, _, _, _ := k.at(dir * step); !(kv > floor) {
			return step
		}
		step *= 2
	}
	return math.Min(step, limit)
}

// at returns, at distance d from the peak, the kernel k, the kernel split
// by the two fates of a waiting caller — k·e^{−v} (answered) and
// k·(1 − e^{−v}) (abandoned) — and v itself. Both branches write φ − φ* as
// a sum of non-positive terms through g(d) = e^{−d} − 1 + d ≥ 0, so the
// exponent is accurate to a few units in the last place even when x and y
// are in the hundreds of thousands.
func (k *abandonKernel) at(d float64) (kv, answered, abandoned, v float64) {
	var em1 float64 // e^{−v} − 1
	if k.x <= k.y {
		// The peak is at v = 0.
		var g float64
		g, em1 = expTail(d)
		kv = math.Exp(-(k.y-k.x)*d - k.x*g)
		v = d
	} else {
		// e^{−v} = (y/x)·e^{−d}.
		g, emd := expTail(d)
		kv = math.Exp(-k.y * g)
		em1 = k.y/k.x*(1+emd) - 1
		v = k.peak + d
	}
	if !(kv > 0) {
		return 0, 0, 0, v
	}
	return kv, kv * (1 + em1), -kv * em1, v
}

// expTail returns g(d) = e^{−d} − 1 + d and e^{−d} − 1, each to full
// relative precision: by the series of g for small |d|, where the sum
// would cancel, and from e^{−d} otherwise.
func expTail(d float64) (g, em1 float64) {
	if math.Abs(d) < 0.1 {
		// Σ_{k≥2} (−d)^k/k!, to k = 13: the remainder is below 1e−19
		// of the sum.
		z := -d
		s := 1.0 / 6227020800
		for _, f := range [...]float64{479001600, 39916800, 3628800, 362880, 40320, 5040, 720, 120, 24, 6, 2} {
			s = 1/f + z*s
		}
		g = z * z * s
		return g, g - d
	}
	em1 = math.Exp(-d) - 1
	return em1 + d, em1
}

// kernelMoments are the four integrals over the whole range that every
// Erlang A figure is made of (see the comment at the top of this file).
// The two whose weight vanishes at v = 0 are stored divided by the
// kernel's width: when the mass sits within 1e−200 of v = 0 they would
// otherwise underflow, although P(abandon)/θ and the ASA they lead to are
// ordinary numbers.
type kernelMoments struct {
	wait              float64 // ∫ k
	abandonPerWidth   float64 // ∫ k·(1 − e^{−v}) / width
	answeredAfterWait float64 // ∫ k·e^{−v}
	waitTimePerWidth  float64 // ∫ k·v·e^{−v} / width
}

func (k *abandonKernel) moments() kernelMoments {
	q := integrate(func(d float64, out *[4]float64) {
		kv, answered, abandoned, v := k.at(d)
		out[0] = kv
		out[1] = abandoned / k.width
		out[2] = answered
		out[3] = v / k.width * answered
	}, k.edges(k.dLo, k.dHi, 0))
	return kernelMoments{wait: q[0], abandonPerWidth: q[1], answeredAfterWait: q[2], waitTimePerWidth: q[3]}
}

// reaches reports whether the kernel's range ends before v = T, so that
// every caller answered at all is answered within T.
func (k *abandonKernel) reaches(T float64) bool {
	return T-k.peak >= k.dHi
}

// answeredWithin returns ∫_0^T k(v)e^{−v} dv for a T inside the kernel's
// range. It is integrated directly rather than as a difference of two
// larger integrals, so a small service level keeps its relative precision.
func (k *abandonKernel) answeredWithin(T float64) float64 {
	top := T - k.peak
	q := integrate(func(d float64, out *[4]float64) {
		_, answered, _, _ := k.at(d)
		out[0] = answered
	}, k.edges(-k.peak, top, math.Min(0, top)))
	return q[0]
}

// edges splits [lo, hi] into panels that start at the integrands' scale
// around centre and double in width away from it, so that both a narrow
// Gaussian-like peak and long exponential tails get panels of the right
// size before any adaptive refinement.
func (k *abandonKernel) edges(lo, hi, centre float64) []float64 {
	// The weights e^{−v} and v·e^{−v} vary on a scale of 1, so no first
	// panel is wider than that, however flat the kernel.
	first := math.Min(k.width, 1)
	var left, right []float64
	for s := first; centre-s > lo; s *= 2 {
		left = append(left, centre-s)
	}
	for s := first; centre+s < hi; s *= 2 {
		right = append(right, centre+s)
	}
	e := make([]float64, 0, len(left)+len(right)+3)
	e = append(e, lo)
	for i := len(left) - 1; i >= 0; i-- {
		e = append(e, left[i])
	}
	if centre > lo && centre < hi {
		e = append(e, centre)
	}
	e = append(e, right...)
	return append(e, hi)
}

// quadratureTolerance is the largest disagreement, relative to a first
// estimate of the whole integral, accepted between the two Gauss–Legendre
// rules on one panel. The accepted 12-point value is far more accurate than
// that disagreement, which mostly measures the 7-point rule's error.
const quadratureTolerance = 1e-10

// maxPanels bounds the adaptive refinement. Smooth log-concave kernels need
// a few dozen panels; the bound only guards against a pathological input.
const maxPanels = 4096

// integrate integrates the (up to four) non-negative components of f over
// the panels between consecutive edges. A panel is accepted when its 12-
// and 7-point Gauss–Legendre values agree, and bisected otherwise.
func integrate(f func(v float64, out *[4]float64), edges []float64) [4]float64 {
	type panel struct {
		a, b         float64
		fine, coarse [4]float64
	}
	eval := func(a, b float64) panel {
		return panel{a, b, gaussLegendre(f, a, b, glNodes, glWeights), gaussLegendre(f, a, b, glCoarseNodes, glCoarseWeights)}
	}
	work := make([]panel, 0, 64)
	var estimate [4]float64
	for i := 1; i < len(edges); i++ {
		if edges[i] > edges[i-1] {
			p := eval(edges[i-1], edges[i])
			for c := range estimate {
				estimate[c] += p.fine[c]
			}
			work = append(work, p)
		}
	}
	var tol [4]float64
	for c := range tol {
		tol[c] = quadratureTolerance * estimate[c]
	}
	var sum [4]float64
	for panels := len(work); len(work) > 0; {
		p := work[len(work)-1]
		work = work[:len(work)-1]
		m := 0.5 * (p.a + p.b)
		accept := panels >= maxPanels || !(m > p.a && m < p.b)
		if !accept {
			accept = true
			for c := range tol {
				if math.Abs(p.fine[c]-p.coarse[c]) > tol[c] {
					accept = false
					break
				}
			}
		}
		if accept {
			for c := range sum {
				sum[c] += p.fine[c]
			}
			continue
		}
		work = append(work, eval(p.a, m), eval(m, p.b))
		panels++
	}
	return sum
}

// The 12-point Gauss–Legendre rule on [−1, 1], exact for polynomials of
// degree 23, and the 7-point rule that checks it.
var (
	glNodes, glWeights             = legendreRule(12)
	glCoarseNodes, glCoarseWeights = legendreRule(7)
)

func gaussLegendre(f func(v float64, out *[4]float64), a, b float64, nodes, weights []float64) [4]float64 {
	half, mid := 0.5*(b-a), 0.5*(a+b)
	var q, out [4]float64
	for i, x := range nodes {
		f(mid+half*x, &out)
		w := weights[i] * half
		for c := range q {
			q[c] += w * out[c]
		}
	}
	return q
}

// legendreRule computes the n-point Gauss–Legendre nodes and weights by
// Newton's method on the Legendre polynomial Pₙ, from the classical
// starting guesses cos(π(i − ¼)/(n + ½)).
func legendreRule(n int) (nodes, weights []float64) {
	nodes = make([]float64, n)
	weights = make([]float64, n)
	for i := 0; i < n; i++ {
		x := math.Cos(math.Pi * (float64(i) + 0.75) / (float64(n) + 0.5))
		for iter := 0; iter < 20; iter++ {
			p, dp := legendre(n, x)
			x -= p / dp
		}
		_, dp := legendre(n, x)
		nodes[i] = x
		weights[i] = 2 / ((1 - x*x) * dp * dp)
	}
	return nodes, weights
}

// legendre returns Pₙ(x) and its derivative, by the three-term recurrence.
func legendre(n int, x float64) (p, dp float64) {
	p0, p1 := 1.0, x
	for k := 2; k <= n; k++ {
		p0, p1 = p1, (float64(2*k-1)*x*p1-float64(k-1)*p0)/float64(k)
	}
	return p1, float64(n) * (x*p1 - p0) / (x*x - 1)
}
