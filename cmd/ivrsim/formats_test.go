package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// commandsWithFormat walks root and returns every command that has a
// --format flag.
func commandsWithFormat(root *cobra.Command) []*cobra.Command {
	var found []*cobra.Command
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Flags().Lookup("format") != nil {
			found = append(found, c)
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return found
}

// formatProbeArgs are positional arguments the command accepts that name
// no file, so that a run stops, after its flags are checked, on the
// missing input instead of simulating: as many as it takes, up to two.
func formatProbeArgs(t *testing.T, c *cobra.Command) []string {
	missing := filepath.Join(t.TempDir(), "missing")
	for n := 2; n >= 0; n-- {
		args := slices.Repeat([]string{missing}, n)
		if c.ValidateArgs(args) == nil {
			return args
		}
	}
	t.Fatalf("%s: takes neither 0, 1 nor 2 arguments", c.CommandPath())
	return nil
}

// Every --format is registered by addFormatFlag, so its shell completion
// offers exactly the formats the command accepts: each candidate gets
// past the command's check of --format, and any other word is refused
// there, with exit 2.
func TestFormatCompletionIsWhatCommandsAccept(t *testing.T) {
	// Words a user might try; a command accepts none outside its list but
	// for these undocumented spellings, kept so old scripts still work.
	probes := []string{"table", "json", "csv", "wfm", "markdown", "junit", "html", "yaml", "jsonl", "cdr", "xml", "md", "txt", "text", "tsv", "bogus"}
	aliases := map[string][]string{"ivrsim version": {"text"}}

	cmds := commandsWithFormat(newRootCmd(streams{}))
	if len(cmds) < 10 {
		t.Fatalf("found %d commands with --format; the walk is broken", len(cmds))
	}
	for _, c := range cmds {
		path := c.CommandPath()
		t.Run(path, func(t *testing.T) {
			registered := c.Flags().Lookup("format").Annotations[formatsAnnotation]
			if len(registered) == 0 {
				t.Fatalf("%s registers --format by hand: use addFormatFlag", path)
			}
			if def := c.Flags().Lookup("format").DefValue; def != registered[0] {
				t.Errorf("default %q, want the first format, %q", def, registered[0])
			}
			complete, ok := c.GetFlagCompletionFunc("format")
			if !ok {
				t.Fatalf("no completion for --format")
			}
			candidates, dir := complete(c, nil, "")
			if !slices.Equal(candidates, registered) || dir != cobra.ShellCompDirectiveNoFileComp {
				t.Errorf("completion offers %v (directive %d), want %v", candidates, dir, registered)
			}
			cmdArgs := append(strings.Fields(strings.TrimPrefix(path, "ivrsim")), formatProbeArgs(t, c)...)
			for _, word := range probes {
				code, _, errs := cli(t, append(slices.Clone(cmdArgs), "--format", word)...)
				refused := strings.Contains(errs, `--format "`+word+`"`)
				accepted := slices.Contains(candidates, word) || slices.Contains(aliases[path], word)
				switch {
				case accepted && refused:
					t.Errorf("completion offers --format %s, but the command refuses it: %s", word, errs)
				case !accepted && !refused:
					t.Errorf("--format %s is accepted (exit %d: %s), but completion does not offer it", word, code, errs)
				case refused && code != exitUsage:
					t.Errorf("--format %s: exit %d, want %d", word, code, exitUsage)
				}
			}
		})
	}
}
