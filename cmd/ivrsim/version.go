package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

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

// buildVersion says which ivrsim this is.
type buildVersion struct {
	// Version is the module version, such as v1.2.0, or "devel" for a
	// build from a working copy.
	Version string `json:"version"`
	// Commit is the VCS revision the binary was built from, if known.
	Commit string `json:"commit,omitempty"`
	// Date is the commit's time, if known.
	Date string `json:"date,omitempty"`
	// Modified is set when the working copy had uncommitted changes.
	Modified bool `json:"modified,omitempty"`
	// Go is the Go release that compiled the binary.
	Go string `json:"go"`
	// Platform is GOOS/GOARCH.
	Platform string `json:"platform"`
}

// readBuildVersion gathers the version from what the linker set and the
// build information the Go toolchain embeds.
func readBuildVersion() buildVersion {
	return buildVersionOf(debug.ReadBuildInfo())
}

func buildVersionOf(info *debug.BuildInfo, ok bool) buildVersion {
	v := buildVersion{Version: version, Commit: commit, Date: date, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if ok && info != nil {
		if info.GoVersion != "" {
			v.Go = info.GoVersion
		}
		if v.Version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v.Version = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				if v.Commit == "" {
					v.Commit = s.Value
				}
			case "vcs.time":
				if v.Date == "" {
					v.Date = s.Value
				}
			case "vcs.modified":
				v.Modified = v.Modified || s.Value == "true"
			}
		}
	}
	v.Version = strings.TrimSpace(v.Version)
	if v.Version == "" {
		v.Version = "devel"
	}
	return v
}

// String is the short form results carry: the version, and for a
// development build the commit it was built from, such as
// "devel+3c8e2cb1a2b4" or "devel+3c8e2cb1a2b4.dirty".
func (v buildVersion) String() string {
	if v.Version != "devel" {
		return v.Version
	}
	s := v.Version
	if v.Commit != "" {
		s += "+" + v.Commit[:min(12, len(v.Commit))]
	}
	if v.Modified {
		s += ".dirty"
	}
	return s
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
	cmd.Flags().StringVar(&opts.format, "format", "table", "output `format`: table or json")
	return cmd
}

func runVersion(_ context.Context, opts *versionOptions, s streams) error {
	v := readBuildVersion()
	switch opts.format {
	case "table", "text":
		return writeVersionText(s.Out, v)
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

func writeVersionText(w io.Writer, v buildVersion) error {
	var b strings.Builder
	fmt.Fprintf(&b, "ivrsim %s\n", v.Version)
	commit := v.Commit
	if commit == "" {
		commit = "unknown (built without VCS information)"
	} else if v.Modified {
		commit += " (with uncommitted changes)"
	}
	fmt.Fprintf(&b, "  commit    %s\n", commit)
	if v.Date != "" {
		fmt.Fprintf(&b, "  date      %s\n", v.Date)
	}
	fmt.Fprintf(&b, "  go        %s\n", v.Go)
	fmt.Fprintf(&b, "  platform  %s\n", v.Platform)
	_, err := io.WriteString(w, b.String())
	return err
}
