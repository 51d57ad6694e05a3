package models

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestParseDuration(t *testing.T) {
	good := map[string]float64{
		"45s": 45, "3m": 180, "1h30m": 5400, "250ms": 0.25, "1.5h": 5400, "45": 45,
		"2.5": 2.5, " 10s ": 10, "1d": 86400, "1e3s": 1000, "0": 0, "0s": 0, "1m0.5s": 60.5,
	}
	for in, want := range good {
		got, err := ParseDuration(in)
		if err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	bad := map[string]string{
		"":       "empty duration",
		"-2m":    "cannot be negative",
		"-5":     "cannot be negative",
		"5x":     `unknown unit "x"`,
		"5 m":    "missing unit after 5",
		"m":      "expected a number",
		"1h30":   "missing unit",
		"NaN":    "not a finite number",
		"1e400":  "not a finite number",
		"1e400s": "bad number",
	}
	for in, want := range bad {
		_, err := ParseDuration(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseDuration(%q) error = %v; want it to mention %q", in, err, want)
		}
	}
}

// TestFormatDurationRoundTrip: whatever FormatDuration writes,
// ParseDuration reads back to the same float64.
func TestFormatDurationRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	values := []float64{0, 1e-9, 0.00711, 0.25, 1, 37.5, 90, 3600, 5400, 86399, 1e9, 3.7e12}
	for range 5000 {
		values = append(values, math.Exp(r.Float64()*40-15), float64(r.IntN(200000)))
	}
	for _, v := range values {
		s := FormatDuration(v)
		back, err := ParseDuration(s)
		if err != nil || back != v {
			t.Fatalf("FormatDuration(%v) = %q, which reads back as %v, %v", v, s, back, err)
		}
	}
	for in, want := range map[float64]string{90: "1m30s", 0.25: "250ms", 37.5: "37.5s", 5400: "1h30m", 0: "0s"} {
		if got := FormatDuration(in); got != want {
			t.Errorf("FormatDuration(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestParseRate(t *testing.T) {
	good := map[string]float64{"100/min": 100.0 / 60, "6000/h": 6000.0 / 3600, "2.5/s": 2.5, "100/30m": 100.0 / 1800, "3": 3, "7/day": 7.0 / 86400}
	for in, want := range good {
		got, err := ParseRate(in)
		if err != nil || math.Abs(got-want) > 1e-15*want {
			t.Errorf("ParseRate(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "x/min", "-5/min", "5/fortnight", "5/0s", "NaN/h"} {
		if _, err := ParseRate(in); err == nil {
			t.Errorf("ParseRate(%q) accepted", in)
		}
	}
}
