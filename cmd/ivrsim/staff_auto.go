package main

import (
	"strconv"
)

// staffReps reads staff's --reps: a count, or auto.
func staffReps(opts *staffOptions) error {
	if opts.repsText == "auto" {
		opts.auto, opts.reps = true, defaultStaffReps
		if opts.maxReps < 2*opts.reps || opts.maxReps > maxReps {
			return usageErrorf("--max-reps %d: with --reps auto use %d to %d", opts.maxReps, 2*opts.reps, maxReps)
		}
		return nil
	}
	n, err := strconv.Atoi(opts.repsText)
	if err != nil {
		return usageErrorf("--reps %q: use a number of replications, or auto", opts.repsText)
	}
	opts.reps = n
	return nil
}
