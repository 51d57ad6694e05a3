package scenarios

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
)

// builtinFS holds the built-in scenarios: NAME.yaml at the top, and the
// flow files they refer to in NAME/.
//
//go:embed builtin
var builtinFS embed.FS

// DefaultScenario is what "ivrsim run" runs without an argument.
const DefaultScenario = "bank"

func builtinRoot() fs.FS {
	sub, err := fs.Sub(builtinFS, "builtin")
	if err != nil {
		panic(err)
	}
	return sub
}

// BuiltinNames lists the built-in scenarios.
func BuiltinNames() []string {
	entries, _ := fs.ReadDir(builtinRoot(), ".")
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && !e.IsDir() {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// IsBuiltin reports whether name is a built-in scenario.
func IsBuiltin(name string) bool {
	return slices.Contains(BuiltinNames(), name)
}

// LoadBuiltin loads a built-in scenario by name.
func LoadBuiltin(name string, sets []string) (*Scenario, error) {
	if !IsBuiltin(name) {
		return nil, fmt.Errorf("no built-in scenario %q (built-ins: %s)", name, strings.Join(BuiltinNames(), ", "))
	}
	return load(fsReader{builtinRoot()}, name+".yaml", ".", name+".yaml", sets)
}

// BuiltinFiles returns the files of built-in scenario name: its YAML and
// its flow files, by path relative to the scenario file.
func BuiltinFiles(name string) (map[string][]byte, error) {
	if !IsBuiltin(name) {
		return nil, fmt.Errorf("no built-in scenario %q (built-ins: %s)", name, strings.Join(BuiltinNames(), ", "))
	}
	root := builtinRoot()
	files := map[string][]byte{}
	data, err := fs.ReadFile(root, name+".yaml")
	if err != nil {
		return nil, err
	}
	files[name+".yaml"] = data
	err = fs.WalkDir(root, name, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(root, p)
		files[p] = b
		return err
	})
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	return files, nil
}

// SortedPaths returns the keys of files in order, the scenario first.
func SortedPaths(files map[string][]byte) []string {
	keys := make([]string, 0, len(files))
	for k := range files {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		da, db := strings.Count(a, "/"), strings.Count(b, "/")
		if da != db {
			return da - db
		}
		return strings.Compare(a, b)
	})
	return keys
}
