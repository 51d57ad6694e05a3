package main

import (
	"strings"

	"github.com/ivrsim/ivrsim/results/outfile"
	"github.com/spf13/cobra"
)

// The formats each command writes, the first its default. Each list is
// the one source of the command's --format: its default, its completion
// and the check that refuses anything else.
var (
	runFormats         = []string{"table", "json", "csv"}
	sensitivityFormats = []string{"table", "json", "csv"}
	backtestFormats    = []string{"table", "json", "csv"}
	loadFormats        = []string{"table", "json", "csv"}
	mergeFormats       = []string{"json", "table", "csv"}
	staffFormats       = []string{"table", "json", "csv", "wfm"}
	checkFormats       = []string{"table", "markdown", "junit", "json"}
	erlangFormats      = []string{"table", "json"}
	versionFormats     = []string{"table", "json"}
)

// formatsAnnotation marks a --format flag registered by addFormatFlag,
// with its formats, so a test can hold every command to its list.
const formatsAnnotation = "ivrsim_formats"

// addFormatFlag registers --format on cmd: formats[0] the default, the
// formats offered to shell completion, and help the flag's help text,
// or "" for the usual "output format: table, json or csv".
func addFormatFlag(cmd *cobra.Command, p *string, help string, formats ...string) {
	if help == "" {
		help = "output format: " + orList(formats)
	}
	f := cmd.Flags()
	f.StringVar(p, "format", formats[0], help)
	_ = f.SetAnnotation("format", formatsAnnotation, formats)
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(formats, cobra.ShellCompDirectiveNoFileComp))
}

// chooseFormat settles *format as outfile.Format decides among formats:
// --format when given, else out's extension when it is one of them, else
// the default.
func chooseFormat(format *string, given bool, out string, formats []string) error {
	f, err := outfile.Format(*format, given, out, formats)
	if err != nil {
		return err
	}
	*format = f
	return nil
}

// addOutFlag registers --out/-o for a command whose output, what, goes to
// standard output unless a file is named.
func addOutFlag(cmd *cobra.Command, p *string, what string) {
	cmd.Flags().StringVarP(p, "out", "o", "", "write "+what+" to `FILE` (atomically) instead of standard output")
}

// orList writes a, b or c.
func orList(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}
