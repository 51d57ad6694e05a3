package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/ivrsim/ivrsim/results"
)

// writeAtomic writes path through a temporary file in the same directory
// and a rename, so readers never see half a file and a failed or
// interrupted write leaves nothing behind.
//
// A path that exists and is not a regular file (/dev/null, a named pipe,
// /dev/stdout) is written directly: renaming over it would replace it.
func writeAtomic(path string, fill func(io.Writer) error) error {
	fail := func(err error) error { return fmt.Errorf("cannot write %s: %w", path, err) }
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		if fi.IsDir() {
			return fmt.Errorf("cannot write %s: it is a directory", path)
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fail(err)
		}
		werr := fill(f)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return fail(werr)
		}
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fail(err)
	}
	name := tmp.Name()
	werr := fill(tmp)
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(name, 0o644)
	}
	if werr == nil {
		werr = os.Rename(name, path)
	}
	if werr != nil {
		os.Remove(name)
		return fail(werr)
	}
	return nil
}

// writeFileAtomic writes data to path atomically (see writeAtomic).
func writeFileAtomic(path string, data []byte) error {
	return writeAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// marshalJSON writes v as indented JSON with a final newline.
func marshalJSON(v any) ([]byte, error) { return results.MarshalJSON(v) }

// pendingFile is an output waiting to be written.
type pendingFile struct {
	path string
	data []byte
}

// writeFilesAtomic writes every file or none: each regular file goes to a
// temporary file beside it first (its directory created if need be), and
// only when all are written are they renamed into place. Special files
// (/dev/stdout, a pipe) cannot be replaced and are written directly,
// before the renames.
func writeFilesAtomic(files []pendingFile) error {
	type staged struct{ tmp, path string }
	var done []staged
	cleanup := func() {
		for _, s := range done {
			os.Remove(s.tmp)
		}
	}
	var direct []pendingFile
	for _, f := range files {
		if fi, err := os.Stat(f.path); err == nil && !fi.Mode().IsRegular() {
			direct = append(direct, f)
			continue
		}
		fail := func(err error) error {
			cleanup()
			return fmt.Errorf("cannot write %s: %w", f.path, err)
		}
		if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
			return fail(err)
		}
		tmp, err := os.CreateTemp(filepath.Dir(f.path), "."+filepath.Base(f.path)+".tmp-*")
		if err != nil {
			return fail(err)
		}
		done = append(done, staged{tmp.Name(), f.path})
		_, werr := tmp.Write(f.data)
		if cerr := tmp.Close(); werr == nil {
			werr = cerr
		}
		if werr == nil {
			werr = os.Chmod(tmp.Name(), 0o644)
		}
		if werr != nil {
			return fail(werr)
		}
	}
	for _, f := range direct {
		if err := writeFileAtomic(f.path, f.data); err != nil {
			cleanup()
			return err
		}
	}
	for i, s := range done {
		if err := os.Rename(s.tmp, s.path); err != nil {
			for _, r := range done[i:] {
				os.Remove(r.tmp)
			}
			return fmt.Errorf("cannot write %s: %w", s.path, err)
		}
	}
	return nil
}
