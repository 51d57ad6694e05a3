package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/ivrsim/ivrsim/sim"
	"github.com/spf13/cobra"
)

type validateOptions struct {
	scenarios []string
	sets      []string
	outside   bool
}

func newValidateCmd(s streams) *cobra.Command {
	opts := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate SCENARIO...",
		Short: "Check scenarios without simulating them",
		Long: `Validate loads each scenario (a YAML file or the name of a built-in), applies
the --set overrides, and checks it the way run would, without simulating:
the schema (unknown keys, wrong types, bad durations, rates and
distributions), ranges, shares that must add up to 1, references between
intents, agent groups and nodes, unreachable nodes and loops a caller could
never leave. Every design is then compiled for the engine.

Each valid scenario gets one line on standard output. Every problem of an
invalid one is printed on standard error as file:line:col: path: message,
in file order, with how to fix it.

Exit codes: 0 every scenario is valid, 2 a scenario is invalid (or a flag
is wrong). See ivrsim help exit-codes.`,
		Example: `  ivrsim validate my-centre.yaml
  ivrsim validate scenarios/*.yaml
  ivrsim validate bank --set segments.regular.trust=0.2`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.scenarios = args
			return runValidate(cmd.Context(), opts, s)
		},
	}
	cmd.Flags().StringArrayVar(&opts.sets, "set", nil, "override a scenario value, `key.path=value` (repeatable)")
	allowOutsideFlag(cmd, &opts.outside)
	return cmd
}

func runValidate(ctx context.Context, opts *validateOptions, s streams) error {
	var failed []error
	for _, name := range opts.scenarios {
		if err := ctx.Err(); err != nil {
			return err
		}
		var v *sim.Validated
		err := interruptible(ctx, func() error {
			var err error
			v, err = loadValidated(ctx, name, opts.sets, opts.outside)
			return err
		})
		if errors.Is(err, context.Canceled) {
			return err
		}
		if err != nil {
			failed = append(failed, err)
			continue
		}
		fmt.Fprintf(s.Out, "%s: ok — %s\n", safeText(name, false), v.Summary())
	}
	switch len(failed) {
	case 0:
		return nil
	case 1:
		return failed[0]
	}
	// Several invalid scenarios: every problem of each, one after the
	// other; the exit code is a usage error's.
	msgs := make([]string, len(failed))
	for i, err := range failed {
		msgs[i] = err.Error()
	}
	return usageErrorf("%d of %d scenarios are invalid:\n%s", len(failed), len(opts.scenarios), strings.Join(msgs, "\n"))
}

// usageArgs makes cobra's argument checks usage errors (exit 2).
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return usageErrorf("%v; see ivrsim %s --help", err, strings.TrimPrefix(cmd.CommandPath(), "ivrsim "))
		}
		return nil
	}
}
