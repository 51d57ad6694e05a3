package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/results"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// erlangOptions are the flags of the three calculators. Numbers are kept
// as the user wrote them and parsed in the run functions, so that every
// mistake gets a message naming the flag and showing a valid value.
type erlangOptions struct {
	load     string // Erlangs
	rate     string // "100/30m"
	aht      string // mean handle time
	patience string // mean patience (erlang a)
	within   string // service-level time
	agents   string // agents (c, a) or lines (b)
	target   string
	format   string // table or json
	json     bool   // the old spelling of --format json
}

const defaultWithin = "20s"

const erlangExitCodes = `Exit codes: 0 success, 2 usage error (a missing or invalid flag, or a target
no staffing up to 100000 meets). See ivrsim help exit-codes.`

func newErlangCmd(s streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "erlang b|c|a",
		Short: "Analytic Erlang B, C and A calculators and staffing",
		Long: `The erlang commands compute exact steady-state figures of the classic queueing
models, or the fewest agents (lines) that meet a target:

  erlang b   lines and busy signals (M/M/N/N): blocked_rate
  erlang c   agents, callers who wait as long as it takes (M/M/N)
  erlang a   agents, callers who hang up when their patience runs out (M/M/N+M)

The figures use the simulation's metric definitions (see the design notes):
p_wait is the share of calls that find every agent busy, abandon_rate the share
that hang up, asa the mean wait of answered calls, service_level the share of
all calls answered within --within, occupancy the answered load per agent.

` + erlangExitCodes,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmd.Help()
			}
			return usageErrorf("unknown model %q: use erlang b (lines), erlang c (agents, patient callers) or erlang a (agents, callers who hang up)", args[0])
		},
	}
	cmd.AddCommand(newErlangBCmd(s), newErlangCCmd(s), newErlangACmd(s))
	return cmd
}

func newErlangBCmd(s streams) *cobra.Command {
	opts := &erlangOptions{}
	cmd := &cobra.Command{
		Use:   "b (--load E | --rate R --aht D) (--lines N | --target T)",
		Short: "Blocking of calls offered to N lines (Erlang B)",
		Long: `Erlang B gives the probability that a call finds all lines (trunks, IVR ports)
busy and gets a busy signal, for Poisson arrivals and any holding-time
distribution with the given mean.

With --target 'blocked_rate <= 0.01' instead of --lines it finds the fewest lines
that meet the target.

` + erlangExitCodes,
		Example: `  ivrsim erlang b --load 10 --lines 18
  ivrsim erlang b --rate 6000/h --aht 4m --target 'blocked_rate <= 1%' --format json`,
		Args: erlangNoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runErlangB(cmd.Context(), opts, s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.load, "load", "", "offered traffic in `ERLANGS` (calls per second × holding time)")
	f.StringVar(&opts.rate, "rate", "", "call arrival `RATE`, e.g. 100/min, 6000/h, 100/30m (needs --aht)")
	f.StringVar(&opts.aht, "aht", "", "mean holding `TIME` of a line, e.g. 180s or 3m")
	f.StringVar(&opts.agents, "lines", "", "evaluate `N` lines")
	f.StringVar(&opts.target, "target", "", "find the fewest lines meeting a `TARGET`, e.g. 'blocked_rate <= 0.01'")
	addErlangFormatFlags(f, opts)
	return cmd
}

func newErlangCCmd(s streams) *cobra.Command {
	opts := &erlangOptions{}
	cmd := &cobra.Command{
		Use:   "c (--load E | --rate R) --aht D (--agents N | --target T)",
		Short: "Waits with N agents and callers who never hang up (Erlang C)",
		Long: `Erlang C is the M/M/N queue: Poisson arrivals, exponential handle times, N
agents, and callers who wait as long as it takes. It prints p_wait, asa,
service_level (the share of calls answered within --within) and occupancy.

With no more agents than Erlangs of load the queue grows without bound:
p_wait is 1, service_level 0, and asa has no finite value (null in JSON, with
a note). Erlang A, where callers hang up, has no such limit.

With --target instead of --agents it finds the fewest agents that meet the
target: 'service_level >= 0.8' (or 'service_level(20s) >= 80%'), 'asa <= 30s',
'p_wait <= 0.3' or 'occupancy <= 0.85'.

` + erlangExitCodes,
		Example: `  ivrsim erlang c --rate 100/30m --aht 3m --agents 14
  ivrsim erlang c --load 10 --aht 180s --target 'service_level >= 0.8' --within 20s
  ivrsim erlang c --rate 6000/h --aht 4m --target 'asa <= 30s' --format json`,
		Args: erlangNoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runErlangC(cmd.Context(), opts, s)
		},
	}
	addQueueFlags(cmd, opts)
	return cmd
}

func newErlangACmd(s streams) *cobra.Command {
	opts := &erlangOptions{}
	cmd := &cobra.Command{
		Use:   "a (--load E | --rate R) --aht D --patience D (--agents N | --target T)",
		Short: "Waits and abandonment with N agents and impatient callers (Erlang A)",
		Long: `Erlang A is the M/M/N+M queue of Garnett, Mandelbaum and Reiman: Poisson
arrivals, exponential handle times, N agents, and callers who hang up after an
exponentially distributed patience with mean --patience. It prints p_wait,
abandon_rate, asa (the mean wait of answered calls), service_level (the share of
all calls answered within --within; abandoned calls count against it) and
occupancy. The queue is stable at any load.

With --target instead of --agents it finds the fewest agents that meet the
target: 'service_level >= 0.8', 'asa <= 30s', 'abandon_rate <= 0.05',
'p_wait <= 0.3' or 'occupancy <= 0.85'.

` + erlangExitCodes,
		Example: `  ivrsim erlang a --rate 100/min --aht 1m --patience 2m --agents 100
  ivrsim erlang a --rate 100/30m --aht 3m --patience 2m --target 'abandon_rate <= 5%' --format json`,
		Args: erlangNoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runErlangA(cmd.Context(), opts, s)
		},
	}
	addQueueFlags(cmd, opts)
	cmd.Flags().StringVar(&opts.patience, "patience", "", "mean `TIME` a caller waits before hanging up, e.g. 2m")
	return cmd
}

// addErlangFormatFlags adds --format, as every command has it, and keeps
// --json, the calculators' first spelling, as a hidden alias.
func addErlangFormatFlags(f *pflag.FlagSet, opts *erlangOptions) {
	f.StringVar(&opts.format, "format", "table", "output `FORMAT`: table or json")
	f.BoolVar(&opts.json, "json", false, "the same as --format json")
	_ = f.MarkHidden("json")
}

// wantsJSON reads --format (and --json); any other format is a usage error.
func (o *erlangOptions) wantsJSON() (bool, error) {
	switch o.format {
	case "table":
		return o.json, nil
	case "json":
		return true, nil
	}
	return false, usageErrorf("--format %q: the calculators print table or json", o.format)
}

// erlangNoArgs rejects positional arguments as a usage error: every input
// of the calculators is a flag.
func erlangNoArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		name := strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
		return usageErrorf("%s takes flags only, not %q; see %s --help", name, args[0], cmd.CommandPath())
	}
	return nil
}

func addQueueFlags(cmd *cobra.Command, opts *erlangOptions) {
	f := cmd.Flags()
	f.StringVar(&opts.load, "load", "", "offered load in `ERLANGS` (calls per second × handle time)")
	f.StringVar(&opts.rate, "rate", "", "call arrival `RATE`, e.g. 100/min, 6000/h, 100/30m")
	f.StringVar(&opts.aht, "aht", "", "mean handle `TIME`, e.g. 180s or 3m")
	f.StringVar(&opts.agents, "agents", "", "evaluate `N` agents")
	f.StringVar(&opts.within, "within", "", "service-level `TIME`: the share answered within it is reported (default "+defaultWithin+")")
	f.StringVar(&opts.target, "target", "", "find the fewest agents meeting a `TARGET`, e.g. 'service_level >= 0.8'")
	addErlangFormatFlags(f, opts)
}

func runErlangB(ctx context.Context, opts *erlangOptions, s streams) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	load, err := opts.offeredLoad()
	if err != nil {
		return err
	}
	asJSON, err := opts.wantsJSON()
	if err != nil {
		return err
	}
	res := results.ErlangBResult{SchemaVersion: results.SchemaVersion, IvrsimVersion: results.Version, Model: "erlang_b", Load: load}
	if err := opts.checkSizeOrTarget("--lines", "lines", "'blocked_rate <= 0.01'"); err != nil {
		return err
	}
	if opts.target != "" {
		t, err := parseErlangTarget(opts.target, "b")
		if err != nil {
			return err
		}
		res.Lines, err = models.StaffErlangB(load, t)
		if err != nil {
			return usageError(err)
		}
		res.Target = t.String()
	} else if res.Lines, err = parseAgents("--lines", opts.agents); err != nil {
		return err
	}
	res.BlockedRate = models.ErlangB(load, res.Lines)
	if asJSON {
		return writeErlangJSON(s.Out, res)
	}
	return res.WriteTable(s.Out)
}

func runErlangC(ctx context.Context, opts *erlangOptions, s streams) error {
	return runErlangQueue(ctx, opts, s, "c")
}

func runErlangA(ctx context.Context, opts *erlangOptions, s streams) error {
	return runErlangQueue(ctx, opts, s, "a")
}

// runErlangQueue runs erlang c or erlang a; the two differ only in the
// model evaluated and in patience.
func runErlangQueue(ctx context.Context, opts *erlangOptions, s streams, model string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	asJSON, err := opts.wantsJSON()
	if err != nil {
		return err
	}
	aht, err := parsePositiveDuration("--aht", opts.aht, "the mean handle time", "180s")
	if err != nil {
		return err
	}
	load, err := opts.offeredLoadWithAHT(aht)
	if err != nil {
		return err
	}
	rate := load / aht
	patience := math.Inf(1)
	if model == "a" {
		if patience, err = parsePositiveDuration("--patience", opts.patience, "the mean time callers wait before hanging up", "2m"); err != nil {
			return err
		}
	}
	if err := opts.checkSizeOrTarget("--agents", "agents", "'service_level >= 0.8'"); err != nil {
		return err
	}
	var target models.Target
	if opts.target != "" {
		if target, err = parseErlangTarget(opts.target, model); err != nil {
			return err
		}
	}
	within, err := opts.serviceLevelTime(target)
	if err != nil {
		return err
	}
	res := results.ErlangQueueResult{SchemaVersion: results.SchemaVersion, IvrsimVersion: results.Version, Model: "erlang_" + model, Load: load, Within: within}
	if opts.target != "" {
		if target.Metric == models.MetricServiceLevel {
			target.Within = within
		}
		if model == "a" {
			res.Agents, err = models.StaffErlangA(rate, aht, patience, target)
		} else {
			res.Agents, err = models.StaffErlangC(rate, aht, target)
		}
		if err != nil {
			return usageError(err)
		}
		res.Target = target.String()
	} else if res.Agents, err = parseAgents("--agents", opts.agents); err != nil {
		return err
	}

	var p models.Performance
	if model == "a" {
		p = models.ErlangAPerformance(rate, aht, patience, res.Agents, within)
		ab := p.PAbandon
		res.AbandonRate = &ab
	} else {
		p = models.ErlangCPerformance(rate, aht, res.Agents, within)
	}
	res.PWait, res.ServiceLevel, res.Occupancy = p.PWait, p.ServiceLevel, p.Occupancy
	if asa := p.ASA; !math.IsNaN(asa) && !math.IsInf(asa, 0) {
		res.ASA = &asa
	}
	switch {
	case !p.Stable:
		res.Note = fmt.Sprintf("the queue grows without bound: %d agents cannot keep up with %s Erlangs, so every call waits and the wait has no average; staff at least %d agents, or use erlang a, where callers hang up",
			res.Agents, results.FormatLoad(load), int(math.Floor(load))+1)
	case res.ASA == nil:
		res.Note = "with no agents every caller hangs up, so no call is answered and asa has no value"
	}
	if asJSON {
		return writeErlangJSON(s.Out, res)
	}
	return res.WriteTable(s.Out)
}

func writeErlangJSON(w io.Writer, v any) error {
	b, err := results.MarshalJSON(v)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// offeredLoad reads the traffic of erlang b: --load, or --rate with --aht.
func (o *erlangOptions) offeredLoad() (float64, error) {
	if o.rate != "" && o.load == "" {
		if o.aht == "" {
			return 0, usageErrorf("--rate needs --aht, the mean holding time, to make a load (e.g. --rate %s --aht 3m), or give --load in Erlangs", o.rate)
		}
		aht, err := parsePositiveDuration("--aht", o.aht, "the mean holding time", "180s")
		if err != nil {
			return 0, err
		}
		return o.offeredLoadWithAHT(aht)
	}
	if o.aht != "" && o.load != "" {
		return 0, usageErrorf("--aht is only needed with --rate; with --load (in Erlangs) leave it out")
	}
	return o.offeredLoadWithAHT(1)
}

// offeredLoadWithAHT reads exactly one of --load and --rate and returns the
// load in Erlangs.
func (o *erlangOptions) offeredLoadWithAHT(aht float64) (float64, error) {
	switch {
	case o.load != "" && o.rate != "":
		return 0, usageErrorf("give either --load (Erlangs) or --rate (calls per period), not both")
	case o.load == "" && o.rate == "":
		return 0, usageErrorf("say how much traffic is offered: --rate 100/30m (calls per period) or --load 10 (Erlangs)")
	case o.rate != "":
		rate, err := models.ParseRate(o.rate)
		if err != nil {
			return 0, usageErrorf("--rate: %v", err)
		}
		return checkLoad(rate * aht)
	}
	load, err := strconv.ParseFloat(strings.TrimSpace(o.load), 64)
	if err != nil || math.IsNaN(load) || math.IsInf(load, 0) {
		return 0, usageErrorf("--load %q is not a number: give the offered load in Erlangs, e.g. --load 12.5", o.load)
	}
	if load < 0 {
		return 0, usageErrorf("--load %s is negative: the offered load is a number of Erlangs ≥ 0", o.load)
	}
	return checkLoad(load)
}

// checkLoad rejects loads no staffing within the calculators' range could
// serve, before any work is done.
func checkLoad(load float64) (float64, error) {
	if load > 10*models.MaxAgents {
		return 0, usageErrorf("an offered load of %s Erlangs is beyond what %d agents or lines could carry; check the rate and its period", results.FormatLoad(load), models.MaxAgents)
	}
	return load, nil
}

// serviceLevelTime returns the time the service level is measured within:
// the target's own (service_level(30s) >= …), else --within, else the
// default; a target and --within that name different times are an error.
func (o *erlangOptions) serviceLevelTime(t models.Target) (float64, error) {
	text := o.within
	if text == "" {
		text = defaultWithin
	}
	within, err := models.ParseDuration(text)
	if err != nil {
		return 0, usageErrorf("--within: %v", err)
	}
	if t.Within == 0 {
		return within, nil
	}
	if o.within != "" && t.Within != within {
		return 0, usageErrorf("the target's time (%s) and --within %s disagree: give the time once", models.FormatDuration(t.Within), o.within)
	}
	return t.Within, nil
}

// checkSizeOrTarget requires exactly one of the size flag and --target.
func (o *erlangOptions) checkSizeOrTarget(flag, what, example string) error {
	switch {
	case o.agents != "" && o.target != "":
		return usageErrorf("give either %s (to evaluate them) or --target (to find how many %s are needed), not both", flag, what)
	case o.agents == "" && o.target == "":
		return usageErrorf("say how many %s there are (%s 25) or what to staff for (--target %s)", what, flag, example)
	}
	return nil
}

func parseAgents(flag, s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	switch {
	case err != nil:
		return 0, usageErrorf("%s %q is not a whole number: write e.g. %s 25", flag, s, flag)
	case n < 0:
		return 0, usageErrorf("%s %d is negative: give 0 or more", flag, n)
	case n > models.MaxAgents:
		return 0, usageErrorf("%s %d is more than %d, the most the calculator handles", flag, n, models.MaxAgents)
	}
	return n, nil
}

func parsePositiveDuration(flag, s, what, example string) (float64, error) {
	if s == "" {
		return 0, usageErrorf("%s is required: %s, e.g. %s %s", flag, what, flag, example)
	}
	d, err := models.ParseDuration(s)
	if err != nil {
		return 0, usageErrorf("%s: %v", flag, err)
	}
	switch {
	case d == 0:
		return 0, usageErrorf("%s must be longer than 0s: %s, e.g. %s %s", flag, what, flag, example)
	case d > models.MaxDuration:
		return 0, usageErrorf("%s %s is longer than a year, the longest duration ivrsim takes: %s, e.g. %s %s", flag, s, what, flag, example)
	}
	return d, nil
}

// parseErlangTarget parses --target in the grammar of every ivrsim target
// and checks that the model predicts its metric.
func parseErlangTarget(s, model string) (models.Target, error) {
	th, err := results.ParseTarget(s)
	if err != nil {
		return models.Target{}, usageErrorf("--target: %v", err)
	}
	t, ok := th.Analytic()
	switch {
	case !ok:
		return t, usageErrorf("--target %q: the Erlang formulas do not predict %s; use one of %s", s, th.Metric, strings.Join(results.AnalyticMetrics, ", "))
	case model == "b" && t.Metric != models.MetricBlockedRate:
		return t, usageErrorf("--target %q: erlang b only predicts blocked_rate; write e.g. --target 'blocked_rate <= 0.01'", s)
	case model != "b" && t.Metric == models.MetricBlockedRate:
		return t, usageErrorf("--target %q: blocked_rate depends on lines, not agents; use erlang b", s)
	case model == "c" && t.Metric == models.MetricAbandonRate:
		return t, usageErrorf("--target %q: erlang c assumes callers never hang up; use erlang a with --patience to staff for abandonment", s)
	}
	return t, nil
}
