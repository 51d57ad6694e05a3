package results

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// SensitivityDocument is the result of ivrsim sensitivity: the scenario's
// uncertain values sampled by a space-filling design, every point run on
// the same replications (common random numbers) for every design, and per
// headline metric and design pair what the uncertainty does to the
// paired difference.
type SensitivityDocument struct {
	SchemaVersion int    `json:"schema_version"`
	Scenario      string `json:"scenario"`
	Seed          uint64 `json:"seed"`
	// Samples is the number of points; Replications per point and design.
	Samples      int `json:"samples"`
	Replications int `json:"replications"`
	// Method names the design: "latin-hypercube".
	Method     string                 `json:"method"`
	Parameters []SensitivityParameter `json:"parameters"`
	Points     []SensitivityPoint     `json:"points"`
	Pairs      []SensitivityPair      `json:"pairs"`
}

// SensitivityParameter is one uncertain value.
type SensitivityParameter struct {
	Path  string `json:"path"`
	Range string `json:"range"`
	// Integer is set where the scenario takes whole numbers, so samples
	// were rounded.
	Integer bool `json:"integer,omitempty"`
}

// SensitivityPoint is one sampled point: the parameters' values (in the
// order of Parameters) and, per pair (in the order of Pairs), each
// metric's paired difference other − base, averaged over replications.
type SensitivityPoint struct {
	Values []float64            `json:"values"`
	Diffs  []map[string]float64 `json:"diffs"`
}

// SensitivityPair is the analysis of one design against another.
type SensitivityPair struct {
	Base    string              `json:"base"`
	Other   string              `json:"other"`
	Metrics []SensitivityMetric `json:"metrics"`
}

// SensitivityMetric is what the uncertainty does to one metric's paired
// difference other − base.
type SensitivityMetric struct {
	Metric string `json:"metric"`
	// The distribution of the difference over the points.
	Mean float64 `json:"mean"`
	P05  float64 `json:"p05"`
	P50  float64 `json:"p50"`
	P95  float64 `json:"p95"`
	// PBetter is the share of points where the other design is better,
	// with its 95% (Wilson) interval; NaN for a metric with no better
	// direction.
	PBetter     float64 `json:"p_better"`
	PBetterLow  float64 `json:"p_better_ci_low"`
	PBetterHigh float64 `json:"p_better_ci_high"`
	// R2 is the share of the difference's variance over the points that
	// a linear model in the parameters explains: standardised regression
	// coefficients describe the drivers well when it is near 1.
	R2      float64  `json:"r2"`
	Drivers []Driver `json:"drivers"`
	// BreakEven is where the main driver turns the difference to zero,
	// others at their mean, if that lies within its range.
	BreakEven *BreakEven `json:"break_even,omitempty"`
}

// Driver is one parameter's standardised regression coefficient (SRC):
// the change of the difference, in its standard deviations, per standard
// deviation of the parameter, the others held fixed. Its square is the
// share of variance the parameter explains when the parameters are
// independent and the response linear. The interval is a bootstrap
// percentile interval over the points.
type Driver struct {
	Path   string  `json:"path"`
	SRC    float64 `json:"src"`
	CILow  float64 `json:"ci_low"`
	CIHigh float64 `json:"ci_high"`
}

// BreakEven is the value of Path at which the fitted difference is zero.
// BetterAbove says on which side the other design is better.
type BreakEven struct {
	Path        string  `json:"path"`
	Value       float64 `json:"value"`
	BetterAbove bool    `json:"better_above"`
}

// bootstrapResamples is the number of bootstrap resamples behind each
// driver's interval.
const bootstrapResamples = 400

// AnalyseSensitivity computes the distribution, probability of being
// better, drivers and break-even of the differences y (one per point) of
// metric m, for parameters named names with values x[point][parameter].
// seed fixes the bootstrap.
func AnalyseSensitivity(m Metric, names []string, x [][]float64, y []float64, seed uint64) SensitivityMetric {
	out := SensitivityMetric{Metric: m.Name, Mean: math.NaN(), P05: math.NaN(), P50: math.NaN(), P95: math.NaN(),
		PBetter: math.NaN(), PBetterLow: math.NaN(), PBetterHigh: math.NaN(), R2: math.NaN()}
	var rows []int
	for i, v := range y {
		if finite(v) {
			rows = append(rows, i)
		}
	}
	n := len(rows)
	if n == 0 {
		return out
	}
	ys := make([]float64, n)
	for i, r := range rows {
		ys[i] = y[r]
	}
	sorted := slices.Sorted(slices.Values(ys))
	out.Mean = stat.Mean(ys, nil)
	out.P05 = stat.Quantile(0.05, stat.LinInterp, sorted, nil)
	out.P50 = stat.Quantile(0.50, stat.LinInterp, sorted, nil)
	out.P95 = stat.Quantile(0.95, stat.LinInterp, sorted, nil)
	if m.Better != Neutral {
		better := 0
		for _, v := range ys {
			if (m.Better == LowerIsBetter && v < 0) || (m.Better == HigherIsBetter && v > 0) {
				better++
			}
		}
		out.PBetter = float64(better) / float64(n)
		out.PBetterLow, out.PBetterHigh = wilson(better, n)
	}
	xs := make([][]float64, n)
	for i, r := range rows {
		xs[i] = x[r]
	}
	coef, r2, ok := standardised(xs, ys)
	if !ok {
		return out
	}
	out.R2 = r2
	// Bootstrap the coefficients over the points.
	rng := rand.New(rand.NewPCG(seed, 0x626f6f74)) // "boot"
	boot := make([][]float64, len(names))
	bx, by := make([][]float64, n), make([]float64, n)
	for range bootstrapResamples {
		for i := range n {
			k := rng.IntN(n)
			bx[i], by[i] = xs[k], ys[k]
		}
		if c, _, ok := standardised(bx, by); ok {
			for j := range names {
				boot[j] = append(boot[j], c[j])
			}
		}
	}
	for j, name := range names {
		d := Driver{Path: name, SRC: coef[j], CILow: math.NaN(), CIHigh: math.NaN()}
		if len(boot[j]) >= bootstrapResamples/2 {
			s := slices.Sorted(slices.Values(boot[j]))
			d.CILow = stat.Quantile(0.025, stat.Empirical, s, nil)
			d.CIHigh = stat.Quantile(0.975, stat.Empirical, s, nil)
		}
		out.Drivers = append(out.Drivers, d)
	}
	slices.SortStableFunc(out.Drivers, func(a, b Driver) int { return cmp.Compare(math.Abs(b.SRC), math.Abs(a.SRC)) })
	out.BreakEven = breakEven(m, names, xs, ys, out.Drivers[0].Path)
	return out
}

// standardised fits y on x by least squares and returns each parameter's
// standardised coefficient and the fit's R². It fails when there are too
// few points for the parameters, or when y or a parameter does not vary.
func standardised(x [][]float64, y []float64) ([]float64, float64, bool) {
	n := len(y)
	if n == 0 {
		return nil, 0, false
	}
	d := len(x[0])
	if n < d+2 {
		return nil, 0, false
	}
	sy := stat.StdDev(y, nil)
	if !(sy > 0) {
		return nil, 0, false
	}
	b, fit, ok := leastSquares(x, y)
	if !ok {
		return nil, 0, false
	}
	col := make([]float64, n)
	coef := make([]float64, d)
	for j := range d {
		for i := range n {
			col[i] = x[i][j]
		}
		sx := stat.StdDev(col, nil)
		if !(sx > 0) {
			return nil, 0, false
		}
		coef[j] = b[j+1] * sx / sy
	}
	my := stat.Mean(y, nil)
	var ssRes, ssTot float64
	for i := range n {
		ssRes += (y[i] - fit[i]) * (y[i] - fit[i])
		ssTot += (y[i] - my) * (y[i] - my)
	}
	return coef, 1 - ssRes/ssTot, true
}

// leastSquares fits y = b0 + Σ b_j x_j and returns b and the fitted values.
func leastSquares(x [][]float64, y []float64) ([]float64, []float64, bool) {
	n, d := len(y), len(x[0])
	a := mat.NewDense(n, d+1, nil)
	for i := range n {
		a.Set(i, 0, 1)
		for j := range d {
			a.Set(i, j+1, x[i][j])
		}
	}
	var qr mat.QR
	qr.Factorize(a)
	var b mat.Dense
	if err := qr.SolveTo(&b, false, mat.NewDense(n, 1, slices.Clone(y))); err != nil {
		return nil, nil, false
	}
	coef := make([]float64, d+1)
	for j := range coef {
		coef[j] = b.At(j, 0)
		if !finite(coef[j]) {
			return nil, nil, false
		}
	}
	fit := make([]float64, n)
	for i := range n {
		fit[i] = coef[0]
		for j := range d {
			fit[i] += coef[j+1] * x[i][j]
		}
	}
	return coef, fit, true
}

// breakEven solves the linear fit for a zero difference along parameter
// path, the others at their mean; nil if the metric has no better
// direction or the solution lies outside the sampled values.
func breakEven(m Metric, names []string, x [][]float64, y []float64, path string) *BreakEven {
	if m.Better == Neutral {
		return nil
	}
	j := slices.Index(names, path)
	b, _, ok := leastSquares(x, y)
	if !ok || j < 0 || b[j+1] == 0 {
		return nil
	}
	rest := b[0]
	lo, hi := math.Inf(1), math.Inf(-1)
	for k := range names {
		mean := 0.0
		for i := range x {
			mean += x[i][k]
		}
		mean /= float64(len(x))
		if k != j {
			rest += b[k+1] * mean
		}
	}
	for i := range x {
		lo, hi = min(lo, x[i][j]), max(hi, x[i][j])
	}
	v := -rest / b[j+1]
	if !(v >= lo && v <= hi) {
		return nil
	}
	// Above v the fitted difference has the sign of the slope.
	return &BreakEven{Path: path, Value: v, BetterAbove: (b[j+1] > 0) == (m.Better == HigherIsBetter)}
}

// wilson is the 95% Wilson score interval of k successes in n trials.
func wilson(k, n int) (lo, hi float64) {
	if n == 0 {
		return math.NaN(), math.NaN()
	}
	const z = 1.959963984540054
	p, nf := float64(k)/float64(n), float64(n)
	centre := (p + z*z/(2*nf)) / (1 + z*z/nf)
	half := z / (1 + z*z/nf) * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf))
	return max(0, centre-half), min(1, centre+half)
}
