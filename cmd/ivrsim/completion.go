package main

import (
	"context"
	"slices"
	"strings"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/sim"
	"github.com/spf13/cobra"
)

// Dynamic shell completion: cobra's completion command writes the script
// (ivrsim completion bash|zsh|fish|powershell), and the script asks ivrsim
// for candidates as the user types. Candidates come from what ivrsim
// knows: the built-in scenarios, the designs of the scenario already on
// the command line and the metric names. --format completes where it is
// registered (addFormatFlag), from the formats the command accepts.

// registerCompletions adds the completion functions to the commands of
// root, found by name, so each command's file stays about the command.
func registerCompletions(root *cobra.Command) {
	byName := map[string]*cobra.Command{}
	for _, c := range root.Commands() {
		byName[c.Name()] = c
	}
	// The scenario argument, and where it is among the arguments.
	for name, at := range map[string]int{"run": 0, "check": 0, "staff": 0, "validate": -1, "backtest": 1} {
		if c := byName[name]; c != nil {
			c.ValidArgsFunction = completeScenarioArg(at)
		}
	}
	if c := byName["fit"]; c != nil {
		c.ValidArgsFunction = completeFiles(0, "csv")
	}
	if c := byName["backtest"]; c != nil {
		records, scenarioArg := completeFiles(0, "csv"), completeScenarioArg(1)
		c.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) == 0 {
				return records(cmd, args, toComplete)
			}
			return scenarioArg(cmd, args, toComplete)
		}
	}
	if c := byName["report"]; c != nil {
		c.ValidArgsFunction = completeFiles(0, "json")
	}
	if c := byName["merge"]; c != nil {
		c.ValidArgsFunction = completeFiles(-1, "json")
	}
	if c := byName["scenarios"]; c != nil {
		for _, sub := range c.Commands() {
			if sub.Name() == "show" || sub.Name() == "copy" {
				sub.ValidArgsFunction = func(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
					if len(args) > 0 {
						return nil, cobra.ShellCompDirectiveFilterDirs
					}
					return builtinCandidates(toComplete), cobra.ShellCompDirectiveNoFileComp
				}
			}
		}
	}

	for _, name := range []string{"run", "staff", "backtest"} {
		if c := byName[name]; c != nil && c.Flags().Lookup("design") != nil {
			at := 0
			if name == "backtest" {
				at = 1
			}
			_ = c.RegisterFlagCompletionFunc("design", completeDesigns(at, name == "staff"))
		}
	}
	if c := byName["check"]; c != nil {
		_ = c.RegisterFlagCompletionFunc("compare", completeCompare)
		_ = c.RegisterFlagCompletionFunc("threshold", completeThreshold)
		_ = c.RegisterFlagCompletionFunc("tolerance", completeMetricAssign(results.GatedMetricNames()))
		_ = c.RegisterFlagCompletionFunc("baseline", cobra.FixedCompletions([]string{"json"}, cobra.ShellCompDirectiveFilterFileExt))
	}
	for _, name := range []string{"run", "check"} {
		if c := byName[name]; c != nil && c.Flags().Lookup("precision") != nil {
			_ = c.RegisterFlagCompletionFunc("precision", completeMetricAssign(results.MetricNames()))
		}
	}
	if c := byName["run"]; c != nil {
		_ = c.RegisterFlagCompletionFunc("metrics", func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			// A comma-separated list: complete its last item.
			done, last := lastItem(toComplete)
			return withPrefix(results.MetricNames(), last, done, ""), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
		})
	}
}

// completeFiles offers files with the extensions at argument position at
// (-1: every argument).
func completeFiles(at int, exts ...string) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if at >= 0 && len(args) != at {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return exts, cobra.ShellCompDirectiveFilterFileExt
	}
}

// builtinCandidates are the built-in scenarios starting with prefix, each
// with its description for the shells that show one.
func builtinCandidates(prefix string) []string {
	var out []string
	for _, name := range scenarios.BuiltinNames() {
		if strings.HasPrefix(name, prefix) {
			out = append(out, cobra.CompletionWithDesc(name, scenarios.BuiltinDescription(name)))
		}
	}
	return out
}

// completeScenarioArg completes the scenario argument at position at (-1:
// every argument): a built-in's name, or a YAML file. What looks like a
// path, and a prefix no built-in has, goes to the shell's file completion.
func completeScenarioArg(at int) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if at >= 0 && len(args) != at {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		if !strings.ContainsAny(toComplete, `/\.`) {
			if names := builtinCandidates(toComplete); len(names) > 0 {
				return names, cobra.ShellCompDirectiveNoFileComp
			}
		}
		return []string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
	}
}

// scenarioDesigns loads the scenario named at argument position at (or
// run's default) and lists its designs; nil when it cannot be read.
func scenarioDesigns(cmd *cobra.Command, args []string, at int) []string {
	name := "bank"
	if at < len(args) {
		name = args[at]
	} else if cmd.Name() != "run" {
		return nil
	}
	if name == "-" {
		return nil // standard input is the command's, not the completion's
	}
	sets, _ := cmd.Flags().GetStringArray("set")
	sc, err := loadScenarioWith(context.Background(), name, sets, false)
	if err != nil {
		sc, err = loadScenarioWith(context.Background(), name, nil, false)
		if err != nil {
			return nil
		}
	}
	return sim.DesignNames(sc)
}

// completeDesigns completes a design of the scenario at argument position
// at; with all, also the word "all". --design on run takes a
// comma-separated list: the items already written are kept.
func completeDesigns(at int, all bool) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		designs := scenarioDesigns(cmd, args, at)
		if all {
			designs = append(designs, "all")
		}
		done, last := "", toComplete
		if !all {
			done, last = lastItem(toComplete)
		}
		designs = slices.DeleteFunc(designs, func(d string) bool { return slices.Contains(strings.Split(done, ","), d) })
		return withPrefix(designs, last, done, ""), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeCompare completes --compare current:proposed from the
// scenario's designs.
func completeCompare(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	designs := scenarioDesigns(cmd, args, 0)
	if cur, rest, ok := strings.Cut(toComplete, ":"); ok {
		designs = slices.DeleteFunc(designs, func(d string) bool { return d == cur })
		return withPrefix(designs, rest, cur+":", ""), cobra.ShellCompDirectiveNoFileComp
	}
	return withPrefix(designs, toComplete, "", ":"), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// completeThreshold completes the target of --threshold: a metric, or a
// distribution p(N) reads, then {design} for each of the scenario's
// designs once a full name is typed.
func completeThreshold(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	const directive = cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	targets := results.ThresholdTargets()
	if slices.Contains(targets, toComplete) {
		return append([]string{toComplete}, withPrefix(scenarioDesigns(cmd, args, 0), "", toComplete+"{", "}")...), directive
	}
	if metric, rest, ok := strings.Cut(toComplete, "{"); ok && slices.Contains(targets, metric) && !strings.Contains(rest, "}") {
		return withPrefix(scenarioDesigns(cmd, args, 0), rest, metric+"{", "}"), directive
	}
	return withPrefix(targets, toComplete, "", ""), directive
}

// completeMetricAssign completes metric=value flags: the metric, then the
// user writes the value.
func completeMetricAssign(metrics []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return withPrefix(metrics, toComplete, "", "="), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
}

// withPrefix returns before+c+after for each candidate c that starts with
// prefix, in order.
func withPrefix(candidates []string, prefix, before, after string) []string {
	var out []string
	for _, c := range candidates {
		if strings.HasPrefix(c, prefix) {
			out = append(out, before+c+after)
		}
	}
	return out
}

// lastItem splits a comma-separated list being typed into the items done,
// with their comma, and the last item, which is being typed.
func lastItem(list string) (done, last string) {
	if i := strings.LastIndex(list, ","); i >= 0 {
		return list[:i+1], list[i+1:]
	}
	return "", list
}
