package models

import (
	"fmt"
	"math"
)

// Dispersion is the estimated over-dispersion of counts: how much busier or
// quieter than expected periods are, beyond Poisson noise.
type Dispersion struct {
	// CV is the coefficient of variation of a gamma busyness factor with
	// mean 1 that multiplies each period's expected count (0: Poisson).
	CV float64
	// SE is its approximate standard error.
	SE float64
	// Ratio is the variance-to-mean ratio of the counts around their
	// expected values (1 for Poisson counts).
	Ratio float64
	// N counts the periods.
	N int
}

// OverdispersionCV estimates the coefficient of variation c of a gamma
// busyness factor from counts and their expected values. A count whose
// rate is its expected value m times a gamma factor with mean 1 and
// coefficient of variation c is negative binomial, with variance
// m + c²·m², so by the method of moments
//
//	c² = (Σ(n − m)²·N/(N − p) − Σm) / Σm²
//
// where p is the number of parameters spent estimating the expected values
// from the same counts (the N/(N − p) factor undoes the fit's absorbing
// part of the spread). The standard error treats each squared residual as
// having variance 2·v², v = m + c²m², its value for near-normal counts. A
// negative estimate (less spread than Poisson) is reported as 0.
func OverdispersionCV(counts, expected []float64, p int) (Dispersion, error) {
	if len(counts) != len(expected) {
		return Dispersion{}, fmt.Errorf("%d counts and %d expected values", len(counts), len(expected))
	}
	n := len(counts)
	if n-p < 2 {
		return Dispersion{}, fmt.Errorf("%d periods leave too few degrees of freedom to estimate over-dispersion", n)
	}
	var ss, sm, sm2 float64
	for i, x := range counts {
		m := expected[i]
		if !(m >= 0) {
			return Dispersion{}, fmt.Errorf("expected count %g is not a count", m)
		}
		ss += (x - m) * (x - m)
		sm += m
		sm2 += m * m
	}
	if sm2 == 0 {
		return Dispersion{}, fmt.Errorf("every expected count is 0")
	}
	ss *= float64(n) / float64(n-p)
	c2 := (ss - sm) / sm2
	cPos := math.Max(c2, 0)
	varSum := 0.0
	for _, m := range expected {
		v := m + cPos*m*m
		varSum += 2 * v * v
	}
	varSum *= float64(n) / float64(n-p)
	se2 := math.Sqrt(varSum) / sm2
	d := Dispersion{Ratio: ss / sm, N: n}
	if c2 > 0 {
		d.CV = math.Sqrt(c2)
		// Delta method, bounded where c is near 0 and the square root's
		// slope runs away.
		d.SE = math.Min(se2/(2*d.CV), math.Sqrt(se2))
	} else {
		d.SE = math.Sqrt(se2)
	}
	return d, nil
}
