package results

import (
	"fmt"
	"slices"
	"strings"
)

// ParseComparison reads "current:proposed", two different designs of
// designs. Design names may hold a colon themselves, so every split is
// tried; the error names the designs there are.
func ParseComparison(spec string, designs []string) (current, proposed string, err error) {
	list := strings.Join(designs, ", ")
	if !strings.Contains(spec, ":") {
		return "", "", fmt.Errorf("expected current:proposed, two of the designs %s", list)
	}
	var unknown []string
	for i := range len(spec) {
		if spec[i] != ':' {
			continue
		}
		cur, prop := spec[:i], spec[i+1:]
		if slices.Contains(designs, cur) && slices.Contains(designs, prop) {
			if cur == prop {
				return "", "", fmt.Errorf("a design compared with itself; name two different designs of %s", list)
			}
			return cur, prop, nil
		}
		unknown = unknown[:0]
		for _, n := range []string{cur, prop} {
			if !slices.Contains(designs, n) {
				unknown = append(unknown, fmt.Sprintf("%q", n))
			}
		}
	}
	return "", "", fmt.Errorf("no design %s in the scenario; the designs are %s", strings.Join(unknown, " or "), list)
}
