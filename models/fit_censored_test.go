package models

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mathext"
)

func sample(d Dist, n int, seed uint64) []float64 {
	r := rand.New(rand.NewPCG(seed, 7))
	out := make([]float64, n)
	for i := range out {
		out[i] = d.Sample(r)
	}
	return out
}

func mustDist(t *testing.T, s string) Dist {
	t.Helper()
	d, err := ParseDist(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// within reports whether got is within k standard errors of want.
func within(got Param, want, k float64) bool {
	return math.Abs(got.Value-want) <= k*got.SE
}

// The fit recovers the true mean and cv of each family from a sample,
// within 3 standard errors, and AIC picks the true family.
func TestFitDurationRecoversFamily(t *testing.T) {
	cases := []struct {
		dist   string
		family string
	}{
		{"exponential(mean=2m)", "exponential"},
		{"lognormal(mean=3m, cv=1.2)", "lognormal"},
		{"gamma(mean=90s, cv=0.5)", "gamma"},
		{"weibull(mean=4m, shape=0.7)", "weibull"},
	}
	for i, c := range cases {
		t.Run(c.family, func(t *testing.T) {
			d := mustDist(t, c.dist)
			xs := sample(d, 4000, uint64(i+1))
			fit, err := FitDuration(c.family, xs)
			if err != nil {
				t.Fatal(err)
			}
			if !within(fit.Mean, d.Mean(), 3) {
				t.Errorf("mean %.2f ± %.2f, true %.2f", fit.Mean.Value, fit.Mean.SE, d.Mean())
			}
			if c.family != "exponential" && !within(fit.CV, distCV(d), 3) {
				t.Errorf("cv %.3f ± %.3f, true %.3f", fit.CV.Value, fit.CV.SE, distCV(d))
			}
			fits, err := FitBest(xs, nil)
			if err != nil {
				t.Fatal(err)
			}
			// The exponential is a gamma and a Weibull with shape 1: the
			// richer families fit it as well, and AIC's penalty for the
			// extra parameter is what must make it win.
			if fits[0].Family != c.family {
				t.Errorf("AIC chose %s (%.1f), want %s; all: %v", fits[0].Family, fits[0].AIC, c.family, aics(fits))
			}
		})
	}
}

func aics(fits []*DurationFit) map[string]float64 {
	m := map[string]float64{}
	for _, f := range fits {
		m[f.Family] = f.AIC
	}
	return m
}

// Patience observed through a queue: callers answered before their
// patience ran out are censored at their wait. The naive mean of the
// abandoners' waits is far below the true mean patience; the censored fit
// recovers it.
func TestFitCensoredPatience(t *testing.T) {
	patience := mustDist(t, "weibull(mean=5m, shape=0.8)")
	waits := mustDist(t, "exponential(mean=1m)")
	r := rand.New(rand.NewPCG(3, 3))
	var events, censored []float64
	for range 6000 {
		p, w := patience.Sample(r), waits.Sample(r)
		if p < w {
			events = append(events, p)
		} else {
			censored = append(censored, w)
		}
	}
	naive := 0.0
	for _, x := range events {
		naive += x
	}
	naive /= float64(len(events))
	if naive > patience.Mean()/2 {
		t.Fatalf("the naive mean %.0fs is not badly biased (true %.0fs): the test does not test censoring", naive, patience.Mean())
	}
	fit, err := FitCensored("weibull", events, censored)
	if err != nil {
		t.Fatal(err)
	}
	if !within(fit.Mean, patience.Mean(), 3) {
		t.Errorf("censored fit: mean %.1f ± %.1f s, true %.1f s (naive %.1f s)", fit.Mean.Value, fit.Mean.SE, patience.Mean(), naive)
	}
	if !within(fit.Params[0], 0.8, 3) {
		t.Errorf("shape %.3f ± %.3f, true 0.8", fit.Params[0].Value, fit.Params[0].SE)
	}
	if fit.Events != len(events) || fit.N != len(events)+len(censored) {
		t.Errorf("counts %d/%d, want %d/%d", fit.Events, fit.N, len(events), len(events)+len(censored))
	}
	// The Kaplan–Meier curve agrees with the fit where it is defined.
	km := KaplanMeier(events, censored)
	for _, x := range []float64{30, 60, 120} {
		s := KMSurvival(km, x)
		if d := math.Abs(s - (1 - patience.(Weibull).CDF(x))); d > 0.03 {
			t.Errorf("KM S(%v) = %.3f, true %.3f", x, s, 1-patience.(Weibull).CDF(x))
		}
	}
}

// Standard errors are honest: over repeated samples, about 95% of the
// intervals mean ± 1.96·SE cover the true mean.
func TestFitCensoredCoverage(t *testing.T) {
	d := mustDist(t, "lognormal(mean=100s, cv=1)")
	cover := 0
	const reps = 100
	for rep := range reps {
		r := rand.New(rand.NewPCG(uint64(rep), 11))
		var events, censored []float64
		for range 400 {
			x, c := d.Sample(r), 150*r.Float64()
			if x < c {
				events = append(events, x)
			} else {
				censored = append(censored, c)
			}
		}
		fit, err := FitCensored("lognormal", events, censored)
		if err != nil {
			t.Fatal(err)
		}
		if within(fit.Mean, d.Mean(), 1.96) {
			cover++
		}
	}
	// Binomial(100, 0.95): 88 or more with probability above 0.999.
	if cover < 88 {
		t.Errorf("%d of %d intervals covered the true mean, expected about 95", cover, reps)
	}
}

func TestFitCensoredErrors(t *testing.T) {
	cases := []struct {
		name             string
		family           string
		events, censored []float64
	}{
		{"unknown family", "pareto", []float64{1, 2}, nil},
		{"too few", "lognormal", []float64{1}, nil},
		{"zero", "lognormal", []float64{0, 1, 2}, nil},
		{"negative censored", "weibull", []float64{1, 2}, []float64{-1}},
		{"one value", "gamma", []float64{3, 3, 3}, nil},
		{"NaN", "exponential", []float64{1, math.NaN()}, nil},
	}
	for _, c := range cases {
		if _, err := FitCensored(c.family, c.events, c.censored); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}

func TestLogTails(t *testing.T) {
	// Far in the tail the log survival functions stay finite and match
	// the direct formulas where those still work.
	for _, z := range []float64{-3, 0, 2, 4.9, 5.1, 10} {
		direct := math.Log(0.5 * math.Erfc(z/math.Sqrt2))
		if got := logNormalSF(z); math.Abs(got-direct) > 1e-6*math.Abs(direct)+1e-9 {
			t.Errorf("logNormalSF(%v) = %v, want %v", z, got, direct)
		}
	}
	if v := logNormalSF(40); math.IsInf(v, 0) || v > -800 {
		t.Errorf("logNormalSF(40) = %v", v)
	}
	for _, c := range [][2]float64{{0.5, 0.1}, {2, 1}, {2, 5}, {10, 12}, {0.7, 30}} {
		direct := math.Log(mathext.GammaIncRegComp(c[0], c[1]))
		if got := logUpperIncGamma(c[0], c[1]); math.Abs(got-direct) > 1e-9*math.Abs(direct)+1e-12 {
			t.Errorf("logUpperIncGamma%v = %v, want %v", c, got, direct)
		}
	}
	if v := logUpperIncGamma(2, 2000); math.IsInf(v, 0) || v > -1900 {
		t.Errorf("logUpperIncGamma(2, 2000) = %v", v)
	}
	// Q(2, x) = e⁻ˣ(1 + x): on both sides of where Q underflows and the
	// continued fraction in logarithms takes over from gonum's Q.
	for _, x := range []float64{600, 680, 690, 700, 720, 2000} {
		want := -x + math.Log1p(x)
		if got := logUpperIncGamma(2, x); math.Abs(got-want) > 1e-12*math.Abs(want) {
			t.Errorf("logUpperIncGamma(2, %v) = %.17g, want %.17g", x, got, want)
		}
	}
}
