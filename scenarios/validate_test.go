package scenarios

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/models/golden"
)

// setsOf reads the --set overrides a test file asks for, written as
// comment lines "# set: key.path=value" so each case is one self-contained
// file.
func setsOf(t *testing.T, file string) []string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var sets []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if s, ok := strings.CutPrefix(sc.Text(), "# set: "); ok {
			sets = append(sets, s)
		}
	}
	return sets
}

// TestBadScenarios loads every scenario under testdata/bad and compares
// every problem reported with the golden file next to it.
func TestBadScenarios(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 35 {
		t.Fatalf("only %d bad scenarios under testdata/bad", len(files))
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run(name, func(t *testing.T) {
			sc, err := Load(file, setsOf(t, file))
			if err == nil {
				t.Fatalf("loaded without error: %+v", sc)
			}
			if sc != nil {
				t.Error("a scenario was returned with the error")
			}
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("error is %T, not Errors: %v", err, err)
			}
			for _, e := range es {
				checkError(t, e)
			}
			golden.Check(t, strings.TrimSuffix(file, ".yaml")+".golden", []byte(err.Error()+"\n"))
		})
	}
}

// checkError holds every problem to the standard users rely on: a file, a
// line and column unless the problem is about a whole file or a --set,
// and a message that says what to do.
func checkError(t *testing.T, e *Error) {
	t.Helper()
	if e.Pos.File == "" {
		t.Errorf("%v: no file", e)
	}
	if filepath.IsAbs(e.Pos.File) {
		t.Errorf("%v: absolute path", e)
	}
	whole := strings.HasPrefix(e.Pos.File, "--set") || strings.Contains(e.Msg, "the file is") || strings.Contains(e.Msg, "cannot read") || strings.Contains(e.Msg, "more problems")
	if !whole && (e.Pos.Line <= 0 || e.Pos.Col <= 0) {
		t.Errorf("%v: no line and column", e)
	}
	if strings.Contains(e.Msg, "\n") {
		t.Errorf("%v: message spans lines", e)
	}
	if !strings.ContainsAny(e.Msg, ";:") {
		t.Errorf("%v: message does not say how to fix it", e)
	}
}

// TestGoodScenarios loads the valid examples under testdata/good.
func TestGoodScenarios(t *testing.T) {
	files, err := filepath.Glob("testdata/good/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			sc, err := Load(file, nil)
			if err != nil {
				t.Fatal(err)
			}
			if sc.File != file || sc.Name == "" || len(sc.Intents) == 0 || len(sc.Agents) == 0 {
				t.Errorf("incomplete scenario: file %q name %q", sc.File, sc.Name)
			}
		})
	}
}

// TestBuiltinsValidate loads every built-in scenario.
func TestBuiltinsValidate(t *testing.T) {
	for _, name := range BuiltinNames() {
		t.Run(name, func(t *testing.T) {
			if _, err := LoadBuiltin(name, nil); err != nil {
				t.Fatal(err)
			}
		})
	}
}
