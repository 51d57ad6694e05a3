package models

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestFormatPercent(t *testing.T) {
	for _, c := range []struct {
		share    float64
		decimals int
		trim     bool
		want     string
	}{
		{0.123, 1, false, "12.3%"},
		{0.12, 1, false, "12.0%"},
		{0.12, 1, true, "12%"},
		{0.1234, 2, false, "12.34%"},
		{0, 1, false, "0.0%"},
		{0, 1, true, "0%"},
		{1, 1, true, "100%"},
		{1, 2, false, "100.00%"},
		{0.00004, 1, false, "0.004%"},  // not 0.0%: some blocking is not none
		{0.00004, 2, true, "0.004%"},   // likewise
		{0.99996, 1, false, "99.996%"}, // not 100.0%
		{-0.05, 1, false, "-5.0%"},
		{math.NaN(), 1, false, "—"},
	} {
		if got := FormatPercent(c.share, c.decimals, c.trim); got != c.want {
			t.Errorf("FormatPercent(%g, %d, %v) = %q, want %q", c.share, c.decimals, c.trim, got, c.want)
		}
	}
}

// TestFormatPercentNeverRoundsToTheEnds: whatever the decimals, a share
// strictly between 0 and 1 never prints as 0% or 100%.
func TestFormatPercentNeverRoundsToTheEnds(t *testing.T) {
	for _, share := range []float64{1e-12, 1e-7, 3e-5, 0.0004999, 0.9995, 0.99999, 0.9999999, 1 - 1e-12} {
		for _, d := range []int{0, 1, 2} {
			s := FormatPercent(share, d, true)
			v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
			if err != nil || v <= 0 || v >= 100 {
				t.Errorf("FormatPercent(%g, %d) = %q", share, d, s)
			}
		}
	}
}
