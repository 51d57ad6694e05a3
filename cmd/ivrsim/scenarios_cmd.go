package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/ivrsim/ivrsim/results/outfile"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
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
		fmt.Fprintf(tw, "%s\t%s\n", name, builtinDescription(name))
	}
	return tw.Flush()
}

// builtinDescription reads the description field alone, so a list is
// shown even while a built-in is being edited into shape.
func builtinDescription(name string) string {
	files, err := scenarios.BuiltinFiles(name)
	if err != nil {
		return ""
	}
	var head struct {
		Description string `yaml:"description"`
	}
	if err := yaml.Unmarshal(files[name+".yaml"], &head); err != nil {
		return ""
	}
	return strings.Join(strings.Fields(head.Description), " ")
}

// builtinFiles returns the files of built-in name, or a usage error that
// lists the built-ins.
func builtinFiles(name string) (map[string][]byte, error) {
	if !scenarios.IsBuiltin(name) {
		msg := fmt.Sprintf("no built-in scenario %q; the built-ins are %s", name, strings.Join(scenarios.BuiltinNames(), ", "))
		if _, err := os.Stat(name); err == nil {
			msg += " (to check a scenario file, use ivrsim validate " + name + ")"
		}
		return nil, usageError(errors.New(msg))
	}
	files, err := scenarios.BuiltinFiles(name)
	if err != nil {
		return nil, err
	}
	return files, nil
}

func runScenariosShow(_ context.Context, name string, s streams) error {
	files, err := builtinFiles(name)
	if err != nil {
		return err
	}
	var b strings.Builder
	for i, p := range scenarios.SortedPaths(files) {
		data := string(files[p])
		if i > 0 {
			fmt.Fprintf(&b, "\n# --- file: %s\n", p)
		}
		b.WriteString(data)
		if !strings.HasSuffix(data, "\n") {
			b.WriteString("\n")
		}
	}
	_, err = fmt.Fprint(s.Out, b.String())
	return err
}

func runScenariosCopy(_ context.Context, opts *copyOptions, s streams) error {
	files, err := builtinFiles(opts.name)
	if err != nil {
		return err
	}
	paths := scenarios.SortedPaths(files)
	dest := make(map[string][]byte, len(files))
	var order, existing []string
	for _, p := range paths {
		d := filepath.Join(opts.dir, filepath.FromSlash(p))
		order = append(order, d)
		dest[d] = files[p]
		switch fi, err := os.Stat(d); {
		case err == nil && fi.IsDir():
			return usageErrorf("%s is a directory; copy into another directory", d)
		case err == nil:
			existing = append(existing, d)
		case !errors.Is(err, fs.ErrNotExist):
			return usageErrorf("cannot copy to %s: %v; copy into a folder you can write", d, outfile.TrimPathError(err))
		}
	}
	if len(existing) > 0 && !opts.force {
		return usageErrorf("%s already exists; nothing was written. Copy into another directory, or give --force to overwrite", strings.Join(existing, ", "))
	}
	// DIR and the built-in's own folders are made here, as copy promises:
	// DIR names a folder to fill, not a file in an existing folder, so it
	// is the one output whose folders are created.
	pending := make([]outfile.File, len(order))
	for i, d := range order {
		pending[i] = outfile.File{Path: d, Data: dest[d]}
		if err := os.MkdirAll(filepath.Dir(d), 0o777); err != nil {
			// A file where a folder should be, or a folder not ours to
			// write: the user's to fix.
			return usageErrorf("cannot copy to %s: %v; copy into a folder you can write", d, outfile.TrimPathError(err))
		}
	}
	if err := outfile.WriteAll(pending); err != nil {
		return err
	}
	for _, d := range order {
		fmt.Fprintf(s.Out, "wrote %s\n", d)
	}
	fmt.Fprintf(s.Out, "run it with: ivrsim run %s\n", order[0])
	return nil
}
