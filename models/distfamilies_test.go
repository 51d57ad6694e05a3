package models

import (
	"slices"
	"strings"
	"testing"
)

// TestDistFamilies: the catalogue names every family ParseDist reads, each
// with a description and an example ParseDist accepts, and every alias.
func TestDistFamilies(t *testing.T) {
	fams := DistFamilies()
	var names []string
	for _, f := range fams {
		names = append(names, f.Name)
		if f.Description == "" {
			t.Errorf("%s has no description", f.Name)
		}
		if _, err := ParseDist(f.Example); err != nil {
			t.Errorf("%s: the example %q does not parse: %v", f.Name, f.Example, err)
		}
		if !f.List && len(f.ParamSets) == 0 {
			t.Errorf("%s takes no parameters", f.Name)
		}
	}
	want := strings.Split(families, ", ")
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Fatalf("families %v, want %v", names, want)
	}
	n := 0
	for _, f := range fams {
		n += 1 + len(f.Aliases)
	}
	if n != len(distFamilies) {
		t.Fatalf("%d names and aliases, ParseDist reads %d", n, len(distFamilies))
	}
}
