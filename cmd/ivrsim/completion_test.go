package main

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/results"
	"github.com/spf13/cobra"
)

// complete asks ivrsim for completions as a shell's script does, and
// returns the candidates (without descriptions) and the directive.
func complete(t *testing.T, args ...string) ([]string, cobra.ShellCompDirective) {
	t.Helper()
	code, out, errs := cli(t, append([]string{cobra.ShellCompRequestCmd}, args...)...)
	if code != 0 {
		t.Fatalf("__complete %v: exit %d: %s", args, code, errs)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	last := lines[len(lines)-1]
	d, err := strconv.Atoi(strings.TrimPrefix(last, ":"))
	if err != nil || !strings.HasPrefix(last, ":") {
		t.Fatalf("__complete %v: no directive in %q", args, out)
	}
	var got []string
	for _, l := range lines[:len(lines)-1] {
		name, _, _ := strings.Cut(l, "\t")
		got = append(got, name)
	}
	return got, cobra.ShellCompDirective(d)
}

func TestCompletion(t *testing.T) {
	bankDesigns := []string{"forced-menu", "queue-preserving-va"}
	tests := []struct {
		name string
		args []string
		want []string // exactly these, in order
		has  []string // at least these
		dir  cobra.ShellCompDirective
	}{
		{"built-in scenario", []string{"run", "ba"}, []string{"bank"}, nil, cobra.ShellCompDirectiveNoFileComp},
		{"every built-in", []string{"check", ""}, nil, []string{"bank", "erlang-a"}, cobra.ShellCompDirectiveNoFileComp},
		{"a path is a file", []string{"run", "./sc"}, []string{"yaml", "yml"}, nil, cobra.ShellCompDirectiveFilterFileExt},
		{"no such built-in", []string{"validate", "zz"}, []string{"yaml", "yml"}, nil, cobra.ShellCompDirectiveFilterFileExt},
		{"scenarios show", []string{"scenarios", "show", "erl"}, nil, []string{"erlang-a"}, cobra.ShellCompDirectiveNoFileComp},
		{"designs of the scenario", []string{"run", "bank", "--design", ""}, bankDesigns, nil, cobra.ShellCompDirectiveNoFileComp},
		{"designs of a file", []string{"run", "testdata/check/gate.yaml", "--design", "cur"}, []string{"current"}, nil, cobra.ShellCompDirectiveNoFileComp},
		{"designs, comma-separated", []string{"run", "bank", "--design", "forced-menu,"}, []string{"forced-menu,queue-preserving-va"}, nil, cobra.ShellCompDirectiveNoFileComp},
		{"staff design or all", []string{"staff", "bank", "--design", ""}, append(slices.Clone(bankDesigns), "all"), nil, cobra.ShellCompDirectiveNoFileComp},
		{"run's default scenario", []string{"run", "--design", "q"}, []string{"queue-preserving-va"}, nil, cobra.ShellCompDirectiveNoFileComp},
		{"compare, current", []string{"check", "bank", "--compare", "f"}, []string{"forced-menu:"}, nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace},
		{"compare, proposed", []string{"check", "bank", "--compare", "forced-menu:"}, []string{"forced-menu:queue-preserving-va"}, nil, cobra.ShellCompDirectiveNoFileComp},
		{"run formats", []string{"run", "--format", ""}, []string{"table", "json", "csv"}, nil, cobra.ShellCompDirectiveNoFileComp},
		// The shell filters fixed lists by what is typed.
		{"check formats", []string{"check", "bank", "--format", "j"}, []string{"table", "markdown", "junit", "json"}, nil, cobra.ShellCompDirectiveNoFileComp},
		{"threshold metric", []string{"check", "bank", "--threshold", "abandon"}, []string{"abandon_rate"}, nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace},
		{"threshold design", []string{"check", "bank", "--threshold", "abandon_rate"}, []string{"abandon_rate", "abandon_rate{forced-menu}", "abandon_rate{queue-preserving-va}"}, nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace},
		{"threshold distribution", []string{"check", "bank", "--threshold", "wa"}, []string{"waited_abandon_rate", "wait_p50", "wait_p90", "wait"}, nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace},
		{"precision", []string{"run", "--precision", "fc"}, []string{"fcr="}, nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace},
		{"tolerance gates directed metrics", []string{"check", "bank", "--tolerance", "occ"}, nil, nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace},
		{"sweep metrics list", []string{"run", "--metrics", "fcr,ab"}, []string{"fcr,abandon_rate"}, nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace},
		{"results files", []string{"report", ""}, []string{"json"}, nil, cobra.ShellCompDirectiveFilterFileExt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, dir := complete(t, tt.args...)
			if tt.want != nil && !slices.Equal(got, tt.want) || tt.want == nil && tt.has == nil && len(got) != 0 {
				t.Errorf("candidates %q, want %q", got, tt.want)
			}
			for _, h := range tt.has {
				if !slices.Contains(got, h) {
					t.Errorf("candidates %q lack %q", got, h)
				}
			}
			if dir != tt.dir {
				t.Errorf("directive %d, want %d", dir, tt.dir)
			}
		})
	}
	// Every metric is offered for --precision.
	got, _ := complete(t, "run", "--precision", "")
	if len(got) != len(results.Metrics) {
		t.Errorf("%d metrics offered for --precision, want %d", len(got), len(results.Metrics))
	}
}

// TestCompletionScripts: the completion command writes each shell's
// script.
func TestCompletionScripts(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		code, out, errs := cli(t, "completion", shell)
		if code != 0 || !strings.Contains(out, "ivrsim") || !strings.Contains(out, cobra.ShellCompRequestCmd) {
			t.Errorf("completion %s: exit %d, %d bytes: %s", shell, code, len(out), errs)
		}
	}
}
