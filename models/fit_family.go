package models

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mathext"
)

// Families that FitDuration and FitCensored can fit, in the order they are
// tried and reported.
var FitFamilies = []string{"exponential", "lognormal", "gamma", "weibull"}

// family is one parametric family of positive durations, written in
// unconstrained parameters th so an optimiser can search freely: logarithms
// of positive parameters, and the log-scale mean μ for the lognormal.
type family struct {
	name string
	// params names the natural parameters, as written in the report.
	params []string
	// natural maps th to the natural parameters.
	natural func(th []float64) []float64
	// start guesses th from uncensored values by the method of moments.
	start func(mean, cv, logMean, logSD float64) []float64
	// logPDF and logSF are the log density and log survival function.
	logPDF func(th []float64, x float64) float64
	logSF  func(th []float64, x float64) float64
	// dist builds the distribution, written by mean where the family
	// allows, so a scenario reads it in the figures a centre reports.
	dist func(th []float64) (Dist, error)
}

const halfLog2Pi = 0.9189385332046727 // ½·ln 2π

var fitFamilies = map[string]*family{
	"exponential": {
		name:    "exponential",
		params:  []string{"mean"},
		natural: func(th []float64) []float64 { return []float64{math.Exp(th[0])} },
		start:   func(mean, _, _, _ float64) []float64 { return []float64{math.Log(mean)} },
		logPDF: func(th []float64, x float64) float64 {
			return -th[0] - x*math.Exp(-th[0])
		},
		logSF: func(th []float64, x float64) float64 { return -x * math.Exp(-th[0]) },
		dist:  func(th []float64) (Dist, error) { return NewExponential(math.Exp(th[0])) },
	},
	"lognormal": {
		name:    "lognormal",
		params:  []string{"mu", "sigma"},
		natural: func(th []float64) []float64 { return []float64{th[0], math.Exp(th[1])} },
		start: func(_, _, logMean, logSD float64) []float64 {
			return []float64{logMean, math.Log(math.Max(logSD, 1e-3))}
		},
		logPDF: func(th []float64, x float64) float64 {
			s := math.Exp(th[1])
			lx := math.Log(x)
			z := (lx - th[0]) / s
			return -lx - th[1] - halfLog2Pi - z*z/2
		},
		logSF: func(th []float64, x float64) float64 {
			if x <= 0 {
				return 0
			}
			return logNormalSF((math.Log(x) - th[0]) / math.Exp(th[1]))
		},
		dist: func(th []float64) (Dist, error) {
			s := math.Exp(th[1])
			return NewLogNormal(math.Exp(th[0]+s*s/2), math.Sqrt(math.Expm1(s*s)))
		},
	},
	"gamma": {
		name:    "gamma",
		params:  []string{"shape", "scale"},
		natural: func(th []float64) []float64 { return []float64{math.Exp(th[0]), math.Exp(th[1])} },
		start: func(mean, cv, _, _ float64) []float64 {
			k := 1 / (cv * cv)
			return []float64{math.Log(k), math.Log(mean / k)}
		},
		logPDF: func(th []float64, x float64) float64 {
			k, sc := math.Exp(th[0]), math.Exp(th[1])
			lg, _ := math.Lgamma(k)
			return (k-1)*math.Log(x) - x/sc - lg - k*th[1]
		},
		logSF: func(th []float64, x float64) float64 {
			if x <= 0 {
				return 0
			}
			return logUpperIncGamma(math.Exp(th[0]), x/math.Exp(th[1]))
		},
		dist: func(th []float64) (Dist, error) {
			k, sc := math.Exp(th[0]), math.Exp(th[1])
			return NewGamma(k*sc, 1/math.Sqrt(k))
		},
	},
	"weibull": {
		name:    "weibull",
		params:  []string{"shape", "scale"},
		natural: func(th []float64) []float64 { return []float64{math.Exp(th[0]), math.Exp(th[1])} },
		start: func(mean, cv, _, _ float64) []float64 {
			// cv ≈ k^−0.926 is close enough to start from.
			k := math.Pow(math.Max(cv, 0.05), -1/0.926)
			g := math.Gamma(1 + 1/k)
			return []float64{math.Log(k), math.Log(mean / g)}
		},
		logPDF: func(th []float64, x float64) float64 {
			k := math.Exp(th[0])
			lz := math.Log(x) - th[1]
			return th[0] - th[1] + (k-1)*lz - math.Exp(k*lz)
		},
		logSF: func(th []float64, x float64) float64 {
			if x <= 0 {
				return 0
			}
			return -math.Exp(math.Exp(th[0]) * (math.Log(x) - th[1]))
		},
		dist: func(th []float64) (Dist, error) {
			k := math.Exp(th[0])
			return NewWeibullMeanShape(math.Exp(th[1])*math.Gamma(1+1/k), k)
		},
	},
}

func lookupFamily(name string) (*family, error) {
	f, ok := fitFamilies[name]
	if !ok {
		return nil, fmt.Errorf("no fit for family %q; fit one of %v", name, FitFamilies)
	}
	return f, nil
}

// logNormalSF is ln P(Z > z) for a standard normal Z, accurate far into
// the upper tail, where 1 − Φ(z) underflows: there it is ln φ(z) + ln R(z),
// with Mills' ratio R from its continued fraction
// R(z) = 1/(z + 1/(z + 2/(z + 3/(z + …)))).
func logNormalSF(z float64) float64 {
	if z < 3 {
		return math.Log(0.5 * math.Erfc(z/math.Sqrt2))
	}
	r := z
	for k := 60; k >= 1; k-- {
		r = z + float64(k)/r
	}
	return -z*z/2 - halfLog2Pi - math.Log(r)
}

// logUpperIncGamma is ln Q(a, x), the log of the regularized upper
// incomplete gamma function: gonum's Q where it is a normal float64, and
// in the far tail, where Q underflows (the likelihood of a censored value
// at absurd parameters, which the optimiser visits), the continued
// fraction in logarithms.
func logUpperIncGamma(a, x float64) float64 {
	if q := mathext.GammaIncRegComp(a, x); q > 1e-300 || x < a+1 {
		return math.Log(q)
	}
	h := upperGammaFraction(a, x, 1e-15, 10000)
	return math.Log(h) + logGammaKernel(a, x)
}

// moments are the summaries the families start from.
func moments(xs []float64) (mean, cv, logMean, logSD float64) {
	n := float64(len(xs))
	var s, s2, l, l2 float64
	for _, x := range xs {
		s += x
		s2 += x * x
		lx := math.Log(x)
		l += lx
		l2 += lx * lx
	}
	mean = s / n
	v := math.Max(s2/n-mean*mean, 0)
	cv = math.Sqrt(v) / mean
	if !(cv > 0.05) {
		cv = 0.05
	}
	logMean = l / n
	logSD = math.Sqrt(math.Max(l2/n-logMean*logMean, 1e-6))
	return
}

// sortedCopy returns xs sorted, leaving xs alone.
func sortedCopy(xs []float64) []float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s
}
