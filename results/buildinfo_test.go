package results

import (
	"runtime/debug"
	"strings"
	"testing"
)

// TestBuildVersionOf: the version comes from the linker when a release
// sets it, else from the module version "go install ...@v1.2.0" records,
// else it is "devel" with the commit the build information names.
func TestBuildVersionOf(t *testing.T) {
	info := func(v string, settings ...string) *debug.BuildInfo {
		bi := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/ivrsim/ivrsim", Version: v}}
		for i := 0; i+1 < len(settings); i += 2 {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return bi
	}
	tests := []struct {
		name        string
		linked      BuildVersion
		info        *debug.BuildInfo
		want, short string
		commit      string
	}{
		{"go install at a tag", BuildVersion{}, info("v1.2.0"), "v1.2.0", "v1.2.0", ""},
		{"working copy", BuildVersion{}, info("(devel)", "vcs.revision", "3c8e2cb1a2b4c5d6e7f8", "vcs.modified", "false"), "devel", "devel+3c8e2cb1a2b4", "3c8e2cb1a2b4c5d6e7f8"},
		{"dirty working copy", BuildVersion{}, info("(devel)", "vcs.revision", "abc", "vcs.modified", "true"), "devel", "devel+abc.dirty", "abc"},
		{"no VCS information", BuildVersion{}, info("(devel)"), "devel", "devel", ""},
		{"release build", BuildVersion{Version: "v1.3.0", Commit: "0123456789ab", Date: "2026-12-01T00:00:00Z"}, info("(devel)", "vcs.revision", "ffff"), "v1.3.0", "v1.3.0", "0123456789ab"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := BuildVersionOf(tc.linked, tc.info, true)
			if v.Version != tc.want || v.String() != tc.short || v.Commit != tc.commit || v.Go != "go1.26.8" {
				t.Fatalf("got %+v (%s), want version %s (%s), commit %q", v, v, tc.want, tc.short, tc.commit)
			}
		})
	}
	// Without build information, the linked version alone, and the Go
	// release of the running binary.
	if v := BuildVersionOf(BuildVersion{Version: " v2.0.0 "}, nil, false); v.Version != "v2.0.0" || !strings.HasPrefix(v.Go, "go") || v.Platform == "" {
		t.Errorf("no build information: %+v", v)
	}
}

// TestBuildVersionText: the text "ivrsim version" prints, with and
// without what is optional.
func TestBuildVersionText(t *testing.T) {
	for _, tc := range []struct {
		v    BuildVersion
		want string
	}{
		{BuildVersion{Version: "v1.2.0", Commit: "0123", Date: "2026-12-01T00:00:00Z", Go: "go1.26.8", Platform: "linux/amd64"},
			"ivrsim v1.2.0\n  commit    0123\n  date      2026-12-01T00:00:00Z\n  go        go1.26.8\n  platform  linux/amd64\n"},
		{BuildVersion{Version: "devel", Commit: "abc", Modified: true, Go: "go1.26.8", Platform: "darwin/arm64"},
			"ivrsim devel\n  commit    abc (with uncommitted changes)\n  go        go1.26.8\n  platform  darwin/arm64\n"},
		{BuildVersion{Version: "devel", Go: "go1.26.8", Platform: "linux/arm64"},
			"ivrsim devel\n  commit    unknown (built without VCS information)\n  go        go1.26.8\n  platform  linux/arm64\n"},
	} {
		var b strings.Builder
		if err := tc.v.WriteText(&b); err != nil || b.String() != tc.want {
			t.Errorf("%+v: %v\n%s\nwant\n%s", tc.v, err, b.String(), tc.want)
		}
	}
}
