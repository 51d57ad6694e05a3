package models

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The 6-MP arm of the Freireich leukaemia trial, the textbook example of
// the product-limit estimator: its curve and Greenwood errors are
// published to three decimals.
func TestKaplanMeierTextbook(t *testing.T) {
	events := []float64{6, 6, 6, 7, 10, 13, 16, 22, 23}
	censored := []float64{6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35}
	want := []struct{ t, s, se float64 }{
		{6, 0.857, 0.076}, {7, 0.807, 0.087}, {10, 0.753, 0.096}, {13, 0.690, 0.107},
		{16, 0.627, 0.114}, {22, 0.538, 0.128}, {23, 0.448, 0.135},
	}
	km := KaplanMeier(events, censored)
	if len(km) != len(want) {
		t.Fatalf("%d steps, want %d", len(km), len(want))
	}
	for i, w := range want {
		if km[i].Time != w.t || math.Abs(km[i].Survival-w.s) > 0.0006 || math.Abs(km[i].SE-w.se) > 0.0006 {
			t.Errorf("step %d: %+v, want t=%v S=%v se=%v", i, km[i], w.t, w.s, w.se)
		}
	}
	if km[0].AtRisk != 21 || km[0].Events != 3 {
		t.Errorf("first step at risk %d events %d, want 21 and 3", km[0].AtRisk, km[0].Events)
	}
	if got := KMSurvival(km, 5.9); got != 1 {
		t.Errorf("S(5.9) = %v, want 1", got)
	}
	if got := KMSurvival(km, 12); math.Abs(got-0.753) > 0.0006 {
		t.Errorf("S(12) = %v, want 0.753", got)
	}
	if got := KMQuantile(km, 0.5); got != 23 {
		t.Errorf("median %v, want 23", got)
	}
	if got := KMQuantile(km, 0.9); !math.IsNaN(got) {
		t.Errorf("90th percentile %v, want NaN: the curve stops at 0.448", got)
	}
	// Area: 6·1 + 1·0.857 + 3·0.807 + 3·0.753 + 3·0.690 + 4·0.627 + 1·0.538 + 2·0.448.
	rm := KMRestrictedMean(km, 25)
	want25 := 6 + 0.857 + 3*0.807 + 3*0.753 + 3*0.690 + 6*0.627 + 0.538 + 2*0.448
	if math.Abs(rm-want25) > 0.01 {
		t.Errorf("restricted mean to 25 = %.3f, want %.3f", rm, want25)
	}
}

// Counts whose rate is a gamma factor times a known mean: the estimator
// recovers the factor's coefficient of variation within 3 standard errors,
// and finds none in Poisson counts.
func TestOverdispersionCV(t *testing.T) {
	for _, cv := range []float64{0, 0.15, 0.4} {
		r := rand.New(rand.NewPCG(uint64(cv*100)+1, 5))
		var counts, expected []float64
		for i := range 2000 {
			m := 20 + float64(i%7)*15
			rate := m
			if cv > 0 {
				g, _ := NewGamma(1, cv)
				rate *= g.Sample(r)
			}
			counts = append(counts, float64(poisson(r, rate)))
			expected = append(expected, m)
		}
		d, err := OverdispersionCV(counts, expected, 0)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(d.CV-cv) > 3*d.SE {
			t.Errorf("cv %.3f: estimated %.3f ± %.3f", cv, d.CV, d.SE)
		}
		if cv == 0 && math.Abs(d.Ratio-1) > 0.1 {
			t.Errorf("Poisson counts: variance/mean %.3f, want about 1", d.Ratio)
		}
	}
	if _, err := OverdispersionCV([]float64{1, 2}, []float64{1}, 0); err == nil {
		t.Error("mismatched lengths: no error")
	}
	if _, err := OverdispersionCV([]float64{1, 2, 3}, []float64{1, 2, 3}, 2); err == nil {
		t.Error("no degrees of freedom left: no error")
	}
}

// poisson draws a Poisson count by inversion of exponential gaps.
func poisson(r *rand.Rand, mean float64) int {
	n, t := 0, r.ExpFloat64()
	for t < mean {
		n++
		t += r.ExpFloat64()
	}
	return n
}

// Redials watched through a window that closes: the joint fit recovers the
// share who call again and their delay, where the naive share (redials
// seen / contacts) and the naive mean delay are both too low.
func TestFitRedial(t *testing.T) {
	delay := mustDist(t, "lognormal(mean=40m, cv=1.5)")
	const p = 0.6
	r := rand.New(rand.NewPCG(9, 9))
	var gaps, followed []float64
	for range 5000 {
		window := 600 + 7200*r.Float64() // 10 minutes to 2 hours 10 left in the day
		if r.Float64() < p {
			if g := delay.Sample(r); g < window {
				gaps = append(gaps, g)
				continue
			}
		}
		followed = append(followed, window)
	}
	naive := float64(len(gaps)) / float64(len(gaps)+len(followed))
	fit, err := FitRedial("lognormal", gaps, followed)
	if err != nil {
		t.Fatal(err)
	}
	if !within(fit.Share, p, 3) {
		t.Errorf("share %.3f ± %.3f, true %v (naive %.3f)", fit.Share.Value, fit.Share.SE, p, naive)
	}
	if !within(fit.Delay.Mean, delay.Mean(), 3) {
		t.Errorf("delay mean %.0f ± %.0f s, true %.0f s", fit.Delay.Mean.Value, fit.Delay.Mean.SE, delay.Mean())
	}
	if naive > p-0.03 {
		t.Errorf("naive share %.3f is close to the truth: the window censors too little to test anything", naive)
	}
	if fit.N != 5000 || fit.Redials != len(gaps) {
		t.Errorf("counts %d/%d", fit.Redials, fit.N)
	}
	best, err := FitRedialBest(gaps, followed)
	if err != nil {
		t.Fatal(err)
	}
	if best[0].Delay.Family != "lognormal" {
		t.Errorf("AIC chose %s for the delay, want lognormal", best[0].Delay.Family)
	}
}

func TestEstimateProportion(t *testing.T) {
	// Wilson interval of 8 of 10 (Newcombe 1998, method 3): 0.490 to 0.943.
	p := EstimateProportion(8, 10)
	if math.Abs(p.Low-0.4902) > 0.0005 || math.Abs(p.High-0.9433) > 0.0005 {
		t.Errorf("8/10: [%.4f, %.4f], want [0.4902, 0.9433]", p.Low, p.High)
	}
	if p.P != 0.8 || math.Abs(p.SE-math.Sqrt(0.016)) > 1e-12 {
		t.Errorf("8/10: p %v se %v", p.P, p.SE)
	}
	z := EstimateProportion(0, 20)
	if z.Low != 0 || !(z.High > 0.1 && z.High < 0.2) {
		t.Errorf("0/20: [%v, %v], want 0 to about 0.16", z.Low, z.High)
	}
	if e := EstimateProportion(0, 0); !math.IsNaN(e.P) {
		t.Errorf("0/0: %v, want NaN", e.P)
	}
}
