package main

import "github.com/spf13/cobra"

// newFitCmd is a placeholder until the command is written.
func newFitCmd(s streams) *cobra.Command {
	return &cobra.Command{Use: "fit", Short: "(not yet available)", Hidden: true}
}
