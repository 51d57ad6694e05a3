package models

import (
	"fmt"
	"math"
	"math/big"
	"testing"
)

// The reference values in this file are computed independently of the
// package's formulas: the M/M/N+M birth–death chain is solved state by state
// in 256-bit arithmetic and truncated where its tail is below 1e−40 of the
// total; the fate of a caller who arrives with j callers ahead is followed
// through the tagged caller's own Markov chain (first-step analysis for the
// answered probability and the mean wait, uniformization for the
// probability of being answered within t). No incomplete gamma function,
// beta identity or quadrature is involved.

const exactPrec = 256

func bf(x float64) *big.Float { return new(big.Float).SetPrec(exactPrec).SetFloat64(x) }

func bfInt(n int) *big.Float { return bf(float64(n)) }

func bfAdd(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(exactPrec).Add(a, b) }
func bfSub(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(exactPrec).Sub(a, b) }
func bfMul(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(exactPrec).Mul(a, b) }
func bfQuo(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(exactPrec).Quo(a, b) }

func f64(x *big.Float) float64 {
	v, _ := x.Float64()
	return v
}

// bfExp returns e^x by halving x until it is tiny, summing the Taylor
// series and squaring back.
func bfExp(x *big.Float) *big.Float {
	const work = exactPrec + 64
	r := new(big.Float).SetPrec(work).Set(x)
	halvings := 0
	for r.MantExp(nil) > -12 && r.Sign() != 0 {
		r.SetMantExp(r, -1)
		halvings++
	}
	sum := new(big.Float).SetPrec(work).SetInt64(1)
	term := new(big.Float).SetPrec(work).SetInt64(1)
	for k := 1; k < 200; k++ {
		term.Mul(term, r)
		term.Quo(term, new(big.Float).SetPrec(work).SetInt64(int64(k)))
		sum.Add(sum, term)
		if term.Sign() == 0 || term.MantExp(nil) < sum.MantExp(nil)-work-8 {
			break
		}
	}
	for ; halvings > 0; halvings-- {
		sum.Mul(sum, sum)
	}
	return new(big.Float).SetPrec(exactPrec).Set(sum)
}

// exactFigures are reference values of the Performance fields.
type exactFigures struct {
	pWait, pAbandon, asa, meanWait, pWaitAnswered, serviceLevel, occupancy float64
	// answeredCheck is 1 − P(abandon) computed a second way (from the
	// tagged caller's answered probabilities rather than from the
	// abandonment rate θ·E[queue]); the two must agree.
	answeredCheck float64
	// slChecked reports whether the service level was computed (it is
	// skipped when uniformization would take too long).
	slChecked bool
}

// exactQueue solves M/M/N+M (theta = 0 gives M/M/N, which must then be
// stable) with rate λ, service rate mu and abandonment rate theta, per
// second, and within t seconds. budget bounds the work of the
// uniformization, in state-steps; 0 skips the service level.
func exactQueue(lambda, mu, theta float64, n int, t float64, budget int) exactFigures {
	lam, m, th := bf(lambda), bf(mu), bf(theta)
	nmu := bfMul(bfInt(n), m)

	// Unnormalized stationary weights of the states with a free agent.
	lower := make([]*big.Float, n)
	w := bf(1)
	lowerSum, busySum := bf(0), bf(0)
	for k := 0; k < n; k++ {
		lower[k] = w
		lowerSum = bfAdd(lowerSum, w)
		busySum = bfAdd(busySum, bfMul(w, bfInt(k)))
		w = bfQuo(bfMul(w, lam), bfMul(bfInt(k+1), m))
	}
	// w is now the weight of state N; the queue states follow.
	var queue []*big.Float
	queueSum := bf(0)
	for j := 0; ; j++ {
		queue = append(queue, w)
		queueSum = bfAdd(queueSum, w)
		next := bfQuo(bfMul(w, lam), bfAdd(nmu, bfMul(bfInt(j+1), th)))
		// Stop once the terms decrease and are negligible.
		if next.Cmp(w) < 0 && next.MantExp(nil) < queueSum.MantExp(nil)-140 {
			break
		}
		if j > 5_000_000 {
			panic("chain does not converge")
		}
		w = next
	}
	total := bfAdd(lowerSum, queueSum)
	busySum = bfAdd(busySum, bfMul(queueSum, bfInt(n)))

	// Abandonment rate θ·E[queue length] over arrival rate λ.
	queueLen := bf(0)
	for j, q := range queue {
		queueLen = bfAdd(queueLen, bfMul(q, bfInt(j)))
	}
	var f exactFigures
	f.pWait = f64(bfQuo(queueSum, total))
	pAb := bfQuo(bfMul(th, queueLen), bfMul(lam, total))
	f.pAbandon = f64(pAb)
	f.meanWait = f64(bfQuo(queueLen, bfMul(lam, total)))
	f.occupancy = f64(bfQuo(busySum, bfMul(bfInt(n), total)))

	// First-step analysis of a caller who arrives with j ahead: in that
	// stage the next event comes at rate Nμ + (j+1)θ; it is a step forward
	// (an answer when j = 0) with probability (Nμ + jθ)/(Nμ + (j+1)θ) and
	// the caller's own abandonment otherwise. p_j is the probability of
	// being answered and m_j = E[wait; answered].
	answered := lowerSum
	waitAnswered := bf(0)
	answeredAfterWait := bf(0)
	p, mw := bf(1), bf(0) // j = −1: answered at once
	for j, q := range queue {
		out := bfAdd(nmu, bfMul(bfInt(j+1), th))
		fwd := bfQuo(bfAdd(nmu, bfMul(bfInt(j), th)), out)
		pj := bfMul(fwd, p)
		mj := bfAdd(bfQuo(pj, out), bfMul(fwd, mw))
		p, mw = pj, mj
		answered = bfAdd(answered, bfMul(q, pj))
		answeredAfterWait = bfAdd(answeredAfterWait, bfMul(q, pj))
		waitAnswered = bfAdd(waitAnswered, bfMul(q, mj))
	}
	f.answeredCheck = f64(bfQuo(answered, total))
	f.asa = f64(bfQuo(waitAnswered, answered))
	f.pWaitAnswered = f64(bfQuo(answeredAfterWait, answered))

	if t == 0 {
		f.serviceLevel = f64(bfQuo(lowerSum, total))
		f.slChecked = true
		return f
	}
	// Uniformization of the tagged caller's chain at rate Λ, the largest
	// total event rate of any stage: g[j] is the probability of having
	// been answered within k uniformized steps when starting with j ahead,
	// and the number of steps taken by time t is Poisson(Λt), so
	// P(answered by t | j) = Σ_k Pois(Λt; k)·g_k(j).
	J := len(queue)
	bigLambda := bfAdd(nmu, bfMul(bfInt(J+1), th))
	lt := f64(bfMul(bigLambda, bf(t)))
	steps := int(lt + 14*math.Sqrt(lt) + 60)
	if budget == 0 || steps*J > budget {
		return f
	}
	ltBig := bfMul(bigLambda, bf(t))
	pois := bfExp(new(big.Float).Neg(ltBig)) // Pois(Λt; 0)
	g := make([]*big.Float, J)
	for j := range g {
		g[j] = bf(0)
	}
	adv := make([]*big.Float, J)  // (Nμ + jθ)/Λ
	stay := make([]*big.Float, J) // 1 − (Nμ + (j+1)θ)/Λ
	one := bf(1)
	for j := range adv {
		adv[j] = bfQuo(bfAdd(nmu, bfMul(bfInt(j), th)), bigLambda)
		stay[j] = bfSub(one, bfQuo(bfAdd(nmu, bfMul(bfInt(j+1), th)), bigLambda))
	}
	withinMass := bf(0) // Σ_j queue_j · P(answered by t | j)
	// The loop runs millions of times: it works in place.
	tmp, tmp2, dot := bf(0), bf(0), bf(0)
	for k := 1; k <= steps; k++ {
		pois.Mul(pois, ltBig)
		pois.Quo(pois, bfInt(k))
		// Update from the top down so g[j−1] is still the old value.
		for j := min(J, k) - 1; j >= 0; j-- {
			prev := one
			if j > 0 {
				prev = g[j-1]
			}
			tmp.Mul(stay[j], g[j])
			tmp2.Mul(adv[j], prev)
			g[j].Add(tmp, tmp2)
		}
		// P(answered by t | j) = Σ_k Pois(k)·g_k(j).
		dot.SetInt64(0)
		for j := 0; j < min(J, k); j++ {
			tmp.Mul(queue[j], g[j])
			dot.Add(dot, tmp)
		}
		tmp.Mul(pois, dot)
		withinMass.Add(withinMass, tmp)
	}
	f.serviceLevel = f64(bfQuo(bfAdd(lowerSum, withinMass), total))
	f.slChecked = true
	return f
}

// exactErlangB returns B(a, n) from the sums of aᵏ/k!.
func exactErlangB(a float64, n int) float64 {
	term, sum := bf(1), bf(1)
	ab := bf(a)
	for k := 1; k <= n; k++ {
		term = bfQuo(bfMul(term, ab), bfInt(k))
		sum = bfAdd(sum, term)
	}
	return f64(bfQuo(term, sum))
}

// exactErlangC returns Erlang C's wait probability, ASA and the service
// level within each of ts from the defining sums (stable queues only,
// aht = 1).
func exactErlangC(a float64, n int, ts []float64) (c, asa float64, sl []float64) {
	term, sum := bf(1), bf(0)
	ab := bf(a)
	for k := 0; k < n; k++ {
		sum = bfAdd(sum, term)
		term = bfQuo(bfMul(term, ab), bfInt(k+1))
	}
	// term = aᴺ/N!; the queue states add aᴺ/N! · N/(N − a).
	tail := bfQuo(bfMul(term, bfInt(n)), bfSub(bfInt(n), ab))
	cb := bfQuo(tail, bfAdd(sum, tail))
	drain := bfSub(bfInt(n), ab)
	for _, t := range ts {
		sl = append(sl, f64(bfSub(bf(1), bfMul(cb, bfExp(new(big.Float).Neg(bfMul(drain, bf(t))))))))
	}
	return f64(cb), f64(bfQuo(cb, drain)), sl
}

// closeTo reports whether got agrees with want to a relative 1e−9 (values
// below 1e−290 only need to be that small: they are at the edge of float64).
func closeTo(got, want float64) bool {
	if math.IsNaN(got) || math.IsNaN(want) {
		return math.IsNaN(got) && math.IsNaN(want)
	}
	return math.Abs(got-want) <= 1e-9*math.Abs(want)+1e-290
}

func checkClose(t *testing.T, name string, got, want float64) {
	t.Helper()
	if !closeTo(got, want) {
		t.Errorf("%s = %.17g, want %.17g (relative error %.2g)", name, got, want, math.Abs(got-want)/math.Abs(want))
	}
}

func TestErlangBExact(t *testing.T) {
	t.Parallel()
	cases := []struct {
		a float64
		n int
	}{
		{0.5, 1}, {1, 1}, {10, 10}, {10, 20}, {0.1, 30}, {50, 40}, {99.5, 100},
		{170, 171}, {200, 250}, {1000, 900}, {1000, 1000}, {1000, 1100},
		{1, 400}, {5000, 5000}, {5000, 5200}, {9800, 10000}, {12000, 10000},
	}
	for _, c := range cases {
		got, want := ErlangB(c.a, c.n), exactErlangB(c.a, c.n)
		checkClose(t, fmt.Sprintf("ErlangB(%g, %d)", c.a, c.n), got, want)
	}
}

func TestErlangCExact(t *testing.T) {
	t.Parallel()
	for _, n := range []int{1, 2, 3, 7, 20, 100, 500, 1000, 3000, 10000} {
		for _, rho := range []float64{0.01, 0.3, 0.8, 0.95, 0.999} {
			a := rho * float64(n)
			withins := []float64{0, 0.05, 1}
			c, asa, sls := exactErlangC(a, n, withins)
			name := fmt.Sprintf("N=%d a=%g", n, a)
			checkClose(t, name+" ErlangC", ErlangC(a, n), c)
			for i, within := range withins {
				p := ErlangCPerformance(a, 1, n, within)
				checkClose(t, name+" PWait", p.PWait, c)
				checkClose(t, name+" ASA", p.ASA, asa)
				checkClose(t, fmt.Sprintf("%s ServiceLevel(%g)", name, within), p.ServiceLevel, sls[i])
				checkClose(t, name+" Occupancy", p.Occupancy, rho)
			}
		}
	}
}

// TestErlangCByChain checks Erlang C's definitions (not only its formula)
// against the truncated chain and the tagged caller's uniformized wait.
func TestErlangCByChain(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		n      int
		a      float64
		within float64
	}{{1, 0.5, 0.7}, {5, 4, 0.2}, {30, 27, 0.05}, {100, 90, 0.02}} {
		rate := c.a / 180
		want := exactQueue(rate, 1.0/180, 0, c.n, c.within*180, 5e6)
		got := ErlangCPerformance(rate, 180, c.n, c.within*180)
		name := fmt.Sprintf("N=%d a=%g", c.n, c.a)
		checkClose(t, name+" PWait", got.PWait, want.pWait)
		checkClose(t, name+" ASA", got.ASA, want.asa)
		checkClose(t, name+" ServiceLevel", got.ServiceLevel, want.serviceLevel)
		checkClose(t, name+" Occupancy", got.Occupancy, want.occupancy)
	}
}

type erlangACase struct {
	n                 int
	load, thetaOverMu float64
	within            float64 // in units of the mean handle time
}

func (c erlangACase) String() string {
	return fmt.Sprintf("N=%d a=%g θ/μ=%g t=%g", c.n, c.load, c.thetaOverMu, c.within)
}

func checkErlangA(t *testing.T, c erlangACase, budget int) bool {
	t.Helper()
	const aht = 180.0
	rate := c.load / aht
	patience := aht / c.thetaOverMu
	want := exactQueue(rate, 1/aht, 1/patience, c.n, c.within*aht, budget)
	got := ErlangAPerformance(rate, aht, patience, c.n, c.within*aht)
	checkClose(t, "reference self-check 1−P(abandon)", 1-want.pAbandon, want.answeredCheck)
	checkClose(t, "PWait", got.PWait, want.pWait)
	checkClose(t, "PAbandon", got.PAbandon, want.pAbandon)
	checkClose(t, "ASA", got.ASA, want.asa)
	checkClose(t, "MeanWait", got.MeanWait, want.meanWait)
	checkClose(t, "PWaitAnswered", got.PWaitAnswered, want.pWaitAnswered)
	checkClose(t, "Occupancy", got.Occupancy, want.occupancy)
	if want.slChecked {
		checkClose(t, "ServiceLevel", got.ServiceLevel, want.serviceLevel)
	}
	return want.slChecked
}

func TestErlangAExact(t *testing.T) {
	t.Parallel()
	var cases []erlangACase
	for _, n := range []int{1, 2, 5, 13, 50, 200, 1000} {
		for _, ratio := range []float64{0.3, 0.9, 1, 1.1, 1.5, 4} {
			for _, tm := range []float64{0.1, 1, 10} {
				cases = append(cases, erlangACase{n, ratio * float64(n), tm, 0.1})
			}
		}
	}
	cases = append(cases,
		erlangACase{1, 0.001, 1, 0.1},
		erlangACase{3, 2, 0.5, 0},
		erlangACase{20, 18, 2, 2},
		erlangACase{1000, 5, 1, 0.01},
		erlangACase{1500, 1500, 0.1, 0.05},
		erlangACase{1000, 1200, 0.25, 0.02},
		// Extreme patience: θ/μ from 1/1000 (x, y in the tens of
		// thousands) to 18,000 (x, y far below 1).
		erlangACase{1, 1e-6, 18000, 1e-4},
		erlangACase{1, 5000, 18000, 1e-4},
		erlangACase{3, 0.5, 1000, 0.1},
		erlangACase{4, 40, 300, 0.05},
		erlangACase{50, 55, 0.001, 0.1},
		erlangACase{50, 45, 0.001, 0.1},
	)
	budget := 4_000_000
	if testing.Short() {
		budget = 300_000
	}
	for _, c := range cases {
		t.Run(c.String(), func(t *testing.T) {
			t.Parallel()
			if !checkErlangA(t, c, budget) {
				t.Log("service level not checked: the reference would be too slow")
			}
		})
	}
}

// TestErlangALarge spot-checks the calculator at the sizes it promises:
// 10,000 agents and 5,000 Erlangs.
func TestErlangALarge(t *testing.T) {
	t.Parallel()
	for _, c := range []erlangACase{
		{10000, 9800, 1, 0.01},
		{10000, 10200, 2, 0.01},
		{5000, 5000, 1, 0.02},
		{4800, 5000, 10, 0.02},
	} {
		t.Run(c.String(), func(t *testing.T) {
			t.Parallel()
			if testing.Short() && c.n > 5000 {
				t.Skip("slow reference")
			}
			if !checkErlangA(t, c, 2_000_000) {
				t.Errorf("service level not checked")
			}
		})
	}
}
