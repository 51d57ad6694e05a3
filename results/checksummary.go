package results

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// CheckReport is the outcome of ivrsim check: problems of the run as a
// whole, every threshold applied to every design it concerns, and every
// regression check. It passes only when it checked something and nothing
// failed.
type CheckReport struct {
	Scenario     string
	Seed         uint64
	Replications int
	// Alpha is the level of the regression tests.
	Alpha float64
	// Problems are failures of the run as a whole, such as a design that
	// was offered no contacts: each counts as a failed check.
	Problems    []CheckProblem
	Thresholds  []ThresholdResult
	Regressions []RegressionResult
	// NoBaseline lists the designs the baseline does not have; they were
	// not compared with it.
	NoBaseline []string

	// Started, Elapsed and Hostname say when, for how long and where the
	// check ran; the JUnit report carries them. Calls are the contacts
	// simulated per design, by which the JUnit report shares Elapsed among
	// the test cases.
	Started  time.Time
	Elapsed  time.Duration
	Hostname string
	Calls    map[string]int64
}

// DesignCalls counts the contacts simulated for each design of rs.
func DesignCalls(rs *RunSet) map[string]int64 {
	out := map[string]int64{}
	for _, d := range rs.Designs {
		for _, r := range d.Reps {
			out[d.Name] += r.Calls
		}
	}
	return out
}

// CheckProblem is a failure of the run as a whole.
type CheckProblem struct {
	Design  string
	Message string
}

// RunProblems finds what makes a run unfit to judge: no replications, or a
// design that was offered no contacts in any replication (every metric of
// an empty run is undefined or zero, and a threshold such as
// "abandon_rate < 5%" must not pass on nothing).
func RunProblems(rs *RunSet) []CheckProblem {
	if rs.Replications == 0 || len(rs.Designs) == 0 {
		return []CheckProblem{{Message: "the run has no replications; nothing was measured"}}
	}
	var out []CheckProblem
	k := metricIndex["offered"]
	for _, d := range rs.Designs {
		total := 0.0
		for _, r := range d.Reps {
			if v := r.Total[k]; !math.IsNaN(v) {
				total += v
			}
		}
		if total == 0 {
			out = append(out, CheckProblem{Design: d.Name, Message: fmt.Sprintf(
				"no contacts were offered to %s in any of %d replication%s (after the warm-up): the run measured nothing; check arrivals, horizon and warmup",
				d.Name, len(d.Reps), plural(len(d.Reps)))})
		}
	}
	return out
}

// Checks is the number of checks made: problems, thresholds and regression
// checks.
func (r *CheckReport) Checks() int {
	return len(r.Problems) + len(r.Thresholds) + len(r.Regressions)
}

// Failures is the number of checks that failed.
func (r *CheckReport) Failures() int {
	n := len(r.Problems)
	for _, t := range r.Thresholds {
		if !t.Pass {
			n++
		}
	}
	for _, g := range r.Regressions {
		if !g.Pass {
			n++
		}
	}
	return n
}

// Passed reports whether the check passed: something was checked and
// nothing failed.
func (r *CheckReport) Passed() bool { return r.Checks() > 0 && r.Failures() == 0 }

// Verdict is the one-line outcome, such as "2 of 7 checks failed".
func (r *CheckReport) Verdict() string {
	n, f := r.Checks(), r.Failures()
	switch {
	case n == 0:
		return "nothing was checked"
	case f == 0 && n == 1:
		return "the check passed"
	case f == 0:
		return fmt.Sprintf("all %d checks passed", n)
	}
	return fmt.Sprintf("%d of %d check%s failed", f, n, plural(n))
}

// ObservedText is the value compared, such as "mean = 7.1%" or
// "p(90) = 27.6s".
func (t ThresholdResult) ObservedText() string {
	return t.Threshold.AggregationName() + " = " + FormatValue(t.Threshold.Unit, t.Observed)
}

// IntervalText is what supports the observed value: the metric's 95%
// confidence interval across replications, or for a percentile how many
// observations were pooled (a pooled percentile has no interval).
func (t ThresholdResult) IntervalText(replications int) string {
	u := t.Threshold.Unit
	if t.Threshold.Agg == AggPercentile {
		what := "answered contacts"
		if t.Threshold.Metric == "ttr" {
			what = "resolved issues"
		}
		return fmt.Sprintf("pooled over %s %s", FormatValue(Count, float64(t.Count)), what)
	}
	e := t.Estimate
	var s string
	switch {
	case e.N == 0:
		return "undefined"
	case e.N < 2 || math.IsNaN(e.CILow):
		s = "no interval from 1 replication"
	default:
		s = fmt.Sprintf("95%% CI %s – %s", FormatValue(u, e.CILow), FormatValue(u, e.CIHigh))
		if t.Threshold.Agg != AggMean {
			s = fmt.Sprintf("mean %s, %s", FormatValue(u, e.Mean), s)
		}
	}
	if replications > 0 && e.N < replications {
		s += fmt.Sprintf(", defined in %d of %d replications", e.N, replications)
	}
	return s
}

// Explanation says in one sentence why the threshold passed or failed.
func (t ThresholdResult) Explanation(replications int) string {
	th := t.Threshold
	verdict := "passes"
	if !t.Pass {
		verdict = "fails"
	}
	s := fmt.Sprintf("%s %s for %s: %s (%s); required %s %s %s", th.Name(), verdict, t.Design, t.ObservedText(),
		t.IntervalText(replications), th.AggregationName(), th.Op, FormatValue(th.Unit, th.Value))
	if t.Reason != "" {
		s += ": " + t.Reason
	}
	return s
}

// Compared names the designs compared, such as "proposed vs current" or
// "current vs baseline".
func (g RegressionResult) Compared() string {
	if g.Baseline {
		return g.Proposed + " vs baseline"
	}
	return g.Proposed + " vs " + g.Current
}

// refScale is the value whose time scale the regression's numbers share.
func (g RegressionResult) refScale() float64 {
	ref := g.Tolerance.Value
	for _, v := range []float64{g.Diff, g.Bound} {
		if !math.IsNaN(v) {
			ref = math.Max(ref, math.Abs(v))
		}
	}
	return ref
}

// DiffText is the difference, proposed − current, such as "+6.6pp".
func (g RegressionResult) DiffText() string {
	return FormatSpread(g.Metric.Unit, g.Diff, g.refScale(), true)
}

// BoundText is the lower confidence bound of the worsening, such as
// "+4.8pp"; negative when the proposed design may well be better.
func (g RegressionResult) BoundText() string {
	return FormatSpread(g.Metric.Unit, g.Bound, g.refScale(), true)
}

// ToleranceText is the tolerance in the unit of the other numbers.
func (g RegressionResult) ToleranceText() string {
	return FormatSpread(g.Metric.Unit, g.Tolerance.Value, g.refScale(), false)
}

// ConfidenceText is the one-sided confidence, such as "95%".
func (g RegressionResult) ConfidenceText() string {
	return checkPercent(100 * (1 - g.Alpha))
}

func checkPercent(v float64) string {
	s := fmt.Sprintf("%.4f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s + "%"
}

// Method names the test, such as "paired t over 10 replications".
func (g RegressionResult) Method() string {
	if g.Baseline {
		s := fmt.Sprintf("Welch t, %d replication%s against the baseline's %d", g.N, plural(g.N), g.NCurrent)
		if !math.IsNaN(g.DF) {
			s += fmt.Sprintf(", %.1f degrees of freedom", g.DF)
		}
		return s
	}
	return fmt.Sprintf("paired t over %d replication%s", g.N, plural(g.N))
}

// Explanation says in one sentence why the regression check passed or
// failed.
func (g RegressionResult) Explanation() string {
	if g.Reason != "" {
		return g.Reason
	}
	dir := "lower"
	if g.Metric.Better == LowerIsBetter {
		dir = "higher"
	}
	verdict := "not worse by more than the tolerance with " + g.ConfidenceText() + " confidence"
	if !g.Pass {
		verdict = "worse by more than the tolerance with " + g.ConfidenceText() + " confidence"
	}
	return fmt.Sprintf("%s, %s: Δ %s (%s is worse); worse by at least %s (one-sided %s bound, %s), tolerance %s: %s",
		g.Metric.Name, g.Compared(), g.DiffText(), dir, g.BoundText(), g.ConfidenceText(), g.Method(), g.ToleranceText(), verdict)
}

func checkMark(pass bool) string {
	if pass {
		return "✓"
	}
	return "✗"
}

// WriteCheckSummary writes the end-of-run summary ivrsim check prints, in
// the manner of k6: ✓ or ✗ per threshold and design with the observed
// value and its interval, then the regression checks with the difference,
// its one-sided bound and the tolerance, then the verdict.
func WriteCheckSummary(w io.Writer, r *CheckReport) error {
	var b strings.Builder
	fmt.Fprintf(&b, "ivrsim check: %s — %d replication%s, seed %d\n", r.Scenario, r.Replications, plural(r.Replications), r.Seed)
	if len(r.Problems) > 0 {
		b.WriteString("\nRUN\n")
		for _, p := range r.Problems {
			fmt.Fprintf(&b, "  ✗ %s\n", p.Message)
		}
	}
	if len(r.Thresholds) > 0 {
		b.WriteString("\nTHRESHOLDS\n")
		var rows [][]string
		var notes []string
		for _, t := range r.Thresholds {
			rows = append(rows, []string{checkMark(t.Pass), t.Threshold.Name(), t.Design, t.ObservedText(), t.IntervalText(r.Replications)})
			notes = append(notes, t.Reason)
		}
		writeCheckRows(&b, rows, notes)
	}
	if len(r.Regressions) > 0 || len(r.NoBaseline) > 0 {
		b.WriteString("\nREGRESSIONS\n")
		b.WriteString(regressionPreamble(r))
		var rows [][]string
		var notes []string
		for _, g := range r.Regressions {
			rows = append(rows, []string{checkMark(g.Pass), g.Metric.Name, g.Compared(), "Δ " + g.DiffText(),
				"worse by ≥ " + g.BoundText(), "tolerance " + g.ToleranceText()})
			notes = append(notes, g.Reason)
		}
		writeCheckRows(&b, rows, notes)
		for _, d := range r.NoBaseline {
			fmt.Fprintf(&b, "  - %s is not in the baseline: not compared\n", d)
		}
	}
	fmt.Fprintf(&b, "\n%s %s\n", checkMark(r.Passed()), r.Verdict())
	_, err := io.WriteString(w, b.String())
	return err
}

// regressionPreamble says how the regression checks were made.
func regressionPreamble(r *CheckReport) string {
	paired, welch := false, false
	for _, g := range r.Regressions {
		if g.Baseline {
			welch = true
		} else {
			paired = true
		}
	}
	conf := checkPercent(100 * (1 - r.Alpha))
	var how []string
	if paired {
		how = append(how, "paired by replication (the same callers)")
	}
	if welch {
		how = append(how, "against the baseline, unpaired (Welch)")
	}
	if len(how) == 0 {
		return ""
	}
	return fmt.Sprintf("  %s\n  Δ is proposed − current; ✗ when the proposed design is worse by more than the tolerance with %s confidence (one-sided)\n\n",
		strings.Join(how, "; "), conf)
}

// writeCheckRows writes rows indented, columns left-aligned two spaces
// apart, each followed by its note, if any, on a line of its own.
func writeCheckRows(b *strings.Builder, rows [][]string, notes []string) {
	var width []int
	for _, row := range rows {
		for i, c := range row {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	for k, row := range rows {
		var line strings.Builder
		line.WriteString("  ")
		for i, c := range row {
			line.WriteString(c)
			if i < len(row)-1 {
				gap := 2
				if i == 0 {
					gap = 1 // the mark sits next to what it marks
				}
				line.WriteString(strings.Repeat(" ", width[i]-utf8.RuneCountInString(c)+gap))
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
		if notes[k] != "" {
			fmt.Fprintf(b, "      ↳ %s\n", notes[k])
		}
	}
}

// WriteCheckMarkdown writes the report as GitHub-flavoured markdown, for a
// CI job summary ($GITHUB_STEP_SUMMARY) or a merge request comment.
func WriteCheckMarkdown(w io.Writer, r *CheckReport) error {
	var b strings.Builder
	icon := "✅"
	if !r.Passed() {
		icon = "❌"
	}
	fmt.Fprintf(&b, "### %s ivrsim check: %s\n\n", icon, r.Verdict())
	fmt.Fprintf(&b, "Scenario %s, %d replication%s, seed %d, ivrsim %s.\n", checkMD(r.Scenario), r.Replications, plural(r.Replications), r.Seed, checkMD(Version))
	mark := func(pass bool) string {
		if pass {
			return "✅"
		}
		return "❌"
	}
	if len(r.Problems) > 0 {
		b.WriteString("\n")
		for _, p := range r.Problems {
			fmt.Fprintf(&b, "- ❌ %s\n", checkMD(p.Message))
		}
	}
	if len(r.Thresholds) > 0 {
		b.WriteString("\n| | threshold | design | observed | interval |\n|:-:|---|---|---|---|\n")
		for _, t := range r.Thresholds {
			support := t.IntervalText(r.Replications)
			if t.Reason != "" {
				support = t.Reason
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", mark(t.Pass), checkMD(t.Threshold.Name()), checkMD(t.Design),
				checkMD(t.ObservedText()), checkMD(support))
		}
	}
	if len(r.Regressions) > 0 || len(r.NoBaseline) > 0 {
		conf := checkPercent(100 * (1 - r.Alpha))
		fmt.Fprintf(&b, "\n| | regression | compared | Δ | worse by at least (%s, one-sided) | tolerance |\n|:-:|---|---|--:|--:|--:|\n", conf)
		for _, g := range r.Regressions {
			bound := checkMD(g.BoundText())
			if g.Reason != "" {
				bound += " — " + checkMD(g.Reason)
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", mark(g.Pass), checkMD(g.Metric.Name), checkMD(g.Compared()),
				checkMD(g.DiffText()), bound, checkMD(g.ToleranceText()))
		}
		for _, d := range r.NoBaseline {
			fmt.Fprintf(&b, "| ➖ | all | %s | | not in the baseline: not compared | |\n", checkMD(d+" vs baseline"))
		}
		b.WriteString("\nΔ is proposed − current. A regression check fails when the proposed design is worse by more than the tolerance with " + conf + " confidence.\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// checkMD escapes text for a markdown table cell: every ASCII punctuation
// character markdown could read as syntax is backslash-escaped (which
// CommonMark allows for any of them), and line breaks become spaces.
func checkMD(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '\n' || c == '\r':
			b.WriteByte(' ')
		case strings.ContainsRune("\\`*_{}[]()<>#+-!|&~$", c):
			b.WriteByte('\\')
			b.WriteRune(c)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}
