package main

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/sim"
	"gonum.org/v1/gonum/stat/distuv"
)

// checkSeeds is how many seeds the statistical tests of the regression
// gate run; go test -check-seeds 2000 measures the rates more closely.
var checkSeeds = flag.Int("check-seeds", 200, "seeds per statistical test of ivrsim check")

// noSimulation makes the test fail if the check simulates anything: for
// input that must be refused first.
func noSimulation(t *testing.T) {
	t.Helper()
	saved := checkRun
	checkRun = func(context.Context, []*sim.Plan, sim.Options) (*results.RunSet, error) {
		t.Fatal("the check simulated despite invalid input")
		return nil, nil
	}
	t.Cleanup(func() { checkRun = saved })
}

// dirEntries lists the files in dir, to see that nothing was written.
func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// TestCheckBank is the command of the issue. Whether each design passes
// is read from the run's own JSON result, so the test holds whatever the
// bank's calibration is.
func TestCheckBank(t *testing.T) {
	code, out, errs := cli(t, "run", "bank", "--format", "json")
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, errs)
	}
	var doc results.Document
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	for _, limit := range []float64{0.1, 0.2} {
		line := "abandon_rate < " + strconv.FormatFloat(limit, 'g', -1, 64)
		want, failed := []string{"ivrsim check: bank — 10 replications, seed 1"}, 0
		for _, d := range doc.Designs {
			mark := "✓"
			if !(d.Metrics["abandon_rate"].Mean < limit) {
				mark = "✗"
				failed++
			}
			want = append(want, mark+" "+line+"  "+d.Name+" ")
		}
		wantCode := exitOK
		if failed > 0 {
			wantCode = exitThresholds
		}
		code, out, errs := cli(t, "check", "bank", "--threshold", line)
		if code != wantCode {
			t.Fatalf("%s: exit %d, want %d: %s%s", line, code, wantCode, out, errs)
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("the summary lacks %q:\n%s", w, out)
			}
		}
		if failed > 0 && errs != fmt.Sprintf("ivrsim: %d of 2 checks failed\n", failed) || failed == 0 && errs != "" {
			t.Errorf("%s: stderr %q", line, errs)
		}
	}
}

// TestCheckScenarioThresholds: every form of threshold in a scenario,
// applied to every design or the one named.
func TestCheckScenarioThresholds(t *testing.T) {
	code, out, errs := cli(t, "check", "testdata/check/thresholds.yaml", "--reps", "5")
	if code != exitOK {
		t.Fatalf("exit %d: %s%s", code, out, errs)
	}
	// Each threshold on each design it concerns.
	for _, want := range []string{
		"✓ abandon_rate < 0.5                      current ",
		"✓ abandon_rate < 0.5                      fewer-agents ",
		"✓ abandon_rate ci_high < 50%              current       ci_high = ",
		"✓ asa mean < 45s                          fewer-agents  mean = ",
		"✓ queue_abandon_rate{fewer-agents} >= 1%  fewer-agents  mean = ",
		"✓ wait p(90) < 10m                        current       p(90) = ",
		"✓ ttr p(50) <= 1h                         fewer-agents  p(50) = ",
		"✓ service_level ci_low > 10%              current       ci_low = ",
		"✓ all 13 checks passed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the summary lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "\n  ✓ "); n != 13 {
		t.Errorf("%d thresholds passed, want 13:\n%s", n, out)
	}
	// A threshold from the command line joins those of the scenario.
	code, out, _ = cli(t, "check", "testdata/check/thresholds.yaml", "--reps", "5", "--threshold", "abandon_rate{fewer-agents} > 90%")
	if code != exitThresholds || strings.Count(out, "\n  ✗ ") != 1 || !strings.Contains(out, "✗ abandon_rate{fewer-agents} > 90%") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

// TestCheckInvalidThresholds: every mistake in the scenario's thresholds
// is reported at once, at its file, line and column, before anything is
// simulated; nothing is written.
func TestCheckInvalidThresholds(t *testing.T) {
	noSimulation(t)
	dir := t.TempDir()
	code, out, errs := cli(t, "check", "testdata/check/bad_thresholds.yaml", "--junit", filepath.Join(dir, "j.xml"),
		"--threshold", "asa{x} < 5s", "--threshold", "wait p(90) <")
	if code != exitUsage || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	golden(t, "check/bad_thresholds", errs)
	if names := dirEntries(t, dir); len(names) != 0 {
		t.Fatalf("written: %v", names)
	}
}

// TestCheckUsageErrors: each mistake exits 2 with a message saying how to
// fix it, before anything is simulated, and writes nothing.
func TestCheckUsageErrors(t *testing.T) {
	noSimulation(t)
	dir := t.TempDir()
	base := filepath.Join(dir, "base.json")
	doc := map[string]any{"schema_version": 3, "scenario": "gate", "designs": []any{map[string]any{"name": "current"}}}
	b, _ := json.Marshal(doc)
	if err := os.WriteFile(base, b, 0o644); err != nil {
		t.Fatal(err)
	}
	before := dirEntries(t, dir)
	junit := filepath.Join(dir, "report.xml")
	gate := "testdata/check/gate.yaml"
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"nothing to check", []string{gate}, "nothing to check in testdata/check/gate.yaml"},
		{"unknown metric", []string{gate, "--threshold", "abandon_rat < 1%"}, `unknown metric "abandon_rat" (did you mean "abandon_rate"?)`},
		{"unknown design", []string{gate, "--threshold", "asa{curent} < 5s"}, `no design "curent" (did you mean "current"?)`},
		{"compare without tolerance", []string{gate, "--compare", "current:split"}, "need at least one --tolerance metric=value"},
		{"tolerance without compare", []string{gate, "--tolerance", "asa=5s"}, "--tolerance needs --compare"},
		{"compare one design", []string{gate, "--compare", "current", "--tolerance", "asa=5s"}, "expected current:proposed"},
		{"compare unknown", []string{gate, "--compare", "current:nope", "--tolerance", "asa=5s"}, `no design "nope"`},
		{"compare itself", []string{gate, "--compare", "current:current", "--tolerance", "asa=5s"}, "compared with itself"},
		{"neutral metric", []string{gate, "--compare", "current:split", "--tolerance", "occupancy=1pp"}, "cannot be gated"},
		{"tolerance twice", []string{gate, "--compare", "current:split", "--tolerance", "asa=5s", "--tolerance", "asa=1s"}, "has a tolerance already"},
		{"one replication", []string{gate, "--compare", "current:split", "--tolerance", "asa=5s", "--reps", "1"}, "needs at least 2 replications"},
		{"interval of one", []string{gate, "--threshold", "asa ci_high < 5s", "--reps", "1"}, "ci_high needs at least 2 replications"},
		{"alpha", []string{gate, "--threshold", "asa < 5s", "--alpha", "0"}, "--alpha 0"},
		{"reps", []string{gate, "--threshold", "asa < 5s", "--reps", "0"}, `--reps "0"`},
		{"no directory", []string{gate, "--threshold", "asa < 5s", "--junit", filepath.Join(dir, "no", "r.xml")}, "does not exist"},
		{"a directory", []string{gate, "--threshold", "asa < 5s", "--summary-md", dir}, "it is a directory"},
		{"same file twice", []string{gate, "--threshold", "asa < 5s", "--junit", junit, "--out", junit}, "both name"},
		{"baseline missing", []string{gate, "--baseline", filepath.Join(dir, "none.json"), "--tolerance", "asa=5s"}, "--baseline: open"},
		{"baseline version", []string{gate, "--baseline", base, "--tolerance", "asa=5s"}, "schema_version 3, and this ivrsim reads version 2"},
		{"scenario", []string{"testdata/check/nope.yaml", "--threshold", "asa < 5s"}, "nope.yaml"},
		{"arguments", []string{}, "check takes SCENARIO"},
	}
	for _, tt := range tests {
		code, out, errs := cli(t, append([]string{"check"}, tt.args...)...)
		if code != exitUsage || out != "" || !strings.Contains(errs, tt.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want 2 and %q", tt.name, code, out, errs, tt.want)
		}
	}
	if after := dirEntries(t, dir); strings.Join(after, " ") != strings.Join(before, " ") {
		t.Fatalf("files written: %v", after)
	}
}

// TestCheckExitCodes: 0 pass, 99 a threshold failed or the run measured
// nothing, 1 a runtime error, 130 interrupted; files only when the run
// worked.
func TestCheckExitCodes(t *testing.T) {
	dir := t.TempDir()
	junit := filepath.Join(dir, "report.xml")
	gate := "testdata/check/gate.yaml"
	run := func(args ...string) (int, string, string) {
		return cli(t, append([]string{"check", gate, "--reps", "3", "--junit", junit}, args...)...)
	}
	if code, out, errs := run("--threshold", "abandon_rate < 50%"); code != exitOK || errs != "" || !strings.Contains(out, "✓ all 3 checks passed") {
		t.Fatalf("pass: exit %d: %s%s", code, out, errs)
	}
	if _, err := os.Stat(junit); err != nil {
		t.Fatalf("a passing check wrote no report: %v", err)
	}
	_ = os.Remove(junit)
	if code, out, _ := run("--threshold", "abandon_rate < 1%"); code != exitThresholds || !strings.Contains(out, "✗ 3 of 3 checks failed") {
		t.Fatalf("fail: exit %d: %s", code, out)
	}
	if _, err := os.Stat(junit); err != nil {
		t.Fatalf("a failing check wrote no report: %v", err)
	}
	_ = os.Remove(junit)

	// A run offered no contacts (all arrive before the warm-up ends) fails,
	// whatever the thresholds say.
	code, out, _ := run("--threshold", "abandon_rate < 50%", "--set", "warmup=12h")
	if code != exitThresholds || !strings.Contains(out, "no contacts were offered to current") || !strings.Contains(out, "abandon_rate is undefined in every replication") {
		t.Fatalf("empty run: exit %d: %s", code, out)
	}
	_ = os.Remove(junit)

	// On a terminal, progress goes to the error stream and the summary
	// still to the output.
	code, out, _ = cliStreams(t, context.Background(), true, "check", gate, "--reps", "2", "--threshold", "abandon_rate < 50%")
	if code != exitOK || !strings.HasPrefix(out, "ivrsim check: gate") {
		t.Fatalf("on a terminal: exit %d: %s", code, out)
	}

	// Interrupted: 130, and nothing written.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	code, out, errs := cliStreams(t, ctx, false, "check", gate, "--threshold", "abandon_rate < 50%", "--junit", junit, "--out", filepath.Join(dir, "r.json"))
	if code != exitInterrupted || out != "" || errs != "ivrsim: interrupted\n" {
		t.Fatalf("interrupted: exit %d, %q, %q", code, out, errs)
	}
	if names := dirEntries(t, dir); len(names) != 0 {
		t.Fatalf("an interrupted check wrote %v", names)
	}

	// A runtime error (a full disk): 1, and the other files not written.
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full here")
	}
	code, _, errs = run("--threshold", "abandon_rate < 50%", "--summary-md", "/dev/full")
	if code != exitRuntime || !strings.Contains(errs, "/dev/full") {
		t.Fatalf("disk full: exit %d, %q", code, errs)
	}
	if names := dirEntries(t, dir); len(names) != 0 {
		t.Fatalf("a check that failed to write wrote %v", names)
	}
}

// junitClock matches the JUnit report's attributes that read the clock.
var junitClock = regexp.MustCompile(`\b(time|timestamp|hostname)="[^"]*"`)

// TestCheckOutputs: the JUnit report has a test case per threshold and
// design and per regression check, the markdown and JSON are written, and
// everything is byte-identical whatever the number of workers, but for the
// JUnit report's clock (when the check ran and how long it took).
func TestCheckOutputs(t *testing.T) {
	var first map[string]string
	for _, workers := range []string{"1", "2"} {
		dir := t.TempDir()
		files := map[string]string{"junit": filepath.Join(dir, "r.xml"), "md": filepath.Join(dir, "s.md"), "out": filepath.Join(dir, "r.json")}
		code, out, errs := cli(t, "check", "testdata/check/gate.yaml", "--reps", "4", "--workers", workers,
			"--threshold", "abandon_rate < 50%", "--threshold", "asa{fewer-agents} < 0.1s", "--threshold", "wait{split} p(90) < 10m",
			"--compare", "current:fewer-agents", "--tolerance", "abandon_rate=1pp", "--tolerance", "service_level=50pp",
			"--junit", files["junit"], "--summary-md", files["md"], "--out", files["out"])
		if code != exitThresholds {
			t.Fatalf("exit %d: %s%s", code, out, errs)
		}
		got := map[string]string{"stdout": out}
		for k, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got[k] = string(b)
		}
		got["junit"] = junitClock.ReplaceAllString(got["junit"], `$1="…"`)
		if first == nil {
			first = got
			continue
		}
		for k := range got {
			if got[k] != first[k] {
				t.Errorf("%s differs between 1 and %s workers", k, workers)
			}
		}
	}

	var report struct {
		Suites []struct {
			Name     string `xml:"name,attr"`
			Tests    int    `xml:"tests,attr"`
			Failures int    `xml:"failures,attr"`
			Cases    []struct {
				Name      string `xml:"name,attr"`
				Classname string `xml:"classname,attr"`
				Failure   *struct {
					Message string `xml:"message,attr"`
					Body    string `xml:",chardata"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(first["junit"]), &report); err != nil {
		t.Fatal(err)
	}
	// 3 designs × 1 threshold + 2 on one design + 2 regression checks.
	if len(report.Suites) != 1 || report.Suites[0].Name != "ivrsim check" || len(report.Suites[0].Cases) != 7 || report.Suites[0].Tests != 7 {
		t.Fatalf("%+v", report)
	}
	failures := 0
	for _, c := range report.Suites[0].Cases {
		if c.Failure != nil {
			failures++
			// A threshold's observed value and interval, or a regression's
			// difference and bound, in the message and the body alike.
			for _, text := range []string{c.Failure.Message, c.Failure.Body} {
				threshold := strings.Contains(text, "mean = ") && strings.Contains(text, "95% CI")
				regression := strings.Contains(text, "+") && strings.Contains(text, "95% bound")
				if !threshold && !regression {
					t.Errorf("%s: the failure does not say what was observed: %q", c.Name, text)
				}
			}
		}
	}
	// fewer-agents' callers wait more than 0.1s on average, and it
	// regresses on abandonment; its service level falls, but by less than
	// 50 points.
	if failures != 2 || report.Suites[0].Failures != 2 || strings.Count(first["stdout"], "\n  ✗ ") != 2 {
		t.Fatalf("%d failures:\n%s", failures, first["stdout"])
	}
	if !strings.Contains(first["md"], "### ❌ ivrsim check: 2 of 7 checks failed") {
		t.Fatalf("markdown:\n%s", first["md"])
	}
	var doc results.Document
	if err := json.Unmarshal([]byte(first["out"]), &doc); err != nil || doc.Replications != 4 || len(doc.Designs) != 3 {
		t.Fatalf("--out: %v, %+v", err, doc)
	}
}

// binomialRange is where the count of successes in n trials of
// probability p falls with probability at least 1 − 2·tail.
func binomialRange(n int, p, tail float64) (lo, hi int) {
	b := distuv.Binomial{N: float64(n), P: p}
	for lo = 0; b.CDF(float64(lo)) <= tail; lo++ {
	}
	for hi = n; 1-b.CDF(float64(hi-1)) <= tail; hi-- {
	}
	return lo, hi
}

// alarms runs the check once per seed and counts exit 99.
func alarms(t *testing.T, args ...string) int {
	t.Helper()
	n := 0
	for seed := 1; seed <= *checkSeeds; seed++ {
		code, _, errs := cli(t, append([]string{"check", "--reps", "5", "--workers", "1", "--seed", itoa(seed)}, args...)...)
		switch code {
		case exitThresholds:
			n++
		case exitOK:
		default:
			t.Fatalf("seed %d: exit %d: %s", seed, code, errs)
		}
	}
	return n
}

// TestCheckEqualFlowsFalseAlarms: two designs equal in distribution (one
// greeting, or the same greeting cut in two prompts whose lengths sum to
// the same law), compared with tolerance 0 at α = 5%. Each seed is an
// independent run of 5 paired replications, so the number of false alarms
// is binomial(seeds, α) if the test holds its level; it must fall in the
// central 99.9% of that distribution (for 200 seeds, 2 to 21 alarms).
// The paired differences are not exactly normal, which the bounds leave
// room for; a test at the wrong level (two-sided, or unpaired) is caught
// by the exact synthetic test in package results.
func TestCheckEqualFlowsFalseAlarms(t *testing.T) {
	got := alarms(t, "testdata/check/equal.yaml", "--compare", "current:split", "--tolerance", "abandon_rate=0")
	lo, hi := binomialRange(*checkSeeds, results.DefaultAlpha, 0.0005)
	t.Logf("false alarms: %d of %d seeds (%.1f%%); the 99.9%% binomial range at 5%% is %d to %d", got, *checkSeeds, 100*float64(got)/float64(*checkSeeds), lo, hi)
	if got < lo || got > hi {
		t.Fatalf("%d false alarms in %d seeds, want %d to %d", got, *checkSeeds, lo, hi)
	}
}

// TestCheckCatchesWorseFlow: a proposed flow that sends callers to a queue
// with 5 agents instead of 6 abandons about 7 points more; with a
// tolerance of 1 point it is caught in nearly every seed (at least 98%).
func TestCheckCatchesWorseFlow(t *testing.T) {
	got := alarms(t, "testdata/check/worse.yaml", "--compare", "current:fewer-agents", "--tolerance", "abandon_rate=1pp")
	t.Logf("caught: %d of %d seeds", got, *checkSeeds)
	if got*100 < *checkSeeds*98 {
		t.Fatalf("caught in %d of %d seeds", got, *checkSeeds)
	}
}

// TestCheckBaseline: against a stored run of the same scenario, unpaired
// (Welch): a run of another seed passes, a worse centre fails, and a
// design the baseline lacks is listed, not compared.
func TestCheckBaseline(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base.json")
	if code, _, errs := cli(t, "run", "testdata/check/equal.yaml", "--reps", "10", "--seed", "100", "--format", "json", "--out", base); code != 0 {
		t.Fatalf("run: exit %d: %s", code, errs)
	}
	args := []string{"check", "testdata/check/gate.yaml", "--reps", "10", "--baseline", base, "--tolerance", "abandon_rate=2pp", "--tolerance", "asa=10s"}
	code, out, errs := cli(t, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s%s", code, out, errs)
	}
	for _, want := range []string{"against the baseline, unpaired (Welch)", "✓ abandon_rate  current vs baseline", "✓ asa           split vs baseline", "- fewer-agents is not in the baseline: not compared", "✓ all 4 checks passed"} {
		if !strings.Contains(out, want) {
			t.Errorf("the summary lacks %q:\n%s", want, out)
		}
	}
	// Two agents fewer in the team: abandonment soars.
	code, out, _ = cli(t, append(args, "--set", "agents.team.count=4")...)
	if code != exitThresholds || !strings.Contains(out, "✗ abandon_rate  current vs baseline") {
		t.Fatalf("worse centre: exit %d:\n%s", code, out)
	}
	// Another scenario is refused.
	code, _, errs = cli(t, "check", "bank", "--baseline", base, "--tolerance", "asa=5s")
	if code != exitUsage || !strings.Contains(errs, `a run of scenario "gate", and this is "bank"`) {
		t.Fatalf("another scenario: exit %d: %s", code, errs)
	}
}
