package models

import (
	"reflect"
	"testing"
)

func TestLatinHypercube(t *testing.T) {
	for _, c := range []struct{ n, d int }{{1, 1}, {10, 3}, {64, 5}} {
		pts := LatinHypercube(c.n, c.d, 7)
		if len(pts) != c.n {
			t.Fatalf("%d points, want %d", len(pts), c.n)
		}
		// Every slice of every dimension holds exactly one point.
		for j := range c.d {
			seen := make([]bool, c.n)
			for _, p := range pts {
				if p[j] < 0 || p[j] >= 1 {
					t.Fatalf("coordinate %g outside [0, 1)", p[j])
				}
				k := int(p[j] * float64(c.n))
				if seen[k] {
					t.Fatalf("n=%d, dimension %d: slice %d holds two points", c.n, j, k)
				}
				seen[k] = true
			}
		}
	}
	if !reflect.DeepEqual(LatinHypercube(8, 2, 1), LatinHypercube(8, 2, 1)) {
		t.Error("the same seed gave different points")
	}
	if reflect.DeepEqual(LatinHypercube(8, 2, 1), LatinHypercube(8, 2, 2)) {
		t.Error("two seeds gave the same points")
	}
}
