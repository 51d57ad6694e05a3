package main

import (
	"github.com/spf13/cobra"
)

// simFlags are the flags every command that simulates a scenario shares,
// registered once so each means the same, with the same help, everywhere:
// the what-if overrides, the seed, the workers, --quiet, --allow-outside
// and the run budget.
type simFlags struct {
	sets    []string
	seed    uint64
	workers int
	quiet   bool
	outside bool
	budget  budgetOptions
}

// add registers the flags on cmd.
func (c *simFlags) add(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringArrayVar(&c.sets, "set", nil, "override a scenario value, `key.path=value` (repeatable)")
	f.Uint64Var(&c.seed, "seed", 1, "random seed; the same seed gives the same results")
	f.IntVar(&c.workers, "workers", 0, "replications run at once (default: one per CPU)")
	f.BoolVarP(&c.quiet, "quiet", "q", false, quietHelp)
	allowOutsideFlag(cmd, &c.outside)
	c.budget.flags(cmd)
}
