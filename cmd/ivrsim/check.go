package main

import "github.com/spf13/cobra"

// newCheckCmd is a placeholder until the command is written.
func newCheckCmd(s streams) *cobra.Command {
	return &cobra.Command{Use: "check", Short: "(not yet available)", Hidden: true}
}
