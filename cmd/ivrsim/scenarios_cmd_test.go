package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/scenarios"
)

func builtinNames() []string { return scenarios.BuiltinNames() }

func TestScenariosList(t *testing.T) {
	for _, args := range [][]string{{"scenarios"}, {"scenarios", "list"}} {
		code, out, errOut := ivrsim(t, args...)
		if code != exitOK || errOut != "" {
			t.Fatalf("ivrsim %s: exit %d: %s", strings.Join(args, " "), code, errOut)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		names := builtinNames()
		if len(lines) != len(names) {
			t.Fatalf("%d lines for %d built-ins:\n%s", len(lines), len(names), out)
		}
		// Descriptions start in one column, after the longest name.
		width := 0
		for _, n := range names {
			width = max(width, len(n))
		}
		for i, line := range lines {
			if !strings.HasPrefix(line, names[i]+" ") {
				t.Errorf("line %q does not start with %q", line, names[i])
			}
			if len(line) > width+2 && line[width+1] != ' ' || len(line) > width+2 && line[width+2] == ' ' {
				t.Errorf("line %q: description not aligned at column %d", line, width+3)
			}
		}
	}
}

func TestScenariosShow(t *testing.T) {
	for _, name := range builtinNames() {
		files, err := scenarios.BuiltinFiles(name)
		if err != nil {
			t.Fatal(err)
		}
		code, out, errOut := ivrsim(t, "scenarios", "show", name)
		if code != exitOK || errOut != "" {
			t.Fatalf("%s: exit %d: %s", name, code, errOut)
		}
		if !strings.HasPrefix(out, string(files[name+".yaml"])) {
			t.Errorf("%s: output does not start with the scenario", name)
		}
		for _, p := range scenarios.SortedPaths(files)[1:] {
			if !strings.Contains(out, "\n# --- file: "+p+"\n"+string(files[p])) {
				t.Errorf("%s: flow file %s not shown under its header", name, p)
			}
		}
	}
}

func TestScenariosUnknown(t *testing.T) {
	for _, args := range [][]string{{"scenarios", "show", "nope"}, {"scenarios", "copy", "nope", t.TempDir()}} {
		code, out, errOut := ivrsim(t, args...)
		if code != exitUsage || out != "" {
			t.Errorf("ivrsim %s: exit %d, stdout %q", strings.Join(args, " "), code, out)
		}
		if !strings.Contains(errOut, `no built-in scenario "nope"; the built-ins are `+strings.Join(builtinNames(), ", ")) {
			t.Errorf("stderr %q", errOut)
		}
	}
	for _, args := range [][]string{{"scenarios", "show"}, {"scenarios", "copy", "bank"}, {"scenarios", "list", "x"}, {"scenarios", "x"}} {
		if code, _, _ := ivrsim(t, args...); code != exitUsage {
			t.Errorf("ivrsim %s: exit %d", strings.Join(args, " "), code)
		}
	}
}

// TestScenariosCopy copies every built-in out, validates the copy where it
// lies, and checks existing files are only overwritten with --force.
func TestScenariosCopy(t *testing.T) {
	for _, name := range builtinNames() {
		dir := filepath.Join(t.TempDir(), "new", "dir")
		code, out, errOut := ivrsim(t, "scenarios", "copy", name, dir)
		if code != exitOK || errOut != "" {
			t.Fatalf("%s: exit %d: %s", name, code, errOut)
		}
		main := filepath.Join(dir, name+".yaml")
		if !strings.Contains(out, "wrote "+main+"\n") || !strings.Contains(out, "ivrsim run "+main) {
			t.Errorf("%s: stdout %q", name, out)
		}
		files, _ := scenarios.BuiltinFiles(name)
		for p, want := range files {
			got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
			if err != nil || string(got) != string(want) {
				t.Errorf("%s: %s not copied: %v", name, p, err)
			}
		}
		if code, _, errOut := ivrsim(t, "validate", main); code != exitOK {
			t.Errorf("%s: the copy does not validate: %s", name, errOut)
		}

		// Again: refused, and nothing changed.
		if err := os.WriteFile(main, []byte("# mine\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, errOut = ivrsim(t, "scenarios", "copy", name, dir)
		if code != exitUsage || !strings.Contains(errOut, "already exists; nothing was written") || !strings.Contains(errOut, "--force") {
			t.Errorf("%s: second copy: exit %d: %s", name, code, errOut)
		}
		if got, _ := os.ReadFile(main); string(got) != "# mine\n" {
			t.Errorf("%s: an existing file was overwritten", name)
		}
		if code, _, errOut := ivrsim(t, "scenarios", "copy", name, dir, "--force"); code != exitOK {
			t.Errorf("%s: copy --force: exit %d: %s", name, code, errOut)
		}
		if got, _ := os.ReadFile(main); string(got) != string(files[name+".yaml"]) {
			t.Errorf("%s: --force did not overwrite", name)
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.Contains(e.Name(), ".tmp-") {
				t.Errorf("%s: temporary file %s left behind", name, e.Name())
			}
		}
	}
}
