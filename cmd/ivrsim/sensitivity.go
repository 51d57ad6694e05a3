package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/results/outfile"
	"github.com/ivrsim/ivrsim/results/report"
	"github.com/ivrsim/ivrsim/sim"
	"github.com/spf13/cobra"
)

type sensitivityOptions struct {
	simFlags
	scenario  string
	designs   []string
	samples   int
	reps      int
	format    string
	formatSet bool
	out       string
	report    string
}

const (
	defaultSensitivitySamples = 32
	defaultSensitivityReps    = 5
)

func newSensitivityCmd(s streams) *cobra.Command {
	opts := &sensitivityOptions{}
	cmd := &cobra.Command{
		Use:   "sensitivity SCENARIO [--samples N]",
		Short: "What the scenario's uncertain values do to the comparison of its designs",
		Long: `Sensitivity samples the values the scenario lists under uncertain: — scenario
paths (as --set writes them) with their plausible ranges:

  uncertain:
    segments.regular.trust: uniform(0.2, 0.6)
    designs.queue-preserving-va.nodes.agents.assist.engaged_patience: [0.5, 1.0]

Ranges: [low, high] or uniform(low, high), loguniform(low, high),
triangular(low, mode, high), normal(mean, sd). Each value must be a number
(seconds for durations); values the scenario takes as whole numbers are
rounded.

The points form a Latin hypercube (every slice of every range is sampled
once). At each point every design runs the same replications with the same
seed, so the callers are the same at every point and in every design, and
each design is compared with the first, paired by replication. Per design
pair and headline metric the table shows the distribution of the paired
difference over the points (mean, and the range of the middle 90%), the
probability that the other design is better (the share of points, with a
95% Wilson interval), the main drivers — standardised regression
coefficients with 95% bootstrap intervals; R² says how much of the spread a
linear model explains, and so how far to trust them — and the break-even of
the main driver, where the fitted difference crosses zero.

--report FILE writes the HTML report: per design pair the probability of
winning on each headline metric, and a tornado chart of each metric's drivers.

The same scenario, seed, samples and replications give the same result
whatever --workers is.

Exit codes: 0 success, 1 runtime error, 2 invalid scenario, uncertain block
or flags (nothing is written), 130 interrupted.`,
		Example: `  ivrsim sensitivity bank
  ivrsim sensitivity bank --samples 64 --reps 10 --format json -o sensitivity.json
  ivrsim sensitivity my-centre.yaml --format csv`,
		Args: oneScenarioArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.scenario = args[0]
			opts.formatSet = cmd.Flags().Changed("format")
			return runSensitivity(cmd.Context(), opts, s)
		},
	}
	f := cmd.Flags()
	opts.simFlags.add(cmd)
	// The seed draws the points of the design too.
	f.Lookup("seed").Usage = "random seed, for the callers and the design"
	f.IntVar(&opts.samples, "samples", defaultSensitivitySamples, "points of the Latin hypercube")
	f.IntVar(&opts.reps, "reps", defaultSensitivityReps, "replications per point and design")
	f.StringArrayVar(&opts.designs, "design", nil, "compare these designs, the first the base (repeatable; default all)")
	addFormatFlag(cmd, &opts.format, "", sensitivityFormats...)
	addOutFlag(cmd, &opts.out, "the output")
	f.StringVar(&opts.report, "report", "", "also write the HTML report (probability of winning, tornado charts) to `FILE`")
	return cmd
}

func runSensitivity(ctx context.Context, opts *sensitivityOptions, s streams) error {
	if err := chooseFormat(&opts.format, opts.formatSet, opts.out, sensitivityFormats); err != nil {
		return err
	}
	paths := new(outfile.Paths).Input("the scenario", opts.scenario).Output("--out", opts.out).Output("--report", opts.report)
	if err := paths.Check(); err != nil {
		return err
	}
	so := sim.SensitivityOptions{Samples: opts.samples, Replications: opts.reps, Seed: opts.seed, Workers: opts.workers}
	if errs := so.Validate(); len(errs) > 0 {
		return usageError(errors.Join(errs...))
	}
	v, err := loadValidated(ctx, opts.scenario, opts.sets, opts.outside)
	if err != nil {
		return err
	}
	if err := addFlowFiles(paths, v.Scenario).Check(); err != nil {
		return err
	}
	plans, err := sim.SelectDesigns(v, opts.designs)
	if err != nil {
		return usageError(err)
	}
	errs := so.CheckScenario(opts.scenario, v, plans)
	if err := opts.budget.check(sim.EstimateRun([][]*sim.Plan{plans}, opts.samples*opts.reps, opts.workers)); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return usageError(errors.Join(errs...))
	}
	so.Designs = designsOf(plans)
	prog := newProgress(ctx, s, opts.quiet, so.Designs, opts.samples*opts.reps)
	so.Done = func(d, _ int, calls int64) { prog.done(d, calls) }
	doc, err := sim.Sensitivity(ctx, v.Scenario, v.Load, v.Uncertain, so)
	prog.stop(err != nil)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	var buf bytes.Buffer
	if err := results.WriteSensitivityAs(&buf, opts.format, doc); err != nil {
		return err
	}
	// The report and the output file land together or not at all.
	var files []outfile.File
	if opts.report != "" {
		var html bytes.Buffer
		if err := report.Write(&html, report.Input{Sensitivity: doc}); err != nil {
			return fmt.Errorf("writing the report: %w", err)
		}
		files = append(files, outfile.File{Path: opts.report, Data: html.Bytes()})
	}
	return emitWith(s, opts.out, buf.Bytes(), files)
}
