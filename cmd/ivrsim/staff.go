package main

import "github.com/spf13/cobra"

// newStaffCmd is a placeholder until the command is written.
func newStaffCmd(s streams) *cobra.Command {
	return &cobra.Command{Use: "staff", Short: "(not yet available)", Hidden: true}
}
