package models

import (
	"math"
	"slices"
)

// KMStep is one step of a Kaplan–Meier survival curve: just after Time,
// the estimated probability of surviving past it.
type KMStep struct {
	Time     float64
	Survival float64
	// SE is Greenwood's standard error of Survival.
	SE     float64
	AtRisk int // still at risk just before Time
	Events int // observed at Time
}

// KaplanMeier estimates the survival function of durations from events
// (observed in full) and censored values (known only to exceed the value),
// without assuming a family. It is the product-limit estimator: at each
// event time t, S is multiplied by 1 − d/n, where d events happen at t and
// n values are still at risk. A censored value equal to an event time is
// taken to survive it, the usual convention. Steps are returned in time
// order, one per distinct event time.
func KaplanMeier(events, censored []float64) []KMStep {
	ev := sortedCopy(events)
	ce := sortedCopy(censored)
	atRisk := len(ev) + len(ce)
	s, greenwood := 1.0, 0.0
	var out []KMStep
	i, j := 0, 0
	for i < len(ev) {
		t := ev[i]
		// Censored before t leave the risk set first.
		for j < len(ce) && ce[j] < t {
			j++
			atRisk--
		}
		d := 0
		for i < len(ev) && ev[i] == t {
			d++
			i++
		}
		if atRisk > 0 {
			s *= 1 - float64(d)/float64(atRisk)
			if atRisk > d {
				greenwood += float64(d) / (float64(atRisk) * float64(atRisk-d))
			}
		}
		out = append(out, KMStep{Time: t, Survival: s, SE: s * math.Sqrt(greenwood), AtRisk: atRisk, Events: d})
		atRisk -= d
	}
	return out
}

// KMSurvival reads the survival curve at t: the probability of lasting
// beyond t.
func KMSurvival(steps []KMStep, t float64) float64 {
	i, _ := slices.BinarySearchFunc(steps, t, func(s KMStep, t float64) int {
		switch {
		case s.Time <= t:
			return -1
		}
		return 1
	})
	if i == 0 {
		return 1
	}
	return steps[i-1].Survival
}

// KMQuantile is the smallest time by which the curve has fallen to 1 − p
// or below (p = 0.5 gives the median), or NaN when it never does: with
// heavy censoring the curve may stop above it.
func KMQuantile(steps []KMStep, p float64) float64 {
	for _, s := range steps {
		if s.Survival <= 1-p+1e-12 {
			return s.Time
		}
	}
	return math.NaN()
}

// KMRestrictedMean is the area under the curve up to tau, the mean of
// min(duration, tau): the part of the mean the data can speak for when
// the longest durations are censored.
func KMRestrictedMean(steps []KMStep, tau float64) float64 {
	area, prevT, prevS := 0.0, 0.0, 1.0
	for _, s := range steps {
		if s.Time >= tau {
			break
		}
		area += prevS * (s.Time - prevT)
		prevT, prevS = s.Time, s.Survival
	}
	return area + prevS*(tau-prevT)
}
