package results

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/ivrsim/ivrsim/models"
)

// sample draws n Latin-hypercube points with parameter j uniform on
// [0, width[j]], and y = Σ b_j x_j + c + noise·N(0, 1).
func sample(n int, width, b []float64, c, noise float64) ([][]float64, []float64) {
	u := models.LatinHypercube(n, len(width), 3)
	rng := rand.New(rand.NewPCG(5, 8))
	x, y := make([][]float64, n), make([]float64, n)
	for i := range u {
		x[i] = make([]float64, len(width))
		y[i] = c + noise*rng.NormFloat64()
		for j := range width {
			x[i][j] = u[i][j] * width[j]
			y[i] += b[j] * x[i][j]
		}
	}
	return x, y
}

// TestSensitivityIndices: on linear models with independent uniform
// inputs the standardised regression coefficients are known exactly,
// SRC_j = b_j σ_j / σ_y with σ_y² = Σ b_j² σ_j², and a parameter with no
// effect gets an index near 0 whose interval holds 0. A sample's inputs
// are correlated by chance (by about 1/√n), which moves the estimates by
// about 0.3/√n; with 1,000 points the tolerance, 0.03, is three times that.
func TestSensitivityIndices(t *testing.T) {
	abandon, _ := LookupMetric("abandon_rate")
	cases := []struct {
		name      string
		width, b  []float64
		noise     float64
		want      []float64 // SRC per parameter
		tolerance float64
	}{
		{"3:1:0", []float64{1, 1, 1}, []float64{3, 1, 0}, 0, []float64{3 / math.Sqrt(10), 1 / math.Sqrt(10), 0}, 0.03},
		// Unequal ranges: x1 on [0, 2] and x2 on [0, 1] with y = x1 + 2 x2
		// contribute equal variance, 1/3 each.
		{"ranges", []float64{2, 1}, []float64{1, 2}, 0, []float64{math.Sqrt(0.5), math.Sqrt(0.5)}, 0.03},
		// With noise of the size of the signal the coefficients shrink by
		// √(var signal / var y) = √(1/2).
		{"noise", []float64{1, 1}, []float64{1, 0}, math.Sqrt(1.0 / 12), []float64{math.Sqrt(0.5), 0}, 0.1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			names := []string{"a", "b", "c"}[:len(c.width)]
			x, y := sample(1000, c.width, c.b, 0, c.noise)
			sm := AnalyseSensitivity(abandon, names, x, y, 1)
			for _, d := range sm.Drivers {
				j := map[string]int{"a": 0, "b": 1, "c": 2}[d.Path]
				if math.Abs(d.SRC-c.want[j]) > c.tolerance {
					t.Errorf("%s: SRC %.4f, want %.4f", d.Path, d.SRC, c.want[j])
				}
				if !(d.CILow <= d.SRC && d.SRC <= d.CIHigh) {
					t.Errorf("%s: SRC %.4f outside its interval [%.4f, %.4f]", d.Path, d.SRC, d.CILow, d.CIHigh)
				}
				if c.want[j] == 0 && !(d.CILow <= 0 && 0 <= d.CIHigh) {
					t.Errorf("%s has no effect, but its interval [%.4f, %.4f] excludes 0", d.Path, d.CILow, d.CIHigh)
				}
			}
			if c.noise == 0 && sm.R2 < 0.999 {
				t.Errorf("R² %.4f for an exact linear model", sm.R2)
			}
		})
	}
}

func TestSensitivityBreakEvenAndProbability(t *testing.T) {
	abandon, _ := LookupMetric("abandon_rate") // lower is better
	sl, _ := LookupMetric("service_level")     // higher is better
	offered, _ := LookupMetric("offered")      // no direction
	// Δ = x1 − 0.3 over x1 in [0, 1]: negative (better abandonment) on 30%
	// of the range; zero at 0.3.
	x, y := sample(100, []float64{1, 1}, []float64{1, 0}, -0.3, 0)
	sm := AnalyseSensitivity(abandon, []string{"trust", "noise"}, x, y, 1)
	if be := sm.BreakEven; be == nil || be.Path != "trust" || math.Abs(be.Value-0.3) > 1e-9 || be.BetterAbove {
		t.Errorf("break-even %+v, want trust at 0.3, better below", be)
	}
	if math.Abs(sm.PBetter-0.3) > 0.011 || !(sm.PBetterLow < sm.PBetter && sm.PBetter < sm.PBetterHigh) {
		t.Errorf("P(better) %.3f [%.3f, %.3f], want 0.30", sm.PBetter, sm.PBetterLow, sm.PBetterHigh)
	}
	// For a metric where higher is better the same Δ is better above.
	if be := AnalyseSensitivity(sl, []string{"trust", "noise"}, x, y, 1).BreakEven; be == nil || !be.BetterAbove {
		t.Errorf("service level break-even %+v, want better above", be)
	}
	// A break-even outside the sampled range is not reported.
	x, y = sample(100, []float64{1, 1}, []float64{1, 0}, 0.5, 0)
	if be := AnalyseSensitivity(abandon, []string{"trust", "noise"}, x, y, 1).BreakEven; be != nil {
		t.Errorf("break-even %+v outside the range", be)
	}
	if sm := AnalyseSensitivity(offered, []string{"trust", "noise"}, x, y, 1); !math.IsNaN(sm.PBetter) || sm.BreakEven != nil {
		t.Errorf("a metric with no direction: P(better) %g, break-even %+v", sm.PBetter, sm.BreakEven)
	}
	// The Wilson interval of 0 successes in 10 starts at 0 and is not
	// empty.
	if lo, hi := wilson(0, 10); lo != 0 || !(hi > 0.2 && hi < 0.35) {
		t.Errorf("wilson(0, 10) = [%g, %g]", lo, hi)
	}
}
