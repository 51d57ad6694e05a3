package main

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/results/outfile"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/scenarios/cdr"
	"github.com/ivrsim/ivrsim/scenarios/fit"
	"github.com/ivrsim/ivrsim/sim"
	"github.com/spf13/cobra"
)

type backtestOptions struct {
	records   recordsOptions
	sets      []string
	design    string
	seed      uint64
	reps      int
	workers   int
	format    string
	formatSet bool
	out       string
	metrics   []string
	quiet     bool
	outside   bool
	budget    budgetOptions
	replay    bool
	html      string
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

The records are read as by ivrsim fit (--map, --column, --value, --skip-bad).

Exit codes: 0 success (a backtest reports, it does not judge), 1 runtime
error, 2 unreadable records, invalid scenario or flags, 130 interrupted.`,
		Example: `  ivrsim backtest calls.csv fitted.yaml
  ivrsim fit february-1999.tsv --map anonymous-bank --skip-bad --to 1999-02-14 -o bank-fitted.yaml
  ivrsim backtest february-1999.tsv bank-fitted.yaml --map anonymous-bank --skip-bad --from 1999-02-15
  ivrsim backtest calls.csv fitted.yaml --format json -o backtest.json
  ivrsim backtest calls.csv fitted.yaml --replay --report backtest.html`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.formatSet = cmd.Flags().Changed("format")
			return runBacktest(cmd.Context(), args[0], args[1], opts, s)
		},
	}
	opts.records.flags(cmd)
	f := cmd.Flags()
	f.StringArrayVar(&opts.sets, "set", nil, "override a scenario value, `key.path=value` (repeatable)")
	f.StringVar(&opts.design, "design", "", "the design to simulate (default: the scenario's first)")
	f.Uint64Var(&opts.seed, "seed", 1, "random seed; the same seed gives the same results")
	f.IntVar(&opts.reps, "reps", defaultBacktestReps, "replications")
	f.IntVar(&opts.workers, "workers", 0, "replications run at once (default: one per CPU)")
	f.StringVar(&opts.format, "format", "table", "output format: table, json or csv")
	f.BoolVar(&opts.replay, "replay", false, "also replay the records (their arrivals, IVR and talk times and observed staffing drive the simulation) and compare both modes side by side")
	f.StringVar(&opts.html, "report", "", "also write the HTML report to `FILE`: per metric, the predicted band against the observed value through the day")
	f.StringVarP(&opts.out, "out", "o", "", "write the output to `FILE` (atomically) instead of standard output")
	f.StringSliceVar(&opts.metrics, "metrics", nil, "metrics to compare (default: "+strings.Join(results.BacktestMetrics, ", ")+")")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, quietHelp)
	allowOutsideFlag(cmd, &opts.outside)
	opts.budget.flags(cmd)
	return cmd
}

func runBacktest(ctx context.Context, recordsPath, scenarioPath string, opts *backtestOptions, s streams) error {
	format, err := outfile.Format(opts.format, opts.formatSet, opts.out, []string{"table", "json", "csv"})
	if err != nil {
		return err
	}
	opts.format = format
	paths := opts.records.inputs(recordsPath).Input("the scenario", scenarioPath).Output("--out", opts.out).Output("--report", opts.html)
	if err := paths.Check(); err != nil {
		return err
	}
	if opts.reps < 2 || opts.reps > maxReps {
		return usageErrorf("--reps %d: use 2 to %d (a prediction interval needs at least 2)", opts.reps, maxReps)
	}
	if opts.workers < 0 || opts.workers > 4096 {
		return usageErrorf("--workers %d: use 1 to 4096, or 0 for one per CPU", opts.workers)
	}
	for _, m := range opts.metrics {
		mt, ok := results.LookupMetric(m)
		if !ok {
			return usageErrorf("--metrics: unknown metric %q; metrics are %s", m, strings.Join(results.MetricNames(), ", "))
		}
		if mt.Distribution {
			return usageErrorf("--metrics: %s is a percentile of pooled waits, not defined per interval; compare asa instead", m)
		}
	}
	from, to, err := opts.records.dates()
	if err != nil {
		return err
	}
	recs, _, err := opts.records.read(ctx, recordsPath)
	if err != nil {
		return err
	}
	first, last := recordDates(recs)
	if from.IsZero() {
		from = first
	}
	if to.IsZero() {
		to = last
	}
	if to.Before(from) {
		return usageErrorf("no days to compare: the records run from %s to %s", first.Format(scenarios.DateLayout), last.Format(scenarios.DateLayout))
	}
	days := int(to.Sub(from).Hours()/24) + 1
	sets := append(slices.Clone(opts.sets), "horizon.start="+from.Format(scenarios.DateLayout), "horizon.days="+strconv.Itoa(days))
	v, err := loadValidated(ctx, scenarioPath, sets, opts.outside)
	if err != nil {
		return err
	}
	sc := v.Scenario
	if err := addFlowFiles(paths, sc).Check(); err != nil {
		return err
	}
	var names []string
	if opts.design != "" {
		if !slices.Contains(sim.DesignNames(sc), opts.design) {
			return usageErrorf("--design %q: the scenario's designs are %s", opts.design, strings.Join(sim.DesignNames(sc), ", "))
		}
		names = []string{opts.design}
	} else {
		names = sim.DesignNames(sc)[:1]
	}
	plans, err := selectDesigns(v, names)
	if err != nil {
		return err
	}
	if err := opts.budget.check(sim.EstimateRun([][]*sim.Plan{plans}, opts.reps, opts.workers)); err != nil {
		return err
	}
	prog := newProgress(ctx, s, opts.quiet, names, opts.reps)
	rs, err := sim.Run(ctx, plans, sim.Options{
		Seed: opts.seed, Replications: sim.Reps(opts.reps), Workers: opts.workers,
		Done: func(d, _ int, calls int64) { prog.done(d, calls) },
	})
	prog.stop(err != nil)
	if err != nil {
		return err
	}
	layout := plans[0].Layout
	// Contacts the simulation leaves out (the warm-up) are left out of the
	// records too.
	warm := from.Add(time.Duration(sc.Warmup.Seconds() * float64(time.Second)))
	kept := recs[:0:0]
	for _, r := range recs {
		if !r.Arrival.Before(warm) {
			kept = append(kept, r)
		}
	}
	observed := fit.Observe(kept, from, layout, sc.ServiceLevel.Within.Seconds(), fit.Staffed(sc, layout))
	dates := make([]string, days)
	for d := range dates {
		dates[d] = from.AddDate(0, 0, d).Format("2006-01-02 Mon")
	}
	input := results.BacktestInput{
		Scenario: sc.Name, From: from.Format(scenarios.DateLayout), To: to.Format(scenarios.DateLayout), Dates: dates,
		Seed: opts.seed, Runs: rs.Designs[0], Layout: layout, Observed: observed, Metrics: opts.metrics,
	}
	bt, err := results.NewBacktest(input)
	if err != nil {
		return err
	}
	if opts.replay {
		inRange := kept[:0:0]
		for _, r := range kept {
			if d := r.Arrival.Sub(from); d >= 0 && d < time.Duration(days)*24*time.Hour {
				inRange = append(inRange, r)
			}
		}
		replay := replayOf(inRange, from)
		staffing, err := fit.ObservedStaffing(inRange, from, to, layout.Interval)
		if err != nil {
			return usageErrorf("--replay: the records' staffing: %v", err)
		}
		replay.Staffing = staffing
		rp, err := plans[0].WithReplay(replay)
		if err != nil {
			return usageErrorf("--replay: %v; replay the records the scenario was fitted from (ivrsim fit)", err)
		}
		prog := newProgress(ctx, s, opts.quiet, []string{names[0] + " (replay)"}, opts.reps)
		rrs, err := sim.Run(ctx, []*sim.Plan{rp}, sim.Options{
			Seed: opts.seed, Replications: sim.Reps(opts.reps), Workers: opts.workers,
			Done: func(d, _ int, calls int64) { prog.done(d, calls) },
		})
		prog.stop(err != nil)
		if err != nil {
			return err
		}
		input.Runs = rrs.Designs[0]
		if bt.Replay, err = results.NewBacktest(input); err != nil {
			return err
		}
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
	if opts.html == "" {
		return emit(s, opts.out, buf.Bytes())
	}
	page, err := results.BacktestHTML(bt)
	if err != nil {
		return err
	}
	// The page and the output file land together or not at all; standard
	// output comes after them.
	files := []outfile.File{{Path: opts.html, Data: page}}
	toStdout := opts.out == "" || opts.out == "-"
	if !toStdout {
		files = append(files, outfile.File{Path: opts.out, Data: buf.Bytes()})
	}
	if err := outfile.WriteAll(files); err != nil || !toStdout {
		return err
	}
	_, err = s.Out.Write(buf.Bytes())
	return err
}

// recordDates is the first and last date of the records.
func recordDates(recs []cdr.Record) (first, last time.Time) {
	for i := range recs {
		t := recs[i].Arrival
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		if first.IsZero() || d.Before(first) {
			first = d
		}
		if d.After(last) {
			last = d
		}
	}
	return first, last
}
