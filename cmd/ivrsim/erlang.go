package main

import "github.com/spf13/cobra"

// newErlangCmd is replaced by the analytic calculators.
func newErlangCmd(s streams) *cobra.Command {
	return &cobra.Command{Use: "erlang", Short: "Analytic Erlang B, C and A calculators"}
}
