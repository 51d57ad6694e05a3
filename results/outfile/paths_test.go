package outfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOutputPathChecks(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "s.yaml")
	if err := os.WriteFile(in, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(in, link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.yaml")
	if err := os.Link(in, hard); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "dangling")
	if err := os.Symlink(filepath.Join(dir, "nothing"), dangling); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	input := []namedPath{{"the scenario", in}}
	tests := []struct {
		name    string
		outputs []namedPath
		want    string // "" for no error
	}{
		{"fine", []namedPath{{"--out", filepath.Join(dir, "r.json")}}, ""},
		{"a device", []namedPath{{"--out", os.DevNull}}, ""},
		{"the input", []namedPath{{"--out", in}}, "is the same file as the scenario"},
		{"the input spelt otherwise", []namedPath{{"--out", filepath.Join(sub, "..", "s.yaml")}}, "is the same file as the scenario"},
		{"a symbolic link to the input", []namedPath{{"--out", link}}, "is the same file as the scenario"},
		{"a hard link to the input", []namedPath{{"--out", hard}}, "is the same file as the scenario"},
		{"two outputs", []namedPath{{"--out", filepath.Join(dir, "a")}, {"--report", filepath.Join(sub, "..", "a")}}, "--out " + filepath.Join(dir, "a") + " and --report"},
		{"a directory", []namedPath{{"--out", sub}}, "it is a directory"},
		{"a dangling link", []namedPath{{"--out", dangling}}, "symbolic link to nothing"},
		{"missing folder", []namedPath{{"--out", filepath.Join(dir, "no", "r.json")}}, "does not exist; create it first"},
		{"a file as folder", []namedPath{{"--out", filepath.Join(in, "r.json")}}, "s.yaml"},
		{"a format word", []namedPath{{"--out", "json"}}, "use --format json"},
	}
	for _, tt := range tests {
		err := checkOutputs(input, tt.outputs)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		case tt.want != "" && !errors.As(err, new(*Refusal)):
			t.Errorf("%s: %T is not a Refusal (exit 2)", tt.name, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 5 {
		t.Errorf("the checks left files behind: %v", entries)
	}
}

func TestCheckOutputsReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		// root writes anywhere a permission bit forbids; a folder no
		// one can write is /proc.
		if err := checkOutputs(nil, []namedPath{{"--junit", "/proc/x"}}); err == nil || !strings.Contains(err.Error(), "cannot create files in the folder /proc") {
			t.Fatalf("err = %v", err)
		}
		return
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = os.Chmod(dir, 0o755) }()
	if err := checkOutputs(nil, []namedPath{{"--out", filepath.Join(dir, "r.json")}}); err == nil || !strings.Contains(err.Error(), "cannot create files") {
		t.Fatalf("err = %v", err)
	}
}

func TestOutputFormat(t *testing.T) {
	all := []string{"table", "json", "csv"}
	tests := []struct {
		format string
		given  bool
		out    string
		want   string
	}{
		{"table", false, "", "table"},
		{"table", false, "r.json", "json"},
		{"table", false, "r.CSV", "csv"},
		{"table", false, "r.txt", "table"},
		{"table", false, "-", "table"},
		{"csv", true, "r.json", "csv"},
		{"xml", true, "r.json", ""},
	}
	for _, tt := range tests {
		got, err := Format(tt.format, tt.given, tt.out, all)
		if got != tt.want || (tt.want == "") != (err != nil) {
			t.Errorf("Format(%q, %v, %q) = %q, %v; want %q", tt.format, tt.given, tt.out, got, err, tt.want)
		}
	}
}
