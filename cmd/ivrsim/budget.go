package main

import (
	"fmt"
	"math"
	"runtime"
	"strconv"
	"strings"

	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/sim"
	"github.com/spf13/cobra"
)

// The resource budget: before simulating, a command estimates the memory
// and the contacts the run needs, and refuses (exit 2) a run past the
// limits instead of running for days or being killed for want of memory.
// --max-memory and --max-events raise the limits for a run that is meant
// to be that large.
const (
	// defaultMaxMemory is the estimated memory a run may take.
	defaultMaxMemory = 2 << 30
	// defaultMaxEvents is the expected contacts a run may simulate: about
	// half an hour of both cores of a small machine at full speed.
	defaultMaxEvents = 1e10
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

// budgetOptions are the flags that raise the budget.
type budgetOptions struct {
	maxMemory string
	maxEvents string
}

func (b *budgetOptions) flags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&b.maxMemory, "max-memory", scenarios.FormatBytes(defaultMaxMemory), "refuse runs estimated to need more memory than `SIZE` (such as 16GiB)")
	f.StringVar(&b.maxEvents, "max-events", strconv.FormatFloat(defaultMaxEvents, 'g', -1, 64), "refuse runs expected to simulate more than `N` contacts in all")
}

// runEstimate is what a run is expected to need.
type runEstimate struct {
	memory   float64 // bytes, at the peak
	contacts float64 // contacts simulated in all
}

// estimateRun estimates a run of reps replications of every plan (one
// list per sweep point), with workers replications at once (0: one per
// CPU).
func estimateRun(points [][]*sim.Plan, reps, workers int) runEstimate {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	var est runEstimate
	var perRep float64
	for _, plans := range points {
		for _, p := range plans {
			fresh := p.ExpectedFresh()
			est.contacts += fresh * contactsPerFresh * float64(reps)
			horizon := float64(p.Layout.Days) * 86400
			inSystem := fresh * contactsPerFresh / horizon * peakToMean * holdSeconds
			mem := float64(p.Customers())*bytesPerCustomer + inSystem*bytesPerCall
			perRep = math.Max(perRep, mem)
		}
	}
	running := min(workers, reps*max(1, len(points[0])))
	est.memory = perRep * float64(running)
	return est
}

// check refuses est past the limits.
func (b *budgetOptions) check(est runEstimate) error {
	maxMem, err := parseBytes(b.maxMemory)
	if err != nil {
		return usageErrorf("--max-memory %q: %v", b.maxMemory, err)
	}
	maxEv, err := strconv.ParseFloat(strings.TrimSpace(b.maxEvents), 64)
	if err != nil || math.IsNaN(maxEv) || math.IsInf(maxEv, 0) || maxEv < 1 {
		return usageErrorf("--max-events %q: give a number of contacts, such as 1e11", b.maxEvents)
	}
	if est.memory > float64(maxMem) {
		return usageErrorf("the run needs about %s of memory (customers × replications running at once, and calls in the system), more than --max-memory %s; lower customers or --workers, or raise --max-memory if the machine has it",
			scenarios.FormatBytes(int64(est.memory)), scenarios.FormatBytes(maxMem))
	}
	if est.contacts > maxEv {
		return usageErrorf("the run would simulate about %.3g contacts (arrival rate × horizon × replications × designs), more than --max-events %.3g; shorten the horizon, lower the rate or --reps, or raise --max-events to run it anyway",
			est.contacts, maxEv)
	}
	return nil
}

// parseBytes reads a size such as 4GiB, 512MB, 2G or 1048576.
func parseBytes(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := len(t)
	for i > 0 && (t[i-1] < '0' || t[i-1] > '9') {
		i--
	}
	num, unit := strings.TrimSpace(t[:i]), strings.ToLower(strings.TrimSpace(t[i:]))
	scale, ok := map[string]float64{
		"": 1, "b": 1,
		"k": 1 << 10, "kb": 1e3, "kib": 1 << 10,
		"m": 1 << 20, "mb": 1e6, "mib": 1 << 20,
		"g": 1 << 30, "gb": 1e9, "gib": 1 << 30,
		"t": 1 << 40, "tb": 1e12, "tib": 1 << 40,
	}[unit]
	v, err := strconv.ParseFloat(num, 64)
	if !ok || err != nil || math.IsNaN(v) || v <= 0 || v*scale > 1<<62 {
		return 0, fmt.Errorf("give a size such as 8GiB or 512MB")
	}
	return int64(v * scale), nil
}
