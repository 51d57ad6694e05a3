package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/results"
	"github.com/spf13/cobra"
)

// withStdin runs f with standard input reading data.
func withStdin(t *testing.T, data string, f func()) {
	t.Helper()
	old := stdin
	stdin = strings.NewReader(data)
	defer func() { stdin = old }()
	f()
}

// TestFlagsAgree: flags that several commands share mean the same in
// each: --quiet (-q) has one meaning, and every command with outputs in
// several formats chooses them with --format.
func TestFlagsAgree(t *testing.T) {
	root := newRootCmd(streams{Out: &strings.Builder{}, Err: &strings.Builder{}})
	var walk func(c *cobra.Command)
	formats := map[string]bool{}
	walk = func(c *cobra.Command) {
		if f := c.Flags().Lookup("quiet"); f != nil && (!strings.HasPrefix(f.Usage, quietHelp) || f.Shorthand != "q") {
			t.Errorf("%s --quiet: -%s %q", c.CommandPath(), f.Shorthand, f.Usage)
		}
		if c.Flags().Lookup("format") != nil {
			formats[c.Name()] = true
		}
		// backtest and sensitivity run a fixed number of replications at
		// each of their points; a precision target has no meaning there.
		if f := c.Flags().Lookup("reps"); f != nil && c.Name() != "backtest" && c.Name() != "sensitivity" && !strings.Contains(f.Usage, "auto") {
			t.Errorf("%s --reps does not take auto: %q", c.CommandPath(), f.Usage)
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	for _, name := range []string{"run", "check", "merge", "staff", "backtest", "version"} {
		if !formats[name] {
			t.Errorf("ivrsim %s has no --format", name)
		}
	}
}

// TestCheckRepsAuto: check --reps auto runs replications until every
// --precision target is met (or --max-reps), as run does.
func TestCheckRepsAuto(t *testing.T) {
	code, out, errs := cli(t, "check", "testdata/check/gate.yaml", "--threshold", "abandon_rate < 90%",
		"--reps", "auto", "--precision", "asa=0.5s", "--max-reps", "16", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc results.Document
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("--format json: %v\n%s", err, out)
	}
	if doc.Replications <= defaultReps || doc.Replications > 16 {
		t.Fatalf("%d replications; a 0.5s half-width on asa needs more than %d, and --max-reps is 16", doc.Replications, defaultReps)
	}
	for _, d := range doc.Designs {
		if e := d.Metrics["asa"]; e.HalfWidth() > 0.5 && doc.Replications < 16 {
			t.Errorf("%s: asa half-width %.3f after %d replications", d.Name, e.HalfWidth(), doc.Replications)
		}
	}
	if code, _, errs := cli(t, "check", "testdata/check/gate.yaml", "--threshold", "asa < 5s", "--reps", "auto"); code != exitUsage || !strings.Contains(errs, "--reps auto needs at least one --precision") {
		t.Fatalf("auto without a precision: exit %d: %s", code, errs)
	}
}

// TestCheckFormats: --format puts the markdown, the JUnit report or the
// run's JSON on standard output instead of the summary.
func TestCheckFormats(t *testing.T) {
	args := []string{"check", "testdata/check/gate.yaml", "--reps", "3", "--threshold", "abandon_rate < 90%"}
	_, table, _ := cli(t, args...)
	_, md, _ := cli(t, append(args, "--format", "markdown")...)
	_, junit, _ := cli(t, append(args, "--format", "junit")...)
	_, js, _ := cli(t, append(args, "--format", "json")...)
	if !strings.Contains(table, "THRESHOLDS") || !strings.HasPrefix(md, "### ✅ ivrsim check") {
		t.Fatalf("table %q\nmarkdown %q", table, md)
	}
	var x struct {
		XMLName xml.Name `xml:"testsuites"`
	}
	if err := xml.Unmarshal([]byte(junit), &x); err != nil {
		t.Fatalf("junit: %v\n%s", err, junit)
	}
	var doc results.Document
	if err := json.Unmarshal([]byte(js), &doc); err != nil || doc.Replications != 3 {
		t.Fatalf("json: %v\n%s", err, js)
	}
	if code, _, errs := cli(t, append(args, "--format", "html")...); code != exitUsage || !strings.Contains(errs, "table, markdown, junit, json") {
		t.Fatalf("--format html: exit %d: %s", code, errs)
	}
}

// TestStdin: "-" reads standard input wherever a file is read: a
// scenario (the same result as the file), shards to merge, a baseline.
func TestStdin(t *testing.T) {
	_, yaml, _ := cli(t, "scenarios", "show", "erlang-a")
	args := []string{"--reps", "2", "--set", "horizon.days=1", "--format", "json"}
	_, byName, _ := cli(t, append([]string{"run", "erlang-a"}, args...)...)
	var fromStdin, errs string
	var code int
	withStdin(t, yaml, func() { code, fromStdin, errs = cli(t, append([]string{"run", "-"}, args...)...) })
	if code != 0 || fromStdin != byName {
		t.Fatalf("run - : exit %d, %s; the result differs from the file's: %v", code, errs, fromStdin != byName)
	}
	withStdin(t, yaml, func() { code, _, errs = cli(t, "validate", "-") })
	if code != 0 {
		t.Fatalf("validate -: exit %d: %s", code, errs)
	}
	withStdin(t, "name: [", func() { code, _, errs = cli(t, "validate", "-") })
	if code != exitUsage || !strings.Contains(errs, stdinName+":") {
		t.Fatalf("a broken scenario on stdin: exit %d: %q", code, errs)
	}

	// A single shard merged from standard input is the whole run.
	_, shard, _ := cli(t, append([]string{"run", "erlang-a", "--shard", "1/1"}, args...)...)
	withStdin(t, shard, func() { code, fromStdin, errs = cli(t, "merge", "-") })
	if code != 0 || fromStdin != byName {
		t.Fatalf("merge -: exit %d: %s", code, errs)
	}

	// A baseline from standard input.
	dir := t.TempDir()
	base := filepath.Join(dir, "base.json")
	if code, _, errs := cli(t, "run", "testdata/check/equal.yaml", "--reps", "3", "--format", "json", "--out", base); code != 0 {
		t.Fatal(errs)
	}
	data, _ := os.ReadFile(base)
	withStdin(t, string(data), func() {
		code, fromStdin, errs = cli(t, "check", "testdata/check/gate.yaml", "--reps", "3", "--baseline", "-", "--tolerance", "abandon_rate=50pp")
	})
	if code != 0 || !strings.Contains(fromStdin, "vs baseline") {
		t.Fatalf("check --baseline -: exit %d: %s%s", code, fromStdin, errs)
	}
	code, _, errs = cli(t, "check", "-", "--baseline", "-", "--tolerance", "asa=1s")
	if code != exitUsage || !strings.Contains(errs, "both read standard input") {
		t.Fatalf("two readers of stdin: exit %d: %s", code, errs)
	}
}

// TestShardFromZero: a 0-based shard index is refused with how to count
// from 1, the mistake a Kubernetes JOB_COMPLETION_INDEX invites.
func TestShardFromZero(t *testing.T) {
	code, _, errs := cli(t, "run", "erlang-a", "--reps", "8", "--shard", "0/8", "--format", "json")
	if code != exitUsage || !strings.Contains(errs, "shards count from 1") || !strings.Contains(errs, "$((i+1))/8") {
		t.Fatalf("exit %d: %q", code, errs)
	}
	code, _, errs = cli(t, "run", "erlang-a", "--reps", "8", "--shard", "9/8", "--format", "json")
	if code != exitUsage || strings.Contains(errs, "count from 1") {
		t.Fatalf("9/8: exit %d: %q", code, errs)
	}
}

// TestFitQuiet: fit --quiet keeps standard error quiet, as everywhere;
// the fit report that --out FILE puts on standard output stays.
func TestFitQuiet(t *testing.T) {
	recs := simulatedRecords(t)
	code, out, errs := cli(t, "fit", recs, "-q")
	if code != 0 || errs != "" || !strings.Contains(out, "arrivals:") {
		t.Fatalf("fit -q: exit %d, stderr %q", code, errs)
	}
	code, _, errs = cli(t, "fit", recs)
	if code != 0 || errs == "" {
		t.Fatalf("fit: exit %d, no report on stderr", code)
	}
	file := filepath.Join(t.TempDir(), "s.yaml")
	code, out, errs = cli(t, "fit", recs, "-q", "--out", file)
	if code != 0 || errs != "" || out == "" || !strings.Contains(out, errsOrReport(t, recs)) {
		t.Fatalf("fit -q --out: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// errsOrReport is the first line of the fit report of recs.
func errsOrReport(t *testing.T, recs string) string {
	t.Helper()
	_, _, errs := cli(t, "fit", recs)
	first, _, _ := strings.Cut(errs, "\n")
	return first
}

// TestStaffRepsAuto: staff --reps auto searches again on twice the
// replications until two answers agree; its answer is exactly the search
// with that many replications, and --quiet or not, the flags are checked.
func TestStaffRepsAuto(t *testing.T) {
	args := []string{"staff", "testdata/staff/queue.yaml", "--target", "service_level(20s) >= 0.8", "--refine", "1", "--format", "json", "--quiet"}
	code, auto, errs := cli(t, append(args, "--reps", "auto", "--max-reps", "80")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		Replications int `json:"replications"`
	}
	if err := json.Unmarshal([]byte(auto), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Replications != 2*defaultStaffReps && doc.Replications != 4*defaultStaffReps {
		t.Fatalf("settled at %d replications; auto tries %d, %d, then %d", doc.Replications, defaultStaffReps, 2*defaultStaffReps, 4*defaultStaffReps)
	}
	_, fixed, _ := cli(t, append(args, "--reps", strconv.Itoa(doc.Replications))...)
	if fixed != auto {
		t.Fatalf("--reps auto differs from --reps %d:\n%s\n%s", doc.Replications, auto, fixed)
	}
	if code, _, errs := cli(t, append(args, "--reps", "auto", "--max-reps", "10")...); code != exitUsage || !strings.Contains(errs, "--max-reps 10") {
		t.Fatalf("--max-reps below twice the first: exit %d: %s", code, errs)
	}
}
