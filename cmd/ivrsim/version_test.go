package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/results"
)

// TestVersionCommand: "ivrsim version", its JSON form and --version say
// the version, the commit and the Go release.
func TestVersionCommand(t *testing.T) {
	code, out, errs := cli(t, "version")
	if code != 0 || !strings.HasPrefix(out, "ivrsim ") || !strings.Contains(out, "commit") || !strings.Contains(out, "go        go1.") {
		t.Fatalf("version: exit %d: %q %q", code, out, errs)
	}
	code, flagOut, _ := cli(t, "--version")
	if code != 0 || flagOut != out {
		t.Fatalf("--version: exit %d: %q, want what version prints: %q", code, flagOut, out)
	}
	code, out, _ = cli(t, "version", "--format", "json")
	var v results.BuildVersion
	if err := json.Unmarshal([]byte(out), &v); code != 0 || err != nil || v.Version == "" || !strings.HasPrefix(v.Go, "go1.") {
		t.Fatalf("version --format json: exit %d, %v: %q", code, err, out)
	}
	if code, _, errs := cli(t, "version", "--format", "csv"); code != exitUsage || !strings.Contains(errs, "table or json") {
		t.Fatalf("version --format csv: exit %d: %q", code, errs)
	}
}

// TestResultsCarryVersion: a JSON result names the ivrsim that wrote it,
// and check --baseline warns when the baseline was written by another.
func TestResultsCarryVersion(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base.json")
	if code, _, errs := cli(t, "run", "testdata/check/equal.yaml", "--reps", "3", "--format", "json", "--out", base); code != 0 {
		t.Fatalf("run: exit %d: %s", code, errs)
	}
	data, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	var head struct {
		Version *string `json:"ivrsim_version"`
	}
	if err := json.Unmarshal(data, &head); err != nil || head.Version == nil || *head.Version != results.Version {
		t.Fatalf("ivrsim_version %v (%v), want %q", head.Version, err, results.Version)
	}
	args := []string{"check", "testdata/check/gate.yaml", "--reps", "3", "--baseline", base, "--tolerance", "abandon_rate=50pp"}
	if _, _, errs := cli(t, args...); strings.Contains(errs, "warning") {
		t.Fatalf("a warning for a baseline of the same version: %s", errs)
	}
	for _, tc := range []struct{ from, to, want string }{
		{`"ivrsim_version": "` + results.Version + `"`, `"ivrsim_version": "v0.9.0"`, "written by ivrsim v0.9.0, and this is ivrsim " + results.Version},
		{`"ivrsim_version": "` + results.Version + `",`, ``, "written by an ivrsim that did not record its version"},
	} {
		other := strings.Replace(string(data), tc.from, tc.to, 1)
		if other == string(data) {
			t.Fatalf("%q is not in the result", tc.from)
		}
		if err := os.WriteFile(base, []byte(other), 0o644); err != nil {
			t.Fatal(err)
		}
		_, _, errs := cli(t, args...)
		if !strings.Contains(errs, "warning: --baseline "+base+": "+tc.want) {
			t.Errorf("no warning naming the versions: %q", errs)
		}
	}
}

// TestMergeVersions: merged shards name the ivrsim that wrote them, and a
// merge of shards of different versions warns.
func TestMergeVersions(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i := 1; i <= 2; i++ {
		f := filepath.Join(dir, "part-"+strconv.Itoa(i)+".json")
		if code, _, errs := cli(t, "run", "erlang-a", "--reps", "2", "--set", "horizon.days=1", "--shard", strconv.Itoa(i)+"/2", "--out", f); code != 0 {
			t.Fatal(errs)
		}
		files = append(files, f)
	}
	code, out, errs := cli(t, append([]string{"merge"}, files...)...)
	if code != 0 || errs != "" || !strings.Contains(out, `"ivrsim_version": "`+results.Version+`"`) {
		t.Fatalf("merge: exit %d, %q", code, errs)
	}
	data, _ := os.ReadFile(files[1])
	if err := os.WriteFile(files[1], []byte(strings.Replace(string(data), `"ivrsim_version": "`+results.Version+`"`, `"ivrsim_version": "v0.9.0"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = cli(t, append([]string{"merge"}, files...)...)
	if code != 0 || !strings.Contains(errs, "different versions of ivrsim") || !strings.Contains(errs, "v0.9.0 ("+files[1]+")") {
		t.Fatalf("merge of two versions: exit %d, %q", code, errs)
	}
}
