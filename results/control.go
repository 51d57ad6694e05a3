package results

import (
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// minControlledDF is the fewest degrees of freedom a controlled estimate
// keeps.
const minControlledDF = 8

// ControlledEstimate estimates the mean of y across replications with
// control variates: quantities measured in the same replications whose
// expectations are known exactly, such as the fresh arrivals of an
// interval (controls[j][r] in replication r, expectation means[j]). A
// replication that drew more arrivals than expected tends to wait longer;
// regressing y on the controls' deviations and reading the fit at zero
// deviation removes that luck from the mean (Lavenberg and Welch 1981). The
// interval is the regression's, with N − 1 − p degrees of freedom for p
// controls, so it stays valid when the controls explain nothing.
//
// Replications where y is undefined (NaN) are left out. A control that
// does not vary over the replications left is dropped, and so are all of
// them when too few replications remain for minControlledDF degrees of
// freedom: each control costs one, and with few replications that widens
// the interval more than the control narrows it. The result is then
// EstimateOf(y). StdDev is the equivalent standard deviation, the
// standard error times √N, so that bounds computed from it hold.
func ControlledEstimate(y []float64, controls [][]float64, means []float64) Estimate {
	var rows []int
	for r, v := range y {
		if !math.IsNaN(v) {
			rows = append(rows, r)
		}
	}
	var use []int
	for j, c := range controls {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, r := range rows {
			lo, hi = min(lo, c[r]), max(hi, c[r])
		}
		if hi > lo {
			use = append(use, j)
		}
	}
	n, p := len(rows), len(use)
	if p == 0 || n < p+minControlledDF+1 {
		return EstimateOf(y)
	}
	// y = b0 + Σ b_j (x_j − μ_j) + e: b0 is the estimate.
	x := mat.NewDense(n, p+1, nil)
	yv := mat.NewVecDense(n, nil)
	for i, r := range rows {
		x.Set(i, 0, 1)
		for k, j := range use {
			x.Set(i, k+1, controls[j][r]-means[j])
		}
		yv.SetVec(i, y[r])
	}
	var xtx mat.Dense
	xtx.Mul(x.T(), x)
	var inv mat.Dense
	if err := inv.Inverse(&xtx); err != nil {
		return EstimateOf(y) // collinear controls
	}
	var xty, b, fit mat.VecDense
	xty.MulVec(x.T(), yv)
	b.MulVec(&inv, &xty)
	fit.MulVec(x, &b)
	ss := 0.0
	for i := range n {
		d := yv.AtVec(i) - fit.AtVec(i)
		ss += d * d
	}
	df := n - 1 - p
	se := math.Sqrt(ss / float64(df) * inv.At(0, 0))
	mean := b.AtVec(0)
	h := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(1-(1-Confidence)/2) * se
	return Estimate{Mean: mean, CILow: mean - h, CIHigh: mean + h, StdDev: se * math.Sqrt(float64(n)), N: n, df: df}
}
