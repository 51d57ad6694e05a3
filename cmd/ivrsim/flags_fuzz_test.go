package main

import (
	"math"
	"strings"
	"testing"
)

// FuzzParseSweep: --sweep never panics; what parses has a path and
// non-empty values whose grid of one axis is as long as the list.
func FuzzParseSweep(f *testing.F) {
	for _, s := range []string{
		"segments.regular.trust=0.2,0.4,0.6", "arrivals.profile=[1,2],[3,4]", "a={x: 1, y: 2},{x: 3}", "a='x,y',b",
		"=1", "a=", "a=1,,2", "a=[1,2", "a=}1,2{", `a="1,2`, "a.b.c=1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := parseSweep(s)
		if err != nil {
			return
		}
		if a.path == "" || len(a.values) == 0 {
			t.Fatalf("parseSweep(%q) = %+v", s, a)
		}
		for _, v := range a.values {
			if v == "" {
				t.Fatalf("parseSweep(%q): an empty value", s)
			}
		}
		if pts := sweepPoints([]sweepAxis{a}); len(pts) != len(a.values) {
			t.Fatalf("%d points for %d values", len(pts), len(a.values))
		}
	})
}

// FuzzParsePrecision: --precision never panics; what parses is a known
// metric with a finite positive half-width.
func FuzzParsePrecision(f *testing.F) {
	for _, s := range []string{"abandon_rate=0.2pp", "asa=2s", "fcr=1%", "asa=-2s", "asa=0", "nope=1", "asa", "asa=1e400s", "abandon_rate=NaN", "offered=5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := parsePrecision(s)
		if err != nil {
			if exitCodeOf(err) != exitUsage {
				t.Fatalf("parsePrecision(%q): exit %d", s, exitCodeOf(err))
			}
			return
		}
		if !(p.halfWidth > 0) || math.IsInf(p.halfWidth, 0) || !strings.Contains(s, p.metric.Name) {
			t.Fatalf("parsePrecision(%q) = %+v", s, p)
		}
	})
}

// FuzzParseBytes: --max-memory never panics; what parses is a positive
// size that fits an int64.
func FuzzParseBytes(f *testing.F) {
	for _, s := range []string{"2GiB", "512MB", "1g", "0", "-1", "1e300TiB", "NaN", "1.5 kib", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parseBytes(s)
		if err == nil && n <= 0 {
			t.Fatalf("parseBytes(%q) = %d", s, n)
		}
	})
}
