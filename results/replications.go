package results

import (
	"fmt"
	"strconv"
)

// Replications a run has when it does not say (--reps), the most --reps
// auto adds by default (--max-reps), and the most any run may have.
const (
	DefaultReplications    = 10
	DefaultMaxReplications = 200
	MaxReplications        = 100_000
)

// ReplicationPlan is how many replications a run asks for: a fixed count
// (--reps N), or replications added in batches until every precision target
// is met (--reps auto --precision metric=half-width, at most Max).
type ReplicationPlan struct {
	// N is the fixed count or, with Auto, the first batch's size.
	N       int
	Auto    bool
	Targets []Precision
	Max     int
}

// ParseReplicationPlan reads --reps (a count or "auto"), --precision and
// --max-reps. first is the first batch's size with auto; limit the most
// replications any run may have.
func ParseReplicationPlan(reps string, precision []string, maxN, first, limit int) (ReplicationPlan, error) {
	p := ReplicationPlan{Max: maxN}
	if reps == "auto" {
		p.Auto, p.N = true, first
		if len(precision) == 0 {
			return p, fmt.Errorf("--reps auto needs at least one --precision metric=half-width, such as --precision abandon_rate=0.2pp")
		}
		if maxN < 2 || maxN > limit {
			return p, fmt.Errorf("--max-reps %d: use 2 to %d", maxN, limit)
		}
		p.N = min(p.N, maxN)
	} else {
		n, err := strconv.Atoi(reps)
		if err != nil || n < 1 || n > limit {
			return p, fmt.Errorf("--reps %q: use a number of replications from 1 to %d, or auto", reps, limit)
		}
		p.N = n
		if len(precision) > 0 {
			return p, fmt.Errorf("--precision needs --reps auto")
		}
	}
	for _, s := range precision {
		t, err := ParsePrecision(s)
		if err != nil {
			return p, err
		}
		p.Targets = append(p.Targets, t)
	}
	return p, nil
}

// Run runs the plan's replications with run: the fixed count or, with
// Auto, batches until NextReplications says stop. extend is told of each
// further batch's size (for progress bars).
func (p ReplicationPlan) Run(run func(reps []int) (*RunSet, error), extend func(int)) (*RunSet, error) {
	rs, err := run(replicationRange(0, p.N))
	if err != nil || !p.Auto {
		return rs, err
	}
	for {
		next := NextReplications(rs, p.Targets, p.Max)
		if next <= rs.Replications {
			return rs, nil
		}
		extend(next - rs.Replications)
		more, err := run(replicationRange(rs.Replications, next))
		if err != nil {
			return nil, err
		}
		rs.Append(more)
	}
}

// replicationRange lists the replication indexes from..to-1.
func replicationRange(from, to int) []int {
	out := make([]int, 0, to-from)
	for r := from; r < to; r++ {
		out = append(out, r)
	}
	return out
}
