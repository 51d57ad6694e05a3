package main

import "github.com/spf13/cobra"

// newBacktestCmd is a placeholder until the command is written.
func newBacktestCmd(s streams) *cobra.Command {
	return &cobra.Command{Use: "backtest", Short: "(not yet available)", Hidden: true}
}
