package results

import (
	"math"
	"strings"
	"testing"
)

// FuzzParsePrecision: --precision never panics; what parses is a known
// metric with a finite positive half-width, at most 1 for a share.
func FuzzParsePrecision(f *testing.F) {
	for _, s := range []string{"abandon_rate=0.2pp", "asa=2s", "fcr=1%", "asa=-2s", "asa=0", "nope=1", "asa", "asa=1e400s", "abandon_rate=NaN", "offered=5", "abandon_rate=5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePrecision(s)
		if err != nil {
			return
		}
		if !(p.HalfWidth > 0) || math.IsInf(p.HalfWidth, 0) || !strings.Contains(s, p.Metric.Name) || p.Metric.Unit == Ratio && p.HalfWidth > 1 {
			t.Fatalf("ParsePrecision(%q) = %+v", s, p)
		}
	})
}
