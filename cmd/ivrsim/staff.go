package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/results/outfile"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/sim"
	"github.com/spf13/cobra"
)

type staffOptions struct {
	simFlags
	scenario       string
	design         string
	targets        []string
	linesTarget    string
	reps           int
	repsText       string
	auto           bool
	maxReps        int
	strict         bool
	allowUnsettled bool
	maxSims        int
	refine         int
	format         string
	formatSet      bool
	out            string
	writeScenario  string
}

// defaultStaffReps is higher than run's default: staffing judges every
// interval on its own, and an interval holds a small part of the calls.
const defaultStaffReps = 20

func newStaffCmd(s streams) *cobra.Command {
	opts := &staffOptions{}
	cmd := &cobra.Command{
		Use:   "staff SCENARIO --target TARGET [--target TARGET...] [--lines-target TARGET]",
		Short: "Agents per interval (and lines) that meet targets, by simulation, beside Erlang",
		Long: `Staff finds the fewest agents per interval of the day — per agent group — that
meet every target in every interval, and with --lines-target the fewest lines.
Unlike per-interval Erlang C or A, it counts what the simulation models:
abandonment, redials and repeat contacts, backlog carried from one interval
into the next, and what each IVR design does to the load (containment,
shorter handle times after a hand-over).

Method: per interval, Erlang A (Erlang C where callers never hang up) for the
fresh contacts routed to each group; then the iterative staffing algorithm of
Feldman, Mandelbaum, Massey and Whitt (2008), which simulates the staffing,
reads the distribution of the number of contacts in the system per interval
and staffs each interval for the delay probability its targets imply; then a
decision per interval on the evidence across replications. Every simulation
uses the same seed and replications (common random numbers), so two staffings
are compared on the same callers.

The rule: the analytic answer stands unless the simulation shows it wrong.
An interval gets one agent more when its staffing is shown to miss a target
(the one-sided 95% confidence bound misses it). It goes below the analytic
answer only when the smaller staffing is shown to meet every target: the
one-sided bound meets it at a confidence shared by all the judged intervals
(95% for the whole day), so no saving rests on noise. A mean above the target
is not enough. Intervals the simulation cannot decide either way are marked
≈; more --reps (or --refine) decide more of them. With --strict every interval
must be shown to meet its targets (the answer is then usually one agent above
the exact minimum).

Targets: service_level(20s) >= 0.8 (the time in parentheses is the
service-level time; without one the scenario's applies), abandon_rate <= 5%,
queue_abandon_rate, asa <= 30s, p_wait <= 0.3, occupancy <= 0.9. Lines:
blocked_rate <= 0.01, with the same rule around Erlang B's answer. Targets
use the metric names and value forms of thresholds (see ivrsim check --help).

Intervals with nothing to judge (the warm-up, no calls) keep the iterative
algorithm's staffing and are marked "not judged".

The staffing applies to every simulated day; intervals are judged over all
days and replications, and arrivals, agent hours and cost are per day.

--format wfm writes the schedule for workforce-management tools: one CSV row
per design, day, interval and group (day, date, weekday, start, group,
agents); date and weekday need horizon.start in the scenario.

A search that runs out of --max-simulations before every interval is decided
is unsettled: its result is written, marked converged: false, and the command
exits 1 unless --allow-unsettled is given.

--write-scenario FILE writes the scenario with each group's staffing (and
lines) replaced by the result, keeping the rest of the file and its comments;
a scenario with a constant arrival rate gets the equivalent profile, since
staffing lists line up with one. --set overrides are not written into it.

Exit codes: 0 success, 1 runtime error or an unsettled search (without
--allow-unsettled), 2 invalid scenario, flags or target (nothing is written),
130 interrupted. See ivrsim help exit-codes.`,
		Example: `  ivrsim staff erlang-a --target 'service_level(20s) >= 0.8'
  ivrsim staff bank --design all --target 'service_level(20s) >= 0.8' --target 'abandon_rate <= 5%'
  ivrsim staff bank --design queue-preserving-va --target 'asa <= 30s' --lines-target 'blocked_rate <= 0.01'
  ivrsim staff my-centre.yaml --target 'service_level >= 0.8' --write-scenario staffed.yaml --format json`,
		Args: oneScenarioArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.scenario = args[0]
			opts.formatSet = cmd.Flags().Changed("format")
			return runStaff(cmd.Context(), opts, s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.design, "design", "all", "the design to staff, or all")
	f.StringArrayVar(&opts.targets, "target", nil, "a `TARGET` every interval must meet, e.g. 'service_level(20s) >= 0.8' (repeatable)")
	f.StringVar(&opts.linesTarget, "lines-target", "", "size the lines for a `TARGET`, e.g. 'blocked_rate <= 0.01'")
	opts.simFlags.add(cmd)
	f.Lookup("seed").Usage = "random seed; the same seed gives the same staffing"
	f.StringVar(&opts.repsText, "reps", strconv.Itoa(defaultStaffReps), "replications per simulation, or auto: search again on twice as many until two answers agree (at most --max-reps)")
	f.IntVar(&opts.maxReps, "max-reps", 8*defaultStaffReps, "with --reps auto: the most replications per simulation")
	f.BoolVar(&opts.strict, "strict", false, "every interval must be shown to meet its targets, not only those below the analytic answer")
	f.BoolVar(&opts.allowUnsettled, "allow-unsettled", false, "exit 0 even when the search stops at --max-simulations before it settles")
	f.IntVar(&opts.maxSims, "max-simulations", sim.DefaultMaxSimulations, "most simulations the search runs per design")
	f.IntVar(&opts.refine, "refine", 1, "judge the answer again on this many times --reps (1: no refinement)")
	addFormatFlag(cmd, &opts.format, "output format: table, json, csv, or wfm (one row per interval and group)", staffFormats...)
	addOutFlag(cmd, &opts.out, "the output")
	f.StringVar(&opts.writeScenario, "write-scenario", "", "write the staffed scenario to `FILE` (one design)")
	return cmd
}

// staffPlan is what runStaff has checked and will do.
type staffPlan struct {
	sc      *scenarios.Scenario
	plans   []*sim.Plan
	targets []sim.StaffTarget
	lines   *sim.StaffTarget
	source  []byte // the scenario file, for --write-scenario
}

func runStaff(ctx context.Context, opts *staffOptions, s streams) error {
	sp, err := planStaff(ctx, opts)
	if err != nil {
		return err
	}
	// The bars count replications; the search learns how many it needs
	// as it goes, so they start with no total.
	prog := newProgress(ctx, s, opts.quiet, designsOf(sp.plans), 0)
	so := sim.StaffOptions{
		Targets: sp.targets, LinesTarget: sp.lines, Seed: opts.seed, Replications: opts.reps,
		Workers: opts.workers, Strict: opts.strict, MaxSimulations: opts.maxSims, Refine: opts.refine,
	}
	doc := sim.NewStaffingDocument(sp.sc, sp.plans[0].Layout.Interval, so)
	for i, p := range sp.plans {
		done := 0
		so.Progress = func(sp sim.StaffProgress) {
			prog.setTotal(i, sp.Planned)
			if sp.Done > done {
				done = sp.Done
				prog.done(i, sp.Calls)
			}
		}
		d, reps, err := sim.StaffUntilStable(ctx, p, so, opts.auto, opts.maxReps)
		doc.Replications = max(doc.Replications, reps*opts.refine)
		if err != nil {
			prog.stop(true)
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return usageError(fmt.Errorf("design %q: %w", p.Design, err))
		}
		prog.complete(i)
		doc.Designs = append(doc.Designs, *d)
	}
	prog.stop(false)
	var unsettled []string
	for _, d := range doc.Designs {
		if !d.Converged {
			unsettled = append(unsettled, fmt.Sprintf("%q (stopped after %d simulations)", d.Name, d.Simulations))
			if opts.allowUnsettled {
				fmt.Fprintf(s.Err, "ivrsim: warning: design %q: the search stopped after %d simulations before it settled; the staffing is the last one tried\n", d.Name, d.Simulations)
			}
		}
	}

	var buf bytes.Buffer
	switch opts.format {
	case "json":
		b, err := results.WriteStaffingJSON(doc)
		if err != nil {
			return err
		}
		buf.Write(b)
	case "csv":
		if err := results.WriteStaffingCSV(&buf, doc); err != nil {
			return err
		}
	case "wfm":
		if err := results.WriteStaffingWideCSV(&buf, doc); err != nil {
			return err
		}
	default:
		if err := results.WriteStaffingTable(&buf, doc); err != nil {
			return err
		}
	}
	if opts.writeScenario != "" {
		data, err := sim.StaffedScenario(sp.source, sp.sc, sp.plans[0], &doc.Designs[0])
		if err != nil {
			return usageErrorf("--write-scenario: %v", err)
		}
		if len(opts.sets) > 0 && !opts.quiet {
			fmt.Fprintf(s.Err, "ivrsim: note: %s holds the staffing found with your --set overrides, but not the overrides themselves\n", opts.writeScenario)
		}
		if err := outfile.Write(opts.writeScenario, data); err != nil {
			return err
		}
	}
	if err := emit(s, opts.out, buf.Bytes()); err != nil {
		return err
	}
	if len(unsettled) > 0 && !opts.allowUnsettled {
		return fmt.Errorf("the staffing of %s is unsettled: it is written, marked converged: false, but some intervals were still moving; raise --max-simulations, or pass --allow-unsettled to accept it", strings.Join(unsettled, ", "))
	}
	return nil
}

// planStaff checks the flags, the targets and the scenario before anything
// is simulated.
func planStaff(ctx context.Context, opts *staffOptions) (*staffPlan, error) {
	if err := chooseFormat(&opts.format, opts.formatSet, opts.out, staffFormats); err != nil {
		return nil, err
	}
	paths := new(outfile.Paths).Input("the scenario", opts.scenario).Output("--out", opts.out).Output("--write-scenario", opts.writeScenario)
	if err := paths.Check(); err != nil {
		return nil, err
	}
	if err := staffReps(opts); err != nil {
		return nil, err
	}
	if opts.reps < 2 || opts.reps > maxReps {
		return nil, usageErrorf("--reps %d: staffing judges targets with confidence intervals, so use 2 to %d replications", opts.reps, maxReps)
	}
	if err := sim.CheckWorkers(opts.workers); err != nil {
		return nil, usageError(err)
	}
	if opts.refine < 1 || opts.refine > 100 {
		return nil, usageErrorf("--refine %d: use 1 (none) to 100", opts.refine)
	}
	if opts.maxSims < 1 || opts.maxSims > 10000 {
		return nil, usageErrorf("--max-simulations %d: use 1 to 10000", opts.maxSims)
	}
	if len(opts.targets) == 0 {
		return nil, usageErrorf("staff needs at least one --target, e.g. --target 'service_level(20s) >= 0.8'")
	}
	sp := &staffPlan{}
	var err error
	if sp.targets, sp.lines, err = sim.ParseStaffTargets(opts.targets, opts.linesTarget); err != nil {
		return nil, usageError(err)
	}
	v, err := loadValidated(ctx, opts.scenario, opts.sets, opts.outside)
	if err != nil {
		return nil, err
	}
	sc := v.Scenario
	if err := addFlowFiles(paths, sc).Check(); err != nil {
		return nil, err
	}
	sp.sc = sc
	designs := sim.DesignNames(sc)
	var names []string
	if opts.design != "all" {
		if !slices.Contains(designs, opts.design) {
			return nil, usageErrorf("--design %q: the scenario's designs are %s, or all", opts.design, strings.Join(designs, ", "))
		}
		names = []string{opts.design}
	}
	if sp.plans, err = sim.SelectDesigns(v, names); err != nil {
		return nil, usageError(err)
	}
	// One simulation of the search, at its largest (the refinement): the
	// search runs several, each within the budget.
	if err := opts.budget.check(sim.EstimateRun([][]*sim.Plan{sp.plans}, opts.reps*opts.refine, opts.workers)); err != nil {
		return nil, err
	}
	if opts.writeScenario != "" {
		if len(sp.plans) > 1 {
			return nil, usageErrorf("--write-scenario writes one staffing, and the designs need their own; choose one with --design (%s)", strings.Join(designs, ", "))
		}
		if sp.source, err = scenarioSource(ctx, opts.scenario); err != nil {
			return nil, err
		}
	}
	return sp, nil
}

// scenarioSource reads the scenario file that --write-scenario rewrites.
func scenarioSource(ctx context.Context, name string) ([]byte, error) {
	if _, err := os.Stat(name); err != nil && scenarios.IsBuiltin(name) {
		files, err := scenarios.BuiltinFiles(name)
		if err != nil {
			return nil, err
		}
		if len(files) > 1 {
			return nil, usageErrorf("--write-scenario: the built-in %q keeps its designs in files of their own; copy it first (ivrsim scenarios copy %s DIR) and staff the copy", name, name)
		}
		return files[name+".yaml"], nil
	}
	data, err := readInput(ctx, name, scenarios.MaxFileSize, "a scenario file")
	if err != nil {
		return nil, usageErrorf("--write-scenario: cannot read %s: %v", name, outfile.TrimPathError(err))
	}
	return data, nil
}
