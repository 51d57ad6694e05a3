package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/ivrsim/ivrsim/results/outfile"
)

// Exit codes, documented in "ivrsim help exit-codes". They follow the
// convention CI users know from k6: 99 means the run worked and its results
// crossed a threshold.
const (
	exitOK          = 0
	exitRuntime     = 1
	exitUsage       = 2
	exitThresholds  = 99
	exitInterrupted = 130
)

const exitCodesHelp = `ivrsim exits with:

  0    success
  1    runtime error (a file could not be written, an internal failure)
  2    usage error or invalid input: a bad flag, an invalid scenario, an
       unreadable results file. Nothing is written.
  99   the run worked but a threshold was crossed, or a design regressed
       against its baseline (ivrsim check)
  130  interrupted (Ctrl-C or SIGTERM); no partial output is left behind
`

// exitError carries the exit code an error should end the process with. It
// is resolved once, in execute.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageError marks err as the user's mistake (exit 2).
func usageError(err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: exitUsage, err: err}
}

// usageErrorf formats a usage error (exit 2).
func usageErrorf(format string, args ...any) error {
	return usageError(fmt.Errorf(format, args...))
}

// exitCodeOf maps an error returned by a command to the process exit code.
func exitCodeOf(err error) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	var refusal *outfile.Refusal
	if errors.As(err, &refusal) {
		return exitUsage // an output path that cannot be used
	}
	if errors.Is(err, context.Canceled) {
		return exitInterrupted
	}
	return exitRuntime
}
