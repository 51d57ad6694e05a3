package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/ivrsim/ivrsim/results/outfile"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/spf13/cobra"
)

func newScenariosCmd(s streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "scenarios",
		Short: "List, show and copy out the built-in scenarios",
		Long: `The built-in scenarios are complete examples of the scenario format, embedded
in ivrsim. Run any of them by name (ivrsim run NAME), read one with
ivrsim scenarios show NAME, or copy one out to start your own with
ivrsim scenarios copy NAME DIR.

Without a subcommand, the built-ins are listed.

Exit codes: 0 success, 1 a file could not be written, 2 an unknown name or
a file that already exists. See ivrsim help exit-codes.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScenariosList(cmd.Context(), s)
		},
	}
	cmd.AddCommand(
		&cobra.Command{
			Use:   "list",
			Short: "List the built-in scenarios with their descriptions",
			Args:  usageArgs(cobra.NoArgs),
			RunE: func(cmd *cobra.Command, args []string) error {
				return runScenariosList(cmd.Context(), s)
			},
		},
		&cobra.Command{
			Use:   "show NAME",
			Short: "Print a built-in scenario and its flow files",
			Long: `Show prints the YAML of a built-in scenario, then each of its flow files
under a "# --- file: PATH" comment line, PATH relative to the scenario.`,
			Example: "  ivrsim scenarios show " + scenarios.DefaultScenario,
			Args:    exactArgs(1, "NAME"),
			RunE: func(cmd *cobra.Command, args []string) error {
				return runScenariosShow(cmd.Context(), args[0], s)
			},
		},
		newScenariosCopyCmd(s),
	)
	return cmd
}

type copyOptions struct {
	name, dir string
	force     bool
}

func newScenariosCopyCmd(s streams) *cobra.Command {
	opts := &copyOptions{}
	cmd := &cobra.Command{
		Use:   "copy NAME DIR",
		Short: "Write a built-in scenario and its flow files into a directory",
		Long: `Copy writes the built-in scenario NAME as DIR/NAME.yaml, and its flow files
beside it, so that ivrsim run DIR/NAME.yaml runs it. DIR is created if
needed. Existing files are left alone unless --force is given: then nothing
is written and the command fails (exit 2). Files are written atomically.`,
		Example: `  ivrsim scenarios copy bank ./my-centre
  ivrsim run ./my-centre/bank.yaml`,
		Args: exactArgs(2, "NAME DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.name, opts.dir = args[0], args[1]
			return runScenariosCopy(cmd.Context(), opts, s)
		},
	}
	cmd.Flags().BoolVarP(&opts.force, "force", "f", false, "overwrite files that already exist")
	return cmd
}

// exactArgs is cobra.ExactArgs with a message that names the arguments,
// as a usage error.
func exactArgs(n int, names string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErrorf("%s takes %s; got %d arguments (see ivrsim %s --help)", cmd.Name(), names, len(args), strings.TrimPrefix(cmd.CommandPath(), "ivrsim "))
		}
		return nil
	}
}

func runScenariosList(_ context.Context, s streams) error {
	tw := tabwriter.NewWriter(s.Out, 0, 0, 2, ' ', 0)
	for _, name := range scenarios.BuiltinNames() {
		fmt.Fprintf(tw, "%s\t%s\n", name, scenarios.BuiltinDescription(name))
	}
	return tw.Flush()
}

// builtinFiles returns the files of built-in name, or a usage error that
// lists the built-ins.
func builtinFiles(name string) (map[string][]byte, error) {
	if err := scenarios.CheckBuiltinName(name); err != nil {
		return nil, usageError(err)
	}
	return scenarios.BuiltinFiles(name)
}

func runScenariosShow(_ context.Context, name string, s streams) error {
	files, err := builtinFiles(name)
	if err != nil {
		return err
	}
	_, err = s.Out.Write(scenarios.Listing(files))
	return err
}

func runScenariosCopy(_ context.Context, opts *copyOptions, s streams) error {
	files, err := builtinFiles(opts.name)
	if err != nil {
		return err
	}
	copies, err := scenarios.PrepareCopy(files, opts.dir, opts.force)
	if err != nil {
		return usageError(err)
	}
	pending := make([]outfile.File, len(copies))
	for i, c := range copies {
		pending[i] = outfile.File{Path: c.Path, Data: c.Data}
	}
	if err := outfile.WriteAll(pending); err != nil {
		return err
	}
	for _, c := range copies {
		fmt.Fprintf(s.Out, "wrote %s\n", c.Path)
	}
	fmt.Fprintf(s.Out, "run it with: ivrsim run %s\n", copies[0].Path)
	return nil
}
