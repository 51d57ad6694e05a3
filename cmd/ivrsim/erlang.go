package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/ivrsim/ivrsim/results"
	"github.com/spf13/cobra"
)

// erlangOptions are the flags of the three calculators, kept as the user
// wrote them: results.ErlangQuery reads them, so that every mistake gets a
// message naming the flag and showing a valid value.
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
			return runErlang(cmd.Context(), "b", opts, s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.load, "load", "", "offered traffic in `ERLANGS` (calls per second × holding time)")
	f.StringVar(&opts.rate, "rate", "", "call arrival `RATE`, e.g. 100/min, 6000/h, 100/30m (needs --aht)")
	f.StringVar(&opts.aht, "aht", "", "mean holding `TIME` of a line, e.g. 180s or 3m")
	f.StringVar(&opts.agents, "lines", "", "evaluate `N` lines")
	f.StringVar(&opts.target, "target", "", "find the fewest lines meeting a `TARGET`, e.g. 'blocked_rate <= 0.01'")
	addErlangFormatFlags(cmd, opts)
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
			return runErlang(cmd.Context(), "c", opts, s)
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
			return runErlang(cmd.Context(), "a", opts, s)
		},
	}
	addQueueFlags(cmd, opts)
	cmd.Flags().StringVar(&opts.patience, "patience", "", "mean `TIME` a caller waits before hanging up, e.g. 2m")
	return cmd
}

// addErlangFormatFlags adds --format, as every command has it, and keeps
// --json, the calculators' first spelling, as a hidden alias.
func addErlangFormatFlags(cmd *cobra.Command, opts *erlangOptions) {
	addFormatFlag(cmd, &opts.format, "output `FORMAT`: table or json", erlangFormats...)
	f := cmd.Flags()
	f.BoolVar(&opts.json, "json", false, "the same as --format json")
	_ = f.MarkHidden("json")
}

// wantsJSON reads --format (and --json); any other format is a mistake.
func (o *erlangOptions) wantsJSON() (bool, error) {
	if slices.Contains(erlangFormats, o.format) {
		return o.json || o.format == "json", nil
	}
	return false, fmt.Errorf("--format %q: the calculators print table or json", o.format)
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
	f.StringVar(&opts.within, "within", "", "service-level `TIME`: the share answered within it is reported (default "+results.DefaultErlangWithin+")")
	f.StringVar(&opts.target, "target", "", "find the fewest agents meeting a `TARGET`, e.g. 'service_level >= 0.8'")
	addErlangFormatFlags(cmd, opts)
}

// runErlang runs calculator model ("b", "c" or "a"): the library reads
// and checks the flags, named as the user wrote them, and answers.
func runErlang(ctx context.Context, model string, opts *erlangOptions, s streams) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	size := "--agents"
	if model == "b" {
		size = "--lines"
	}
	q := results.ErlangQuery{
		Model: model, Load: opts.load, Rate: opts.rate, AHT: opts.aht, Patience: opts.patience,
		Within: opts.within, Size: opts.agents, Target: opts.target,
		Names: results.ErlangNames{Load: "--load", Rate: "--rate", AHT: "--aht", Patience: "--patience", Within: "--within", Size: size, Target: "--target"},
	}
	asJSON, err := opts.wantsJSON()
	problems := q.Validate()
	if err != nil {
		problems = append([]error{err}, problems...)
	}
	if err := usageProblems("the flags", problems); err != nil {
		return err
	}
	res, err := q.Evaluate()
	if err != nil {
		return usageError(err) // a target no staffing meets
	}
	if asJSON {
		b, err := results.MarshalJSON(res)
		if err != nil {
			return err
		}
		_, err = s.Out.Write(b)
		return err
	}
	return res.WriteTable(s.Out)
}

// usageProblems reports every problem of what at once, as a usage error:
// one alone as it is, several one a line under their count.
func usageProblems(what string, problems []error) error {
	switch len(problems) {
	case 0:
		return nil
	case 1:
		return usageError(problems[0])
	}
	msgs := make([]string, len(problems))
	for i, p := range problems {
		msgs[i] = p.Error()
	}
	return usageErrorf("%s have %d problems:\n%s", what, len(problems), strings.Join(msgs, "\n"))
}
