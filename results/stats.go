package results

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Confidence is the level of every interval ivrsim reports.
const Confidence = 0.95

// Estimate summarises one metric across replications: the mean with its
// Student-t confidence interval. Replications where the metric is undefined
// (no answered calls, say) are left out, and N says how many counted.
type Estimate struct {
	Mean   float64
	CILow  float64
	CIHigh float64
	StdDev float64
	N      int
	// df, when set, is the degrees of freedom of the interval (N − 1
	// otherwise): a regression estimate spends one more per control.
	df int
}

// HalfWidth is half the confidence interval's width (NaN with N < 2).
func (e Estimate) HalfWidth() float64 { return (e.CIHigh - e.CILow) / 2 }

// Estimate computes mean, sample standard deviation and the 95% Student-t
// interval of the defined (non-NaN) values. With one value the interval is
// undefined (NaN); with none, everything is.
func EstimateOf(values []float64) Estimate {
	n, sum := 0, 0.0
	for _, v := range values {
		if !math.IsNaN(v) {
			n++
			sum += v
		}
	}
	e := Estimate{Mean: math.NaN(), CILow: math.NaN(), CIHigh: math.NaN(), StdDev: math.NaN(), N: n}
	if n == 0 {
		return e
	}
	mean := sum / float64(n)
	e.Mean = mean
	if n < 2 {
		return e
	}
	ss := 0.0
	for _, v := range values {
		if !math.IsNaN(v) {
			ss += (v - mean) * (v - mean)
		}
	}
	sd := math.Sqrt(ss / float64(n-1))
	h := tQuantile(n-1) * sd / math.Sqrt(float64(n))
	e.StdDev, e.CILow, e.CIHigh = sd, mean-h, mean+h
	return e
}

// tQuantile is the two-sided 95% critical value of Student's t with df
// degrees of freedom.
func tQuantile(df int) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(1 - (1-Confidence)/2)
}

// Difference is the paired difference other − base of one metric over the
// replications where both are defined, with its confidence interval.
type Difference struct {
	Diff        float64
	CILow       float64
	CIHigh      float64
	Significant bool // the interval excludes zero
	N           int
}

// PairedDifference estimates other − base from values paired by
// replication: the same callers saw both designs, so the noise they share
// cancels.
func PairedDifference(base, other []float64) Difference {
	d := make([]float64, min(len(base), len(other)))
	for i := range d {
		d[i] = other[i] - base[i] // NaN if either is undefined
	}
	e := EstimateOf(d)
	return Difference{
		Diff: e.Mean, CILow: e.CILow, CIHigh: e.CIHigh, N: e.N,
		Significant: e.N >= 2 && (e.CILow > 0 || e.CIHigh < 0),
	}
}
