package main

import (
	"math"
	"strconv"
	"strings"

	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/sim"
	"github.com/spf13/cobra"
)

// budgetOptions are the flags that raise the run budget (sim.Budget):
// --max-memory and --max-events.
type budgetOptions struct {
	maxMemory string
	maxEvents string
}

func (b *budgetOptions) flags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&b.maxMemory, "max-memory", scenarios.FormatBytes(sim.DefaultMaxMemory), "refuse runs estimated to need more memory than `SIZE` (such as 16GiB)")
	f.StringVar(&b.maxEvents, "max-events", strconv.FormatFloat(sim.DefaultMaxContacts, 'g', -1, 64), "refuse runs expected to simulate more than `N` contacts in all")
}

// check refuses est past the limits the flags set.
func (b *budgetOptions) check(est sim.RunEstimate) error {
	maxMem, err := scenarios.ParseBytes(b.maxMemory)
	if err != nil {
		return usageErrorf("--max-memory %q: %v", b.maxMemory, err)
	}
	maxEv, err := strconv.ParseFloat(strings.TrimSpace(b.maxEvents), 64)
	if err != nil || math.IsNaN(maxEv) || math.IsInf(maxEv, 0) || maxEv < 1 {
		return usageErrorf("--max-events %q: give a number of contacts, such as 1e11", b.maxEvents)
	}
	return usageError(sim.Budget{MaxMemory: maxMem, MaxContacts: maxEv}.Check(est))
}
