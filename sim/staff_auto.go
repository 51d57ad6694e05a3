package sim

import (
	"context"
	"slices"

	"github.com/ivrsim/ivrsim/results"
)

// StaffUntilStable staffs one design. With auto it searches again with
// twice the replications until two searches in a row staff every interval
// and group alike (the answer no longer moves with the noise), or the next
// search would exceed maxN replications; it returns the last answer and
// the replications it was found with.
func StaffUntilStable(ctx context.Context, p *Plan, so StaffOptions, auto bool, maxN int) (*results.StaffingDesign, int, error) {
	d, err := Staff(ctx, p, so)
	if err != nil || !auto {
		return d, so.Replications, err
	}
	for so.Replications*2 <= maxN {
		so.Replications *= 2
		next, err := Staff(ctx, p, so)
		if err != nil {
			return nil, 0, err
		}
		same := sameStaffing(d, next)
		d = next
		if same {
			break
		}
	}
	return d, so.Replications, nil
}

// sameStaffing reports whether two answers staff every interval, group
// and the lines alike.
func sameStaffing(a, b *results.StaffingDesign) bool {
	if len(a.Intervals) != len(b.Intervals) || (a.Lines == nil) != (b.Lines == nil) {
		return false
	}
	if a.Lines != nil && a.Lines.Lines != b.Lines.Lines {
		return false
	}
	for i := range a.Intervals {
		if !slices.EqualFunc(a.Intervals[i].Groups, b.Intervals[i].Groups, func(x, y results.GroupStaffing) bool {
			return x.Name == y.Name && x.Agents == y.Agents
		}) {
			return false
		}
	}
	return true
}
