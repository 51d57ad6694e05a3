package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
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
	addFormatFlag(cmd, &opts.format, "", runFormats...)
	addOutFlag(cmd, &opts.out, "the output")
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

func runRun(ctx context.Context, opts *runOptions, s streams) error {
	rp, err := planRun(ctx, opts)
	if err != nil {
		return err
	}
	prog := newProgress(ctx, s, opts.quiet, rp.Designs(), rp.Replicated())
	var traces *results.TraceFiles
	switch {
	case opts.trace == "":
	case opts.traceFmt == "cdr":
		traces = cdr.NewTraceFiles(opts.trace, rp.Validated[0].Scenario)
	default:
		traces = results.NewTraceFiles(opts.trace, results.NewJSONLinesTraceWriter, false)
	}
	run := sim.Options{Seed: opts.seed, Workers: opts.workers, Done: func(d, _ int, calls int64) { prog.done(d, calls) }}
	var files []outfile.File
	if traces != nil {
		defer traces.Cleanup()
		run.Trace = traces.Tracer
		files = append(files, outfile.File{Path: opts.trace, Fill: traces.Join})
	}
	started := time.Now()
	runs, err := rp.Run(ctx, run, prog.extend)
	prog.stop(err != nil)
	if err != nil {
		return err
	}
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
	sc := rp.Validated[0].Scenario
	switch {
	case rp.Shard != nil:
		err = writeJSON(&buf, runs[0].Partial(sc.Fingerprint(), rp.Replications.N, *rp.Shard))
	case len(rp.Axes) > 0:
		doc := results.NewSweepDocument(sc.Name, opts.seed, rp.Axes, rp.Points, runs)
		page = report.Input{Sweep: doc, Assumptions: doc.Assumptions}
		err = results.WriteSweepAs(&buf, opts.format, doc, opts.metrics)
	default:
		doc := runs[0].Document()
		page = report.Input{Document: doc, Assumptions: doc.Assumptions}
		// The table starts with the verdict: every significant loss named.
		if opts.format == "table" {
			err = results.WriteVerdicts(&buf, doc, opts.report)
		}
		if err == nil {
			err = results.WriteDocumentAs(&buf, opts.format, doc)
		}
	}
	if err != nil {
		return err
	}
	if opts.report != "" {
		var html bytes.Buffer
		if err := report.Write(&html, page); err != nil {
			return fmt.Errorf("writing the report: %w", err)
		}
		files = append(files, outfile.File{Path: opts.report, Data: html.Bytes()})
	}
	if beforeOutputs != nil {
		beforeOutputs()
	}
	// The trace, the report and the output file land together or not at
	// all.
	return emitWith(s, opts.out, buf.Bytes(), files)
}

// planRun checks the flags and the output paths, then has the run request
// load and compile the scenario at every point, so every mistake is
// reported before anything is simulated.
func planRun(ctx context.Context, opts *runOptions) (*sim.RunPlan, error) {
	if err := chooseFormat(&opts.format, opts.formatSet, opts.out, runFormats); err != nil {
		return nil, err
	}
	paths := new(outfile.Paths).Input("the scenario", opts.scenario).
		Output("--out", opts.out).Output("--report", opts.report).Output("--trace", opts.trace)
	if err := paths.Check(); err != nil {
		return nil, err
	}
	req := &sim.RunRequest{
		Reps: opts.reps, Precision: opts.precision, MaxReps: opts.maxReps, Workers: opts.workers,
		Shard: opts.shard, Sweeps: opts.sweeps, Metrics: opts.metrics, Format: opts.format,
		Report: opts.report != "", Trace: opts.trace != "", TraceFormat: opts.traceFmt,
	}
	if errs := req.Validate(); len(errs) > 0 {
		return nil, usageError(errors.Join(errs...))
	}
	rp, err := req.Plan(func(sets []string) (*sim.Validated, error) {
		return loadValidated(ctx, opts.scenario, append(append([]string{}, opts.sets...), sets...), opts.outside)
	}, func(v *sim.Validated) ([]*sim.Plan, error) {
		plans, err := sim.SelectDesigns(v, opts.designs)
		return plans, usageError(err)
	})
	if err != nil {
		return nil, err
	}
	if err := addFlowFiles(paths, rp.Validated[0].Scenario).Check(); err != nil {
		return nil, err
	}
	if err := opts.budget.check(rp.Estimate(opts.workers)); err != nil {
		return nil, err
	}
	return rp, nil
}

// writeJSON writes v to buf as every JSON output is written.
func writeJSON(buf *bytes.Buffer, v any) error {
	b, err := results.MarshalJSON(v)
	buf.Write(b)
	return err
}

func itoa(n int) string { return strconv.Itoa(n) }
