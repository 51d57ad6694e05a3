package models

import (
	"math"
	"testing"
)

// FuzzParseDuration: any text parses to a finite duration of 0 or more,
// or fails; what parses reads back through FormatDuration.
func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"45s", "3m", "1h30m", "250ms", "1.5h", "45", "2.5", "1e3s", "-1s", "1e300h", "NaN", "Inf", "1d", "1h-1m", "", "µs", "1e", ".5m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseDuration(s)
		if err != nil {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			t.Fatalf("ParseDuration(%q) = %v", s, v)
		}
		back, err := ParseDuration(FormatDuration(v))
		if err != nil || math.Abs(back-v) > 1e-9*math.Max(1, v) {
			t.Fatalf("%q → %v → %q → %v, %v", s, v, FormatDuration(v), back, err)
		}
	})
}

// FuzzParseRate: any text parses to a finite rate from 0 to MaxRate, or
// fails.
func FuzzParseRate(f *testing.F) {
	for _, s := range []string{"100/min", "6000/h", "100/30m", "5", "1e307/1ms", "1/0s", "-1/s", "1/", "/s", "NaN/s", "1/1e-300s", "3/day"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseRate(s)
		if err != nil {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > MaxRate {
			t.Fatalf("ParseRate(%q) = %v", s, v)
		}
	})
}
