package main

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// execute runs the CLI with args and returns the process exit code. Errors
// are printed once, here, on the error stream.
//
// A panic anywhere in a command is recovered here and reported as an
// internal error (exit 1): it is ivrsim's fault, never the user's, so it
// must not look like a usage error (exit 2) to a CI job. A failed write to
// standard output (a full disk, a closed pipe) fails the command too: a
// result nobody received is no success.
func execute(ctx context.Context, args []string, s streams) (code int) {
	out := &checkedWriter{w: s.Out}
	s.Out = out
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(s.Err, "ivrsim: internal error (a bug in ivrsim; please report it with the command line): %s\n%s", safeText(fmt.Sprint(r), false), debug.Stack())
			code = exitRuntime
		}
	}()
	ctx = withStdinInput(ctx, stdin)
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
		err = usageError(argumentError(err))
	}
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	if out.err != nil && (err == nil || errors.Is(err, out.err)) {
		err = fmt.Errorf("cannot write to standard output: %w", out.err)
	}
	code = exitCodeOf(err)
	if err != nil {
		msg := err.Error()
		if code == exitInterrupted {
			msg = "interrupted"
		}
		// Messages quote the user's input; whatever escaped quoting is made
		// harmless here, so no input can drive the terminal or forge a line.
		fmt.Fprintf(s.Err, "ivrsim: %s\n", safeText(strings.TrimRight(msg, "\n"), true))
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
	// --version prints what "ivrsim version" prints.
	var vt strings.Builder
	bv := readBuildVersion()
	_ = bv.WriteText(&vt)
	root.Version = bv.String()
	root.SetVersionTemplate(vt.String())
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError(flagError(c, err)) })
	root.AddCommand(
		newErlangCmd(s),
		newRunCmd(s),
		newMergeCmd(s),
		newCheckCmd(s),
		newStaffCmd(s),
		newSensitivityCmd(s),
		newReportCmd(s),
		newFitCmd(s),
		newBacktestCmd(s),
		newValidateCmd(s),
		newScenariosCmd(s),
		newSchemaCmd(s),
		newVersionCmd(s),
		newServeCmd(s),
		newLoadCmd(s),
		&cobra.Command{
			Use:   "exit-codes",
			Short: "What ivrsim's exit status means",
			Long:  exitCodesHelp,
		},
	)
	registerCompletions(root)
	return root
}

// invalidFlag matches pflag's message for a value that does not parse.
var invalidFlag = regexp.MustCompile(`^invalid argument "(.*)" for "(.*?)" flag: (strconv\.\w+: parsing ".*": )?(.*)$`)

// flagError rewrites pflag's messages for values that do not parse, which
// quote Go's strconv, into ones that say what the flag takes.
func flagError(c *cobra.Command, err error) error {
	m := invalidFlag.FindStringSubmatch(err.Error())
	if m == nil {
		return fmt.Errorf("%w; see ivrsim %s --help", err, strings.TrimPrefix(c.CommandPath(), "ivrsim "))
	}
	value, flag, why := m[1], m[2], m[4]
	if i := strings.Index(flag, ", "); i >= 0 { // "-o, --out"
		flag = flag[i+2:]
	}
	want := "a valid value"
	if f := c.Flags().Lookup(strings.TrimLeft(flag, "-")); f != nil {
		switch f.Value.Type() {
		case "uint64", "uint":
			want = "a whole number of 0 or more"
		case "int", "int64":
			want = "a whole number"
		case "float64":
			want = "a number"
		case "bool":
			want = "true or false"
		}
	}
	if why == "value out of range" {
		return fmt.Errorf("%s %q is out of range; give %s", flag, value, want)
	}
	return fmt.Errorf("%s %q: give %s", flag, value, want)
}

// argumentError adds a pointer to help to cobra's errors about commands
// and arguments.
func argumentError(err error) error {
	msg := strings.TrimSpace(err.Error())
	if head, alts, ok := strings.Cut(msg, "\n\nDid you mean this?\n"); ok {
		return fmt.Errorf("%s; did you mean %s? (see ivrsim help)", head, strings.Join(strings.Fields(alts), " or "))
	}
	if strings.HasPrefix(msg, "unknown command") || strings.HasPrefix(msg, "accepts ") {
		return fmt.Errorf("%s; see ivrsim help", msg)
	}
	return err
}
