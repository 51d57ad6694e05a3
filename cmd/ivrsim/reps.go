package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/sim"
)

// repsSpec is what --reps N, or --reps auto with --precision and
// --max-reps, asks for; run and check read it alike.
type repsSpec struct {
	// n is the fixed number of replications, or with auto the first batch.
	n       int
	auto    bool
	targets []precisionTarget
	max     int
}

type precisionTarget struct {
	metric    results.Metric
	index     int
	halfWidth float64
}

// parseReps reads --reps (a count or auto), --precision and --max-reps.
// first is the first batch's size with auto.
func parseReps(reps string, precision []string, maxN, first int) (repsSpec, error) {
	spec := repsSpec{max: maxN}
	if reps == "auto" {
		spec.auto, spec.n = true, first
		if len(precision) == 0 {
			return spec, usageErrorf("--reps auto needs at least one --precision metric=half-width, such as --precision abandon_rate=0.2pp")
		}
		if maxN < 2 || maxN > maxReps {
			return spec, usageErrorf("--max-reps %d: use 2 to %d", maxN, maxReps)
		}
		spec.n = min(spec.n, maxN)
	} else {
		n, err := strconv.Atoi(reps)
		if err != nil || n < 1 || n > maxReps {
			return spec, usageErrorf("--reps %q: use a number of replications from 1 to %d, or auto", reps, maxReps)
		}
		spec.n = n
		if len(precision) > 0 {
			return spec, usageErrorf("--precision needs --reps auto")
		}
	}
	for _, p := range precision {
		name, value, ok := strings.Cut(p, "=")
		m, known := results.LookupMetric(strings.TrimSpace(name))
		if !ok || !known {
			return spec, usageErrorf("--precision %q: expected metric=half-width with a metric of: %s", p, strings.Join(results.MetricNames(), ", "))
		}
		v, err := results.ParseValue(m, value)
		if err != nil || v <= 0 {
			return spec, usageErrorf("--precision %q: the half-width must be a positive value of %s", p, m.Name)
		}
		idx := 0
		for i, x := range results.Metrics {
			if x.Name == m.Name {
				idx = i
			}
		}
		spec.targets = append(spec.targets, precisionTarget{metric: m, index: idx, halfWidth: v})
	}
	return spec, nil
}

// runReps runs spec's replications with run: the fixed count, or with auto
// batches until every precision target is met or max is reached. extend
// is told of each further batch's size (for progress bars).
func runReps(spec repsSpec, run func(reps []int) (*results.RunSet, error), extend func(int)) (*results.RunSet, error) {
	rs, err := run(sim.Reps(spec.n))
	if err != nil || !spec.auto {
		return rs, err
	}
	for {
		next := nextReps(rs, spec.targets, spec.max)
		if next <= rs.Replications {
			return rs, nil
		}
		extend(next - rs.Replications)
		reps := make([]int, 0, next-rs.Replications)
		for r := rs.Replications; r < next; r++ {
			reps = append(reps, r)
		}
		more, err := run(reps)
		if err != nil {
			return nil, err
		}
		rs.Append(more)
	}
}

// nextReps is how many replications the run needs for every target's
// half-width, by the usual 1/√n scaling, at most max; the current count
// when every target is met.
func nextReps(rs *results.RunSet, targets []precisionTarget, maxN int) int {
	n := rs.Replications
	need := n
	for _, t := range targets {
		for _, d := range rs.Designs {
			vals := make([]float64, len(d.Reps))
			for i, r := range d.Reps {
				vals[i] = r.Total[t.index]
			}
			e := results.EstimateOf(vals)
			h := e.HalfWidth()
			if e.N < 2 || math.IsNaN(h) || h <= t.halfWidth {
				continue
			}
			want := int(math.Ceil(float64(n) * (h / t.halfWidth) * (h / t.halfWidth)))
			need = max(need, want, n+max(2, n/2))
		}
	}
	if need > n {
		need = min(max(need, n+2), maxN)
	}
	return max(need, n)
}

// parseShardFlag reads --shard i/N. Batch systems that number their jobs
// from 0 (a Kubernetes Indexed Job's JOB_COMPLETION_INDEX, a Slurm array
// started at 0) are the usual cause of a shard 0, so the error says how to
// convert.
func parseShardFlag(s string) (results.ShardID, error) {
	id, err := results.ParseShard(s)
	if err == nil {
		return id, nil
	}
	var i, n int
	if _, scanErr := fmt.Sscanf(s, "%d/%d", &i, &n); scanErr == nil && i == 0 && n > 0 {
		return id, usageErrorf("%v: shards count from 1; with a Kubernetes JOB_COMPLETION_INDEX (or a Slurm array task id) counting from 0, use --shard $((i+1))/%d", err, n)
	}
	return id, usageError(err)
}
