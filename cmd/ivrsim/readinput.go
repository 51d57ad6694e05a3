package main

import (
	"context"

	"github.com/ivrsim/ivrsim/results/outfile"
)

// MaxResultsSize bounds a results file read by merge, report and check
// --baseline: far above the result of any run that fits one machine's
// output, and small enough that decoding it cannot exhaust memory.
const MaxResultsSize = 128 << 20

// readResultsFile reads a JSON results file, or standard input for "-",
// within MaxResultsSize. Its problems are the user's (exit 2) and name the
// file.
func readResultsFile(ctx context.Context, path string) ([]byte, error) {
	data, err := readInput(ctx, path, MaxResultsSize, "a results file")
	if err != nil {
		return nil, usageErrorf("%s: cannot read: %v", path, outfile.TrimPathError(err))
	}
	return data, nil
}
