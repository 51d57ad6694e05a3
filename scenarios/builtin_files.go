package scenarios

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// CheckBuiltinName refuses a name that is no built-in scenario, listing
// the built-ins; a name that is a file gets a pointer to ivrsim validate,
// which reads files.
func CheckBuiltinName(name string) error {
	if IsBuiltin(name) {
		return nil
	}
	msg := fmt.Sprintf("no built-in scenario %q; the built-ins are %s", name, strings.Join(BuiltinNames(), ", "))
	if _, err := os.Stat(name); err == nil {
		msg += " (to check a scenario file, use ivrsim validate " + name + ")"
	}
	return errors.New(msg)
}

// BuiltinDescription is the description of built-in name on one line, or
// "". It reads the description field alone, so a list of the built-ins is
// shown even while one is being edited into shape.
func BuiltinDescription(name string) string {
	files, err := BuiltinFiles(name)
	if err != nil {
		return ""
	}
	var head struct {
		Description string `yaml:"description"`
	}
	if err := yaml.Unmarshal(files[name+".yaml"], &head); err != nil {
		return ""
	}
	return strings.Join(strings.Fields(head.Description), " ")
}

// Listing is a scenario's files as one text: the scenario, then each flow
// file under a "# --- file: PATH" comment line, PATH relative to the
// scenario (the order of SortedPaths). Every file ends with a newline.
func Listing(files map[string][]byte) []byte {
	var b strings.Builder
	for i, p := range SortedPaths(files) {
		data := string(files[p])
		if i > 0 {
			fmt.Fprintf(&b, "\n# --- file: %s\n", p)
		}
		b.WriteString(data)
		if !strings.HasSuffix(data, "\n") {
			b.WriteString("\n")
		}
	}
	return []byte(b.String())
}

// CopyFile is a file of a scenario copied out: where it goes, and its
// bytes.
type CopyFile struct {
	Path string
	Data []byte
}

// PrepareCopy readies a scenario's files (BuiltinFiles) to be written into
// dir, the scenario first: it refuses to replace a file that exists unless
// force is set, naming every such file at once, and refuses a folder where
// a file goes; then it creates dir and the folders of the flow files, since
// dir names a folder to fill. Its errors are the user's to fix; nothing is
// written but folders.
func PrepareCopy(files map[string][]byte, dir string, force bool) ([]CopyFile, error) {
	var out []CopyFile
	var existing []string
	for _, p := range SortedPaths(files) {
		d := filepath.Join(dir, filepath.FromSlash(p))
		out = append(out, CopyFile{Path: d, Data: files[p]})
		switch fi, err := os.Stat(d); {
		case err == nil && fi.IsDir():
			return nil, fmt.Errorf("%s is a directory; copy into another directory", d)
		case err == nil:
			existing = append(existing, d)
		case !errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("cannot copy to %s: %v; copy into a folder you can write", d, trimPathError(err))
		}
	}
	if len(existing) > 0 && !force {
		return nil, fmt.Errorf("%s already exists; nothing was written. Copy into another directory, or give --force to overwrite", strings.Join(existing, ", "))
	}
	for _, f := range out {
		if err := os.MkdirAll(filepath.Dir(f.Path), 0o777); err != nil {
			// A file where a folder should be, or a folder not ours to
			// write.
			return nil, fmt.Errorf("cannot copy to %s: %v; copy into a folder you can write", f.Path, trimPathError(err))
		}
	}
	return out, nil
}
