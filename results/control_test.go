package results

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestControlledEstimate(t *testing.T) {
	// y follows its control exactly, plus a little deterministic noise;
	// the sample drew more of the control than expected, which lifts the
	// plain mean by 3 × 1.25 and leaves the controlled one near 2.
	x := []float64{10, 12, 9, 14, 11, 13, 10, 12, 11, 12, 13, 9}
	noise := []float64{0.01, -0.02, 0.015, 0, -0.01, 0.02, -0.015, 0.01, 0.005, -0.005, 0, 0.01}
	const mu = 10.0833 // the sample mean is 11.3333
	y := make([]float64, len(x))
	for i := range x {
		y[i] = 2 + 3*(x[i]-mu) + noise[i]
	}
	plain := EstimateOf(y)
	cv := ControlledEstimate(y, [][]float64{x}, []float64{mu})
	if math.Abs(plain.Mean-(2+3*1.25)) > 0.01 {
		t.Fatalf("plain mean %g, want about %g", plain.Mean, 2+3*1.25)
	}
	if math.Abs(cv.Mean-2) > 0.02 || !(cv.CILow < 2 && 2 < cv.CIHigh) || cv.HalfWidth() > plain.HalfWidth()/10 {
		t.Errorf("controlled %+v, want about 2 with a narrow interval (plain %+v)", cv, plain)
	}

	// A control that does not vary, or too few replications, change
	// nothing.
	if got := ControlledEstimate(y, [][]float64{make([]float64, len(y))}, []float64{0}); got != plain {
		t.Errorf("a constant control: %+v, want %+v", got, plain)
	}
	if got := ControlledEstimate(y[:9], [][]float64{x[:9]}, []float64{mu}); got != EstimateOf(y[:9]) {
		t.Errorf("nine replications, one control: %+v, want the plain estimate", got)
	}
	// Undefined values are left out, with their controls.
	yn := append([]float64{math.NaN()}, y...)
	xn := append([]float64{1000}, x...)
	if got := ControlledEstimate(yn, [][]float64{xn}, []float64{mu}); math.Abs(got.Mean-cv.Mean) > 1e-12 || got.N != len(y) {
		t.Errorf("with an undefined value: %+v, want %+v", got, cv)
	}
}

// TestControlledEstimateCoverage: over many samples of 20 replications
// whose y depends on a Poisson-like control, the 95% interval covers the
// true mean about 95% of the time (binomial bounds for 4,000 samples:
// 0.95 ± 0.01), and its one-sided bounds fail about 5% each.
func TestControlledEstimateCoverage(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	const samples, reps, mu, trueMean = 4000, 20, 600.0, 0.8
	covered, belowLow := 0, 0
	y, x := make([]float64, reps), make([]float64, reps)
	for range samples {
		for r := range reps {
			x[r] = mu + math.Sqrt(mu)*rng.NormFloat64()
			y[r] = trueMean - 0.005*(x[r]-mu) + 0.05*rng.NormFloat64()
		}
		e := ControlledEstimate(y, [][]float64{x}, []float64{mu})
		if e.CILow <= trueMean && trueMean <= e.CIHigh {
			covered++
		}
		if lo, _ := e.OneSidedBounds(0.95); lo > trueMean {
			belowLow++
		}
	}
	if c := float64(covered) / samples; c < 0.94 || c > 0.96 {
		t.Errorf("two-sided coverage %.3f, want 0.95 ± 0.01", c)
	}
	if f := float64(belowLow) / samples; f < 0.04 || f > 0.06 {
		t.Errorf("one-sided lower bound above the truth in %.3f of samples, want 0.05 ± 0.01", f)
	}
}
