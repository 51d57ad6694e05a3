package results

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// OneSidedBounds returns the one-sided Student-t confidence bounds of the
// mean at confidence conf (0.95 for 95%): the true mean lies above low
// with probability conf, and below high with probability conf. They are
// NaN with fewer than two values, and equal to the mean when every value
// was the same.
//
// A decision that must be shown, not merely likely — "this staffing meets
// the target" — rests on the bound on the unfavourable side; several such
// decisions made together can share one error rate by dividing it among
// them (Bonferroni): conf = 1 − 0.05/m for m decisions.
func (e Estimate) OneSidedBounds(conf float64) (low, high float64) {
	if e.N < 2 || math.IsNaN(e.StdDev) || !(conf > 0 && conf < 1) {
		return math.NaN(), math.NaN()
	}
	if e.StdDev == 0 {
		return e.Mean, e.Mean
	}
	df := e.N - 1
	if e.df > 0 {
		df = e.df
	}
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(conf)
	h := t * e.StdDev / math.Sqrt(float64(e.N))
	return e.Mean - h, e.Mean + h
}
