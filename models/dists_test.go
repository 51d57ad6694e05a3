package models

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// analytic is the method set every family in this package shares.
type analytic interface {
	Dist
	Variance() float64
	CV() float64
	CDF(x float64) float64
}

var (
	_ analytic = Exponential{}
	_ analytic = Deterministic{}
	_ analytic = Uniform{}
	_ analytic = LogNormal{}
	_ analytic = Gamma{}
	_ analytic = Weibull{}
	_ analytic = Empirical{}
)

func newRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// rawMoments returns E[X^j] for j = 1..4 from textbook formulas, independent
// of the code under test.
type rawMoments func(j int) float64

func expMoments(mean float64) rawMoments {
	return func(j int) float64 { return math.Gamma(float64(j)+1) * math.Pow(mean, float64(j)) }
}

func uniformMoments(a, b float64) rawMoments {
	return func(j int) float64 {
		k := float64(j + 1)
		return (math.Pow(b, k) - math.Pow(a, k)) / (k * (b - a))
	}
}

func lognormalMoments(mu, sigma float64) rawMoments {
	return func(j int) float64 {
		k := float64(j)
		return math.Exp(k*mu + k*k*sigma*sigma/2)
	}
}

func lognormalMeanCVMoments(mean, cv float64) rawMoments {
	s2 := math.Log(1 + cv*cv)
	return lognormalMoments(math.Log(mean)-s2/2, math.Sqrt(s2))
}

func gammaMoments(shape, scale float64) rawMoments {
	return func(j int) float64 {
		m := 1.0
		for i := 0; i < j; i++ {
			m *= (shape + float64(i)) * scale
		}
		return m
	}
}

func weibullMoments(shape, scale float64) rawMoments {
	return func(j int) float64 { return math.Pow(scale, float64(j)) * math.Gamma(1+float64(j)/shape) }
}

func listMoments(vals ...float64) rawMoments {
	return func(j int) float64 {
		s := 0.0
		for _, v := range vals {
			s += math.Pow(v, float64(j))
		}
		return s / float64(len(vals))
	}
}

type distCase struct {
	name string
	d    analytic
	m    rawMoments
}

func distCases() []distCase {
	return []distCase{
		{"exponential", must(NewExponential(120)), expMoments(120)},
		{"deterministic", must(NewDeterministic(45)), listMoments(45)},
		{"uniform", must(NewUniform(10, 30)), uniformMoments(10, 30)},
		{"lognormal/bank-cv1.21", must(NewLogNormal(180, 1.21)), lognormalMeanCVMoments(180, 1.21)},
		{"lognormal/mu-sigma", must(NewLogNormalMuSigma(4.5, 0.5)), lognormalMoments(4.5, 0.5)},
		{"gamma/shape4", must(NewGamma(180, 0.5)), gammaMoments(4, 45)},
		{"gamma/shape1", must(NewGammaShapeScale(1, 60)), gammaMoments(1, 60)},
		{"gamma/shape0.4", must(NewGammaShapeScale(0.4, 100)), gammaMoments(0.4, 100)},
		{"gamma/shape0.25", must(NewGamma(60, 2)), gammaMoments(0.25, 240)},
		{"gamma/shape50", must(NewGammaShapeScale(50, 2)), gammaMoments(50, 2)},
		{"weibull/shape1.5", must(NewWeibull(1.5, 120)), weibullMoments(1.5, 120)},
		{"weibull/shape1", must(NewWeibull(1, 90)), weibullMoments(1, 90)},
		{"weibull/shape2", must(NewWeibull(2, 90)), weibullMoments(2, 90)},
		{"weibull/shape0.5", must(NewWeibull(0.5, 90)), weibullMoments(0.5, 90)},
		{"weibull/shape0.7-by-mean", must(NewWeibullMeanShape(300, 0.7)), weibullMoments(0.7, 300/math.Gamma(1+1/0.7))},
		{"empirical", must(NewEmpirical([]float64{10, 20, 35, 35, 60})), listMoments(10, 20, 35, 35, 60)},
	}
}

const sampleN = 200000

func draw(d Dist, seed uint64, n int) []float64 {
	r := newRand(seed)
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = d.Sample(r)
	}
	return xs
}

// TestMeanVariance checks Mean and Variance against the textbook moments and
// the sample mean and variance against them within bounds from the central
// limit theorem: the sample mean has standard error σ/√n and the sample
// variance (μ4 − σ⁴)/n, and 4.5 standard errors leave a false alarm chance
// below 1e-5 while the seed is fixed, so the test is deterministic.
func TestMeanVariance(t *testing.T) {
	for i, c := range distCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			m1, m2, m3, m4 := c.m(1), c.m(2), c.m(3), c.m(4)
			mu := m1
			v := m2 - m1*m1
			mu4 := m4 - 4*m1*m3 + 6*m1*m1*m2 - 3*m1*m1*m1*m1
			if !closeRel(c.d.Mean(), mu, 1e-12) {
				t.Errorf("Mean() = %v, theory %v", c.d.Mean(), mu)
			}
			if !closeRel(c.d.Variance(), v, 1e-9) && math.Abs(c.d.Variance()-v) > 1e-9 {
				t.Errorf("Variance() = %v, theory %v", c.d.Variance(), v)
			}
			if want := math.Sqrt(v) / mu; !closeRel(c.d.CV(), want, 1e-9) && c.d.CV() != 0 {
				t.Errorf("CV() = %v, theory %v", c.d.CV(), want)
			}
			xs := draw(c.d, uint64(1000+i), sampleN)
			n := float64(len(xs))
			sum := 0.0
			for _, x := range xs {
				sum += x
			}
			mean := sum / n
			ss := 0.0
			for _, x := range xs {
				ss += (x - mean) * (x - mean)
			}
			s2 := ss / (n - 1)
			if v == 0 {
				if mean != mu || s2 != 0 {
					t.Errorf("degenerate: sample mean %v variance %v, want %v and 0", mean, s2, mu)
				}
				return
			}
			t.Logf("%s: mean z = %+.2f, variance z = %+.2f", c.name, (mean-mu)/math.Sqrt(v/n), (s2-v)/math.Sqrt((mu4-v*v)/n))
			if tol := 4.5 * math.Sqrt(v/n); math.Abs(mean-mu) > tol {
				t.Errorf("sample mean %v, theory %v, |diff| %v > %v", mean, mu, math.Abs(mean-mu), tol)
			}
			if tol := 4.5 * math.Sqrt((mu4-v*v)/n); math.Abs(s2-v) > tol {
				t.Errorf("sample variance %v, theory %v, |diff| %v > %v", s2, v, math.Abs(s2-v), tol)
			}
		})
	}
}

// ksCritical001 is the asymptotic Kolmogorov–Smirnov critical value for
// α = 0.001, √(−ln(α/2)/2), with Stephens' small-sample correction.
func ksCritical001(n int) float64 {
	rn := math.Sqrt(float64(n))
	return math.Sqrt(-math.Log(0.001/2)/2) / (rn + 0.12 + 0.11/rn)
}

// ksStatistic returns sup |F_n − F|, evaluated on both sides of every jump so
// that it is exact for discrete distributions too.
func ksStatistic(xs []float64, cdf func(float64) float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := float64(len(s))
	d := 0.0
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] == s[i] {
			j++
		}
		below := cdf(math.Nextafter(s[i], math.Inf(-1)))
		at := cdf(s[i])
		d = max(d, math.Abs(float64(i)/n-below), math.Abs(float64(j)/n-at))
		i = j
	}
	return d
}

func TestKolmogorovSmirnov(t *testing.T) {
	for i, c := range distCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			xs := draw(c.d, uint64(5000+i), sampleN)
			d, crit := ksStatistic(xs, c.d.CDF), ksCritical001(len(xs))
			t.Logf("%s: D = %.5f, critical %.5f", c.name, d, crit)
			if d > crit {
				t.Errorf("KS statistic %.5f > critical %.5f (α = 0.001, n = %d)", d, crit, len(xs))
			}
		})
	}
}

// TestKolmogorovSmirnovDetectsMismatch guards the test above against being
// toothless: a 3 % error in the mean must fail it.
func TestKolmogorovSmirnovDetectsMismatch(t *testing.T) {
	xs := draw(must(NewLogNormal(185.4, 1.21)), 7, sampleN)
	if d, crit := ksStatistic(xs, must(NewLogNormal(180, 1.21)).CDF), ksCritical001(sampleN); d <= crit {
		t.Errorf("KS statistic %.5f ≤ critical %.5f for a wrong distribution", d, crit)
	}
}

func closeRel(got, want, tol float64) bool {
	if got == want {
		return true
	}
	return math.Abs(got-want) <= tol*math.Max(math.Abs(got), math.Abs(want))
}

// TestCDFAgainstGonum compares each CDF with an independent implementation.
func TestCDFAgainstGonum(t *testing.T) {
	type pair struct {
		name string
		d    analytic
		ref  func(float64) float64
	}
	pairs := []pair{
		{"exponential", must(NewExponential(120)), distuv.Exponential{Rate: 1.0 / 120}.CDF},
		{"uniform", must(NewUniform(10, 30)), distuv.Uniform{Min: 10, Max: 30}.CDF},
		{"lognormal", must(NewLogNormalMuSigma(4.5, 0.9)), distuv.LogNormal{Mu: 4.5, Sigma: 0.9}.CDF},
		{"gamma/0.3", must(NewGammaShapeScale(0.3, 50)), distuv.Gamma{Alpha: 0.3, Beta: 1.0 / 50}.CDF},
		{"gamma/4", must(NewGammaShapeScale(4, 45)), distuv.Gamma{Alpha: 4, Beta: 1.0 / 45}.CDF},
		{"gamma/400", must(NewGammaShapeScale(400, 0.5)), distuv.Gamma{Alpha: 400, Beta: 2}.CDF},
		{"weibull/0.7", must(NewWeibull(0.7, 200)), distuv.Weibull{K: 0.7, Lambda: 200}.CDF},
		{"weibull/1.5", must(NewWeibull(1.5, 120)), distuv.Weibull{K: 1.5, Lambda: 120}.CDF},
	}
	for _, p := range pairs {
		for _, x := range []float64{0, 1e-6, 0.01, 1, 5, 10, 15, 20, 29.9, 30, 45, 60, 90, 120, 180, 199, 200, 201, 300, 600, 1800, 3600, 1e5} {
			got, want := p.d.CDF(x), p.ref(x)
			if math.Abs(got-want) > 1e-12 {
				t.Errorf("%s: CDF(%v) = %.17g, gonum %.17g", p.name, x, got, want)
			}
		}
		if got := p.d.CDF(-1); got != 0 {
			t.Errorf("%s: CDF(-1) = %v, want 0", p.name, got)
		}
		if got := p.d.CDF(math.Inf(1)); got != 1 {
			t.Errorf("%s: CDF(+Inf) = %v, want 1", p.name, got)
		}
		if got := p.d.CDF(math.NaN()); !math.IsNaN(got) {
			t.Errorf("%s: CDF(NaN) = %v, want NaN", p.name, got)
		}
	}
}

// TestGammaCDFClosedForms: the gamma CDF (gonum's regularized incomplete
// gamma) against closed forms: P(n, x) = 1 − e⁻ˣ Σ_{k<n} xᵏ/k! for whole
// shapes, and P(½, x) = erf(√x). The hand-written series and continued
// fraction it replaced were off by up to 1.6e-15 here; gonum by 1.0e-15.
func TestGammaCDFClosedForms(t *testing.T) {
	for _, n := range []int{1, 2, 3, 5, 10, 20, 50} {
		g := must(NewGammaShapeScale(float64(n), 1))
		for _, f := range []float64{0.01, 0.1, 0.5, 0.9, 1, 1.1, 1.5, 2, 3} {
			x := float64(n) * f
			term, sum := 1.0, 1.0
			for k := 1; k < n; k++ {
				term *= x / float64(k)
				sum += term
			}
			want := 1 - math.Exp(-x)*sum
			if got := g.CDF(x); math.Abs(got-want) > 4e-15 {
				t.Errorf("P(%d, %v) = %.17g, want %.17g", n, x, got, want)
			}
		}
	}
	g := must(NewGammaShapeScale(0.5, 1))
	for _, x := range []float64{1e-6, 0.01, 0.1, 0.5, 1, 2, 5, 10, 20} {
		if got, want := g.CDF(x), math.Erf(math.Sqrt(x)); math.Abs(got-want) > 4e-15 {
			t.Errorf("P(0.5, %v) = %.17g, want %.17g", x, got, want)
		}
	}
}

func TestEmpiricalCDFAndValues(t *testing.T) {
	in := []float64{35, 10, 20, 35}
	d := must(NewEmpirical(in))
	in[0] = 999 // the constructor copied
	for _, c := range []struct{ x, want float64 }{{0, 0}, {9.99, 0}, {10, 0.25}, {20, 0.5}, {34, 0.5}, {35, 1}, {1e9, 1}} {
		if got := d.CDF(c.x); got != c.want {
			t.Errorf("CDF(%v) = %v, want %v", c.x, got, c.want)
		}
	}
	vals := d.Values()
	if !slices.Equal(vals, []float64{35, 10, 20, 35}) || d.Len() != 4 {
		t.Errorf("Values() = %v, Len() = %d", vals, d.Len())
	}
	vals[0] = -1
	if d.Values()[0] != 35 {
		t.Error("Values() exposes the internal slice")
	}
	if got := d.String(); got != "empirical(35s, 10s, 20s, 35s)" {
		t.Errorf("String() = %q", got)
	}
}

func TestAccessors(t *testing.T) {
	ln := must(NewLogNormal(180, 1.21))
	if med := math.Exp(ln.Mu()); math.Abs(med-180/math.Sqrt(1+1.21*1.21)) > 1e-9 {
		t.Errorf("lognormal median %v", med)
	}
	if s := ln.Sigma(); math.Abs(s*s-math.Log(1+1.21*1.21)) > 1e-12 {
		t.Errorf("lognormal sigma %v", s)
	}
	g := must(NewGamma(180, 0.5))
	if g.Shape() != 4 || g.Scale() != 45 || g.CV() != 0.5 {
		t.Errorf("gamma shape %v scale %v cv %v", g.Shape(), g.Scale(), g.CV())
	}
	w := must(NewWeibullMeanShape(120, 1))
	if w.Shape() != 1 || w.Scale() != 120 || w.Mean() != 120 {
		t.Errorf("weibull shape %v scale %v mean %v", w.Shape(), w.Scale(), w.Mean())
	}
	u := must(NewUniform(10, 30))
	if u.Min() != 10 || u.Max() != 30 || u.Mean() != 20 {
		t.Errorf("uniform %v %v %v", u.Min(), u.Max(), u.Mean())
	}
	if d := must(NewDeterministic(45)); d.Value() != 45 || d.CV() != 0 {
		t.Errorf("deterministic %v", d.Value())
	}
	if c := must(NewExponential(7)).CV(); c != 1 {
		t.Errorf("exponential CV %v", c)
	}
	if c := must(NewUniform(0, 0)).CV(); c != 0 {
		t.Errorf("uniform(0, 0) CV %v, want 0", c)
	}
}

func TestConstructorErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"exp zero", second(NewExponential(0)), "exponential: mean must be positive, got 0"},
		{"exp negative", second(NewExponential(-1)), "exponential: mean must be positive, got -1"},
		{"exp NaN", second(NewExponential(nan)), "exponential: mean must be a finite number, got NaN"},
		{"exp Inf", second(NewExponential(inf)), "exponential: mean must be a finite number, got +Inf"},
		{"det negative", second(NewDeterministic(-0.5)), "deterministic: value cannot be negative, got -0.5"},
		{"det Inf", second(NewDeterministic(inf)), "deterministic: value must be a finite number, got +Inf"},
		{"uniform min > max", second(NewUniform(30, 10)), "uniform: min must not exceed max (10s), got 30; swap them"},
		{"uniform negative", second(NewUniform(-1, 10)), "uniform: min cannot be negative, got -1"},
		{"uniform NaN max", second(NewUniform(1, nan)), "uniform: max must be a finite number, got NaN"},
		{"lognormal cv 0", second(NewLogNormal(180, 0)), "lognormal: cv must be positive, got 0"},
		{"lognormal cv huge", second(NewLogNormal(180, 1e200)), "lognormal: cv is too large, got 1e+200"},
		{"lognormal mean", second(NewLogNormal(-3, 1)), "lognormal: mean must be positive, got -3"},
		{"lognormal sigma", second(NewLogNormalMuSigma(4.5, 0)), "lognormal: sigma must be positive, got 0"},
		{"lognormal mu Inf", second(NewLogNormalMuSigma(inf, 1)), "lognormal: mu must be a finite number, got +Inf"},
		{"lognormal mean overflow", second(NewLogNormalMuSigma(700, 5)), "lognormal: sigma is too large for this mu: the mean would be infinite, got 5"},
		{"lognormal mean underflow", second(NewLogNormalMuSigma(-800, 1)), "lognormal: mu is too small: the mean would be zero, got -800"},
		{"gamma cv", second(NewGamma(180, -0.5)), "gamma: cv must be positive, got -0.5"},
		{"gamma cv tiny", second(NewGamma(180, 1e-200)), "gamma: cv is too small, got 1e-200; use a deterministic value instead"},
		{"gamma shape", second(NewGammaShapeScale(0, 1)), "gamma: shape must be positive, got 0"},
		{"gamma scale", second(NewGammaShapeScale(2, nan)), "gamma: scale must be a finite number, got NaN"},
		{"gamma mean overflow", second(NewGammaShapeScale(1e300, 1e300)), "gamma: scale is too large for this shape: the mean would be infinite, got 1e+300"},
		{"weibull shape", second(NewWeibull(0, 1)), "weibull: shape must be positive, got 0"},
		{"weibull shape tiny", second(NewWeibull(0.001, 60)), "weibull: shape is too small: the mean would be infinite, got 0.001"},
		{"weibull mean", second(NewWeibullMeanShape(0, 1.5)), "weibull: mean must be positive, got 0"},
		{"empirical empty", second(NewEmpirical(nil)), "empirical: values must not be empty, got 0"},
		{"empirical negative", second(NewEmpirical([]float64{1, -2})), "empirical: value cannot be negative, got -2"},
		{"empirical NaN", second(NewEmpirical([]float64{nan})), "empirical: value must be a finite number, got NaN"},
	}
	for _, c := range cases {
		if c.err == nil {
			t.Errorf("%s: no error, want %q", c.name, c.want)
			continue
		}
		if c.err.Error() != c.want {
			t.Errorf("%s: error %q, want %q", c.name, c.err, c.want)
		}
	}
}

func second[T any](_ T, err error) error { return err }

func TestValidEdgeParameters(t *testing.T) {
	for _, err := range []error{
		second(NewDeterministic(0)),
		second(NewUniform(0, 0)),
		second(NewUniform(5, 5)),
		second(NewEmpirical([]float64{0})),
		second(NewLogNormalMuSigma(-3, 0.1)),
		second(NewGamma(1e-3, 100)),
		second(NewWeibull(0.01, 1)),
	} {
		if err != nil {
			t.Error(err)
		}
	}
	if d := must(NewDeterministic(math.Copysign(0, -1))); math.Signbit(d.Value()) {
		t.Error("NewDeterministic(-0) kept the sign bit")
	}
}

// TestSampleExtremes samples parameter sets at the edges of what the
// constructors accept: every draw must be a finite non-negative number.
func TestSampleExtremes(t *testing.T) {
	ds := []Dist{
		must(NewExponential(1e300)),
		must(NewExponential(1e-300)),
		must(NewLogNormalMuSigma(600, 8)),
		must(NewLogNormalMuSigma(-600, 5)),
		must(NewLogNormal(1, 1e30)),
		must(NewGamma(1, 1e3)),    // shape 1e-6: the boost underflows to 0
		must(NewGamma(1e300, 10)), // huge mean
		must(NewGamma(1, 1e-6)),   // shape 1e12
		must(NewGammaShapeScale(1e-300, 1e300)),
		must(NewWeibull(0.01, 1)),
		must(NewWeibull(0.01, 1e-250)),
		must(NewWeibull(1e6, 1)),
		must(NewUniform(0, math.MaxFloat64)),
		must(NewEmpirical([]float64{0, math.MaxFloat64})),
	}
	r := newRand(99)
	for _, d := range ds {
		for i := 0; i < 20000; i++ {
			if x := d.Sample(r); !(x >= 0 && x <= math.MaxFloat64) {
				t.Fatalf("%v: Sample = %v", d, x)
			}
		}
		if m := d.Mean(); !(m >= 0 && m <= math.MaxFloat64) {
			t.Errorf("%v: Mean = %v", d, m)
		}
	}
}

// scriptedSource replays fixed outputs, then continues from a PCG, so a test
// can steer the ziggurat generators into their rarest branches.
type scriptedSource struct {
	script []uint64
	next   rand.Source
}

func (s *scriptedSource) Uint64() uint64 {
	if len(s.script) > 0 {
		v := s.script[0]
		s.script = s.script[1:]
		return v
	}
	return s.next.Uint64()
}

// TestSampleClampsInfiniteDraws steers ExpFloat64 and NormFloat64 into the
// tail branch where they take the logarithm of a zero uniform variate and
// return +Inf, and checks that no family passes that on.
func TestSampleClampsInfiniteDraws(t *testing.T) {
	// ExpFloat64: strip 0 with j above its threshold, then Float64() == 0.
	expInf := []uint64{0x00000000ffffffff, 0}
	// NormFloat64: strip 0 with positive j above its threshold, then two
	// zero uniforms.
	normInf := []uint64{0x000000007fffffff, 0, 0}
	cases := []struct {
		d      Dist
		script []uint64
	}{
		{must(NewExponential(60)), expInf},
		{must(NewWeibull(1.5, 60)), expInf},
		{must(NewWeibull(0.5, 60)), expInf},
		{must(NewLogNormal(60, 1)), normInf},
		{must(NewGamma(60, 0.5)), normInf},
		{must(NewGamma(60, 2)), normInf},
	}
	for _, c := range cases {
		r := rand.New(&scriptedSource{script: slices.Clone(c.script), next: rand.NewPCG(1, 2)})
		if x := c.d.Sample(r); !(x >= 0 && x <= math.MaxFloat64) {
			t.Errorf("%v: Sample = %v", c.d, x)
		}
	}
	// Make sure the script really produces +Inf, or the test proves nothing.
	if x := rand.New(&scriptedSource{script: slices.Clone(expInf), next: rand.NewPCG(1, 2)}).ExpFloat64(); !math.IsInf(x, 1) {
		t.Errorf("scripted ExpFloat64 = %v, want +Inf", x)
	}
	if x := rand.New(&scriptedSource{script: slices.Clone(normInf), next: rand.NewPCG(1, 2)}).NormFloat64(); !math.IsInf(x, 1) {
		t.Errorf("scripted NormFloat64 = %v, want +Inf", x)
	}
}

// TestSampleDeterministic checks that Sample draws only from the source it
// is given: two sources with the same seed give the same sequence, whatever
// else is drawn from the global source in between.
func TestSampleDeterministic(t *testing.T) {
	for _, c := range distCases() {
		a, b := newRand(42), newRand(42)
		for i := 0; i < 1000; i++ {
			x := c.d.Sample(a)
			_ = rand.Float64()
			if y := c.d.Sample(b); x != y {
				t.Fatalf("%s: draw %d differs: %v vs %v", c.name, i, x, y)
			}
		}
	}
}

func TestSampleAllocs(t *testing.T) {
	r := newRand(1)
	for _, c := range distCases() {
		d := Dist(c.d)
		if n := testing.AllocsPerRun(1000, func() { d.Sample(r) }); n != 0 {
			t.Errorf("%s: %v allocations per Sample", c.name, n)
		}
	}
}

func TestStringForms(t *testing.T) {
	cases := []struct {
		d    Dist
		want string
	}{
		{must(NewExponential(120)), "exponential(mean=2m)"},
		{must(NewDeterministic(45)), "45s"},
		{must(NewDeterministic(0)), "0s"},
		{must(NewDeterministic(0.25)), "250ms"},
		{must(NewDeterministic(1e9)), "1e+09s"},
		{must(NewUniform(10, 30)), "uniform(min=10s, max=30s)"},
		{must(NewLogNormal(180, 1.2)), "lognormal(mean=3m, cv=1.2)"},
		{must(NewLogNormalMuSigma(4.5, 0.9)), "lognormal(mu=4.5, sigma=0.9)"},
		{must(NewGamma(180, 0.5)), "gamma(mean=3m, cv=0.5)"},
		{must(NewGammaShapeScale(2, 90)), "gamma(shape=2, scale=1m30s)"},
		{must(NewWeibull(1.5, 120)), "weibull(shape=1.5, scale=2m)"},
		{must(NewWeibullMeanShape(120, 1.5)), "weibull(mean=2m, shape=1.5)"},
		{must(NewEmpirical([]float64{10, 20, 35})), "empirical(10s, 20s, 35s)"},
		{must(NewExponential(1.0 / 3)), "exponential(mean=0.3333333333333333s)"},
		{must(NewExponential(0.00711)), "exponential(mean=0.00711s)"},
	}
	for _, c := range cases {
		if got := c.d.String(); got != c.want {
			t.Errorf("String() = %q, want %q", got, c.want)
		}
	}
}

// TestFormatSeconds checks that String always writes durations that
// ParseDuration reads back exactly, including for the awkward values where FormatDuration's form
// does not survive the trip.
func TestFormatSeconds(t *testing.T) {
	r := newRand(3)
	vals := []float64{0, 1e-300, 1e-9, 0.001, 0.1234567, 1.0 / 3, 59.999999, 86400, 1e9, 1e21 + 1e6, 1e300, math.MaxFloat64}
	for i := 0; i < 2000; i++ {
		vals = append(vals, math.Exp(r.Float64()*60-30))
	}
	for _, v := range vals {
		s := formatSeconds(v)
		back, err := ParseDuration(s)
		if err != nil || back != v {
			t.Errorf("formatSeconds(%v) = %q, reads back as %v, %v", v, s, back, err)
		}
		if strings.ContainsAny(s, " ,()=") {
			t.Errorf("formatSeconds(%v) = %q contains a separator", v, s)
		}
	}
}
