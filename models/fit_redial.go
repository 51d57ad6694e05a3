package models

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// RedialFit is the share of callers who call again after an unsuccessful
// contact and the distribution of their delay, fitted jointly.
type RedialFit struct {
	// Share is the probability of calling again at all.
	Share Param
	// Delay is the delay of those who do.
	Delay *DurationFit
	// N counts the contacts followed, Redials those followed by another.
	N, Redials int
	LogLik     float64
	AIC        float64
}

// FitRedial fits a cure-rate (mixture) model to what followed unsuccessful
// contacts: gaps are the delays to the next contact of callers seen
// calling again; followed are, for the others, how long they were watched
// without calling again (to the end of the observation window). A caller
// calls again with probability p after a delay from family, so the
// likelihood is Π p·f(gap) · Π (1 − p·F(followed)). Dividing the redials by
// everyone would understate p, as some would have called after the window
// closed; fitting the delay to the seen gaps alone would understate the
// delay, as the long ones are the ones the window cuts off. The joint fit
// corrects both.
func FitRedial(family string, gaps, followed []float64) (*RedialFit, error) {
	fam, err := lookupFamily(family)
	if err != nil {
		return nil, err
	}
	if len(gaps) < 2 {
		return nil, fmt.Errorf("%d redials; a fit needs at least 2", len(gaps))
	}
	for _, g := range gaps {
		if !(g > 0) || math.IsInf(g, 0) {
			return nil, fmt.Errorf("redial delay %g is not a positive duration", g)
		}
	}
	for _, c := range followed {
		if math.IsNaN(c) || c < 0 || math.IsInf(c, 0) {
			return nil, fmt.Errorf("follow-up time %g is not a duration", c)
		}
	}
	if same(gaps) {
		return nil, fmt.Errorf("every redial delay is %g; a distribution cannot be fitted to one value", gaps[0])
	}
	mean, cv, lm, ls := moments(gaps)
	n := len(gaps) + len(followed)
	p0 := math.Min(0.99, math.Max(0.01, float64(len(gaps))/float64(n)))
	start := append([]float64{math.Log(p0 / (1 - p0))}, fam.start(mean, cv, lm, ls)...)
	negLL := func(th []float64) float64 {
		lp := -math.Log1p(math.Exp(-th[0])) // log p
		p := math.Exp(lp)
		ft := th[1:]
		s := float64(len(gaps)) * lp
		for _, g := range gaps {
			s += fam.logPDF(ft, g)
		}
		for _, c := range followed {
			cdf := -math.Expm1(fam.logSF(ft, c))
			s += math.Log1p(-p * cdf)
		}
		if math.IsNaN(s) {
			return math.Inf(1)
		}
		return -s
	}
	th, err := maximise(negLL, start)
	if err != nil {
		return nil, fmt.Errorf("redial %s: %w", family, err)
	}
	cov, err := covariance(negLL, th)
	if err != nil {
		return nil, fmt.Errorf("redial %s: %w", family, err)
	}
	sub := mat.NewSymDense(len(th)-1, nil)
	for i := 1; i < len(th); i++ {
		for j := i; j < len(th); j++ {
			sub.SetSym(i-1, j-1, cov.At(i, j))
		}
	}
	ll := -negLL(th)
	delay, err := newDurationFit(fam, th[1:], sub, ll, len(gaps), len(gaps))
	if err != nil {
		return nil, err
	}
	share := func(t []float64) float64 { return 1 / (1 + math.Exp(-t[0])) }
	return &RedialFit{
		Share:   Param{Name: "share", Value: share(th), SE: deltaSE(cov, th, share)},
		Delay:   delay,
		N:       n,
		Redials: len(gaps),
		LogLik:  ll,
		AIC:     2*float64(len(th)) - 2*ll,
	}, nil
}

// FitRedialBest fits the redial model with every family of FitFamilies and
// returns the fits ordered by AIC, best first.
func FitRedialBest(gaps, followed []float64) ([]*RedialFit, error) {
	return bestByAIC(func(name string) (*RedialFit, error) { return FitRedial(name, gaps, followed) },
		func(f *RedialFit) float64 { return f.AIC })
}
