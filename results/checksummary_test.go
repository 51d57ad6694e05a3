package results

import (
	"bytes"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ivrsim/ivrsim/models/golden"
)

// checkGolden compares got with testdata/check/NAME, or rewrites it when
// go test runs with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", "check", name), got)
}

// oddName is a design name with everything XML and markdown must escape.
const oddName = "odd <&> \"name\" | *x* ]]>\x01"

// testReport is a report with every kind of line: a problem of the run,
// thresholds passed and failed (one undefined, one a percentile, one on a
// design with an awkward name), paired and baseline regression checks,
// and a design without a baseline.
func testReport(t *testing.T) *CheckReport {
	t.Helper()
	current := testRuns("current", map[string][]float64{
		"offered": {240, 250, 245}, "abandon_rate": {0.10, 0.12, 0.11}, "asa": {8, 9, 10}, "fcr": {0.80, 0.82, 0.81},
	})
	for s := 1; s <= 100; s++ {
		record(current.Wait, float64(s))
	}
	proposed := testRuns("proposed", map[string][]float64{
		"offered": {240, 250, 245}, "abandon_rate": {0.15, 0.18, 0.16}, "asa": {8, 9, 10.5}, "fcr": {0.80, 0.82, 0.81},
	})
	odd := testRuns(oddName, map[string][]float64{"offered": {10, 10, 10}, "abandon_rate": {0.01, 0.02, 0.03}})
	empty := testRuns("empty", map[string][]float64{"offered": {0, 0, 0}})
	rs := &RunSet{Scenario: "gate", Seed: 7, Replications: 3, Designs: []*DesignRuns{current, proposed, odd, empty}}

	var ths []Threshold
	for _, line := range []string{
		"abandon_rate{current} < 12%",
		"abandon_rate{proposed} ci_high < 15%",
		"asa{current} < 45s",
		"wait{current} p(90) < 2m",
		"service_level{current} >= 80%",
		"abandon_rate{" + oddName + "} <= 5%",
	} {
		th, err := ParseThresholdLine(line)
		if err != nil {
			t.Fatal(err)
		}
		ths = append(ths, th)
	}
	tols := []Tolerance{mustTolerance(t, "abandon_rate=1pp"), mustTolerance(t, "asa=5s")}
	regs, err := CompareDesigns(rs, "current", "proposed", tols, 0.05)
	if err != nil {
		t.Fatal(err)
	}
	base := WelchRegression(tols[0], Estimate{Mean: 0.105, StdDev: 0.01, N: 10}, EstimateOf([]float64{0.10, 0.12, 0.11}), 0.05)
	base.Current, base.Proposed = "current", "current"
	regs = append(regs, base)
	return &CheckReport{
		Scenario: rs.Scenario, Seed: rs.Seed, Replications: rs.Replications, Alpha: 0.05,
		Problems:    RunProblems(rs),
		Thresholds:  EvaluateThresholds(rs, ths),
		Regressions: regs,
		NoBaseline:  []string{"proposed"},
		Started:     time.Date(2026, 12, 4, 9, 30, 0, 0, time.UTC),
		Elapsed:     1500 * time.Millisecond,
		Hostname:    "ci-runner",
		// current simulated 3 contacts for each of proposed's, the odd
		// design half as many again; empty none.
		Calls: map[string]int64{"current": 3000, "proposed": 1000, oddName: 500, "empty": 0},
	}
}

func TestCheckReportCounts(t *testing.T) {
	r := testReport(t)
	// 1 problem, 6 thresholds (proposed's ci_high, service_level
	// undefined fail), 3 regressions (abandon_rate fails).
	if r.Checks() != 10 || r.Failures() != 4 || r.Passed() || r.Verdict() != "4 of 10 checks failed" {
		t.Fatalf("%d checks, %d failures, passed %v, %q", r.Checks(), r.Failures(), r.Passed(), r.Verdict())
	}
	if (&CheckReport{}).Passed() {
		t.Fatal("a report that checked nothing passed")
	}
	one := &CheckReport{Thresholds: []ThresholdResult{{Pass: true}}}
	if !one.Passed() || one.Verdict() != "the check passed" {
		t.Fatalf("one passing check: %v %q", one.Passed(), one.Verdict())
	}
}

// TestRunProblems: a design offered no contacts fails the check; so does a
// run without replications.
func TestRunProblems(t *testing.T) {
	rs := &RunSet{Replications: 2, Designs: []*DesignRuns{
		testRuns("busy", map[string][]float64{"offered": {5, 0}}),
		testRuns("idle", map[string][]float64{"offered": {0, 0}}),
	}}
	p := RunProblems(rs)
	if len(p) != 1 || p[0].Design != "idle" || !strings.Contains(p[0].Message, "no contacts were offered to idle in any of 2 replications") {
		t.Fatalf("%+v", p)
	}
	if p := RunProblems(&RunSet{}); len(p) != 1 {
		t.Fatalf("no replications: %+v", p)
	}
}

func TestCheckSummaryGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCheckSummary(&b, testReport(t)); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "summary.txt", b.Bytes())
}

func TestCheckMarkdownGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCheckMarkdown(&b, testReport(t)); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "summary.md", b.Bytes())
	// Every table row has the cells of its header: no user text breaks
	// the table.
	for _, line := range strings.Split(b.String(), "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|")
		if cells != 6 && cells != 7 {
			t.Errorf("a row with %d separators: %s", cells, line)
		}
	}
}

func TestCheckMD(t *testing.T) {
	if got := checkMD("a|b <c> *d*\n_e_ `f` & [g](h)"); got != `a\|b \<c\> \*d\* \_e\_ \`+"`"+`f\`+"`"+` \& \[g\]\(h\)` {
		t.Fatalf("%s", got)
	}
}

// TestThresholdTexts: the observed value and its support, per aggregation.
func TestThresholdTexts(t *testing.T) {
	r := testReport(t)
	tests := []struct {
		i                  int
		observed, interval string
	}{
		{0, "mean = 11.0%", "95% CI 8.5% – 13.5%"},
		{1, "ci_high = 20.1%", "mean 16.3%, 95% CI 12.5% – 20.1%"},
		{3, "p(90) = 90.0s", "pooled over 100 answered contacts"},
		{4, "mean = —", "undefined"},
	}
	for _, tt := range tests {
		th := r.Thresholds[tt.i]
		if th.ObservedText() != tt.observed || th.IntervalText(3) != tt.interval {
			t.Errorf("%s: %q, %q; want %q, %q", th.Threshold.Name(), th.ObservedText(), th.IntervalText(3), tt.observed, tt.interval)
		}
	}
	partial := ThresholdResult{Threshold: r.Thresholds[0].Threshold, Estimate: EstimateOf([]float64{0.1, 0.2, math.NaN()})}
	if s := partial.IntervalText(3); !strings.HasSuffix(s, "defined in 2 of 3 replications") {
		t.Errorf("partly defined: %q", s)
	}
}
