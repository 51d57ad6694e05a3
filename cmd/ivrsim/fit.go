package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/results/outfile"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/scenarios/cdr"
	"github.com/ivrsim/ivrsim/scenarios/fit"
	"github.com/spf13/cobra"
)

// recordsOptions are the flags that say how to read call records, shared
// by fit and backtest.
type recordsOptions struct {
	mapping string
	columns []string
	values  []string
	skipBad bool
	maxBad  string
	from    string
	to      string
}

func (o *recordsOptions) flags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.mapping, "map", "", "column mapping: a YAML `FILE`, or a built-in ("+strings.Join(cdr.BuiltinMappings(), ", ")+")")
	f.StringArrayVar(&o.columns, "column", nil, "map a column, `canonical=source` (repeatable), such as arrival=CallStart")
	f.StringArrayVar(&o.values, "value", nil, "map a value, `column:source=value` (repeatable), such as outcome:ANS=served")
	f.BoolVar(&o.skipBad, "skip-bad", false, "skip malformed rows, and report how many and why, instead of failing")
	f.StringVar(&o.maxBad, "max-bad", "10%", "with --skip-bad: fail anyway when more than this share of rows is malformed")
	f.StringVar(&o.from, "from", "", "first date of the records to use, `YYYY-MM-DD`")
	f.StringVar(&o.to, "to", "", "last date of the records to use, `YYYY-MM-DD` (inclusive)")
}

// dates parses --from and --to.
func (o *recordsOptions) dates() (from, to time.Time, err error) {
	if o.from != "" {
		if from, err = scenarios.ParseDate(o.from); err != nil {
			return from, to, usageErrorf("--from: %v", err)
		}
	}
	if o.to != "" {
		if to, err = scenarios.ParseDate(o.to); err != nil {
			return from, to, usageErrorf("--to: %v", err)
		}
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return from, to, usageErrorf("--to %s is before --from %s", o.to, o.from)
	}
	return from, to, nil
}

// inputs are the files the records options read: the records and the
// mapping file.
func (o *recordsOptions) inputs(records string) *outfile.Paths {
	return new(outfile.Paths).Input("the call records", records).Input("--map", o.mapping)
}

// read loads the mapping and reads the records, from standard input when
// path is "-"; every problem with them is the user's (exit 2).
func (o *recordsOptions) read(ctx context.Context, path string) ([]cdr.Record, *cdr.Report, error) {
	m, err := o.loadMapping(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, c := range o.columns {
		if err := m.SetColumn(c); err != nil {
			return nil, nil, usageError(err)
		}
	}
	for _, v := range o.values {
		if err := m.SetValue(v); err != nil {
			return nil, nil, usageError(err)
		}
	}
	maxBad, err := results.ParseShare(o.maxBad)
	if err != nil {
		return nil, nil, usageErrorf("--max-bad %q: %v", o.maxBad, err)
	}
	ro := cdr.ReadOptions{SkipBad: o.skipBad, MaxBad: maxBad, Context: ctx}
	var recs []cdr.Record
	var rep *cdr.Report
	// Interruptible: standard input may be a pipe nobody writes yet.
	err = interruptible(ctx, func() (rerr error) {
		if path != "-" {
			recs, rep, rerr = cdr.ReadFile(path, m, ro)
			return rerr
		}
		// Streamed, not held whole: the records reader bounds its lines
		// and rows itself, far above what readInput keeps.
		in, rerr := stdinStream(ctx)
		if rerr == nil {
			recs, rep, rerr = cdr.Read(in, stdinName, m, ro)
		}
		return rerr
	})
	if errors.Is(err, context.Canceled) {
		return nil, nil, err
	}
	if err != nil {
		return nil, nil, usageError(err)
	}
	return recs, rep, nil
}

// loadMapping loads --map: a file, a built-in, or standard input for "-";
// without it, the canonical column names.
func (o *recordsOptions) loadMapping(ctx context.Context) (*cdr.Mapping, error) {
	var m *cdr.Mapping
	var err error
	switch o.mapping {
	case "":
		return cdr.NewMapping(), nil
	case "-":
		var data []byte
		if data, err = readInput(ctx, "-", cdr.MaxMappingSize, "a mapping file"); err != nil {
			return nil, usageErrorf("%s: cannot read: %v", stdinName, err)
		}
		m, err = cdr.ParseMapping(stdinName, data)
	default:
		m, err = cdr.LoadMapping(o.mapping)
	}
	if err != nil {
		return nil, scenarioProblem(err)
	}
	return m, nil
}

type fitOptions struct {
	// recordsPath is the argument: the call records ("-": standard input).
	recordsPath string
	records     recordsOptions
	interval    string
	name        string
	out         string
	summary     string
	quiet       bool
}

func newFitCmd(s streams) *cobra.Command {
	opts := &fitOptions{}
	cmd := &cobra.Command{
		Use:   "fit RECORDS.csv",
		Short: "Calibrate a scenario from call detail records",
		Long: `Fit estimates a scenario from call detail records (CSV or tab-separated, with
a header): arrivals per interval and day of the week with their
over-dispersion, handle times per intent (the best of exponential, lognormal,
gamma and Weibull by likelihood), patience from censored waits (callers
answered before they gave up are censored, never left out), time in the IVR,
redials after abandonment (from customer ids), the intent mix per segment,
and the staffing the records imply. It writes the scenario as commented
YAML — every number with what it was estimated from, its uncertainty and
sample — and prints the fit summary.

The records' columns are found by their canonical names (arrival, customer,
intent, segment, ivr_time, queue_start, queue_end, outcome, service_start,
service_end, group, agent, ...) or mapped with --map FILE and --column. The
Anonymous Bank layout is built in: --map anonymous-bank. RECORDS - reads the
records from standard input.

Malformed rows are errors naming the line and column; --skip-bad skips them
and reports how many and why.

Exit codes: 0 success, 1 runtime error, 2 unreadable records, bad mapping or
flags (nothing is written). See ivrsim help exit-codes.`,
		Example: `  ivrsim fit calls.csv -o fitted.yaml
  ivrsim fit february-1999.tsv --map anonymous-bank --skip-bad --to 1999-02-14 -o bank-fitted.yaml
  ivrsim fit export.csv --map acd.yaml --interval 15m -o fitted.yaml --summary fit.txt`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.recordsPath = args[0]
			return runFit(cmd.Context(), opts, s)
		},
	}
	opts.records.flags(cmd)
	f := cmd.Flags()
	f.StringVar(&opts.interval, "interval", "30m", "length of the profile intervals; it divides the day")
	f.StringVar(&opts.name, "name", "fitted", "name of the scenario written")
	f.StringVarP(&opts.out, "out", "o", "", "write the scenario to `FILE` (atomically); without it, to standard output")
	f.StringVar(&opts.summary, "summary", "", "write the fit summary (each estimate with its uncertainty) to `FILE` instead of printing it")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, quietHelp+" (nor the fit summary, unless --out FILE makes it the output)")
	return cmd
}

func runFit(ctx context.Context, opts *fitOptions, s streams) error {
	path := opts.recordsPath
	interval, err := models.ParseDuration(opts.interval)
	if err != nil {
		return usageErrorf("--interval %q: %v", opts.interval, err)
	}
	if interval < 60 || int(interval)%60 != 0 || 86400%int(interval) != 0 {
		return usageErrorf("--interval %s does not divide a day into whole intervals of whole minutes; use 15m, 30m or 1h", opts.interval)
	}
	from, to, err := opts.records.dates()
	if err != nil {
		return err
	}
	if strings.ContainsAny(opts.name, ".=") || strings.TrimSpace(opts.name) == "" {
		return usageErrorf("--name %q: give a name without '.', '=' or surrounding blanks", opts.name)
	}
	paths := opts.records.inputs(path).Output("--out", opts.out).Output("--summary", opts.summary)
	if err := paths.Check(); err != nil {
		return err
	}
	if err := oneStdin([2]string{"the call records", path}, [2]string{"--map", opts.records.mapping}); err != nil {
		return err
	}
	recs, rep, err := opts.records.read(ctx, path)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// Messages name the records as given; the scenario's comments by the
	// file's base name, or as "call records" when they come on standard
	// input.
	name, source := path, displayName(path)
	if path == "-" {
		name, source = stdinName, ""
	}
	var model *fit.Model
	err = interruptible(ctx, func() error {
		var ferr error
		model, ferr = fit.Fit(recs, fit.Options{Interval: interval, From: from, To: to, Name: opts.name, Source: source})
		if ferr == nil {
			ferr = model.CheckLimits()
		}
		return ferr
	})
	if errors.Is(err, context.Canceled) {
		return err
	}
	if err != nil {
		return usageError(fmt.Errorf("%s: %w", name, err))
	}
	yaml, err := model.Scenario()
	if err != nil {
		return err
	}
	var report bytes.Buffer
	if err := model.WriteReport(&report, rep); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	reportTo := s.Out
	if opts.out == "" || opts.out == "-" {
		reportTo = s.Err
	}
	if opts.summary != "" {
		if err := outfile.Write(opts.summary, report.Bytes()); err != nil {
			return err
		}
	} else if !opts.quiet || reportTo == s.Out {
		if _, err := io.Copy(reportTo, &report); err != nil {
			return err
		}
	}
	return emit(s, opts.out, yaml)
}

// displayName is the file name shown in a scenario's comments: its base
// name, so no machine's directories end up in a scenario.
func displayName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}
