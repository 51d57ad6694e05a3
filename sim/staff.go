package sim

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

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
//     A step is taken only where the simulation agrees with its direction
//     (by the rules of stage 3: up where the interval is shown to miss,
//     down where it is shown to meet with the margin a cut needs), and
//     only when it is more than one agent: otherwise it is the noise of
//     the estimated distribution, which would have to be undone.
//  3. Decision: every interval's targets are judged on the simulated
//     metrics, on the evidence across replications, and the analytic
//     answer stands unless the simulation shows it wrong:
//     - an interval is raised by an agent (in the group where arrivals
//       most often wait) when its staffing is shown to miss a target: the
//       one-sided 95% confidence bound on the favourable side misses;
//     - an interval goes below its analytic answer only when the smaller
//       staffing is shown to meet every target: the one-sided bound on the
//       unfavourable side meets it, at a confidence shared by all the
//       judged intervals of the day (Bonferroni: 1 − 0.05/m for m
//       intervals), so that the whole plan's cuts hold together with 95%
//       confidence rather than one interval in twenty being noise;
//     - at or above the analytic answer one agent less is kept unless it
//       is shown to miss.
//     Cuts are tried on every third interval at once, because an
//     interval's staffing affects the intervals after it and, a third of
//     the day apart, the backlog they share is negligible; the whole
//     staffing is then simulated again and judged by the same rules, until
//     nothing moves. A cut below the analytic answer is not tried where
//     the current staffing itself is not shown to meet by that margin:
//     one agent less meets the target less well. Intervals that were
//     raised, or whose cut failed, are not tried again.
//
//  4. Confirmation: the search chose among staffings on the same
//     replications, so the cuts it kept are partly those whose
//     replications happened to be kind (the winner's curse). The result is
//     simulated again on fresh replications, which the search never saw,
//     judged by the same rules, and raised where they do not bear it out;
//     the performance reported is the fresh replications'.
//
// Every estimate per interval is adjusted with control variates: the
// fresh arrivals of the interval and of the one before, whose expectation
// the plan knows. They take out the luck of how many callers came, the
// largest part of a half-hour's noise near full load.
//
// A mean above the target is not evidence: with a half-hour's calls the
// service level of one replication varies by several points, and picking
// each interval's minimum on the means alone answers one agent too few in
// about half of the intervals where the exact answer is close to the
// target. Where the simulation can show neither that the staffing meets
// nor that it misses, the interval is marked marginal and the answer rests
// on the analytic model there; more replications (--reps) settle it.
//
// An interval is judged when each target's metric is defined in at least
// half of the replications (and two): intervals before the warm-up ends, or
// with no calls, keep the staffing of stage 2. With Strict, every judged
// interval must be shown to meet its targets (the answer is then at least
// the minimum, usually one agent above it).
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
	// Strict demands that every judged interval be shown to meet its
	// targets, not only those staffed below the analytic answer.
	Strict bool
	// MaxSimulations bounds the simulations of the search (each runs every
	// replication); 0 means DefaultMaxSimulations.
	MaxSimulations int
	// Refine, above 1, settles the search's answer again on Refine times
	// the replications: more evidence, so more intervals are decided.
	Refine int
	// Progress, if set, is called as the search goes, from one goroutine
	// at a time.
	Progress func(StaffProgress)
}

// StaffProgress counts the replications of a staffing search. The search
// does not know in advance how many simulations it needs, so Planned grows
// as each simulation starts.
type StaffProgress struct {
	// Done and Planned count replications, over every simulation so far.
	Done, Planned int
	// Calls is the contacts simulated by the replication just done.
	Calls int64
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
	fresh            []float64  // expected fresh contacts per window interval
	repOffset        int        // the first replication simulated
	mu               sync.Mutex // guards progress
	progress         StaffProgress
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
	st.fresh = p.expectedFresh()
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
	// uncertain by several agents' worth, so many intervals stay
	// undecided. Judge again, from where the search stands, on more
	// replications: more evidence decides more of them.
	if f := st.opt.Refine; f > 1 && converged {
		st.opt.Replications *= f
		if ev, err = st.simulate(s, st.lines); err != nil {
			return nil, err
		}
		if s, ev, converged, err = st.adjust(s, ev); err != nil {
			return nil, err
		}
	}
	// Confirm: the search chose among staffings on the same replications,
	// so the cuts it kept are those whose replications happened to be
	// kind. Judge the result on fresh ones, which the search never saw,
	// and raise where they do not bear it out; the performance reported
	// is theirs.
	if converged {
		st.repOffset += st.opt.Replications
		if ev, err = st.simulate(s, st.lines); err != nil {
			return nil, err
		}
		if s, ev, converged, err = st.raise(s, ev, nil); err != nil {
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
				n, ok := ev.probe.smallest(k, g, st.alpha[g][k])
				if !ok || abs(n-s[g][k]) <= 1 {
					continue
				}
				// The algorithm sizes the step; the evidence must agree
				// with its direction, or the step is the noise of the
				// estimated distribution.
				if n > s[g][k] {
					if _, miss := st.shownToMiss(ev, k); !miss {
						continue
					}
				} else {
					// Down, no further than the evidence leaves room for
					// below the analytic answer.
					for n < st.erlangA[g][k] && n < s[g][k] && !st.promising(ev, s, g, k, n) {
						n++
					}
					if s[g][k]-n <= 1 {
						continue
					}
				}
				s[g][k] = n
				changed = true
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
	// settled[g][k]: group g's staffing in interval k is decided: it was
	// raised, or one agent less failed.
	settled := grid[bool](st.groups, st.window)
	s, ev, ok, err := st.raise(s, ev, settled)
	if err != nil || !ok {
		return s, ev, ok, err
	}
	for {
		cut := false
		for class := range 3 {
			for g := range st.groups {
				try := cloneGrid(s)
				var tried []int
				for k := class; k < st.window; k += 3 {
					if settled[g][k] || s[g][k] == 0 || !ev.judged(k) {
						continue
					}
					// Below the analytic answer a cut must be shown to
					// meet the targets; where the evidence at the current
					// staffing leaves no room for that, it is not tried.
					if s[g][k]-1 < st.erlangA[g][k] && !st.promising(ev, s, g, k, s[g][k]-1) {
						settled[g][k] = true
						continue
					}
					try[g][k]--
					tried = append(tried, k)
				}
				if len(tried) == 0 {
					continue
				}
				if st.sims >= st.maxSims {
					return s, ev, false, nil
				}
				tev, err := st.simulate(try, st.lines)
				if err != nil {
					return nil, nil, false, err
				}
				for _, k := range tried {
					if st.acceptable(tev, try, k) {
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
		if st.sims >= st.maxSims {
			return s, ev, false, nil
		}
		if ev, err = st.simulate(s, st.lines); err != nil {
			return nil, nil, false, err
		}
		if s, ev, ok, err = st.raise(s, ev, settled); err != nil || !ok {
			return s, ev, ok, err
		}
	}
}

// acceptable reports whether staffing s, evaluated by ev, is acceptable in
// judged window interval k: not shown to miss a target and, where some
// group is below its analytic answer (or with Strict anywhere), shown to
// meet every target.
func (st *staffer) acceptable(ev *staffEval, s [][]int, k int) bool {
	judged, miss := st.shownToMiss(ev, k)
	if !judged {
		return true
	}
	if miss {
		return false
	}
	if st.opt.Strict || st.belowAnalytic(s, k) >= 0 {
		_, shown := st.shownToMeet(ev, k)
		return shown
	}
	return true
}

// promising reports whether group g's staffing in window interval k could
// be shown to meet every target with n agents instead of s[g][k], judging
// from the evidence at s: each target's unfavourable bound, at the family
// confidence, moved by what the analytic model says the change does to
// the metric, still meets it. The model is Erlang A at the load the
// simulation measured: the contacts that joined a queue and the agents'
// busy time per answer, which count containment, redials and shorter
// hand-overs that the planner's load misses. It only saves simulations
// that would fail: a cut it lets through must still be shown to meet on
// its own.
func (st *staffer) promising(ev *staffEval, s [][]int, g, k, n int) bool {
	judged, shown := st.shownToMeet(ev, k)
	if !judged || !shown {
		return false
	}
	rate, aht := st.simulatedLoad(ev, g, k)
	patience := st.loads[g].patience
	if !(rate > 0) || !(aht > 0) || n < 1 {
		return true
	}
	for i, t := range st.targets {
		e := ev.estimate(k, st.opt.Targets[i].Metric)
		if !st.enough(e) {
			continue
		}
		now, _ := models.ErlangAPerformance(rate, aht, patience, s[g][k], t.Within).Value(t.Metric)
		then, _ := models.ErlangAPerformance(rate, aht, patience, n, t.Within).Value(t.Metric)
		shift := then - now
		if math.IsNaN(shift) || math.IsInf(shift, 0) {
			continue
		}
		if _, unfav := bounds(t, e, ev.familyConfidence()); !t.Met(unfav + shift) {
			return false
		}
	}
	return true
}

// simulatedLoad is group g's load in window interval k as the simulation
// measured it: the arrival rate to its queue per second and the agent time
// per answered contact. Counters are kept per interval, not per group, so
// with several groups the interval's load is shared out as the planner's
// loads share it.
func (st *staffer) simulatedLoad(ev *staffEval, g, k int) (rate, aht float64) {
	var queued, busy, answered float64
	for r := range ev.reps {
		c := &ev.reps[r][k]
		queued += float64(c.Queued)
		busy += c.BusyTime
		answered += float64(c.Answered)
	}
	if answered == 0 {
		return 0, 0
	}
	reps := float64(len(ev.reps))
	totalRate := queued / reps / (st.plan.Layout.Interval * float64(ev.days))
	totalAHT := busy / answered
	share, sum, plannedAHT := 0.0, 0.0, 0.0
	for h, gl := range st.loads {
		sum += gl.rate[k]
		plannedAHT += gl.rate[k] * gl.aht
		if h == g {
			share = gl.rate[k]
		}
	}
	if !(sum > 0) || !(plannedAHT > 0) {
		return totalRate, totalAHT
	}
	plannedAHT /= sum
	return totalRate * share / sum, st.loads[g].aht * totalAHT / plannedAHT
}

// belowAnalytic returns a group staffed below its analytic answer in
// window interval k, the one whose arrivals most often wait, or -1.
func (st *staffer) belowAnalytic(s [][]int, k int) int {
	for g := range st.groups {
		if s[g][k] < st.erlangA[g][k] {
			return g
		}
	}
	return -1
}

// raise adds an agent to every judged interval whose staffing is not
// acceptable, and simulates again, until every interval is; each raised
// interval is marked settled. It reports false if the budget ran out
// first.
func (st *staffer) raise(s [][]int, ev *staffEval, settled [][]bool) ([][]int, *staffEval, bool, error) {
	for {
		missed := false
		for k := range st.window {
			if !ev.judged(k) || st.acceptable(ev, s, k) {
				continue
			}
			if _, miss := st.shownToMiss(ev, k); miss {
				if err := st.reachable(ev, k); err != nil {
					return nil, nil, false, err
				}
			}
			g := st.raiseGroup(ev, s, k)
			s[g][k]++
			if settled != nil {
				settled[g][k] = true
			}
			missed = true
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

// raiseGroup is the group that gets the agent when window interval k is
// raised: among the groups below their analytic answer if any (the
// interval is raised for want of evidence that the cut is safe), else
// among all, the one whose arrivals most often wait, where one more agent
// helps most.
func (st *staffer) raiseGroup(ev *staffEval, s [][]int, k int) int {
	below := st.belowAnalytic(s, k) >= 0
	best, bestP := -1, -1.0
	for g := range st.groups {
		if below && s[g][k] >= st.erlangA[g][k] {
			continue
		}
		if p := ev.probe.tail(k, g, s[g][k]); best < 0 || p > bestP {
			best, bestP = g, p
		}
	}
	return best
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
		if fav, _ := bounds(t, e, confidence); st.enough(e) && !t.Met(fav) {
			m, _ := results.LookupMetric(st.opt.Targets[i].Metric)
			return fmt.Errorf("interval %s: %s is %s although hardly any caller waits for an agent (p_wait %s): no number of agents meets %s; relax the target or change the design",
				st.start(k), m.Name, results.FormatValue(m.Unit, e.Mean), results.FormatValue(results.Ratio, ev.estimate(k, "p_wait").Mean), st.opt.Targets[i])
		}
	}
	return nil
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
		// The rule of the agents: fewer lines than Erlang B's must be
		// shown to keep blocking within the target; Erlang B's or more
		// stand unless shown to exceed it.
		for k := range st.window {
			e := lev.estimate(k, MetricBlockedRate)
			if !st.enough(e) {
				continue
			}
			if lines < erlangB {
				if _, unfav := bounds(target, e, lev.familyConfidence()); !target.Met(unfav) {
					return lev, false, nil
				}
			}
			if fav, _ := bounds(target, e, confidence); !target.Met(fav) {
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
	family float64   // familyConfidence, once computed
	fresh  []float64 // expected fresh contacts per window interval, all days
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
		fresh: st.fresh,
	}
	probes := make([]*probe, n)
	workers := st.opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	st.report(n, 0, 0)
	g, gctx := errgroup.WithContext(st.ctx)
	g.SetLimit(workers)
	for rep := range n {
		g.Go(func() (err error) {
			defer recoverInto(&err)
			tally, pr, err := replicateProbed(gctx, p, st.opt.Seed, st.repOffset+rep)
			if err != nil {
				return err
			}
			st.report(0, 1, tally.Total().Offered)
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
	return ev, nil
}

// report counts planned and finished replications for the progress
// callback.
func (st *staffer) report(planned, done int, calls int64) {
	if st.opt.Progress == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	st.progress.Planned += planned
	st.progress.Done += done
	st.progress.Calls = calls
	st.opt.Progress(st.progress)
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
	// The fresh arrivals of the interval and of the one before (whose
	// backlog it inherits) are known in expectation: as control variates
	// they take out of the estimate the luck of how many callers came.
	var controls [][]float64
	var means []float64
	for _, j := range []int{k, k - 1} {
		if j < 0 {
			continue
		}
		c := make([]float64, len(ev.reps))
		for r := range ev.reps {
			c[r] = float64(ev.reps[r][j].Fresh)
		}
		controls = append(controls, c)
		means = append(means, ev.fresh[j])
	}
	e := results.ControlledEstimate(vals, controls, means)
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

// confidence is the one-sided confidence at which a single interval is
// shown to miss a target.
const confidence = results.Confidence

// familyConfidence is the one-sided confidence at which every interval
// staffed below its analytic answer is shown to meet its targets: the 5%
// error shared by the judged intervals of the evaluation (Bonferroni), so
// that the plan's cuts hold together.
func (ev *staffEval) familyConfidence() float64 {
	if ev.family > 0 {
		return ev.family
	}
	m := 0
	for k := range ev.reps[0] {
		if ev.judged(k) {
			m++
		}
	}
	ev.family = 1 - (1-confidence)/float64(max(m, 1))
	return ev.family
}

// bounds are the one-sided bounds of e on the favourable and unfavourable
// side of target t, at confidence conf.
func bounds(t models.Target, e results.Estimate, conf float64) (favourable, unfavourable float64) {
	lo, hi := e.OneSidedBounds(conf)
	if t.Op == ">" || t.Op == ">=" {
		return hi, lo
	}
	return lo, hi
}

// shownToMeet reports whether window interval k can be judged (some
// target's metric is measured well enough) and whether every such target
// is shown to be met: its unfavourable bound, at the family confidence,
// meets it.
func (st *staffer) shownToMeet(ev *staffEval, k int) (judged, shown bool) {
	shown = true
	for i, t := range st.targets {
		e := ev.estimate(k, st.opt.Targets[i].Metric)
		if !st.enough(e) {
			continue
		}
		judged = true
		if _, unfav := bounds(t, e, ev.familyConfidence()); !t.Met(unfav) {
			shown = false
		}
	}
	return judged, judged && shown
}

// shownToMiss reports whether window interval k can be judged and whether
// some target is shown to be missed: its favourable bound, at 95%, misses
// it.
func (st *staffer) shownToMiss(ev *staffEval, k int) (judged, miss bool) {
	for i, t := range st.targets {
		e := ev.estimate(k, st.opt.Targets[i].Metric)
		if !st.enough(e) {
			continue
		}
		judged = true
		if fav, _ := bounds(t, e, confidence); !t.Met(fav) {
			miss = true
		}
	}
	return judged, miss
}

// undecided reports whether window interval k can be judged and whether
// the simulation alone cannot tell if it meets its targets: for some
// target the 95% one-sided bounds lie on both sides of it, and none is
// shown to be missed.
func (st *staffer) undecided(ev *staffEval, k int) (judged, undecided bool) {
	for i, t := range st.targets {
		e := ev.estimate(k, st.opt.Targets[i].Metric)
		if !st.enough(e) {
			continue
		}
		judged = true
		fav, unfav := bounds(t, e, confidence)
		if !t.Met(fav) {
			return true, false
		}
		if !t.Met(unfav) {
			undecided = true
		}
	}
	return judged, undecided
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
		judged, marginal := st.undecided(ev, k)
		row := results.StaffingInterval{
			Start:     st.start(k),
			Arrivals:  ev.estimate(k, "offered"),
			Judged:    judged,
			Met:       judged && st.acceptable(ev, s, k),
			Marginal:  marginal,
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
		d.Totals.CostsGiven = st.plan.costed
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
