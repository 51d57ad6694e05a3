package main

import (
	"fmt"
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
	maxMem, err := parseBytes(b.maxMemory)
	if err != nil {
		return usageErrorf("--max-memory %q: %v", b.maxMemory, err)
	}
	maxEv, err := strconv.ParseFloat(strings.TrimSpace(b.maxEvents), 64)
	if err != nil || math.IsNaN(maxEv) || math.IsInf(maxEv, 0) || maxEv < 1 {
		return usageErrorf("--max-events %q: give a number of contacts, such as 1e11", b.maxEvents)
	}
	return usageError(sim.Budget{MaxMemory: maxMem, MaxContacts: maxEv}.Check(est))
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
	if !ok || err != nil || math.IsNaN(v) || v*scale < 1 || v*scale > 1<<62 {
		return 0, fmt.Errorf("give a size such as 8GiB or 512MB")
	}
	return int64(v * scale), nil
}
