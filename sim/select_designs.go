package sim

import (
	"fmt"
	"slices"
	"strings"
)

// SelectDesigns returns the plans of the designs names picks from v, in
// the order given, or every design's when names is empty: what a --design
// flag asks for. A name the scenario lacks, or one given twice, is an
// error naming the flag.
func SelectDesigns(v *Validated, names []string) ([]*Plan, error) {
	if len(names) == 0 {
		return v.Plans, nil
	}
	plans := make([]*Plan, 0, len(names))
	known := DesignNames(v.Scenario)
	for i, n := range names {
		if !slices.Contains(known, n) {
			return nil, fmt.Errorf("--design %q: the scenario has no such design; its designs are %s", n, strings.Join(known, ", "))
		}
		if slices.Contains(names[:i], n) {
			return nil, fmt.Errorf("--design %q is given twice", n)
		}
		plans = append(plans, v.Plan(n))
	}
	return plans, nil
}
