package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// execute runs the CLI with args and returns the process exit code. Errors
// are printed once, here, on the error stream.
func execute(ctx context.Context, args []string, s streams) int {
	root := newRootCmd(s)
	root.SetArgs(args)
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	// Cobra reports unknown commands and bad arguments before any command
	// runs; those are usage errors (exit 2).
	started := false
	root.PersistentPreRun = func(*cobra.Command, []string) { started = true }
	err := root.ExecuteContext(ctx)
	if err != nil && !started {
		err = usageError(err)
	}
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	code := exitCodeOf(err)
	if err != nil {
		msg := err.Error()
		if code == exitInterrupted {
			msg = "interrupted"
		}
		fmt.Fprintf(s.Err, "ivrsim: %s\n", strings.TrimRight(msg, "\n"))
	}
	return code
}

func newRootCmd(s streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "ivrsim",
		Short: "Simulate callers through competing IVR designs",
		Long: `ivrsim runs a caller population, described in a YAML scenario, through two or
more IVR designs and predicts adoption of automation, abandonment, first-contact
resolution, time to resolution, waits, effort and cost, each with a confidence
interval, and the paired difference between designs.

Run "ivrsim run" to see the built-in bank comparison.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError(err) })
	root.AddCommand(
		newErlangCmd(s),
		newRunCmd(s),
		newMergeCmd(s),
		newCheckCmd(s),
		newStaffCmd(s),
		newReportCmd(s),
		newFitCmd(s),
		newBacktestCmd(s),
		newValidateCmd(s),
		newScenariosCmd(s),
		newSchemaCmd(s),
		newServeCmd(s),
		newLoadCmd(s),
		&cobra.Command{
			Use:   "exit-codes",
			Short: "What ivrsim's exit status means",
			Long:  exitCodesHelp,
		},
	)
	return root
}
