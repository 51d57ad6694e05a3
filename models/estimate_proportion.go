package models

import "math"

// Proportion is an estimated proportion: k of n.
type Proportion struct {
	K, N int
	// P is k/n, SE its binomial standard error √(p(1 − p)/n).
	P, SE float64
	// Low and High bound the 95% Wilson score interval, which stays
	// inside [0, 1] and behaves for shares near 0 or 1 and small n.
	Low, High float64
}

// EstimateProportion estimates a proportion from k successes in n trials.
func EstimateProportion(k, n int) Proportion {
	s := Proportion{K: k, N: n, P: math.NaN(), SE: math.NaN(), Low: math.NaN(), High: math.NaN()}
	if n <= 0 {
		return s
	}
	p := float64(k) / float64(n)
	nf := float64(n)
	const z = 1.959963984540054
	den := 1 + z*z/nf
	centre := (p + z*z/(2*nf)) / den
	half := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / den
	s.P, s.SE = p, math.Sqrt(p*(1-p)/nf)
	s.Low, s.High = math.Max(0, centre-half), math.Min(1, centre+half)
	return s
}
