package main

import "github.com/spf13/cobra"

// newReportCmd is a placeholder until the command is written.
func newReportCmd(s streams) *cobra.Command {
	return &cobra.Command{Use: "report", Short: "(not yet available)", Hidden: true}
}
