package models

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mathext"
)

// The distribution families below are immutable values built by validating
// constructors (or by ParseDist). The zero value of each type is not a valid
// distribution. Every family has the same methods beyond Dist — Variance, CV
// and CDF — because fitting and reporting need them for any family a scenario
// names, not only for the ones the engine happens to sample.
//
// Sample methods never allocate and never return a negative value, NaN or
// +Inf: a pathological draw (such as a uniform variate of exactly zero fed to
// a logarithm) is clamped to math.MaxFloat64 rather than poisoning the event
// clock.

var (
	_ Dist = Exponential{}
	_ Dist = Deterministic{}
	_ Dist = Uniform{}
	_ Dist = LogNormal{}
	_ Dist = Gamma{}
	_ Dist = Weibull{}
	_ Dist = Empirical{}
)

// paramError reports an invalid constructor parameter. It is kept apart from
// a plain formatted error so that ParseDist can point at the offending
// parameter in the text instead of at the whole distribution.
type paramError struct {
	family string
	param  string
	msg    string // what is wrong, phrased to follow the parameter name
	hint   string // how to fix it, when that is not obvious
	value  float64
}

func (e *paramError) Error() string {
	s := fmt.Sprintf("%s: %s %s, got %s", e.family, e.param, e.msg, formatNumber(e.value))
	if e.hint != "" {
		s += "; " + e.hint
	}
	return s
}

// text is the message without family and value, for ParseDist, which points
// at the value instead.
func (e *paramError) text() string {
	if e.hint != "" {
		return e.param + " " + e.msg + "; " + e.hint
	}
	return e.param + " " + e.msg
}

func badParam(family, param, msg string, v float64) error {
	return &paramError{family: family, param: param, msg: msg, value: v}
}

func badParamHint(family, param, msg, hint string, v float64) error {
	return &paramError{family: family, param: param, msg: msg, hint: hint, value: v}
}

// checkPositive rejects what no scale parameter can be: NaN, infinities,
// zero and negatives.
func checkPositive(family, param string, v float64) error {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return badParam(family, param, "must be a finite number", v)
	case v <= 0:
		return badParam(family, param, "must be positive", v)
	}
	return nil
}

// checkNonNegative is checkPositive for quantities where zero makes sense, a
// fixed delay of zero for instance.
func checkNonNegative(family, param string, v float64) error {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return badParam(family, param, "must be a finite number", v)
	case v < 0:
		return badParam(family, param, "cannot be negative", v)
	}
	return nil
}

// clamp keeps a draw usable as a duration: the generators in math/rand/v2
// can, with vanishing probability, produce +Inf (the logarithm of a zero
// uniform variate), and extreme parameters can overflow.
func clamp(v float64) float64 {
	if v <= math.MaxFloat64 {
		return v
	}
	if v != v {
		return 0
	}
	return math.MaxFloat64
}

// cvOf is the coefficient of variation with the convention that a
// distribution without spread has cv 0, even when its mean is 0.
func cvOf(mean, variance float64) float64 {
	if variance == 0 {
		return 0
	}
	return math.Sqrt(variance) / mean
}

// formatNumber writes a dimensionless parameter so that strconv.ParseFloat
// reads back the identical float64.
func formatNumber(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// formatDurationParam writes a duration in the friendly form of FormatDuration when
// that form reads back exactly, and as plain seconds otherwise: a String
// method must round-trip bit for bit, and not every float64 survives the
// conversion to milliseconds and back.
func formatDurationParam(v float64) string {
	s := FormatDuration(v)
	if back, err := ParseDuration(s); err == nil && back == v {
		return s
	}
	return formatNumber(v)
}

// Exponential is the memoryless distribution: the classical model of
// inter-arrival times and of patience in Erlang A, and the one that makes the
// engine reproduce the analytic queueing formulas.
type Exponential struct {
	mean float64
}

// NewExponential returns the exponential distribution with the given mean in
// seconds, which must be positive and finite.
func NewExponential(mean float64) (Exponential, error) {
	if err := checkPositive("exponential", "mean", mean); err != nil {
		return Exponential{}, err
	}
	return Exponential{mean: mean}, nil
}

// Sample draws one value with the ziggurat generator of r, which is several
// times faster than inverting the CDF.
func (d Exponential) Sample(r *rand.Rand) float64 { return clamp(r.ExpFloat64() * d.mean) }

// Mean returns the mean in seconds.
func (d Exponential) Mean() float64 { return d.mean }

// Variance returns the square of the mean, the exponential's signature.
func (d Exponential) Variance() float64 { return d.mean * d.mean }

// CV returns 1: an exponential's standard deviation equals its mean.
func (d Exponential) CV() float64 { return 1 }

// CDF returns P(X ≤ x); it is 0 for negative x and NaN for NaN.
func (d Exponential) CDF(x float64) float64 {
	switch {
	case x != x:
		return x
	case x <= 0:
		return 0
	}
	return -math.Expm1(-x / d.mean)
}

// String returns the canonical form, such as "exponential(mean=2m)".
func (d Exponential) String() string {
	return "exponential(mean=" + formatDurationParam(d.mean) + ")"
}

// Deterministic always returns the same value. It is the right model for a
// recorded prompt, whose length does not vary from call to call.
type Deterministic struct {
	value float64
}

// NewDeterministic returns the distribution fixed at v seconds, which must be
// finite and not negative. Zero is allowed: a step that takes no time.
func NewDeterministic(v float64) (Deterministic, error) {
	if err := checkNonNegative("deterministic", "value", v); err != nil {
		return Deterministic{}, err
	}
	return Deterministic{value: v + 0}, nil // + 0 turns -0 into 0
}

// Sample returns the fixed value; it does not consume randomness from r.
func (d Deterministic) Sample(*rand.Rand) float64 { return d.value }

// Mean returns the fixed value.
func (d Deterministic) Mean() float64 { return d.value }

// Value returns the fixed value in seconds.
func (d Deterministic) Value() float64 { return d.value }

// Variance returns 0.
func (d Deterministic) Variance() float64 { return 0 }

// CV returns 0.
func (d Deterministic) CV() float64 { return 0 }

// CDF returns the step function: 0 below the value, 1 from it on, and NaN
// for NaN.
func (d Deterministic) CDF(x float64) float64 {
	switch {
	case x != x:
		return x
	case x < d.value:
		return 0
	}
	return 1
}

// String returns the value as a plain duration, such as "45s", which is the
// shortest text ParseDist reads as a deterministic distribution.
func (d Deterministic) String() string { return formatDurationParam(d.value) }

// Uniform spreads values evenly between a minimum and a maximum. It suits a
// quantity known only by its range.
type Uniform struct {
	min, max float64
}

// NewUniform returns the uniform distribution on [min, max] in seconds. Both
// bounds must be finite and not negative, and min must not exceed max;
// min == max gives a distribution fixed at that value.
func NewUniform(min, max float64) (Uniform, error) {
	if err := checkNonNegative("uniform", "min", min); err != nil {
		return Uniform{}, err
	}
	if err := checkNonNegative("uniform", "max", max); err != nil {
		return Uniform{}, err
	}
	if min > max {
		return Uniform{}, badParamHint("uniform", "min", "must not exceed max ("+formatDurationParam(max)+")", "swap them", min)
	}
	return Uniform{min: min + 0, max: max + 0}, nil
}

// Sample draws one value.
func (d Uniform) Sample(r *rand.Rand) float64 { return d.min + (d.max-d.min)*r.Float64() }

// Mean returns the midpoint.
func (d Uniform) Mean() float64 { return d.min + (d.max-d.min)/2 }

// Min returns the lower bound in seconds.
func (d Uniform) Min() float64 { return d.min }

// Max returns the upper bound in seconds.
func (d Uniform) Max() float64 { return d.max }

// Variance returns (max − min)² / 12.
func (d Uniform) Variance() float64 { w := d.max - d.min; return w * w / 12 }

// CV returns the standard deviation over the mean.
func (d Uniform) CV() float64 { return cvOf(d.Mean(), d.Variance()) }

// CDF returns P(X ≤ x), and NaN for NaN.
func (d Uniform) CDF(x float64) float64 {
	switch {
	case x != x:
		return x
	case x >= d.max:
		return 1
	case x < d.min:
		return 0
	}
	return (x - d.min) / (d.max - d.min)
}

// String returns the canonical form, such as "uniform(min=10s, max=30s)".
func (d Uniform) String() string {
	return "uniform(min=" + formatDurationParam(d.min) + ", max=" + formatDurationParam(d.max) + ")"
}

// LogNormal is the distribution whose logarithm is normal. Service times in
// call centres are close to lognormal (the Anonymous Bank's agent service
// time: mean 180 s, cv 1.21), which is why it can be written by mean and
// coefficient of variation, the two figures a contact centre reports.
type LogNormal struct {
	mean, cv  float64 // of the distribution itself
	mu, sigma float64 // of the logarithm of seconds
	byMean    bool    // which pair the user gave, so String can give it back exactly
}

// NewLogNormal returns the lognormal distribution with the given mean (in
// seconds) and coefficient of variation, both positive and finite.
func NewLogNormal(mean, cv float64) (LogNormal, error) {
	if err := checkPositive("lognormal", "mean", mean); err != nil {
		return LogNormal{}, err
	}
	if err := checkPositive("lognormal", "cv", cv); err != nil {
		return LogNormal{}, err
	}
	s2 := math.Log1p(cv * cv)
	switch {
	case math.IsInf(s2, 1):
		return LogNormal{}, badParam("lognormal", "cv", "is too large", cv)
	case s2 == 0:
		return LogNormal{}, badParamHint("lognormal", "cv", "is too small", "use a deterministic value instead", cv)
	}
	return LogNormal{mean: mean, cv: cv, mu: math.Log(mean) - s2/2, sigma: math.Sqrt(s2), byMean: true}, nil
}

// NewLogNormalMuSigma returns the lognormal distribution whose natural
// logarithm of seconds has mean mu and standard deviation sigma, the
// parameters statistical software reports after a fit. Sigma must be
// positive, and the resulting mean must be a positive finite number.
func NewLogNormalMuSigma(mu, sigma float64) (LogNormal, error) {
	if math.IsNaN(mu) || math.IsInf(mu, 0) {
		return LogNormal{}, badParam("lognormal", "mu", "must be a finite number", mu)
	}
	if err := checkPositive("lognormal", "sigma", sigma); err != nil {
		return LogNormal{}, err
	}
	mean := math.Exp(mu + sigma*sigma/2)
	cv := math.Sqrt(math.Expm1(sigma * sigma))
	switch {
	case math.IsInf(mean, 1) || math.IsInf(cv, 1):
		return LogNormal{}, badParam("lognormal", "sigma", "is too large for this mu: the mean would be infinite", sigma)
	case mean == 0:
		return LogNormal{}, badParam("lognormal", "mu", "is too small: the mean would be zero", mu)
	}
	return LogNormal{mean: mean, cv: cv, mu: mu, sigma: sigma}, nil
}

// Sample draws one value as exp(mu + sigma·Z) with Z from r's normal
// ziggurat generator.
func (d LogNormal) Sample(r *rand.Rand) float64 {
	return clamp(math.Exp(d.mu + d.sigma*r.NormFloat64()))
}

// Mean returns the mean in seconds.
func (d LogNormal) Mean() float64 { return d.mean }

// Mu returns the mean of the natural logarithm of seconds; exp(Mu) is the
// median.
func (d LogNormal) Mu() float64 { return d.mu }

// Sigma returns the standard deviation of the natural logarithm of seconds.
func (d LogNormal) Sigma() float64 { return d.sigma }

// Variance returns (mean·cv)².
func (d LogNormal) Variance() float64 { s := d.mean * d.cv; return s * s }

// CV returns the coefficient of variation.
func (d LogNormal) CV() float64 { return d.cv }

// CDF returns P(X ≤ x), and NaN for NaN.
func (d LogNormal) CDF(x float64) float64 {
	switch {
	case x != x:
		return x
	case x <= 0:
		return 0
	}
	return 0.5 * math.Erfc(-(math.Log(x)-d.mu)/(d.sigma*math.Sqrt2))
}

// String returns the canonical form in the parameters the distribution was
// built from: "lognormal(mean=3m, cv=1.2)" or "lognormal(mu=4.5, sigma=0.9)".
func (d LogNormal) String() string {
	if d.byMean {
		return "lognormal(mean=" + formatDurationParam(d.mean) + ", cv=" + formatNumber(d.cv) + ")"
	}
	return "lognormal(mu=" + formatNumber(d.mu) + ", sigma=" + formatNumber(d.sigma) + ")"
}

// Gamma is the gamma distribution. With cv below 1 it models times that are
// more regular than exponential (a sum of steps), above 1 times with many
// short and a few very long values; with cv = 1 it is the exponential.
type Gamma struct {
	mean, cv     float64
	shape, scale float64
	byMean       bool
	// Marsaglia–Tsang constants, precomputed so Sample does no setup work.
	d, c     float64
	boostInv float64 // 1/shape when shape < 1 and the draw needs boosting, else 0
}

// NewGamma returns the gamma distribution with the given mean (in seconds)
// and coefficient of variation, both positive and finite. Its shape is 1/cv²
// and its scale mean·cv².
func NewGamma(mean, cv float64) (Gamma, error) {
	if err := checkPositive("gamma", "mean", mean); err != nil {
		return Gamma{}, err
	}
	if err := checkPositive("gamma", "cv", cv); err != nil {
		return Gamma{}, err
	}
	shape := 1 / (cv * cv)
	scale := mean * cv * cv
	switch {
	case math.IsInf(shape, 1):
		return Gamma{}, badParamHint("gamma", "cv", "is too small", "use a deterministic value instead", cv)
	case shape == 0 || scale == 0 || math.IsInf(scale, 1):
		return Gamma{}, badParam("gamma", "cv", "is too large", cv)
	}
	g := newGamma(shape, scale)
	g.mean, g.cv, g.byMean = mean, cv, true
	return g, nil
}

// NewGammaShapeScale returns the gamma distribution with the given shape and
// scale (in seconds), both positive and finite, with a finite mean
// shape·scale.
func NewGammaShapeScale(shape, scale float64) (Gamma, error) {
	if err := checkPositive("gamma", "shape", shape); err != nil {
		return Gamma{}, err
	}
	if err := checkPositive("gamma", "scale", scale); err != nil {
		return Gamma{}, err
	}
	g := newGamma(shape, scale)
	g.mean, g.cv = shape*scale, 1/math.Sqrt(shape)
	switch {
	case math.IsInf(g.mean, 1):
		return Gamma{}, badParam("gamma", "scale", "is too large for this shape: the mean would be infinite", scale)
	case g.mean == 0:
		return Gamma{}, badParam("gamma", "scale", "is too small for this shape: the mean would be zero", scale)
	}
	return g, nil
}

func newGamma(shape, scale float64) Gamma {
	g := Gamma{shape: shape, scale: scale}
	a := shape
	if shape < 1 {
		// Gamma(a) = Gamma(a+1)·U^(1/a): Marsaglia–Tsang needs a ≥ 1.
		a = shape + 1
		g.boostInv = 1 / shape
	}
	g.d = a - 1.0/3
	g.c = 1 / math.Sqrt(9*g.d)
	return g
}

// Sample draws one value by the Marsaglia–Tsang squeeze method (with the
// U^(1/shape) boost for shape < 1), which accepts over 95 % of its
// candidates and needs only a normal and a uniform variate for each.
func (g Gamma) Sample(r *rand.Rand) float64 {
	var x, v float64
	for {
		for {
			x = r.NormFloat64()
			v = 1 + g.c*x
			if v > 0 {
				break
			}
		}
		v = v * v * v
		u := r.Float64()
		x2 := x * x
		if u < 1-0.0331*x2*x2 || math.Log(u) < 0.5*x2+g.d*(1-v+math.Log(v)) {
			break
		}
	}
	s := g.d * v * g.scale
	if g.boostInv != 0 {
		// U^(1/shape) computed as exp(−E/shape) with E = −ln U a standard
		// exponential from the ziggurat: no logarithm and no math.Pow,
		// and an infinite E still gives 0.
		s *= math.Exp(-r.ExpFloat64() * g.boostInv)
	}
	return clamp(s)
}

// Mean returns the mean in seconds.
func (g Gamma) Mean() float64 { return g.mean }

// Shape returns the shape parameter, 1/cv².
func (g Gamma) Shape() float64 { return g.shape }

// Scale returns the scale parameter in seconds.
func (g Gamma) Scale() float64 { return g.scale }

// Variance returns shape·scale².
func (g Gamma) Variance() float64 { return g.shape * g.scale * g.scale }

// CV returns the coefficient of variation, 1/√shape.
func (g Gamma) CV() float64 { return g.cv }

// CDF returns P(X ≤ x), the regularized lower incomplete gamma function
// P(shape, x/scale), and NaN for NaN.
func (g Gamma) CDF(x float64) float64 {
	switch {
	case x != x:
		return x
	case x <= 0:
		return 0
	}
	return mathext.GammaIncReg(g.shape, x/g.scale)
}

// String returns the canonical form in the parameters the distribution was
// built from: "gamma(mean=3m, cv=0.5)" or "gamma(shape=2, scale=1m30s)".
func (g Gamma) String() string {
	if g.byMean {
		return "gamma(mean=" + formatDurationParam(g.mean) + ", cv=" + formatNumber(g.cv) + ")"
	}
	return "gamma(shape=" + formatNumber(g.shape) + ", scale=" + formatDurationParam(g.scale) + ")"
}

// Weibull is the Weibull distribution, the usual model of patience in
// survival analyses of abandonment: shape below 1 means callers grow less
// likely to hang up the longer they have waited, above 1 more likely.
type Weibull struct {
	shape, scale float64
	mean         float64
	invShape     float64
	byMean       bool
}

// NewWeibull returns the Weibull distribution with the given shape and scale
// (in seconds), both positive and finite. Shapes below about 0.006 are
// rejected because their mean overflows.
func NewWeibull(shape, scale float64) (Weibull, error) {
	if err := checkPositive("weibull", "shape", shape); err != nil {
		return Weibull{}, err
	}
	if err := checkPositive("weibull", "scale", scale); err != nil {
		return Weibull{}, err
	}
	g := math.Gamma(1 + 1/shape)
	if math.IsInf(g, 1) {
		return Weibull{}, badParam("weibull", "shape", "is too small: the mean would be infinite", shape)
	}
	mean := scale * g
	if math.IsInf(mean, 1) {
		return Weibull{}, badParam("weibull", "scale", "is too large for this shape: the mean would be infinite", scale)
	}
	return Weibull{shape: shape, scale: scale, mean: mean, invShape: 1 / shape}, nil
}

// NewWeibullMeanShape returns the Weibull distribution with the given mean
// (in seconds) and shape, both positive and finite; the scale is
// mean/Γ(1 + 1/shape).
func NewWeibullMeanShape(mean, shape float64) (Weibull, error) {
	if err := checkPositive("weibull", "mean", mean); err != nil {
		return Weibull{}, err
	}
	if err := checkPositive("weibull", "shape", shape); err != nil {
		return Weibull{}, err
	}
	g := math.Gamma(1 + 1/shape)
	if math.IsInf(g, 1) {
		return Weibull{}, badParam("weibull", "shape", "is too small: the mean would be infinite", shape)
	}
	scale := mean / g
	if scale == 0 {
		return Weibull{}, badParam("weibull", "shape", "is too small for this mean", shape)
	}
	return Weibull{shape: shape, scale: scale, mean: mean, invShape: 1 / shape, byMean: true}, nil
}

// Sample draws one value by inversion, scale·E^(1/shape), where E = −ln(1−U)
// is a standard exponential variate taken from r's ziggurat generator, which
// is cheaper than the logarithm. The power is computed as exp(ln E / shape),
// half the cost of math.Pow, with exact shortcuts for shapes 1, 2 and ½.
func (w Weibull) Sample(r *rand.Rand) float64 {
	e := r.ExpFloat64()
	switch w.invShape {
	case 1:
	case 0.5:
		e = math.Sqrt(e)
	case 2:
		e *= e
	default:
		e = math.Exp(math.Log(e) * w.invShape)
	}
	return clamp(w.scale * e)
}

// Mean returns the mean in seconds, scale·Γ(1 + 1/shape).
func (w Weibull) Mean() float64 { return w.mean }

// Shape returns the shape parameter.
func (w Weibull) Shape() float64 { return w.shape }

// Scale returns the scale parameter in seconds.
func (w Weibull) Scale() float64 { return w.scale }

// Variance returns scale²·(Γ(1 + 2/shape) − Γ(1 + 1/shape)²); it is +Inf for
// shapes so small that Γ(1 + 2/shape) overflows.
func (w Weibull) Variance() float64 {
	g1 := math.Gamma(1 + w.invShape)
	g2 := math.Gamma(1 + 2*w.invShape)
	return w.scale * w.scale * (g2 - g1*g1)
}

// CV returns the coefficient of variation, which depends on the shape only.
func (w Weibull) CV() float64 { return cvOf(w.mean, w.Variance()) }

// CDF returns P(X ≤ x) = 1 − exp(−(x/scale)^shape), and NaN for NaN.
func (w Weibull) CDF(x float64) float64 {
	switch {
	case x != x:
		return x
	case x <= 0:
		return 0
	}
	return -math.Expm1(-math.Pow(x/w.scale, w.shape))
}

// String returns the canonical form in the parameters the distribution was
// built from: "weibull(shape=1.5, scale=2m)" or "weibull(mean=2m, shape=1.5)".
func (w Weibull) String() string {
	if w.byMean {
		return "weibull(mean=" + formatDurationParam(w.mean) + ", shape=" + formatNumber(w.shape) + ")"
	}
	return "weibull(shape=" + formatNumber(w.shape) + ", scale=" + formatDurationParam(w.scale) + ")"
}

// Empirical is the bootstrap distribution of a list of observed values:
// Sample returns one of the values, each with equal probability (a value
// listed twice is twice as likely), so a simulation reuses real
// measurements without assuming a family. It never produces a value that was
// not observed.
//
// Empirical holds its values behind a pointer so that the type stays
// comparable; == compares identity, and two Empiricals built from equal lists
// are equal under reflect.DeepEqual. Its zero value holds no values, and its
// methods panic on it.
type Empirical struct {
	e *empirical
}

type empirical struct {
	values   []float64 // in the order given, which String preserves
	sorted   []float64 // for CDF
	mean     float64
	variance float64
}

// NewEmpirical returns the bootstrap distribution of values (in seconds),
// which must be non-empty, finite and not negative. The slice is copied.
func NewEmpirical(values []float64) (Empirical, error) {
	if len(values) == 0 {
		return Empirical{}, badParam("empirical", "values", "must not be empty", 0)
	}
	for _, v := range values {
		if err := checkNonNegative("empirical", "value", v); err != nil {
			return Empirical{}, err
		}
	}
	e := &empirical{values: make([]float64, len(values))}
	for i, v := range values {
		e.values[i] = v + 0
	}
	e.sorted = slices.Clone(e.values)
	slices.Sort(e.sorted)
	n := float64(len(values))
	sum := 0.0
	for _, v := range e.values {
		sum += v
	}
	e.mean = sum / n
	if math.IsInf(sum, 1) { // only for values near math.MaxFloat64
		e.mean = 0
		for _, v := range e.values {
			e.mean += v / n
		}
	}
	ss := 0.0
	for _, v := range e.values {
		dv := v - e.mean
		ss += dv * dv
	}
	e.variance = ss / n
	return Empirical{e: e}, nil
}

// Sample returns one of the values, chosen uniformly.
func (d Empirical) Sample(r *rand.Rand) float64 {
	return d.e.values[r.IntN(len(d.e.values))]
}

// Mean returns the average of the values.
func (d Empirical) Mean() float64 { return d.e.mean }

// Values returns a copy of the values in the order given.
func (d Empirical) Values() []float64 { return slices.Clone(d.e.values) }

// Len returns the number of values.
func (d Empirical) Len() int { return len(d.e.values) }

// Variance returns the variance of the bootstrap distribution, that is the
// values' variance with divisor n (not the n − 1 of a sample estimate).
func (d Empirical) Variance() float64 { return d.e.variance }

// CV returns the coefficient of variation of the bootstrap distribution.
func (d Empirical) CV() float64 { return cvOf(d.e.mean, d.e.variance) }

// CDF returns the fraction of values at most x, and NaN for NaN.
func (d Empirical) CDF(x float64) float64 {
	if x != x {
		return x
	}
	s := d.e.sorted
	lo, hi := 0, len(s) // find the first value above x
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s[m] > x {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return float64(lo) / float64(len(s))
}

// String returns the canonical form, such as "empirical(10s, 20s, 35s)".
func (d Empirical) String() string {
	var b strings.Builder
	b.WriteString("empirical(")
	for i, v := range d.e.values {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(formatDurationParam(v))
	}
	b.WriteByte(')')
	return b.String()
}

// upperGammaFraction evaluates, by the modified Lentz method, the continued
// fraction h with Q(a, x) = h·xᵃe⁻ˣ/Γ(a), for x ≥ a + 1 where it converges
// fast. logUpperIncGamma uses it, in logarithms, where Q itself is below
// what a float64 holds.
func upperGammaFraction(a, x, eps float64, maxIter int) float64 {
	const tiny = 1e-300
	b := x + 1 - a
	c := 1 / tiny
	d := 1 / b
	h := d
	for i := 1; i <= maxIter; i++ {
		an := -float64(i) * (float64(i) - a)
		b += 2
		d = an*d + b
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = b + an/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < eps {
			break
		}
	}
	return h
}

// logGammaKernel returns a·ln x − x − ln Γ(a), the logarithm of the common
// factor of the incomplete gamma series. For large a the three terms are
// huge and nearly cancel, so it is computed instead as
// −a·(t − ln(1+t)) + ½·ln(a/2π) − stirlerr(a) with x = a(1+t).
func logGammaKernel(a, x float64) float64 {
	if a < 15 {
		lg, _ := math.Lgamma(a)
		return a*math.Log(x) - x - lg
	}
	t := (x - a) / a
	// Stirling's series for ln Γ(a) − ((a − ½)ln a − a + ½ ln 2π); the
	// first omitted term is below 1e-16 for a ≥ 15.
	a2 := a * a
	stirlerr := (1.0/12 - (1.0/360-(1.0/1260-(1.0/1680-1.0/(1188*a2))/a2)/a2)/a2) / a
	return -a*(t-math.Log1p(t)) + 0.5*math.Log(a/(2*math.Pi)) - stirlerr
}
