package main

import (
	"bytes"
	"context"
	"slices"
	"strings"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/results/outfile"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/scenarios/cdr"
	"github.com/ivrsim/ivrsim/scenarios/fit"
	"github.com/ivrsim/ivrsim/sim"
	"github.com/spf13/cobra"
)

type backtestOptions struct {
	simFlags
	// recordsPath and scenario are the arguments: the call records
	// ("-": standard input) and the scenario.
	recordsPath string
	scenario    string
	records     recordsOptions
	design      string
	reps        int
	format      string
	formatSet   bool
	out         string
	metrics     []string
	replay      bool
	html        string
}

// defaultBacktestReps is enough replications for a prediction interval
// whose ends are themselves reasonably precise.
const defaultBacktestReps = 20

func newBacktestCmd(s streams) *cobra.Command {
	opts := &backtestOptions{}
	cmd := &cobra.Command{
		Use:   "backtest RECORDS.csv SCENARIO",
		Short: "Simulate the days of call records and compare with what happened",
		Long: `Backtest simulates a scenario over the days of call detail records — the
scenario's day 1 set to the first date, so each simulated day has the
records' weekday — and compares it with the records, overall, per interval of
the day and per day: offered contacts, abandonment, ASA, service level,
occupancy and handle time, the predicted mean with its 95% confidence
interval and the 95% prediction interval of one run, against the value the
records show. The records' values use the metrics' own definitions (see the
README); occupancy divides the records' agent time by the scenario's
staffing.

Abandonment in the queue has two denominators, both reported:
  queue_abandon_rate   hung up in a queue / entered a queue (callers
                       answered at once count as having queued)
  waited_abandon_rate  hung up in a queue / found no agent free on joining
                       (abandonment among callers who actually waited)

--from and --to choose the dates (default: all of the records'). Fit on one
period and backtest another to see how well the scenario predicts.

Two modes. Forecast (always): the scenario's own arrivals and times — is the
plan right? Replay (--replay, shown beside it): the records' own arrival
times, segments and intents, IVR times and hang-ups, talk times and the
staffing the records show drive the simulation, so only what the model must
predict (who waits, who abandons, how long) is compared — is the queueing
and behaviour model right? A model that fails replay is wrong; one that
fails only forecast has wrong inputs. JSON keeps the forecast under the
usual keys and adds the replay, with the same keys, under "replay"; CSV has
a row per mode; --report FILE draws each mode's predicted band against the
observed values through the day.

The records are read as by ivrsim fit (--map, --column, --value, --skip-bad);
RECORDS - reads them from standard input.

Exit codes: 0 success (a backtest reports, it does not judge), 1 runtime
error, 2 unreadable records, invalid scenario or flags, 130 interrupted.`,
		Example: `  ivrsim backtest calls.csv fitted.yaml
  ivrsim fit february-1999.tsv --map anonymous-bank --skip-bad --to 1999-02-14 -o bank-fitted.yaml
  ivrsim backtest february-1999.tsv bank-fitted.yaml --map anonymous-bank --skip-bad --from 1999-02-15
  ivrsim backtest calls.csv fitted.yaml --format json -o backtest.json
  ivrsim backtest calls.csv fitted.yaml --replay --report backtest.html`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.recordsPath, opts.scenario = args[0], args[1]
			opts.formatSet = cmd.Flags().Changed("format")
			return runBacktest(cmd.Context(), opts, s)
		},
	}
	opts.records.flags(cmd)
	f := cmd.Flags()
	opts.simFlags.add(cmd)
	f.StringVar(&opts.design, "design", "", "the design to simulate (default: the scenario's first)")
	f.IntVar(&opts.reps, "reps", defaultBacktestReps, "replications")
	addFormatFlag(cmd, &opts.format, "", backtestFormats...)
	f.BoolVar(&opts.replay, "replay", false, "also replay the records (their arrivals, IVR and talk times and observed staffing drive the simulation) and compare both modes side by side")
	f.StringVar(&opts.html, "report", "", "also write the HTML report to `FILE`: per metric, the predicted band against the observed value through the day")
	addOutFlag(cmd, &opts.out, "the output")
	f.StringSliceVar(&opts.metrics, "metrics", nil, "metrics to compare (default: "+strings.Join(results.BacktestMetrics, ", ")+")")
	return cmd
}

// backtestPlan is what runBacktest has checked and will do.
type backtestPlan struct {
	recs   []cdr.Record
	period fit.Period
	sc     *scenarios.Scenario
	// plan is the design simulated over the period.
	plan *sim.Plan
}

func runBacktest(ctx context.Context, opts *backtestOptions, s streams) error {
	bp, err := planBacktest(ctx, opts)
	if err != nil {
		return err
	}
	bt, err := backtest(ctx, bp, opts, s)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	switch opts.format {
	case "json":
		b, err := results.WriteBacktestJSON(bt)
		if err != nil {
			return err
		}
		buf.Write(b)
	case "csv":
		if err := results.WriteBacktestCSV(&buf, bt); err != nil {
			return err
		}
	default:
		if err := results.WriteBacktestTable(&buf, bt); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// The page and the output file land together or not at all.
	var files []outfile.File
	if opts.html != "" {
		page, err := results.BacktestHTML(bt)
		if err != nil {
			return err
		}
		files = append(files, outfile.File{Path: opts.html, Data: page})
	}
	return emitWith(s, opts.out, buf.Bytes(), files)
}

// planBacktest checks the flags, reads the records and loads the scenario
// over their days, before anything is simulated.
func planBacktest(ctx context.Context, opts *backtestOptions) (*backtestPlan, error) {
	if err := chooseFormat(&opts.format, opts.formatSet, opts.out, backtestFormats); err != nil {
		return nil, err
	}
	paths := opts.records.inputs(opts.recordsPath).Input("the scenario", opts.scenario).Output("--out", opts.out).Output("--report", opts.html)
	if err := paths.Check(); err != nil {
		return nil, err
	}
	if err := oneStdin([2]string{"the call records", opts.recordsPath}, [2]string{"the scenario", opts.scenario}, [2]string{"--map", opts.records.mapping}); err != nil {
		return nil, err
	}
	if opts.reps < 2 || opts.reps > maxReps {
		return nil, usageErrorf("--reps %d: use 2 to %d (a prediction interval needs at least 2)", opts.reps, maxReps)
	}
	if err := sim.CheckWorkers(opts.workers); err != nil {
		return nil, usageError(err)
	}
	if err := results.CheckBacktestMetrics(opts.metrics); err != nil {
		return nil, usageErrorf("--metrics: %v", err)
	}
	from, to, err := opts.records.dates()
	if err != nil {
		return nil, err
	}
	bp := &backtestPlan{}
	if bp.recs, _, err = opts.records.read(ctx, opts.recordsPath); err != nil {
		return nil, err
	}
	if bp.period, err = fit.BacktestPeriod(bp.recs, from, to); err != nil {
		return nil, usageError(err)
	}
	v, err := loadValidated(ctx, opts.scenario, append(slices.Clone(opts.sets), bp.period.Sets()...), opts.outside)
	if err != nil {
		return nil, err
	}
	bp.sc = v.Scenario
	if err := addFlowFiles(paths, bp.sc).Check(); err != nil {
		return nil, err
	}
	designs := sim.DesignNames(bp.sc)
	name := designs[0]
	if opts.design != "" {
		if !slices.Contains(designs, opts.design) {
			return nil, usageErrorf("--design %q: the scenario's designs are %s", opts.design, strings.Join(designs, ", "))
		}
		name = opts.design
	}
	plans, err := sim.SelectDesigns(v, []string{name})
	if err != nil {
		return nil, usageError(err)
	}
	bp.plan = plans[0]
	if err := opts.budget.check(sim.EstimateRun([][]*sim.Plan{plans}, opts.reps, opts.workers)); err != nil {
		return nil, err
	}
	return bp, nil
}

// backtest simulates the period and compares it with the records: the
// forecast and, with --replay, the replay of the records.
func backtest(ctx context.Context, bp *backtestPlan, opts *backtestOptions, s streams) (*results.Backtest, error) {
	runs, err := simulateBacktest(ctx, bp.plan, bp.plan.Design, opts, s)
	if err != nil {
		return nil, err
	}
	layout := bp.plan.Layout
	input := results.BacktestInput{
		Scenario: bp.sc.Name, From: bp.period.From.Format(scenarios.DateLayout), To: bp.period.To.Format(scenarios.DateLayout),
		Dates: bp.period.Dates(), Seed: opts.seed, Runs: runs, Layout: layout,
		Observed: bp.period.Observe(bp.recs, bp.sc, layout), Metrics: opts.metrics,
	}
	bt, err := results.NewBacktest(input)
	if err != nil || !opts.replay {
		return bt, err
	}
	recs := bp.period.Compared(bp.recs, bp.sc)
	replay := sim.ReplayOf(recs, bp.period.From)
	if replay.Staffing, err = fit.ObservedStaffing(recs, bp.period.From, bp.period.To, layout.Interval); err != nil {
		return nil, usageErrorf("--replay: the records' staffing: %v", err)
	}
	rp, err := bp.plan.WithReplay(replay)
	if err != nil {
		return nil, usageErrorf("--replay: %v; replay the records the scenario was fitted from (ivrsim fit)", err)
	}
	if input.Runs, err = simulateBacktest(ctx, rp, bp.plan.Design+" (replay)", opts, s); err != nil {
		return nil, err
	}
	bt.Replay, err = results.NewBacktest(input)
	return bt, err
}

// simulateBacktest runs the replications of one plan, with a progress bar
// named label.
func simulateBacktest(ctx context.Context, p *sim.Plan, label string, opts *backtestOptions, s streams) (*results.DesignRuns, error) {
	prog := newProgress(ctx, s, opts.quiet, []string{label}, opts.reps)
	rs, err := sim.Run(ctx, []*sim.Plan{p}, sim.Options{
		Seed: opts.seed, Replications: sim.Reps(opts.reps), Workers: opts.workers,
		Done: func(d, _ int, calls int64) { prog.done(d, calls) },
	})
	prog.stop(err != nil)
	if err != nil {
		return nil, err
	}
	return rs.Designs[0], nil
}
