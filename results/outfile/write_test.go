package outfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := Write(path, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("two")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "two" {
		t.Fatalf("content %q, want %q", b, "two")
	}
	if err := Write(dir, []byte("x")); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Fatalf("writing over a directory: err = %v", err)
	}
	if err := Write(filepath.Join(dir, "missing", "x.json"), []byte("x")); err == nil {
		t.Fatal("writing into a missing directory succeeded")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

// TestWriteFileAtomicDevice: writing to a device writes to it, and leaves
// it a device.
func TestWriteFileAtomicDevice(t *testing.T) {
	if err := Write(os.DevNull, []byte("discarded")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().IsRegular() {
		t.Fatalf("%s became a regular file", os.DevNull)
	}
}

// TestWriteAtomicRules: a missing folder is the user's mistake (exit 2);
// a new file gets 0666 less the umask; a replaced file keeps its mode.
func TestWriteAtomicRules(t *testing.T) {
	dir := t.TempDir()
	err := Write(filepath.Join(dir, "no", "x.json"), []byte("x"))
	if !errors.As(err, new(*Refusal)) || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("missing folder: %T %v, want a Refusal (exit 2)", err, err)
	}
	path := filepath.Join(dir, "new.json")
	if err := Write(path, []byte("x")); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	if want := 0o666 &^ CurrentUmask(); fi.Mode().Perm() != want {
		t.Errorf("new file mode %v, want %v", fi.Mode().Perm(), want)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("y")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("replaced file mode %v, want 0600", fi.Mode().Perm())
	}
}

// TestWriteFilesAtomicAllOrNone: when one file cannot be written, none
// is.
func TestWriteFilesAtomicAllOrNone(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.json")
	err := WriteAll([]File{
		{Path: a, Data: []byte("a")},
		{Path: filepath.Join(dir, "b.json"), Fill: func(io.Writer) error { return errors.New("disk full") }},
	})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("files left: %v", entries)
	}
}
