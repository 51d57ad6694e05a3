package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/results/outfile"
	"github.com/ivrsim/ivrsim/results/report"
	"github.com/ivrsim/ivrsim/scenarios"
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
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("sensitivity needs one scenario: a YAML file or a built-in name (%s)", strings.Join(scenarios.BuiltinNames(), ", "))
			}
			return nil
		},
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
	f.StringVar(&opts.format, "format", "table", "output format: table, json or csv")
	f.StringVarP(&opts.out, "out", "o", "", "write the output to `FILE` (atomically) instead of standard output")
	f.StringVar(&opts.report, "report", "", "also write the HTML report (probability of winning, tornado charts) to `FILE`")
	return cmd
}

func runSensitivity(ctx context.Context, opts *sensitivityOptions, s streams) error {
	format, err := outfile.Format(opts.format, opts.formatSet, opts.out, []string{"table", "json", "csv"})
	if err != nil {
		return err
	}
	opts.format = format
	paths := new(outfile.Paths).Input("the scenario", opts.scenario).Output("--out", opts.out).Output("--report", opts.report)
	if err := paths.Check(); err != nil {
		return err
	}
	if opts.reps < 1 || opts.reps > maxReps {
		return usageErrorf("--reps %d: use 1 to %d", opts.reps, maxReps)
	}
	if opts.samples < 4 || opts.samples > 100000 {
		return usageErrorf("--samples %d: use 4 to 100000", opts.samples)
	}
	if opts.workers < 0 || opts.workers > 4096 {
		return usageErrorf("--workers %d: use 1 to 4096, or 0 for one per CPU", opts.workers)
	}
	v, err := loadValidated(ctx, opts.scenario, opts.sets, opts.outside)
	if err != nil {
		return err
	}
	sc, load, params := v.Scenario, v.Load, v.Uncertain
	if err := addFlowFiles(paths, sc).Check(); err != nil {
		return err
	}
	plans, err := selectDesigns(v, opts.designs)
	if err != nil {
		return err
	}
	if len(plans) < 2 {
		return usageErrorf("sensitivity compares designs, and %s has one (%s); add a design, or use ivrsim run --sweep to vary a value", opts.scenario, plans[0].Design)
	}
	if len(sc.Uncertain.List) == 0 {
		return usageErrorf("%s has no uncertain: block: list the values nobody has measured with their ranges, such as\n  uncertain:\n    segments.regular.trust: uniform(0.2, 0.6)", opts.scenario)
	}
	if err := opts.budget.check(sim.EstimateRun([][]*sim.Plan{plans}, opts.samples*opts.reps, opts.workers)); err != nil {
		return err
	}
	if opts.samples < len(params)+3 {
		return usageErrorf("--samples %d for %d uncertain values: use at least %d (and ten times the values for drivers worth reading)", opts.samples, len(params), len(params)+3)
	}
	names := make([]string, len(plans))
	for i, p := range plans {
		names[i] = p.Design
	}
	prog := newProgress(ctx, s, opts.quiet, names, opts.samples*opts.reps)
	doc, err := sim.Sensitivity(ctx, sc, load, params, sim.SensitivityOptions{
		Samples: opts.samples, Replications: opts.reps, Seed: opts.seed, Workers: opts.workers, Designs: names,
		Done: func(d, _ int, calls int64) { prog.done(d, calls) },
	})
	if err != nil {
		prog.stop(true)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	prog.stop(false)
	var buf bytes.Buffer
	switch opts.format {
	case "json":
		b, err := results.WriteSensitivityJSON(doc)
		if err != nil {
			return err
		}
		buf.Write(b)
	case "csv":
		if err := results.WriteSensitivityCSV(&buf, doc); err != nil {
			return err
		}
	default:
		if err := results.WriteSensitivityTable(&buf, doc); err != nil {
			return fmt.Errorf("writing the table: %w", err)
		}
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
