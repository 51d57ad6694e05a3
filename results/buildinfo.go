package results

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// BuildVersion says which ivrsim this is: what "ivrsim version" prints,
// and, in its short form (String), the Version results carry as
// ivrsim_version.
type BuildVersion struct {
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

// ReadBuildVersion gathers the version of the running binary from what
// its release build linked in (linked: only Version, Commit and Date are
// read; empty where nothing was linked) and the build information the Go
// toolchain embeds, which a "go install ...@v1.2.0" build has.
func ReadBuildVersion(linked BuildVersion) BuildVersion {
	info, ok := debug.ReadBuildInfo()
	return BuildVersionOf(linked, info, ok)
}

// BuildVersionOf is ReadBuildVersion for the build information info (ok
// false: none). What was linked wins over the build information, which
// wins over "devel".
func BuildVersionOf(linked BuildVersion, info *debug.BuildInfo, ok bool) BuildVersion {
	v := BuildVersion{Version: linked.Version, Commit: linked.Commit, Date: linked.Date, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
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
func (v BuildVersion) String() string {
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

// WriteText writes the version for people: the version, then the commit,
// its date, the Go release and the platform, one a line.
func (v BuildVersion) WriteText(w io.Writer) error {
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
