package main

import (
	"fmt"

	"github.com/ivrsim/ivrsim/results"
)

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
