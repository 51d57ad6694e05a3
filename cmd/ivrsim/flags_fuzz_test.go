package main

import (
	"testing"
)

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
