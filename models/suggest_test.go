package models

import (
	"strings"
	"testing"
)

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "abc", 0}, {"", "abc", 3}, {"abc", "", 3},
		{"kitten", "sitting", 3}, {"lognorml", "lognormal", 1}, {"sahre", "share", 1},
		{"segmnts", "segments", 1}, {"abandon_rat", "abandon_rate", 1}, {"ab", "ba", 1},
		{"ca", "abc", 3}, {strings.Repeat("x", 65), strings.Repeat("x", 65), 0},
		{strings.Repeat("x", 65), "x", 65},
	} {
		if got := EditDistance(c.a, c.b); got != c.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := EditDistance(c.b, c.a); got != c.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d (symmetry)", c.b, c.a, got, c.want)
		}
	}
}
