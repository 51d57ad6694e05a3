package main

import (
	"fmt"
	"strings"

	"github.com/ivrsim/ivrsim/results"
)

// sweepAxis is one --sweep path=v1,v2,...
type sweepAxis struct {
	path   string
	values []string
}

// parseSweep reads path=v1,v2,... Values are YAML; commas inside brackets,
// braces or quotes do not split.
func parseSweep(s string) (sweepAxis, error) {
	path, list, ok := strings.Cut(s, "=")
	path = strings.TrimSpace(path)
	if !ok || path == "" || strings.TrimSpace(list) == "" {
		return sweepAxis{}, fmt.Errorf("--sweep %q: expected key.path=v1,v2,..., such as segments.regular.trust=0.2,0.4,0.6", s)
	}
	var values []string
	depth, quote, start := 0, rune(0), 0
	for i, r := range list {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '[' || r == '{':
			depth++
		case r == ']' || r == '}':
			depth--
		case r == ',' && depth == 0:
			values = append(values, strings.TrimSpace(list[start:i]))
			start = i + 1
		}
	}
	values = append(values, strings.TrimSpace(list[start:]))
	for _, v := range values {
		if v == "" {
			return sweepAxis{}, fmt.Errorf("--sweep %q: an empty value; separate values with single commas", s)
		}
	}
	return sweepAxis{path: path, values: values}, nil
}

// sweepPoints expands the axes into their grid, the first axis varying
// slowest.
func sweepPoints(axes []sweepAxis) [][]results.SweepValue {
	points := [][]results.SweepValue{nil}
	for _, a := range axes {
		var next [][]results.SweepValue
		for _, p := range points {
			for _, v := range a.values {
				q := append(append([]results.SweepValue{}, p...), results.SweepValue{Path: a.path, Value: v, Number: results.SweepNumber(v)})
				next = append(next, q)
			}
		}
		points = next
	}
	return points
}
