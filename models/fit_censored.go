package models

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Param is one fitted parameter with its standard error.
type Param struct {
	Name  string
	Value float64
	SE    float64
}

// DurationFit is a distribution fitted by maximum likelihood to durations,
// some of them right-censored: for a censored value c the duration is only
// known to exceed c (a caller answered after waiting c seconds would have
// waited longer). Standard errors come from the observed information (the
// inverse Hessian of the log-likelihood) and the delta method.
type DurationFit struct {
	Family string
	Dist   Dist
	// Params are the family's natural parameters (lognormal: mu and sigma
	// of the log; gamma and weibull: shape and scale; exponential: mean).
	Params []Param
	Mean   Param
	CV     Param
	Median Param
	LogLik float64
	// AIC is Akaike's information criterion, 2k − 2·LogLik: the lower,
	// the better the family explains the sample for its number of
	// parameters.
	AIC float64
	// N counts the values, Events those not censored.
	N, Events int

	fam *family
	th  []float64
	cov *mat.SymDense
}

// SF returns P(X > x) under the fit.
func (f *DurationFit) SF(x float64) float64 { return math.Exp(f.fam.logSF(f.th, x)) }

// FitDuration fits family to fully observed durations, all positive.
func FitDuration(family string, values []float64) (*DurationFit, error) {
	return FitCensored(family, values, nil)
}

// FitCensored fits family by maximum likelihood to events (durations
// observed in full, all positive) and censored (durations known only to
// exceed each value; zeros carry no information and are ignored).
func FitCensored(family string, events, censored []float64) (*DurationFit, error) {
	fam, err := lookupFamily(family)
	if err != nil {
		return nil, err
	}
	if len(events) < 2 {
		return nil, fmt.Errorf("%d observed values; a fit needs at least 2", len(events))
	}
	for _, x := range events {
		if !(x > 0) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("observed value %g is not a positive duration", x)
		}
	}
	cens := make([]float64, 0, len(censored))
	for _, c := range censored {
		switch {
		case math.IsNaN(c) || c < 0 || math.IsInf(c, 0):
			return nil, fmt.Errorf("censored value %g is not a duration", c)
		case c > 0:
			cens = append(cens, c)
		}
	}
	mean, cv, lm, ls := moments(events)
	if same(events) {
		return nil, fmt.Errorf("every observed value is %g; a distribution cannot be fitted to one value", events[0])
	}
	negLL := func(th []float64) float64 {
		s := 0.0
		for _, x := range events {
			s += fam.logPDF(th, x)
		}
		for _, c := range cens {
			s += fam.logSF(th, c)
		}
		if math.IsNaN(s) {
			return math.Inf(1)
		}
		return -s
	}
	th, err := maximise(negLL, fam.start(mean, cv, lm, ls))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", family, err)
	}
	cov, err := covariance(negLL, th)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", family, err)
	}
	return newDurationFit(fam, th, cov, -negLL(th), len(events)+len(cens), len(events))
}

// newDurationFit describes the fit at th with covariance cov and
// log-likelihood ll.
func newDurationFit(fam *family, th []float64, cov *mat.SymDense, ll float64, n, events int) (*DurationFit, error) {
	d, err := fam.dist(th)
	if err != nil {
		return nil, fmt.Errorf("%s: the fit is degenerate: %w", fam.name, err)
	}
	f := &DurationFit{Family: fam.name, Dist: d, fam: fam, th: th, cov: cov, N: n, Events: events}
	f.LogLik = ll
	f.AIC = 2*float64(len(th)) - 2*ll
	nat := fam.natural(th)
	for i, name := range fam.params {
		f.Params = append(f.Params, Param{Name: name, Value: nat[i], SE: deltaSE(cov, th, func(t []float64) float64 { return fam.natural(t)[i] })})
	}
	meanOf := func(t []float64) float64 {
		d, err := fam.dist(t)
		if err != nil {
			return math.NaN()
		}
		return d.Mean()
	}
	cvOfFit := func(t []float64) float64 {
		d, err := fam.dist(t)
		if err != nil {
			return math.NaN()
		}
		return distCV(d)
	}
	medianOf := func(t []float64) float64 { return quantileOf(fam, t, 0.5) }
	f.Mean = Param{Name: "mean", Value: meanOf(th), SE: deltaSE(cov, th, meanOf)}
	f.CV = Param{Name: "cv", Value: cvOfFit(th), SE: deltaSE(cov, th, cvOfFit)}
	f.Median = Param{Name: "median", Value: medianOf(th), SE: deltaSE(cov, th, medianOf)}
	return f, nil
}

// FitBest fits every family of FitFamilies and returns the fits ordered by
// AIC, best first. Families that cannot be fitted are left out; an error
// is returned only when none can.
func FitBest(events, censored []float64) ([]*DurationFit, error) {
	return bestByAIC(func(name string) (*DurationFit, error) { return FitCensored(name, events, censored) },
		func(f *DurationFit) float64 { return f.AIC })
}

// bestByAIC fits every family of FitFamilies and returns the fits ordered
// by AIC, best first, leaving out families that cannot be fitted; it fails
// only when none can.
func bestByAIC[F any](fit func(family string) (F, error), aic func(F) float64) ([]F, error) {
	var fits []F
	var errs []error
	for _, name := range FitFamilies {
		f, err := fit(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		fits = append(fits, f)
	}
	if len(fits) == 0 {
		return nil, errors.Join(errs...)
	}
	slices.SortStableFunc(fits, func(a, b F) int { return cmp.Compare(aic(a), aic(b)) })
	return fits, nil
}

func same(xs []float64) bool {
	for _, x := range xs[1:] {
		if x != xs[0] {
			return false
		}
	}
	return true
}

// distCV is the coefficient of variation of a fitted distribution.
func distCV(d Dist) float64 {
	switch v := d.(type) {
	case Exponential:
		return 1
	case LogNormal:
		return v.CV()
	case Gamma:
		return v.CV()
	case Weibull:
		return v.CV()
	}
	return math.NaN()
}

// quantileOf inverts the family's survival function by bisection on the
// log scale.
func quantileOf(fam *family, th []float64, p float64) float64 {
	target := math.Log1p(-p)
	lo, hi := 1e-9, 1.0
	for fam.logSF(th, hi) > target && hi < 1e15 {
		hi *= 2
	}
	for range 200 {
		mid := math.Sqrt(lo * hi)
		if fam.logSF(th, mid) > target {
			lo = mid
		} else {
			hi = mid
		}
		if hi/lo < 1+1e-12 {
			break
		}
	}
	return math.Sqrt(lo * hi)
}

// maximise minimises negLL from start: Nelder–Mead to get close, then
// Newton steps on a numerical Hessian to settle the optimum precisely
// enough for the curvature there to give standard errors.
func maximise(negLL func([]float64) float64, start []float64) ([]float64, error) {
	if math.IsInf(negLL(start), 0) || math.IsNaN(negLL(start)) {
		return nil, fmt.Errorf("the likelihood is zero at the starting point")
	}
	th := nelderMead(negLL, start, 0.2, 3000)
	f := negLL(th)
	for range 30 {
		g := mat.NewVecDense(len(th), gradient(negLL, th))
		inv, ok := inverseSPD(hessian(negLL, th))
		if !ok {
			break
		}
		var d mat.VecDense
		d.MulVec(inv, g)
		dir := d.RawVector().Data
		improved := false
		for lambda := 1.0; lambda > 1e-4; lambda /= 2 {
			next := make([]float64, len(th))
			for i := range th {
				next[i] = th[i] - lambda*dir[i]
			}
			if fn := negLL(next); fn < f {
				improved = f-fn > 1e-12
				th, f = next, fn
				break
			}
		}
		if !improved {
			break
		}
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, fmt.Errorf("the likelihood could not be maximised")
	}
	return th, nil
}

// covariance is the inverse of the observed information at the optimum.
func covariance(negLL func([]float64) float64, th []float64) (*mat.SymDense, error) {
	cov, ok := inverseSPD(hessian(negLL, th))
	if !ok {
		return nil, fmt.Errorf("the likelihood has no clear maximum (the sample does not identify the parameters)")
	}
	return cov, nil
}

// deltaSE is the standard error of g(θ̂) by the delta method.
func deltaSE(cov *mat.SymDense, th []float64, g func([]float64) float64) float64 {
	grad := gradient(g, th)
	return math.Sqrt(math.Max(0, quadForm(cov, grad)))
}
