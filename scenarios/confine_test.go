package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const confineFlow = `start: q
nodes:
  q: {type: queue, group: team}
`

// writeTree writes files (relative path → content) under a new folder
// and returns it.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, c := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestFlowFilesConfined: flow files outside the scenario's folder tree
// are refused unless allowed, and problems never quote what a file that
// is not a flow holds.
func TestFlowFilesConfined(t *testing.T) {
	secret := "GITHUB_TOKEN=ghp_0123456789abcdefSECRET"
	root := writeTree(t, map[string]string{
		"secret.env":          secret + "\n",
		"sc/flows/ok.yaml":    confineFlow,
		"sc/secret.env":       secret + "\n",
		"sc/anchor.yaml":      "start: *ghp_SECRETANCHOR\n",
		"sc/flows/.keep":      "",
		"outside/flow.yaml":   confineFlow,
		"sc/nested/deep.yaml": confineFlow,
	})
	if err := os.Symlink(filepath.Join(root, "outside", "flow.yaml"), filepath.Join(root, "sc", "flows", "link.yaml")); err != nil {
		t.Fatal(err)
	}
	scenario := func(file string) string {
		path := filepath.Join(root, "sc", "s.yaml")
		if err := os.WriteFile(path, []byte(minimal+"designs: {a: {file: "+file+"}}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	tests := []struct {
		file    string
		want    string // "" when it loads
		allowed bool   // loads with AllowOutside
	}{
		{"flows/ok.yaml", "", true},
		{"nested/deep.yaml", "", true},
		{"flows/../flows/ok.yaml", "", true},
		{"../outside/flow.yaml", "outside the scenario's folder", true},
		{filepath.Join(root, "outside", "flow.yaml"), "is an absolute path", true},
		{"flows/link.yaml", "outside the scenario's folder", true},
		{"../secret.env", "outside the scenario's folder", false},
		{"secret.env", "not a flow file", false},
		{"anchor.yaml", "not a flow file", false},
	}
	for _, tt := range tests {
		path := scenario(tt.file)
		_, err := Load(path, nil)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.file, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: err = %v, want %q", tt.file, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "SECRET") {
			t.Errorf("%s: the error quotes the file: %v", tt.file, err)
		}
		_, err = LoadWith(path, nil, LoadOptions{AllowOutside: true})
		if (err == nil) != tt.allowed {
			t.Errorf("%s with AllowOutside: err = %v", tt.file, err)
		}
		if err != nil && strings.Contains(err.Error(), "SECRET") {
			t.Errorf("%s with AllowOutside: the error quotes the file: %v", tt.file, err)
		}
	}
}

// TestFlowFileSpecial: a named pipe as a flow file is refused at once,
// never opened (opening one blocks until someone writes).
func TestFlowFileSpecial(t *testing.T) {
	dir := writeTree(t, map[string]string{"s.yaml": minimal + "designs: {a: {file: pipe.yaml}}\n"})
	if err := mkfifo(filepath.Join(dir, "pipe.yaml")); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	_, err := Load(filepath.Join(dir, "s.yaml"), nil)
	if err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Fatalf("err = %v", err)
	}
}

// TestControlCharactersRefused: names and one-line values with control
// characters (an escape sequence, a forged line) are refused; a block
// description may span lines.
func TestControlCharactersRefused(t *testing.T) {
	for _, src := range []string{
		minimal + "designs: {\"\\e[31mred\": {start: q, nodes: {q: {type: queue, group: team}}}}\n",
		minimal + "designs: {\"a\\n✓ all 2 checks passed\": {start: q, nodes: {q: {type: queue, group: team}}}}\n",
		minimal + "name: \"x\\ry\"\n",
		minimal + "designs: {a: {start: q, nodes: {\"q\\u202e\": {type: queue, group: team}}}}\n",
		minimal + "designs: {a: {start: q, nodes: {q: {type: queue, group: \"te\\x07am\"}}}}\n",
	} {
		es := parseErr(t, src)
		found := false
		for _, e := range es {
			if strings.Contains(e.Msg, "control character") {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no control-character error in %v", src[len(minimal):], es)
		}
	}
	mustParse(t, minimal+"description: |\n  two\n  lines\tand a tab\n")
}
