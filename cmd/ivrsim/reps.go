package main

import (
	"fmt"
	"strconv"

	"github.com/ivrsim/ivrsim/results"
	"github.com/spf13/cobra"
)

// Replications, as results defines them.
const (
	defaultReps    = results.DefaultReplications
	defaultMaxReps = results.DefaultMaxReplications
	maxReps        = results.MaxReplications
)

// replicationFlags are --reps N|auto, --precision and --max-reps, the
// replications of a run of every design.
type replicationFlags struct {
	reps      string
	precision []string
	maxReps   int
}

// add registers the flags on cmd.
func (r *replicationFlags) add(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&r.reps, "reps", strconv.Itoa(defaultReps), "replications per design, or auto (see --precision)")
	f.StringArrayVar(&r.precision, "precision", nil, "with --reps auto: target 95% half-width, `metric=value` (repeatable)")
	f.IntVar(&r.maxReps, "max-reps", defaultMaxReps, "with --reps auto: the most replications to run")
}

// parseReps reads --reps, --precision and --max-reps; its problems are the
// user's (exit 2).
func parseReps(reps string, precision []string, maxN, first int) (results.ReplicationPlan, error) {
	p, err := results.ParseReplicationPlan(reps, precision, maxN, first, maxReps)
	if err != nil {
		return p, usageError(err)
	}
	return p, nil
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
