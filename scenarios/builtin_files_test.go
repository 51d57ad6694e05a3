package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckBuiltinName(t *testing.T) {
	if err := CheckBuiltinName(DefaultScenario); err != nil {
		t.Fatal(err)
	}
	err := CheckBuiltinName("nope")
	if err == nil || err.Error() != `no built-in scenario "nope"; the built-ins are `+strings.Join(BuiltinNames(), ", ") {
		t.Errorf("nope: %v", err)
	}
	file := filepath.Join(t.TempDir(), "mine.yaml")
	if err := os.WriteFile(file, []byte("name: mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CheckBuiltinName(file); err == nil || !strings.HasSuffix(err.Error(), "(to check a scenario file, use ivrsim validate "+file+")") {
		t.Errorf("a file: %v", err)
	}
}

func TestBuiltinDescription(t *testing.T) {
	for _, name := range BuiltinNames() {
		d := BuiltinDescription(name)
		if d == "" || strings.ContainsAny(d, "\n\t") || strings.Contains(d, "  ") {
			t.Errorf("%s: description %q is not one line", name, d)
		}
	}
	if d := BuiltinDescription("nope"); d != "" {
		t.Errorf("nope: %q", d)
	}
}

func TestListing(t *testing.T) {
	files := map[string][]byte{"s/b.yaml": []byte("b: 1"), "s.yaml": []byte("name: s\n"), "s/a.yaml": []byte("a: 1\n")}
	want := "name: s\n\n# --- file: s/a.yaml\na: 1\n\n# --- file: s/b.yaml\nb: 1\n"
	if got := string(Listing(files)); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestPrepareCopy: the files go under dir, the scenario first, folders
// made; a file that exists is refused unless forced, and nothing is
// written but folders.
func TestPrepareCopy(t *testing.T) {
	files := map[string][]byte{"s.yaml": []byte("name: s\n"), "s/flow.yaml": []byte("nodes: {}\n")}
	dir := filepath.Join(t.TempDir(), "new")
	copies, err := PrepareCopy(files, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(copies) != 2 || copies[0].Path != filepath.Join(dir, "s.yaml") || copies[1].Path != filepath.Join(dir, "s", "flow.yaml") || string(copies[1].Data) != "nodes: {}\n" {
		t.Fatalf("copies %+v", copies)
	}
	if fi, err := os.Stat(filepath.Join(dir, "s")); err != nil || !fi.IsDir() {
		t.Fatalf("the flow files' folder was not made: %v", err)
	}
	if _, err := os.Stat(copies[0].Path); err == nil {
		t.Fatal("a file was written")
	}
	for _, c := range copies {
		if err := os.WriteFile(c.Path, []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err = PrepareCopy(files, dir, false)
	if err == nil || !strings.HasPrefix(err.Error(), copies[0].Path+", "+copies[1].Path+" already exists; nothing was written") {
		t.Errorf("existing files: %v", err)
	}
	if _, err := PrepareCopy(files, dir, true); err != nil {
		t.Errorf("--force: %v", err)
	}
	if err := os.Remove(copies[0].Path); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(copies[0].Path, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := PrepareCopy(files, dir, true); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("a folder in the way: %v", err)
	}
}
