package models_test

import (
	"fmt"

	"github.com/ivrsim/ivrsim/models"
)

// Patience from queue waits: callers who hung up observed their patience;
// callers answered first are censored at their wait. The censored fit uses
// both; averaging the hang-ups alone would say callers give up after 26 s.
// For the exponential the fit is the Mandelbaum–Zeltyn estimator: total
// time waited over hang-ups.
func ExampleFitCensored() {
	hungUp := []float64{12, 20, 25, 31, 44}
	answered := []float64{5, 9, 15, 18, 22, 30, 35, 41, 47, 52, 60, 75}
	fit, err := models.FitCensored("exponential", hungUp, answered)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s: mean %.1f s ± %.1f s, from %d waits, %d hang-ups\n", fit.Family, fit.Mean.Value, fit.Mean.SE, fit.N, fit.Events)
	// Output: exponential: mean 108.2 s ± 48.4 s, from 17 waits, 5 hang-ups
}

// The Kaplan–Meier curve of the same waits, without assuming a family.
func ExampleKaplanMeier() {
	km := models.KaplanMeier([]float64{12, 20, 25, 31, 44}, []float64{5, 9, 15, 18, 22, 30, 35, 41, 47, 52, 60, 75})
	for _, s := range km {
		fmt.Printf("after %2.0f s: %.3f still waiting (± %.3f), %d at risk\n", s.Time, s.Survival, s.SE, s.AtRisk)
	}
	// Output:
	// after 12 s: 0.933 still waiting (± 0.064), 15 at risk
	// after 20 s: 0.856 still waiting (± 0.095), 12 at risk
	// after 25 s: 0.770 still waiting (± 0.118), 10 at risk
	// after 31 s: 0.674 still waiting (± 0.137), 8 at risk
	// after 44 s: 0.539 still waiting (± 0.163), 5 at risk
}
