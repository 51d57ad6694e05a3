package main

import (
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
