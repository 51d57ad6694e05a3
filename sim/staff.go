package sim

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/results"
	"golang.org/x/sync/errgroup"
)

// Staffing by simulation.
//
// Staff finds the fewest agents per interval of the day, per agent group,
// that meet every target in every interval, with everything the model
// simulates counted: abandonment, redials and repeat contacts, backlog
// carried from one interval into the next, and what the design does to the
// load (containment, shorter handle times after a hand-over). It runs in
// three stages, every simulation with the same seed and replications
// (common random numbers), so that two staffings are compared on the same
// callers and differ only by what the staffing changed:
//
//  1. Erlang: per interval and group, the Erlang A staffing (Erlang C when
//     callers never hang up) that meets every target for the fresh contacts
//     routed to the group. Each target is also turned into the delay
//     probability α it implies: the Erlang A probability of waiting at that
//     staffing.
//  2. The iterative staffing algorithm of Feldman, Mandelbaum, Massey and
//     Whitt (2008): simulate the current staffing, estimate per interval the
//     distribution of each group's number of contacts in system L(t) (a
//     probe samples it 60 times an interval), and set the next staffing to
//     the smallest s with P(L ≥ s) ≤ α; repeat until it no longer changes.
//     For Poisson arrivals P(L ≥ s) is the probability that an arrival
//     waits, so this keeps delay time-stable, and it sees the load as it
//     really is: lagged behind the arrival rate, with backlog and redials.
//  3. Adjustment: judge every interval's targets on the simulated metrics
//     with their 95% confidence intervals across replications. Intervals
//     that miss get an agent (in the group where arrivals most often wait)
//     until none misses; then every third interval in turn tries one agent
//     less per group, keeping the cut where the interval still meets its
//     targets. Cuts are tried on every third interval at once because an
//     interval's staffing affects the intervals after it; a third of the
//     day apart, the backlog they share is negligible. Intervals that were
//     raised, or that missed with one agent less, are not tried again; a
//     final simulation checks the whole staffing.
//
// An interval is judged when each target's metric is defined in at least
// half of the replications (and two): intervals before the warm-up ends, or
// with no calls, keep the staffing of stage 2. By default an interval meets
// a target when the mean across replications does (so against an exact
// model the answer is the exact minimum, give or take one agent where the
// confidence interval straddles the target); with Strict, when the whole
// confidence interval does (the answer is then at least the minimum).
//
// Lines, when a lines target is given, come after the agents (which are
// staffed with unlimited lines): Erlang B on the peak offered load of calls
// on a line, measured by the probe, then one line more or less until the
// fewest lines that keep blocking within target in every interval; the
// agents are then checked again with those lines.

// StaffOptions control Staff.
type StaffOptions struct {
	// Targets must all be met in every interval; at least one.
	Targets []StaffTarget
	// LinesTarget, if set, sizes the lines (a blocked_rate target).
	LinesTarget *StaffTarget
	Seed        uint64
	// Replications per simulation; at least 2, for confidence intervals.
	Replications int
	// Workers bounds the replications running at once; 0 means one per CPU.
	Workers int
	// Strict judges a target met only when its whole confidence interval
	// meets it.
	Strict bool
	// MaxSimulations bounds the simulations of the search (each runs every
	// replication); 0 means DefaultMaxSimulations.
	MaxSimulations int
	// Refine, above 1, settles the search's answer again on Refine times
	// the replications.
	Refine int
	// Progress, if set, is called after each simulation with the number
	// run so far.
	Progress func(sims int)
}

// DefaultMaxSimulations bounds a staffing search that has not settled.
const DefaultMaxSimulations = 60

// linesSimulations bounds the lines search, which starts from Erlang B
// and moves one line at a time.
const linesSimulations = 30

// maxAlpha is the largest delay probability the iterative algorithm
// staffs for.
const maxAlpha = 0.9

// isaRounds bounds stage 2. Started from Erlang, the algorithm moves the
// staffing where the load lags or carries over within a round or two;
// after that its changes are mostly the noise of the estimated
// distributions, which stage 3 settles on the targets themselves.
const isaRounds = 3

// staffMetrics are the metrics reported per interval, besides the targets'.
var staffMetrics = []string{"offered", "service_level", "abandon_rate", "queue_abandon_rate", "asa", "p_wait", "occupancy", "blocked_rate"}

// Staff staffs plan p for the options' targets and returns the staffing
// with its performance, per interval of the reported window. The staffing
// applies to every day of the horizon; each interval is judged over all
// days and replications.
func Staff(ctx context.Context, p *Plan, opt StaffOptions) (*results.StaffingDesign, error) {
	st, err := newStaffer(ctx, p, opt)
	if err != nil {
		return nil, err
	}
	return st.run()
}

// staffer is one staffing search.
type staffer struct {
	ctx     context.Context
	opt     StaffOptions
	plan    *Plan // the plan measured: service-level time set, lines as searched
	lines   int
	targets []models.Target // Erlang form, service-level time set
	loads   []groupLoad
	groups  int
	window  int
	// Per group, per interval.
	erlangC, erlangA [][]int
	alpha            [][]float64
	sims             int
	maxSims          int
}

func newStaffer(ctx context.Context, p *Plan, opt StaffOptions) (*staffer, error) {
	if len(opt.Targets) == 0 {
		return nil, fmt.Errorf("no target: give at least one, e.g. service_level(20s) >= 0.8")
	}
	if opt.Replications < 2 {
		return nil, fmt.Errorf("%d replications: staffing judges targets with confidence intervals, so it needs at least 2", opt.Replications)
	}
	st := &staffer{
		ctx: ctx, opt: opt, plan: p, lines: p.lines,
		groups: len(p.groups), window: p.Layout.WindowIntervals,
		maxSims: opt.MaxSimulations,
	}
	if st.maxSims <= 0 {
		st.maxSims = DefaultMaxSimulations
	}
	within := 0.0
	for _, t := range opt.Targets {
		if t.Metric == MetricBlockedRate {
			return nil, fmt.Errorf("target %s is about lines; give it as the lines target", t)
		}
		et := t.Erlang.WithDefaultWithin(p.slWithin)
		if t.Erlang.Metric == models.MetricServiceLevel {
			if within != 0 && et.Within != within {
				return nil, fmt.Errorf("targets give two service-level times (%s and %s); the simulation measures one, so give one", models.FormatDuration(within), models.FormatDuration(et.Within))
			}
			within = et.Within
		}
		st.targets = append(st.targets, et)
	}
	if lt := opt.LinesTarget; lt != nil && lt.Metric != MetricBlockedRate {
		return nil, fmt.Errorf("lines target %s: lines are sized for blocked_rate, e.g. blocked_rate <= 0.01", lt)
	}
	if within != 0 && within != p.slWithin {
		st.plan = p.withServiceLevelTime(within)
	}
	if opt.LinesTarget != nil {
		st.lines = 0 // agents first, with unlimited lines
	}
	st.loads = p.groupLoads()
	if err := st.erlang(); err != nil {
		return nil, err
	}
	return st, nil
}

// erlang computes stage 1: the Erlang C and A staffing of every interval
// and group, and the delay probability each interval's targets imply.
func (st *staffer) erlang() error {
	st.erlangC = grid[int](st.groups, st.window)
	st.erlangA = grid[int](st.groups, st.window)
	st.alpha = grid[float64](st.groups, st.window)
	for g, gl := range st.loads {
		for k, rate := range gl.rate {
			st.alpha[g][k] = 1
			if !(rate > 0) || !(gl.aht > 0) {
				continue
			}
			for _, t := range st.targets {
				nC, err := models.StaffErlangC(rate, gl.aht, t)
				if err != nil {
					return st.erlangError(g, k, err)
				}
				nA, err := models.StaffErlangA(rate, gl.aht, gl.patience, t)
				if err != nil {
					return st.erlangError(g, k, err)
				}
				st.erlangC[g][k] = max(st.erlangC[g][k], nC)
				st.erlangA[g][k] = max(st.erlangA[g][k], nA)
				pw := models.ErlangAPerformance(rate, gl.aht, gl.patience, nA, t.Within).PWait
				st.alpha[g][k] = min(st.alpha[g][k], pw)
			}
		}
	}
	return nil
}

func (st *staffer) erlangError(g, k int, err error) error {
	return fmt.Errorf("group %q, interval %s: %w", st.plan.groups[g].name, st.start(k), err)
}

// start is the time of day window interval k starts, as HH:MM.
func (st *staffer) start(k int) string {
	rs := results.RunSet{Layout: st.plan.Layout}
	return rs.IntervalStart(k)
}

func grid[T any](groups, window int) [][]T {
	out := make([][]T, groups)
	for g := range out {
		out[g] = make([]T, window)
	}
	return out
}

func cloneGrid(s [][]int) [][]int {
	out := make([][]int, len(s))
	for g := range s {
		out[g] = slices.Clone(s[g])
	}
	return out
}

func (st *staffer) run() (*results.StaffingDesign, error) {
	s := cloneGrid(st.erlangA)
	ev, err := st.iterate(s)
	if err != nil {
		return nil, err
	}
	s, ev, converged, err := st.adjust(s, ev)
	if err != nil {
		return nil, err
	}
	// Refine: a half-hour's service level from a few replications is
	// uncertain by several agents' worth, and picking each interval's
	// minimum on it favours lucky noise. Settle the answer again, from
	// where it is, on more replications: only intervals near the target
	// move, and each by an agent or so.
	if f := st.opt.Refine; f > 1 && converged {
		st.opt.Replications *= f
		if ev, err = st.simulate(s, st.lines); err != nil {
			return nil, err
		}
		if s, ev, converged, err = st.adjust(s, ev); err != nil {
			return nil, err
		}
	}
	var lines *results.StaffingLines
	if st.opt.LinesTarget != nil {
		if lines, ev, err = st.sizeLines(s, ev); err != nil {
			return nil, err
		}
		// Blocked callers redial later: check the agents again with the
		// lines, and add agents where that made an interval miss.
		var ok bool
		if s, ev, ok, err = st.raise(s, ev, nil); err != nil {
			return nil, err
		}
		converged = converged && ok
		lines.BlockedRate = ev.total(MetricBlockedRate)
	}
	return st.document(s, ev, lines, converged), nil
}

// iterate is stage 2, the iterative staffing algorithm; it updates s and
// returns the evaluation of the final s.
func (st *staffer) iterate(s [][]int) (*staffEval, error) {
	for round := 0; ; round++ {
		ev, err := st.simulate(s, st.lines)
		if err != nil {
			return nil, err
		}
		if round == isaRounds {
			return ev, nil
		}
		// Changes of one agent are within the noise of the estimated
		// distribution: they are left to stage 3, which settles them on
		// the targets themselves.
		changed := false
		for g := range s {
			for k := range s[g] {
				// Where nearly every caller waits (an overloaded queue
				// held in check by abandonment), the delay probability no
				// longer tells staffings apart; stage 3 works there alone.
				if st.alpha[g][k] > maxAlpha {
					continue
				}
				if n, ok := ev.probe.smallest(k, g, st.alpha[g][k]); ok && abs(n-s[g][k]) > 1 {
					s[g][k] = n
					changed = true
				}
			}
		}
		if !changed {
			return ev, nil
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// adjust is stage 3; it returns the final staffing, its evaluation, and
// whether the search settled within its budget.
func (st *staffer) adjust(s [][]int, ev *staffEval) ([][]int, *staffEval, bool, error) {
	// settled[g][k]: group g's staffing in interval k is known to be the
	// fewest that meets the targets there.
	settled := grid[bool](st.groups, st.window)
	s, ev, ok, err := st.raise(s, ev, settled)
	if err != nil || !ok {
		return s, ev, ok, err
	}
	for {
		cut := false
		for class := range 3 {
			for g := range st.groups {
				if st.sims >= st.maxSims {
					return s, ev, false, nil
				}
				try := cloneGrid(s)
				var tried []int
				for k := class; k < st.window; k += 3 {
					if !settled[g][k] && s[g][k] > 0 && ev.judged(k) {
						try[g][k]--
						tried = append(tried, k)
					}
				}
				if len(tried) == 0 {
					continue
				}
				tev, err := st.simulate(try, st.lines)
				if err != nil {
					return nil, nil, false, err
				}
				for _, k := range tried {
					if judged, met := st.judge(tev, k); judged && met {
						s[g][k]--
						cut = true
					} else {
						settled[g][k] = true
					}
				}
			}
		}
		if !cut {
			return s, ev, true, nil
		}
		if ev, err = st.simulate(s, st.lines); err != nil {
			return nil, nil, false, err
		}
		if s, ev, ok, err = st.raise(s, ev, settled); err != nil || !ok {
			return s, ev, ok, err
		}
	}
}

// raise adds an agent to every judged interval that misses a target, and
// simulates again, until none misses; each raised interval is marked
// settled (it missed with one agent less). It reports false if the budget
// ran out first.
func (st *staffer) raise(s [][]int, ev *staffEval, settled [][]bool) ([][]int, *staffEval, bool, error) {
	for {
		missed := false
		for k := range st.window {
			if judged, met := st.judge(ev, k); judged && !met {
				if err := st.reachable(ev, k); err != nil {
					return nil, nil, false, err
				}
				g := st.busiestGroup(ev, s, k)
				s[g][k]++
				if settled != nil {
					settled[g][k] = true
				}
				missed = true
			}
		}
		if !missed {
			return s, ev, true, nil
		}
		if st.sims >= st.maxSims {
			return s, ev, false, nil
		}
		var err error
		if ev, err = st.simulate(s, st.lines); err != nil {
			return nil, nil, false, err
		}
	}
}

// reachable returns an error when window interval k misses a target
// although hardly any caller waits for an agent: more agents cannot help
// (abandonment in the IVR, say, counts in abandon_rate whatever the
// staffing).
func (st *staffer) reachable(ev *staffEval, k int) error {
	if pw := ev.estimate(k, "p_wait"); !(pw.Mean <= 0.01) {
		return nil
	}
	for i, t := range st.targets {
		e := ev.estimate(k, st.opt.Targets[i].Metric)
		if st.enough(e) && !t.Met(st.value(t, e)) {
			m, _ := results.LookupMetric(st.opt.Targets[i].Metric)
			return fmt.Errorf("interval %s: %s is %s although hardly any caller waits for an agent (p_wait %s): no number of agents meets %s; relax the target or change the design",
				st.start(k), m.Name, results.FormatValue(m.Unit, e.Mean), results.FormatValue(results.Ratio, ev.estimate(k, "p_wait").Mean), st.opt.Targets[i])
		}
	}
	return nil
}

// busiestGroup is the group whose arrivals most often wait in interval k:
// where one more agent helps most.
func (st *staffer) busiestGroup(ev *staffEval, s [][]int, k int) int {
	best, bestP := 0, -1.0
	for g := range st.groups {
		if p := ev.probe.tail(k, g, s[g][k]); p > bestP {
			best, bestP = g, p
		}
	}
	return best
}

// sizeLines finds the fewest lines that keep every interval's blocking
// within the lines target, for staffing s evaluated (with unlimited lines)
// by ev.
func (st *staffer) sizeLines(s [][]int, ev *staffEval) (*results.StaffingLines, *staffEval, error) {
	target := st.opt.LinesTarget.Erlang
	peak := 0.0
	for k := range st.window {
		peak = max(peak, ev.probe.meanLines(k))
	}
	erlangB := 1
	if peak > 0 {
		n, err := models.StaffErlangB(peak, target)
		if err != nil {
			return nil, nil, fmt.Errorf("lines: %w", err)
		}
		erlangB = n
	}
	meets := func(lines int) (*staffEval, bool, error) {
		lev, err := st.simulate(s, lines)
		if err != nil {
			return nil, false, err
		}
		for k := range st.window {
			e := lev.estimate(k, MetricBlockedRate)
			if st.enough(e) && !target.Met(st.value(target, e)) {
				return lev, false, nil
			}
		}
		return lev, true, nil
	}
	// Lines get their own budget: the agents' search may have used its.
	st.maxSims = st.sims + linesSimulations
	lines := erlangB
	best, ok, err := meets(lines)
	if err != nil {
		return nil, nil, err
	}
	if ok {
		for lines > 1 && st.sims < st.maxSims {
			lev, ok, err := meets(lines - 1)
			if err != nil {
				return nil, nil, err
			}
			if !ok {
				break
			}
			lines, best = lines-1, lev
		}
	} else {
		for !ok {
			if st.sims >= st.maxSims || lines >= models.MaxAgents {
				return nil, nil, fmt.Errorf("lines: no number of lines up to %d meets %s within the search budget", lines, st.opt.LinesTarget)
			}
			lines++
			if best, ok, err = meets(lines); err != nil {
				return nil, nil, err
			}
		}
	}
	st.lines = lines
	return &results.StaffingLines{Lines: lines, ErlangB: erlangB, PeakLoad: peak}, best, nil
}

// staffEval is one simulation of a staffing: per replication, the counters
// of every reported interval summed over days, and the probe's samples
// pooled over replications.
type staffEval struct {
	reps   [][]results.Counters // [rep][interval]
	totals []results.Counters   // [rep]
	days   int
	probe  *probe
	cache  map[evalKey]results.Estimate
}

type evalKey struct {
	k      int
	metric string
}

// simulate runs every replication of staffing s with lines.
func (st *staffer) simulate(s [][]int, lines int) (*staffEval, error) {
	p, err := st.plan.WithStaffing(s, lines)
	if err != nil {
		return nil, err
	}
	n := st.opt.Replications
	ev := &staffEval{
		reps: make([][]results.Counters, n), totals: make([]results.Counters, n),
		days: p.Layout.Days, probe: newProbe(p), cache: map[evalKey]results.Estimate{},
	}
	probes := make([]*probe, n)
	workers := st.opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	g, gctx := errgroup.WithContext(st.ctx)
	g.SetLimit(workers)
	for rep := range n {
		g.Go(func() error {
			tally, pr, err := replicateProbed(gctx, p, st.opt.Seed, rep)
			if err != nil {
				return err
			}
			cells := make([]results.Counters, st.window)
			for k := range cells {
				cells[k] = tally.Interval(p.Layout.WindowStart + k)
			}
			ev.reps[rep], ev.totals[rep], probes[rep] = cells, tally.Total(), pr
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := st.ctx.Err(); err != nil {
		return nil, err
	}
	// Pool in replication order, so that the sums do not depend on which
	// replication finished first.
	for _, pr := range probes {
		ev.probe.add(pr)
	}
	st.sims++
	if st.opt.Progress != nil {
		st.opt.Progress(st.sims)
	}
	return ev, nil
}

var zeroTally results.Tally

// estimate is metric's estimate across replications in window interval k.
func (ev *staffEval) estimate(k int, metric string) results.Estimate {
	key := evalKey{k, metric}
	if e, ok := ev.cache[key]; ok {
		return e
	}
	i := staffMetricIndex(metric)
	vals := make([]float64, len(ev.reps))
	for r := range ev.reps {
		vals[r] = zeroTally.Values(&ev.reps[r][k], false)[i]
		if metric == "offered" {
			vals[r] /= float64(ev.days) // contacts per day
		}
	}
	e := results.EstimateOf(vals)
	ev.cache[key] = e
	return e
}

// total is metric's estimate over the whole horizon.
func (ev *staffEval) total(metric string) results.Estimate {
	i := staffMetricIndex(metric)
	vals := make([]float64, len(ev.totals))
	for r := range ev.totals {
		vals[r] = zeroTally.Values(&ev.totals[r], false)[i]
	}
	return results.EstimateOf(vals)
}

// judged reports whether any replication measured window interval k: the
// stage-3 searches leave the others alone.
func (ev *staffEval) judged(k int) bool {
	for r := range ev.reps {
		if ev.reps[r][k].Offered > 0 {
			return true
		}
	}
	return false
}

func staffMetricIndex(name string) int {
	i := slices.IndexFunc(results.Metrics, func(m results.Metric) bool { return m.Name == name })
	if i < 0 {
		panic("sim: unknown metric " + name)
	}
	return i
}

// enough reports whether an estimate rests on enough replications to be
// judged: at least half of them, and two.
func (st *staffer) enough(e results.Estimate) bool {
	return e.N >= 2 && 2*e.N >= st.opt.Replications
}

// value is the figure of e a target is judged on: the mean, or with
// Strict the confidence bound on the target's side.
func (st *staffer) value(t models.Target, e results.Estimate) float64 {
	if !st.opt.Strict {
		return e.Mean
	}
	if t.Op == ">" || t.Op == ">=" {
		return e.CILow
	}
	return e.CIHigh
}

// judge reports whether window interval k can be judged (some target's
// metric is measured well enough) and whether it meets every target that
// can.
func (st *staffer) judge(ev *staffEval, k int) (judged, met bool) {
	met = true
	for i, t := range st.targets {
		e := ev.estimate(k, st.opt.Targets[i].Metric)
		if !st.enough(e) {
			continue
		}
		judged = true
		if !t.Met(st.value(t, e)) {
			met = false
		}
	}
	return judged, judged && met
}

// straddles reports whether the confidence interval of some target's
// metric in window interval k contains the target's bound.
func (st *staffer) straddles(ev *staffEval, k int) bool {
	for i, t := range st.targets {
		e := ev.estimate(k, st.opt.Targets[i].Metric)
		if st.enough(e) && e.CILow <= t.Value && t.Value <= e.CIHigh {
			return true
		}
	}
	return false
}

// document writes the result.
func (st *staffer) document(s [][]int, ev *staffEval, lines *results.StaffingLines, converged bool) *results.StaffingDesign {
	d := &results.StaffingDesign{
		Name:        st.plan.Design,
		Groups:      st.plan.GroupNames(),
		Lines:       lines,
		Simulations: st.sims,
		Converged:   converged,
	}
	hours := st.plan.Layout.Interval / 3600
	metrics := slices.Clone(staffMetrics)
	for _, t := range st.opt.Targets {
		if !slices.Contains(metrics, t.Metric) {
			metrics = append(metrics, t.Metric)
		}
	}
	for k := range st.window {
		judged, met := st.judge(ev, k)
		row := results.StaffingInterval{
			Start:     st.start(k),
			Arrivals:  ev.estimate(k, "offered"),
			Judged:    judged,
			Met:       met,
			Marginal:  judged && st.straddles(ev, k),
			Estimates: results.MetricEstimates{},
		}
		for g := range st.groups {
			gs := results.GroupStaffing{Name: st.plan.groups[g].name, Agents: s[g][k], ErlangC: st.erlangC[g][k], ErlangA: st.erlangA[g][k]}
			row.Agents += gs.Agents
			row.ErlangC += gs.ErlangC
			row.ErlangA += gs.ErlangA
			row.Groups = append(row.Groups, gs)
			cost := st.loads[g].costHour * hours
			d.Totals.AgentHours += float64(gs.Agents) * hours
			d.Totals.Cost += float64(gs.Agents) * cost
			d.Totals.ErlangCAgentHours += float64(gs.ErlangC) * hours
			d.Totals.ErlangCCost += float64(gs.ErlangC) * cost
			d.Totals.ErlangAAgentHours += float64(gs.ErlangA) * hours
			d.Totals.ErlangACost += float64(gs.ErlangA) * cost
		}
		for _, m := range metrics {
			if m == "offered" {
				continue
			}
			row.Estimates[m] = ev.estimate(k, m)
		}
		d.Intervals = append(d.Intervals, row)
	}
	return d
}

// The simulation metrics staffing targets name.
const (
	MetricBlockedRate = "blocked_rate"
)

// StaffTarget is a goal every interval must meet, in the simulation's
// metric and in the analytic models' terms.
type StaffTarget struct {
	// Metric is the simulation metric judged: service_level, abandon_rate,
	// queue_abandon_rate, asa, p_wait, occupancy, or blocked_rate (lines).
	Metric string
	// Erlang is the same goal for the Erlang formulas.
	Erlang models.Target
}

// staffTargetMetrics are the metrics staffing can size for: agents for
// all but blocked_rate, which sizes lines.
var staffTargetMetrics = []string{"service_level", "abandon_rate", "queue_abandon_rate", "asa", "p_wait", "occupancy", MetricBlockedRate}

const staffTargetList = "service_level(20s), abandon_rate, queue_abandon_rate, asa, p_wait, occupancy (agents) and blocked_rate (lines)"

// ParseStaffTarget reads a staffing target such as
// "service_level(20s) >= 0.8", "abandon_rate <= 5%", "asa <= 30s" or
// "blocked_rate <= 0.01", in the grammar and vocabulary of every ivrsim
// target (results.ParseTarget). Only targets that more agents (or lines)
// meet better are accepted.
func ParseStaffTarget(s string) (StaffTarget, error) {
	t, err := results.ParseTarget(s)
	if err != nil {
		return StaffTarget{}, err
	}
	erl, ok := t.Analytic()
	if !ok || !slices.Contains(staffTargetMetrics, t.Metric) {
		return StaffTarget{}, fmt.Errorf("target %q: staffing cannot size for %s; use %s", s, t.Metric, staffTargetList)
	}
	if !erl.MetByMoreAgents() {
		want := "<="
		if erl.Metric == models.MetricServiceLevel {
			want = ">="
		}
		return StaffTarget{}, fmt.Errorf("target %q is met by fewer agents, not more; staffing finds the fewest that meet a target, so bound it the other way (%s %s ...)", s, t.Metric, want)
	}
	return StaffTarget{Metric: t.Metric, Erlang: erl}, nil
}

// String writes the target with its simulation metric name, in a form
// ParseStaffTarget reads back.
func (t StaffTarget) String() string {
	s := t.Erlang.String()
	_, rest, _ := strings.Cut(s, t.Erlang.Metric)
	return t.Metric + rest
}

// IsLines reports whether the target sizes lines rather than agents.
func (t StaffTarget) IsLines() bool { return t.Metric == MetricBlockedRate }
