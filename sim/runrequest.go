package sim

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ivrsim/ivrsim/results"
)

// MaxSweepPoints bounds the points of one sweep grid: its axes multiply.
const MaxSweepPoints = 1000

// RunRequest is a run of a scenario's designs as the user asks for it
// (ivrsim run): replications, a shard, a sweep, and the outputs that
// constrain them. The fields are the flags' text where reading it can
// fail, so that Validate can report every problem at once, each naming
// the flag to fix.
type RunRequest struct {
	// Reps is a number of replications, or "auto" to add them until every
	// Precision target is met, at most MaxReps.
	Reps      string
	Precision []string // metric=half-width
	MaxReps   int
	Workers   int    // replications at once; 0 for one per CPU
	Shard     string // "i/N": run shard i of N; "" for the whole run
	// Sweeps are the sweep's axes, each key.path=v1,v2,...; the run
	// simulates every point of their grid.
	Sweeps []string
	// Metrics are the metrics a sweep's table shows.
	Metrics []string
	// Format is the output format (the command has checked it is one it
	// writes); a shard writes a partial result, in JSON.
	Format string
	// Report and Trace say whether the HTML report and a trace of every
	// contact are asked for; TraceFormat is one of results.TraceFormats.
	Report, Trace bool
	TraceFormat   string
}

// Validate reports every problem of the request, before anything is
// loaded: the replications, workers and shard, the shard's limits, the
// trace format, and the sweep's axes, metrics and size.
func (r *RunRequest) Validate() []error {
	_, errs := r.read()
	return errs
}

// read reads the request into the plan it starts; errs are its problems.
func (r *RunRequest) read() (p *RunPlan, errs []error) {
	p = &RunPlan{}
	reps, err := results.ParseReplicationPlan(r.Reps, r.Precision, r.MaxReps, results.DefaultReplications, results.MaxReplications)
	if err != nil {
		errs = append(errs, err)
	}
	p.Replications = reps
	if err := CheckWorkers(r.Workers); err != nil {
		errs = append(errs, err)
	}
	if r.Shard != "" {
		if id, err := results.ParseShard(r.Shard); err != nil {
			errs = append(errs, err)
		} else {
			p.Shard = &id
			errs = append(errs, r.shardProblems(reps)...)
		}
	}
	if !slices.Contains(results.TraceFormats, r.TraceFormat) {
		errs = append(errs, fmt.Errorf("--trace-format %q: use %s", r.TraceFormat, strings.Join(results.TraceFormats, " or ")))
	}
	if len(r.Sweeps) > 0 && r.Trace {
		errs = append(errs, fmt.Errorf("--trace cannot be combined with --sweep; trace one point with --set"))
	}
	axesRead := true
	for _, sw := range r.Sweeps {
		a, err := results.ParseSweepAxis(sw)
		if err != nil {
			errs = append(errs, err)
			axesRead = false
			continue
		}
		p.Axes = append(p.Axes, a)
	}
	for _, m := range r.Metrics {
		if _, ok := results.LookupMetric(m); !ok {
			errs = append(errs, fmt.Errorf("--metrics: unknown metric %q; metrics are %s", m, strings.Join(results.MetricNames(), ", ")))
		}
	}
	if axesRead {
		// The grid's size is checked before it is built.
		n := 1
		for _, a := range p.Axes {
			if n *= len(a.Values); n > MaxSweepPoints {
				errs = append(errs, fmt.Errorf("the sweep has more than %d points; at most %d run in one command", MaxSweepPoints, MaxSweepPoints))
				break
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	p.Points = results.SweepGrid(p.Axes)
	return p, nil
}

// shardProblems are what a shard cannot do: every shard must run the same
// replications, and a shard writes a partial result for ivrsim merge.
func (r *RunRequest) shardProblems(reps results.ReplicationPlan) []error {
	var errs []error
	if reps.Auto {
		errs = append(errs, fmt.Errorf("--shard needs a fixed --reps: every shard must run the same replications"))
	}
	if len(r.Sweeps) > 0 {
		errs = append(errs, fmt.Errorf("--shard cannot split a --sweep; run one point per job with --set instead"))
	}
	if r.Format != "table" && r.Format != "json" {
		errs = append(errs, fmt.Errorf("--shard writes a partial result in JSON; --format %s does not apply", r.Format))
	}
	if r.Report {
		errs = append(errs, fmt.Errorf("--report needs the whole run: merge the shards, then ivrsim report the merged result"))
	}
	return errs
}

// Plan checks the request (with problems, it returns them joined, as
// Validate lists them) and then loads the scenario at every point of the
// run with load, and picks the designs to run at each with designs, so
// every mistake is found before anything is simulated. Without a sweep
// the run has one point. With several points, the problems of every point
// that does not load are returned together; the first error of designs,
// or an interruption, is returned at once.
func (r *RunRequest) Plan(load func(sets []string) (*Validated, error), designs func(*Validated) ([]*Plan, error)) (*RunPlan, error) {
	p, errs := r.read()
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	var problems []error
	for _, pt := range p.Points {
		var sets []string
		for _, v := range pt {
			sets = append(sets, v.Path+"="+v.Value)
		}
		v, err := load(sets)
		if err != nil {
			if len(p.Points) == 1 || errors.Is(err, context.Canceled) {
				return nil, err
			}
			problems = append(problems, err)
			continue
		}
		plans, err := designs(v)
		if err != nil {
			return nil, err
		}
		p.Validated = append(p.Validated, v)
		p.Plans = append(p.Plans, plans)
	}
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}
	return p, nil
}

// RunPlan is a checked run: what RunRequest.Plan found at every point.
type RunPlan struct {
	Replications results.ReplicationPlan
	Shard        *results.ShardID // nil for the whole run
	Axes         []results.SweepAxis
	// Points are the sweep's grid, in order; without a sweep, one point
	// with no values.
	Points [][]results.SweepValue
	// Validated is the scenario at each point, and Plans the designs to
	// run there, in order.
	Validated []*Validated
	Plans     [][]*Plan
}

// Designs names the designs the run simulates, in order.
func (p *RunPlan) Designs() []string {
	names := make([]string, len(p.Plans[0]))
	for i, pl := range p.Plans[0] {
		names[i] = pl.Design
	}
	return names
}

// Replicated is how many replications each design runs, over all points,
// as far as is known before running: with --reps auto, the first batch.
func (p *RunPlan) Replicated() int {
	if p.Shard != nil {
		return len(p.Shard.Replications(p.Replications.N))
	}
	return p.Replications.N * len(p.Points)
}

// Estimate is what the run may need at the most, with workers
// replications at once: with --reps auto, every point runs to the most
// replications allowed.
func (p *RunPlan) Estimate(workers int) RunEstimate {
	reps := p.Replications.N
	switch {
	case p.Replications.Auto:
		reps = p.Replications.Max
	case p.Shard != nil:
		reps = len(p.Shard.Replications(p.Replications.N))
	}
	return EstimateRun(p.Plans, reps, workers)
}

// Run simulates every point in turn: the shard's replications, the fixed
// count, or batches until the precision targets are met (extend is told
// of each further batch's size). opt gives the seed, workers and hooks;
// its Replications are the plan's. Each result carries its point's
// assumptions.
func (p *RunPlan) Run(ctx context.Context, opt Options, extend func(int)) ([]*results.RunSet, error) {
	var runs []*results.RunSet
	for i, plans := range p.Plans {
		run := func(reps []int) (*results.RunSet, error) {
			o := opt
			o.Replications = reps
			return Run(ctx, plans, o)
		}
		var rs *results.RunSet
		var err error
		if p.Shard != nil {
			rs, err = run(p.Shard.Replications(p.Replications.N))
		} else {
			rs, err = p.Replications.Run(run, extend)
		}
		if err != nil {
			return nil, err
		}
		rs.Assumptions = p.Validated[i].Assumptions()
		runs = append(runs, rs)
	}
	return runs, nil
}
