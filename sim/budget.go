package sim

import (
	"fmt"
	"math"
	"runtime"

	"github.com/ivrsim/ivrsim/scenarios"
)

// The resource budget: before simulating, a command estimates the memory
// and the contacts the run needs, and refuses (exit 2) a run past the
// limits instead of running for days or being killed for want of memory.
// Commands let the user raise the limits for a run that is meant
// to be that large.
const (
	// DefaultMaxMemory is the estimated memory a run may take.
	DefaultMaxMemory = 2 << 30
	// DefaultMaxContacts is the expected contacts a run may simulate: about
	// half an hour of both cores of a small machine at full speed.
	DefaultMaxContacts = 1e10
	// bytesPerCustomer is the engine's state per customer of a finite
	// base, per replication running.
	bytesPerCustomer = 16
	// bytesPerCall is the state of a contact in the system.
	bytesPerCall = 512
	// peakToMean bounds the ratio of the busiest interval's arrival rate
	// to the mean rate, for the calls-in-system estimate.
	peakToMean = 4
	// holdSeconds is a generous mean time a contact stays in the system (waits
	// and talk), for
	// the same estimate.
	holdSeconds = 900
	// contactsPerFresh allows for redials and repeat contacts on top of
	// fresh contacts.
	contactsPerFresh = 2
)

// ExpectedFresh is the expected number of fresh contacts one replication
// of the plan offers over its horizon: the arrival profile summed over
// the days, with their factors (the busyness factors have mean 1).
// Redials and repeat contacts come on top. Commands use it to refuse a
// run far beyond what a machine can simulate before starting it.
func (p *Plan) ExpectedFresh() float64 {
	perDay := p.Layout.IntervalsPerDay()
	total := 0.0
	for d := range p.Layout.Days {
		day := 0.0
		for i := range perDay {
			day += p.rateOn(d, i)
		}
		total += day * p.dayFactors[d] * p.Layout.Interval
	}
	return total
}

// Customers is the size of the plan's customer base, 0 for a new
// customer per issue. The engine keeps state per customer.
func (p *Plan) Customers() int { return p.customers }

// RunEstimate is what a run is expected to need.
type RunEstimate struct {
	Memory   float64 // bytes, at the peak
	Contacts float64 // contacts simulated in all
}

// EstimateRun estimates a run of reps replications of every plan (one
// list per sweep point), with workers replications at once (0: one per
// CPU).
func EstimateRun(points [][]*Plan, reps, workers int) RunEstimate {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	var est RunEstimate
	var perRep float64
	for _, plans := range points {
		for _, p := range plans {
			fresh := p.ExpectedFresh()
			est.Contacts += fresh * contactsPerFresh * float64(reps)
			horizon := float64(p.Layout.Days) * 86400
			inSystem := fresh * contactsPerFresh / horizon * peakToMean * holdSeconds
			mem := float64(p.Customers())*bytesPerCustomer + inSystem*bytesPerCall
			perRep = math.Max(perRep, mem)
		}
	}
	running := min(workers, reps*max(1, len(points[0])))
	est.Memory = perRep * float64(running)
	return est
}

// Budget is the most a run may take before it is refused.
type Budget struct {
	MaxMemory   int64   // bytes
	MaxContacts float64 // contacts simulated in all
}

// Check refuses est past the budget, saying what to lower (or that the
// limit can be raised).
func (b Budget) Check(est RunEstimate) error {
	if est.Memory > float64(b.MaxMemory) {
		return fmt.Errorf("the run needs about %s of memory (customers × replications running at once, and calls in the system), more than --max-memory %s; lower customers or --workers, or raise --max-memory if the machine has it",
			scenarios.FormatBytes(int64(est.Memory)), scenarios.FormatBytes(b.MaxMemory))
	}
	if est.Contacts > b.MaxContacts {
		return fmt.Errorf("the run would simulate about %.3g contacts (arrival rate × horizon × replications × designs), more than --max-events %.3g; shorten the horizon, lower the rate or --reps, or raise --max-events to run it anyway",
			est.Contacts, b.MaxContacts)
	}
	return nil
}
