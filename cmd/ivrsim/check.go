package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/results/outfile"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/sim"
	"github.com/spf13/cobra"
)

type checkOptions struct {
	simFlags
	replicationFlags
	scenario   string
	thresholds []string
	compare    string
	tolerances []string
	baseline   string
	alpha      float64
	format     string
	out        string
	junit      string
	summaryMD  string
}

// checkRun simulates for ivrsim check. Tests replace it to see that
// invalid input is refused before anything is simulated.
var checkRun = sim.Run

func newCheckCmd(s streams) *cobra.Command {
	opts := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check SCENARIO",
		Short: "Gate a flow change in CI: thresholds and regression checks, with an exit code",
		Long: `Check runs a scenario like ivrsim run and judges the results: thresholds on
metrics, and regression checks of a proposed design against the current one.
It prints a ✓/✗ summary and exits 0 when every check passed, 99 when any
failed, so a CI pipeline can gate a pull request that changes a flow.

Thresholds come from the scenario's thresholds: section and from --threshold
(repeatable), written "metric [aggregation] operator value":

  abandon_rate < 0.08                  the mean across replications (default)
  abandon_rate ci_high < 8%            the whole 95% interval must be under 8%
  fcr ci_low >= 70%                    ... or over 70%
  asa{forced-menu} < 45s               one design only; without {design}, every design
  wait p(90) < 2m                      a percentile of the pooled queue waits
  ttr p(50) <= 10m                     ... or of the times to resolution

Aggregations: mean, ci_low, ci_high, and p(N) for the distributions wait and
ttr. Operators: <, <=, >, >=, ==, !=. Values read as the metric's: shares as
0.08 or 8%, durations as 45s or 2m. A metric that is undefined (no answered
calls, say) fails its threshold, and a run offered no contacts fails.

Regression checks: --compare current:proposed runs both designs on the same
callers and, for each --tolerance metric=value, fails when the proposed
design is worse than the current one by more than the tolerance with
confidence 1 − alpha (a one-sided paired t test; tolerances are in the
metric's unit: 0.5pp for shares, 5s for durations). With tolerance 0 and two
equally good designs, a check fails in alpha (5%) of runs. --baseline
RESULTS.json compares every design with the same-named design of a stored
run (ivrsim run --format json, or --out here) instead: unpaired, Welch's t.

Outputs: the summary on standard output; --junit FILE (JUnit XML, a test case
per threshold and design and per regression check), --summary-md FILE
(markdown for a CI job summary) and --out FILE (the run's JSON result, a
future baseline). Files are written atomically, and only when the run worked.
--format markdown, junit or json puts that on standard output instead of the
summary.

Replications: --reps N, or --reps auto with --precision metric=half-width
(repeatable), as for ivrsim run: more replications are run until every
metric's 95% half-width is within its target, at most --max-reps.

Exit codes: 0 every check passed; 99 a threshold or regression check failed,
or the run measured nothing; 2 invalid scenario, threshold or flags (found
before anything is simulated; nothing is written); 1 runtime error; 130
interrupted. See ivrsim help exit-codes.`,
		Example: `  ivrsim check bank --threshold 'abandon_rate < 0.1'
  ivrsim check scenario.yaml --junit report.xml --summary-md summary.md
  ivrsim check scenario.yaml --compare forced-menu:queue-preserving-va \
      --tolerance abandon_rate=0.5pp --tolerance asa=5s
  ivrsim check scenario.yaml --baseline main.json --tolerance fcr=1pp --out new.json`,
		Args: exactArgs(1, "SCENARIO"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.scenario = args[0]
			return runCheck(cmd.Context(), opts, s)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.thresholds, "threshold", nil, "a threshold `EXPR`, such as 'abandon_rate < 8%' or 'wait p(90) < 2m' (repeatable)")
	f.StringVar(&opts.compare, "compare", "", "paired regression check of design `current:proposed`")
	f.StringArrayVar(&opts.tolerances, "tolerance", nil, "how much worse a metric may get, `metric=value` such as abandon_rate=0.5pp (repeatable)")
	f.StringVar(&opts.baseline, "baseline", "", "compare with a stored run, `RESULTS.json` from ivrsim run --format json (unpaired)")
	f.Float64Var(&opts.alpha, "alpha", results.DefaultAlpha, "level of the one-sided regression tests: the false-alarm rate per check")
	opts.simFlags.add(cmd)
	opts.replicationFlags.add(cmd)
	addFormatFlag(cmd, &opts.format, "what standard output gets: table (the ✓/✗ summary), markdown, junit or json (the run's result)", checkFormats...)
	f.StringVarP(&opts.out, "out", "o", "", "also write the run's JSON result to `FILE` (usable as a --baseline)")
	f.StringVar(&opts.junit, "junit", "", "write a JUnit XML report to `FILE`")
	f.StringVar(&opts.summaryMD, "summary-md", "", "write a markdown summary to `FILE` (for $GITHUB_STEP_SUMMARY)")
	return cmd
}

// checkPlan is what runCheck has validated and will do.
type checkPlan struct {
	sc        *scenarios.Scenario
	validated *sim.Validated
	plans     []*sim.Plan
	gate      *results.CheckGate
	reps      results.ReplicationPlan
}

func runCheck(ctx context.Context, opts *checkOptions, s streams) error {
	cp, err := planCheck(ctx, opts)
	if err != nil {
		return err
	}
	if cp.gate.Baseline != nil {
		if note := results.VersionMismatch(cp.gate.Baseline.IvrsimVersion); note != "" {
			fmt.Fprintf(s.Err, "ivrsim: warning: --baseline %s: %s\n", opts.baseline, note)
		}
	}
	started := time.Now()
	prog := newProgress(ctx, s, opts.quiet, designsOf(cp.plans), cp.reps.N)
	rs, err := cp.reps.Run(func(reps []int) (*results.RunSet, error) {
		return checkRun(ctx, cp.plans, sim.Options{
			Seed: opts.seed, Replications: reps, Workers: opts.workers,
			Done: func(d, _ int, calls int64) { prog.done(d, calls) },
		})
	}, prog.extend)
	if err != nil {
		prog.stop(true)
		return err
	}
	prog.stop(false)
	if err := ctx.Err(); err != nil {
		return err
	}

	rep, err := cp.gate.Judge(rs, opts.alpha)
	if err != nil {
		return err
	}
	rep.Seed, rep.Started, rep.Hostname = opts.seed, started, hostname()
	rep.Elapsed = time.Since(started)

	// Everything is rendered before anything is written, so a failure
	// leaves no output behind.
	var summary bytes.Buffer
	var err2 error
	switch opts.format {
	case "markdown":
		err2 = results.WriteCheckMarkdown(&summary, rep)
	case "junit":
		err2 = results.WriteJUnit(&summary, rep)
	case "json":
		rs.Assumptions = cp.validated.Assumptions()
		b, err := results.WriteJSON(rs.Document())
		summary.Write(b)
		err2 = err
	default:
		err2 = results.WriteCheckSummary(&summary, rep)
	}
	if err2 != nil {
		return err2
	}
	var files []outfile.File
	if opts.out != "" {
		rs.Assumptions = cp.validated.Assumptions()
		b, err := results.WriteJSON(rs.Document())
		if err != nil {
			return err
		}
		files = append(files, outfile.File{Path: opts.out, Data: b})
	}
	if opts.junit != "" {
		var b bytes.Buffer
		if err := results.WriteJUnit(&b, rep); err != nil {
			return err
		}
		files = append(files, outfile.File{Path: opts.junit, Data: b.Bytes()})
	}
	if opts.summaryMD != "" {
		var b bytes.Buffer
		if err := results.WriteCheckMarkdown(&b, rep); err != nil {
			return err
		}
		files = append(files, outfile.File{Path: opts.summaryMD, Data: b.Bytes()})
	}
	// The files first (the summary is standard output's): a summary
	// saying "passed" must not precede a failure to write them.
	if err := emitWith(s, "", summary.Bytes(), files); err != nil {
		return err
	}
	if !rep.Passed() {
		return &exitError{code: exitThresholds, err: errors.New(rep.Verdict())}
	}
	return nil
}

// planCheck validates everything the check needs, reporting every problem
// with the thresholds, tolerances, comparison and baseline at once, before
// anything is simulated.
func planCheck(ctx context.Context, opts *checkOptions) (*checkPlan, error) {
	spec, err := parseReps(opts.reps, opts.precision, opts.maxReps, defaultReps)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(checkFormats, opts.format) {
		return nil, usageErrorf("--format %q: use %s", opts.format, strings.Join(checkFormats, ", "))
	}
	if err := sim.CheckWorkers(opts.workers); err != nil {
		return nil, usageError(err)
	}
	if math.IsNaN(opts.alpha) || opts.alpha <= 0 || opts.alpha > 0.5 {
		return nil, usageErrorf("--alpha %g: use a level above 0 and at most 0.5, such as 0.05 (95%% confidence)", opts.alpha)
	}
	if err := checkOutputPaths(opts); err != nil {
		return nil, err
	}
	if err := oneStdin([2]string{"the scenario", opts.scenario}, [2]string{"--baseline", opts.baseline}); err != nil {
		return nil, err
	}
	sc, err := loadScenarioWith(ctx, opts.scenario, opts.sets, opts.outside)
	if err != nil {
		return nil, err
	}
	if err := addFlowFiles(checkPaths(opts), sc).Check(); err != nil {
		return nil, err
	}
	cp := &checkPlan{sc: sc, reps: spec}
	req := results.CheckRequest{
		Scenario: sc.Name, Designs: sim.DesignNames(sc), ThresholdLines: opts.thresholds,
		Tolerances: opts.tolerances, Compare: opts.compare, BaselineName: opts.baseline, Replications: spec.N,
	}

	// The scenario's problems are listed with the flags', all at once.
	var problems []string
	v, err := sim.Validate(sc, scenarioLoader(ctx, opts.scenario, opts.sets, opts.outside))
	var es scenarios.Errors
	switch {
	case errors.As(err, &es):
		for _, e := range es {
			problems = append(problems, e.Error())
		}
	case err != nil:
		problems = append(problems, err.Error())
	default:
		cp.validated, cp.plans, req.Thresholds = v, v.Plans, v.Thresholds
		if err := opts.budget.check(sim.EstimateRun([][]*sim.Plan{v.Plans}, spec.N, opts.workers)); err != nil {
			return nil, err
		}
	}
	if opts.baseline != "" {
		req.Baseline, req.BaselineErr = readBaselineFile(ctx, opts.baseline)
	}
	gate, more := req.Plan()
	for _, p := range more {
		problems = append(problems, p.Error())
	}
	cp.gate = gate
	if len(problems) == 0 && !gate.Judges() {
		problems = append(problems, fmt.Sprintf("nothing to check in %s: add thresholds: to the scenario, or --threshold 'abandon_rate < 8%%', or --compare current:proposed with --tolerance", opts.scenario))
	}
	switch len(problems) {
	case 0:
		return cp, nil
	case 1:
		return nil, usageErrorf("%s", problems[0])
	}
	return nil, usageErrorf("%d problems:\n%s", len(problems), strings.Join(problems, "\n"))
}

// readBaselineFile reads --baseline, a stored run; its problems name the
// flag and the file.
func readBaselineFile(ctx context.Context, path string) (*results.Document, error) {
	data, err := readInput(ctx, path, MaxResultsSize, "a results file")
	if err != nil {
		return nil, fmt.Errorf("--baseline: open %s: %v", path, outfile.TrimPathError(err))
	}
	doc, err := results.ReadBaseline(data)
	if err != nil {
		return nil, fmt.Errorf("--baseline %s: %v", path, err)
	}
	return doc, nil
}

// checkOutputPaths refuses output files that cannot be written, or would
// replace an input or each other, before the run starts.
func checkOutputPaths(opts *checkOptions) error {
	for _, o := range [][2]string{{"--out", opts.out}, {"--junit", opts.junit}, {"--summary-md", opts.summaryMD}} {
		if o[1] == "-" {
			return usageErrorf("%s -: name a file; the summary goes to standard output", o[0])
		}
	}
	return checkPaths(opts).Check()
}

// checkPaths are the files ivrsim check reads and writes.
func checkPaths(opts *checkOptions) *outfile.Paths {
	return new(outfile.Paths).Input("the scenario", opts.scenario).Input("--baseline", opts.baseline).
		Output("--out", opts.out).Output("--junit", opts.junit).Output("--summary-md", opts.summaryMD)
}

// hostname names the machine for the JUnit report, or "" when it cannot
// be found (the report then says localhost).
func hostname() string {
	h, _ := os.Hostname()
	return h
}
