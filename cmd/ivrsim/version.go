package main

import (
	"context"
	"encoding/json"

	"github.com/ivrsim/ivrsim/results"
	"github.com/spf13/cobra"
)

// Release builds set these at link time (-ldflags "-X main.version=v1.2.0
// -X main.commit=... -X main.date=..."); a "go install ...@v1.2.0" build
// finds the same in its build information instead.
var (
	version string
	commit  string
	date    string
)

// readBuildVersion says which ivrsim this is, from what the linker set and
// the build information the Go toolchain embeds.
func readBuildVersion() results.BuildVersion {
	return results.ReadBuildVersion(results.BuildVersion{Version: version, Commit: commit, Date: date})
}

type versionOptions struct {
	format string
}

func newVersionCmd(s streams) *cobra.Command {
	opts := &versionOptions{}
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print ivrsim's version, commit and Go version",
		Long: `Version prints the module version ivrsim was built as, the commit it was built
from, and the Go release that compiled it. Every JSON result, JUnit report and
markdown summary carries the same version as ivrsim_version, and ivrsim check
--baseline warns when the baseline was written by another version.

"devel" is a build from a working copy rather than a release; its commit says
which.`,
		Example: `  ivrsim version
  ivrsim version --format json
  ivrsim --version`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runVersion(cmd.Context(), opts, s)
		},
	}
	addFormatFlag(cmd, &opts.format, "output `format`: table or json", versionFormats...)
	return cmd
}

func runVersion(_ context.Context, opts *versionOptions, s streams) error {
	v := readBuildVersion()
	switch opts.format {
	case "table", "text":
		return v.WriteText(s.Out)
	case "json":
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		_, err = s.Out.Write(append(b, '\n'))
		return err
	}
	return usageErrorf("--format %q: version prints table or json", opts.format)
}
