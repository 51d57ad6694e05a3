package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/results/outfile"
	"github.com/ivrsim/ivrsim/results/report"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/scenarios/cdr"
	"github.com/ivrsim/ivrsim/sim"
	"github.com/spf13/cobra"
)

type runOptions struct {
	simFlags
	replicationFlags
	scenario  string
	sweeps    []string
	format    string
	formatSet bool
	out       string
	trace     string
	traceFmt  string
	report    string
	shard     string
	metrics   []string
	designs   []string
	stats     bool
}

// maxSweepPoints bounds the points of one --sweep grid.
const maxSweepPoints = 1000

func newRunCmd(s streams) *cobra.Command {
	opts := &runOptions{}
	cmd := &cobra.Command{
		Use:   "run [SCENARIO|NAME]",
		Short: "Simulate every design of a scenario and compare them",
		Long: `Run simulates every design of a scenario over several replications and prints
each metric per design with its 95% confidence interval, and the paired
difference between designs: every design sees the same callers, so the
difference is measured far more precisely than either design alone.

SCENARIO is a YAML file, or the name of a built-in scenario (see ivrsim
scenarios). Without it, the built-in "` + scenarios.DefaultScenario + `" scenario runs.

What-ifs: --set overrides any scenario value; --sweep runs a grid of values
(repeat it for more axes) and prints a row per point.

Replications: --reps N, or --reps auto with --precision metric=half-width
(repeatable) to add replications until every named metric's 95% interval is
that narrow, up to --max-reps. The result is the same as asking for the
final number of replications directly.

Beyond one machine: --shard i/N runs every N-th replication from the i-th
and writes a partial result (JSON); ivrsim merge combines the shards into
exactly the output of an unsharded run.

Exit codes: 0 success, 1 runtime error, 2 invalid scenario or flags,
130 interrupted (no partial files are left). See ivrsim help exit-codes.`,
		Example: `  ivrsim run
  ivrsim run erlang-a --reps 20 --format json
  ivrsim run bank --set horizon.days=7 --set segments.regular.trust=0.2
  ivrsim run bank --sweep segments.regular.trust=0.2,0.4,0.6 --format json
  ivrsim run bank --reps auto --precision abandon_rate=0.2pp --precision asa=2s
  ivrsim run bank --shard 1/4 --out shard-1.json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.scenario = scenarios.DefaultScenario
			if len(args) == 1 {
				opts.scenario = args[0]
			}
			opts.formatSet = cmd.Flags().Changed("format")
			return runRun(cmd.Context(), opts, s)
		},
	}
	f := cmd.Flags()
	opts.simFlags.add(cmd)
	opts.replicationFlags.add(cmd)
	f.StringArrayVar(&opts.sweeps, "sweep", nil, "run every value of `key.path=v1,v2,...` (repeatable: a grid)")
	f.StringVar(&opts.format, "format", "table", "output format: table, json or csv")
	f.StringVarP(&opts.out, "out", "o", "", "write the output to `FILE` (atomically) instead of standard output")
	f.StringVar(&opts.trace, "trace", "", "write every simulated contact to `FILE` (large)")
	f.StringVar(&opts.traceFmt, "trace-format", "jsonl", "--trace format: jsonl (one JSON record a line) or cdr (call detail records, as ivrsim fit reads)")
	f.StringVar(&opts.report, "report", "", "also write the self-contained HTML report to `FILE`")
	f.StringVar(&opts.shard, "shard", "", "run shard `i/N` of the replications and write a partial result for ivrsim merge")
	f.StringSliceVar(&opts.metrics, "metrics", nil, "with --sweep: the metrics to show in the table (default: headline metrics)")
	f.StringSliceVar(&opts.designs, "design", nil, "run only these designs, in this order (repeatable or comma-separated; default: all)")
	f.BoolVar(&opts.stats, "stats", false, "print contacts simulated, speed and peak memory on standard error")
	return cmd
}

// beforeOutputs, when set, runs after the simulation and before run
// writes its outputs: tests use it to make a write fail late.
var beforeOutputs func()

// runPlan is what runRun has checked and will do.
type runPlan struct {
	reps      int
	auto      bool
	spec      results.ReplicationPlan
	shard     *results.ShardID
	axes      []results.SweepAxis
	points    [][]results.SweepValue
	scenarios []*scenarios.Scenario
	validated []*sim.Validated // one per sweep point, beside scenarios
	plans     [][]*sim.Plan
}

func runRun(ctx context.Context, opts *runOptions, s streams) error {
	rp, err := planRun(ctx, opts)
	if err != nil {
		return err
	}
	names := make([]string, len(rp.plans[0]))
	for i, p := range rp.plans[0] {
		names[i] = p.Design
	}
	perDesign := rp.reps * len(rp.points)
	if rp.shard != nil {
		perDesign = len(rp.shard.Replications(rp.reps))
	}
	prog := newProgress(ctx, s, opts.quiet, names, perDesign)
	var traces *results.TraceFiles
	switch {
	case opts.trace == "":
	case opts.traceFmt == "cdr":
		traces = cdr.NewTraceFiles(opts.trace, rp.scenarios[0])
	default:
		traces = results.NewTraceFiles(opts.trace, results.NewJSONLinesTraceWriter, false)
	}
	var trace func(d, rep int) (func(*results.ContactRecord), func() error, error)
	var files []outfile.File
	if traces != nil {
		defer traces.Cleanup()
		trace = traces.Tracer
		files = append(files, outfile.File{Path: opts.trace, Fill: traces.Join})
	}

	started := time.Now()
	var runs []*results.RunSet
	for i := range rp.points {
		rs, err := runPoint(ctx, opts, rp, i, prog, trace)
		if err != nil {
			prog.stop(true)
			return err
		}
		rs.Assumptions = rp.validated[i].Assumptions()
		runs = append(runs, rs)
	}
	prog.stop(false)
	if opts.stats {
		var calls int64
		for _, rs := range runs {
			calls += rs.Calls()
		}
		el := time.Since(started).Seconds()
		fmt.Fprintf(s.Err, "simulated %d contacts in %.2fs (%.3g contacts/s); peak resident memory %s\n", calls, el, float64(calls)/el, peakRSS())
	}

	var buf bytes.Buffer
	var page report.Input
	switch {
	case rp.shard != nil:
		b, err := results.MarshalJSON(runs[0].Partial(rp.scenarios[0].Fingerprint(), rp.reps, *rp.shard))
		if err != nil {
			return err
		}
		buf.Write(b)
	case len(rp.axes) > 0:
		doc := results.NewSweepDocument(rp.scenarios[0].Name, opts.seed, rp.axes, rp.points, runs)
		page = report.Input{Sweep: doc, Assumptions: doc.Assumptions}
		if err := writeSweep(&buf, opts, doc); err != nil {
			return err
		}
	default:
		doc := runs[0].Document()
		page = report.Input{Document: doc, Assumptions: doc.Assumptions}
		// The table starts with the verdict: every significant loss named.
		if opts.format == "table" {
			if err := results.WriteVerdicts(&buf, doc, opts.report); err != nil {
				return err
			}
		}
		if err := writeDocument(&buf, opts.format, doc); err != nil {
			return err
		}
	}
	var html bytes.Buffer
	if opts.report != "" {
		if err := report.Write(&html, page); err != nil {
			return fmt.Errorf("writing the report: %w", err)
		}
	}
	if beforeOutputs != nil {
		beforeOutputs()
	}
	// The trace, the report and the output file land together or not at
	// all.
	if opts.report != "" {
		files = append(files, outfile.File{Path: opts.report, Data: html.Bytes()})
	}
	return emitWith(s, opts.out, buf.Bytes(), files)
}

// planRun checks the flags, expands the sweep and loads and compiles the
// scenario at every point, so every mistake is reported before anything
// is simulated.
func planRun(ctx context.Context, opts *runOptions) (*runPlan, error) {
	rp := &runPlan{}
	format, err := outfile.Format(opts.format, opts.formatSet, opts.out, []string{"table", "json", "csv"})
	if err != nil {
		return nil, err
	}
	opts.format = format
	paths := new(outfile.Paths).Input("the scenario", opts.scenario).
		Output("--out", opts.out).Output("--report", opts.report).Output("--trace", opts.trace)
	if err := paths.Check(); err != nil {
		return nil, err
	}
	spec, err := parseReps(opts.reps, opts.precision, opts.maxReps, defaultReps)
	if err != nil {
		return nil, err
	}
	rp.reps, rp.auto, rp.spec = spec.N, spec.Auto, spec
	if opts.workers < 0 || opts.workers > 4096 {
		return nil, usageErrorf("--workers %d: use 1 to 4096, or 0 for one per CPU", opts.workers)
	}
	if opts.shard != "" {
		id, err := parseShardFlag(opts.shard)
		if err != nil {
			return nil, err
		}
		switch {
		case rp.auto:
			return nil, usageErrorf("--shard needs a fixed --reps: every shard must run the same replications")
		case len(opts.sweeps) > 0:
			return nil, usageErrorf("--shard cannot split a --sweep; run one point per job with --set instead")
		case opts.format != "table" && opts.format != "json":
			return nil, usageErrorf("--shard writes a partial result in JSON; --format %s does not apply", opts.format)
		case opts.report != "":
			return nil, usageErrorf("--report needs the whole run: merge the shards, then ivrsim report the merged result")
		}
		rp.shard = &id
	}
	if !slices.Contains(results.TraceFormats, opts.traceFmt) {
		return nil, usageErrorf("--trace-format %q: use %s", opts.traceFmt, strings.Join(results.TraceFormats, " or "))
	}
	if len(opts.sweeps) > 0 && opts.trace != "" {
		return nil, usageErrorf("--trace cannot be combined with --sweep; trace one point with --set")
	}
	for _, sw := range opts.sweeps {
		a, err := results.ParseSweepAxis(sw)
		if err != nil {
			return nil, usageError(err)
		}
		rp.axes = append(rp.axes, a)
	}
	for _, m := range opts.metrics {
		if _, ok := results.LookupMetric(m); !ok {
			return nil, usageErrorf("--metrics: unknown metric %q; metrics are %s", m, strings.Join(results.MetricNames(), ", "))
		}
	}
	// The grid's size is checked before it is built: its axes multiply.
	n := 1
	for _, a := range rp.axes {
		if n *= len(a.Values); n > maxSweepPoints {
			return nil, usageErrorf("the sweep has more than %d points; at most %d run in one command", maxSweepPoints, maxSweepPoints)
		}
	}
	rp.points = results.SweepGrid(rp.axes)
	var problems []string
	for _, pt := range rp.points {
		sets := append([]string{}, opts.sets...)
		for _, v := range pt {
			sets = append(sets, v.Path+"="+v.Value)
		}
		v, err := loadValidated(ctx, opts.scenario, sets, opts.outside)
		if err != nil {
			if len(rp.points) == 1 || errors.Is(err, context.Canceled) {
				return nil, err
			}
			problems = append(problems, err.Error())
			continue
		}
		sc := v.Scenario
		plans, err := selectDesigns(v, opts.designs)
		if err != nil {
			return nil, err
		}
		if len(rp.scenarios) == 0 {
			if err := addFlowFiles(paths, sc).Check(); err != nil {
				return nil, err
			}
		}
		rp.scenarios = append(rp.scenarios, sc)
		rp.validated = append(rp.validated, v)
		rp.plans = append(rp.plans, plans)
	}
	if len(problems) > 0 {
		return nil, usageErrorf("%s", strings.Join(problems, "\n"))
	}
	reps := rp.reps
	switch {
	case rp.auto:
		reps = opts.maxReps
	case rp.shard != nil:
		reps = len(rp.shard.Replications(rp.reps))
	}
	if err := opts.budget.check(sim.EstimateRun(rp.plans, reps, opts.workers)); err != nil {
		return nil, err
	}
	return rp, nil
}

// runPoint runs one point of the run: the fixed replications, or as many
// as the precision targets need, or the shard's.
func runPoint(ctx context.Context, opts *runOptions, rp *runPlan, i int, prog *progress, trace func(d, rep int) (func(*results.ContactRecord), func() error, error)) (*results.RunSet, error) {
	plans := rp.plans[i]
	run := func(reps []int) (*results.RunSet, error) {
		return sim.Run(ctx, plans, sim.Options{
			Seed: opts.seed, Replications: reps, Workers: opts.workers,
			Done:  func(d, _ int, calls int64) { prog.done(d, calls) },
			Trace: trace,
		})
	}
	if rp.shard != nil {
		return run(rp.shard.Replications(rp.reps))
	}
	return rp.spec.Run(run, prog.extend)
}

func writeDocument(buf *bytes.Buffer, format string, doc *results.Document) error {
	switch format {
	case "json":
		b, err := results.WriteJSON(doc)
		if err != nil {
			return err
		}
		buf.Write(b)
		return nil
	case "csv":
		return results.WriteCSV(buf, doc)
	default:
		return results.WriteTable(buf, doc)
	}
}

func writeSweep(buf *bytes.Buffer, opts *runOptions, doc *results.SweepDocument) error {
	switch opts.format {
	case "json":
		b, err := results.MarshalJSON(doc)
		if err != nil {
			return err
		}
		buf.Write(b)
		return nil
	case "csv":
		return results.WriteSweepCSV(buf, doc)
	default:
		return results.WriteSweepTable(buf, doc, opts.metrics)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
