package results

import (
	"fmt"
	"strings"
)

// SweepAxis is one --sweep path=v1,v2,...: a scenario path and the values
// it takes in turn.
type SweepAxis struct {
	Path   string
	Values []string
}

// ParseSweepAxis reads path=v1,v2,... Values are YAML; commas inside
// brackets, braces or quotes do not split.
func ParseSweepAxis(s string) (SweepAxis, error) {
	path, list, ok := strings.Cut(s, "=")
	path = strings.TrimSpace(path)
	if !ok || path == "" || strings.TrimSpace(list) == "" {
		return SweepAxis{}, fmt.Errorf("--sweep %q: expected key.path=v1,v2,..., such as segments.regular.trust=0.2,0.4,0.6", s)
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
			return SweepAxis{}, fmt.Errorf("--sweep %q: an empty value; separate values with single commas", s)
		}
	}
	return SweepAxis{Path: path, Values: values}, nil
}

// SweepGrid expands the axes into their grid, the first axis varying
// slowest.
func SweepGrid(axes []SweepAxis) [][]SweepValue {
	points := [][]SweepValue{nil}
	for _, a := range axes {
		var next [][]SweepValue
		for _, p := range points {
			for _, v := range a.Values {
				q := append(append([]SweepValue{}, p...), SweepValue{Path: a.Path, Value: v, Number: SweepNumber(v)})
				next = append(next, q)
			}
		}
		points = next
	}
	return points
}

// NewSweepDocument gathers the runs of a sweep's points, in grid order,
// into the document run --sweep writes.
func NewSweepDocument(scenario string, seed uint64, axes []SweepAxis, points [][]SweepValue, runs []*RunSet) *SweepDocument {
	doc := &SweepDocument{
		SchemaVersion: SchemaVersion, IvrsimVersion: Version, Scenario: scenario, Seed: seed,
		Replications: runs[0].Replications, Units: Units(),
	}
	for _, a := range axes {
		doc.Sweep = append(doc.Sweep, a.Path)
	}
	for i, rs := range runs {
		d := rs.Document()
		doc.Points = append(doc.Points, SweepPoint{Values: points[i], Designs: d.Designs, Comparisons: d.Comparisons})
	}
	doc.Assumptions = runs[0].Assumptions
	return doc
}
