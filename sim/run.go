package sim

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/ivrsim/ivrsim/results"
	"golang.org/x/sync/errgroup"
)

// Options control a run of several designs over several replications.
type Options struct {
	Seed uint64
	// Replications are the replication indexes to run; a shard runs a
	// slice of them. Replication r draws the same callers in every design
	// and on every machine.
	Replications []int
	// Workers bounds the replications running at once; 0 means one per
	// CPU.
	Workers int
	// Done, if set, is called after each replication finishes, from the
	// goroutine that ran it.
	Done func(design, rep int, calls int64)
	// Trace, if set, opens the tracer of one replication of one design: it
	// receives the replication's contacts in order, from one goroutine, and
	// close is called when the replication ends.
	Trace func(design, rep int) (record func(*results.ContactRecord), close func() error, err error)
}

// Reps returns the replication indexes 0..n−1.
func Reps(n int) []int {
	r := make([]int, n)
	for i := range r {
		r[i] = i
	}
	return r
}

// Run simulates every plan over every replication in parallel. The result
// does not depend on Workers: replications are independent and stored by
// index, and histograms pool by addition.
func Run(ctx context.Context, plans []*Plan, opt Options) (*results.RunSet, error) {
	if len(plans) == 0 {
		return nil, fmt.Errorf("no designs to run")
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	rs := &results.RunSet{
		Scenario:     plans[0].Scenario,
		Seed:         opt.Seed,
		Replications: len(opt.Replications),
		Layout:       plans[0].Layout,
	}
	locks := make([]sync.Mutex, len(plans))
	for _, p := range plans {
		d := results.NewDesignRuns(p.Design)
		d.Reps = make([]results.RepResult, len(opt.Replications))
		rs.Designs = append(rs.Designs, d)
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for i, rep := range opt.Replications {
		for d, p := range plans {
			g.Go(func() (err error) {
				defer recoverInto(&err)
				if err := gctx.Err(); err != nil {
					return err
				}
				var trace func(*results.ContactRecord)
				closeTrace := func() error { return nil }
				if opt.Trace != nil {
					var err error
					if trace, closeTrace, err = opt.Trace(d, rep); err != nil {
						return err
					}
				}
				tally, calls, err := Replicate(gctx, p, opt.Seed, rep, trace)
				if cerr := closeTrace(); err == nil {
					err = cerr
				}
				if err != nil {
					return err
				}
				rs.Designs[d].Reps[i] = tally.Reduce(rep, calls)
				locks[d].Lock()
				rs.Designs[d].Pool(tally)
				locks[d].Unlock()
				if opt.Done != nil {
					opt.Done(d, rep, calls)
				}
				return nil
			})
		}
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return rs, nil
}
