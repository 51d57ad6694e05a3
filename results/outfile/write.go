package outfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
)

// This file is the one way ivrsim writes files. Every output goes to a
// temporary file in the folder of its target, is synced to disk and then
// renamed over the target, so a reader never sees half a file and a
// failed, interrupted or disk-full write leaves nothing behind. Several
// outputs of one command land together or not at all.
//
// The rules, the same for every command:
//   - the target's folder must exist: it is never created (a typo in a
//     folder name would otherwise scatter outputs); the paths are checked
//     before any work by Paths.Check, and again here;
//   - a new file gets the permissions 0666 less the umask, as a file made
//     by the shell would; a file replaced keeps its permissions;
//   - a target that exists and is not a regular file (/dev/null, a named
//     pipe, /dev/stdout) is written directly: renaming over it would
//     replace it.

// File is an output waiting to be written: its bytes, or a function that
// writes them (for outputs too large to hold in memory).
type File struct {
	Path string
	Data []byte
	Fill func(io.Writer) error
}

func (p File) write(w io.Writer) error {
	if p.Fill != nil {
		return p.Fill(w)
	}
	_, err := w.Write(p.Data)
	return err
}

// Write writes data to path atomically (see WriteAll).
func Write(path string, data []byte) error {
	return WriteAll([]File{{Path: path, Data: data}})
}

// staged is a regular file written to its temporary file, waiting to be
// renamed into place.
type staged struct{ tmp, path string }

// WriteAll writes every file or none: each regular file goes to a
// temporary file beside it, synced, and only when all are written are they
// renamed into place. Special files cannot be replaced and are written
// directly, after every regular file is staged and before the renames.
func WriteAll(files []File) error {
	var done []staged
	cleanup := func() {
		for _, s := range done {
			_ = os.Remove(s.tmp) // best effort: the write has failed already
		}
	}
	var direct []File
	for _, f := range files {
		fi, err := os.Stat(f.Path)
		switch {
		case err == nil && fi.IsDir():
			cleanup()
			return refusef("cannot write %s: it is a directory; name a file in it", f.Path)
		case err == nil && !fi.Mode().IsRegular():
			direct = append(direct, f)
			continue
		}
		s, err := stage(f)
		if err != nil {
			cleanup()
			return err
		}
		done = append(done, s)
	}
	for _, f := range direct {
		if err := writeDirect(f); err != nil {
			cleanup()
			return err
		}
	}
	for i, s := range done {
		if err := os.Rename(s.tmp, s.path); err != nil {
			for _, r := range done[i:] {
				_ = os.Remove(r.tmp) // best effort: the rename has failed already
			}
			return fmt.Errorf("cannot write %s: %w", s.path, err)
		}
		syncDir(filepath.Dir(s.path))
	}
	return nil
}

// stage writes f to a synced temporary file in its target's folder.
func stage(f File) (staged, error) {
	dir := filepath.Dir(f.Path)
	if err := checkFolder(dir); err != nil {
		return staged{}, fmt.Errorf("cannot write %s: %w", f.Path, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(f.Path)+".tmp-*")
	if err != nil {
		return staged{}, fmt.Errorf("cannot write %s: %w", f.Path, err)
	}
	s := staged{tmp: tmp.Name(), path: f.Path}
	werr := f.write(tmp)
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(s.tmp, newFileMode(f.Path))
	}
	if werr != nil {
		_ = os.Remove(s.tmp) // best effort: the write has failed already
		return staged{}, fmt.Errorf("cannot write %s: %w", f.Path, werr)
	}
	return s, nil
}

// writeDirect writes f to the special file it names.
func writeDirect(f File) error {
	out, err := os.OpenFile(f.Path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", f.Path, err)
	}
	werr := f.write(out)
	if cerr := out.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("cannot write %s: %w", f.Path, werr)
	}
	return nil
}

// checkFolder is the one rule for the folder an output goes to: it must
// exist and be a folder. A missing one is the user's mistake (exit 2).
func checkFolder(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return refusef("the folder %s does not exist; create it first (mkdir -p %s) or name a file in an existing folder", dir, dir)
	case err != nil:
		return &Refusal{Err: err}
	case !fi.IsDir():
		return refusef("%s is not a folder", dir)
	}
	return nil
}

// newFileMode is the permissions the file at path gets: its own when it
// exists, else 0666 less the umask.
func newFileMode(path string) fs.FileMode {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		return fi.Mode().Perm()
	}
	return 0o666 &^ CurrentUmask()
}

var (
	umaskOnce sync.Once
	umask     fs.FileMode
)

// CurrentUmask reads the process's umask once. Reading it means setting
// it, so it is done once, before any file is written.
func CurrentUmask() fs.FileMode {
	umaskOnce.Do(func() {
		old := syscall.Umask(0o022)
		syscall.Umask(old)
		umask = fs.FileMode(old)
	})
	return umask
}

// syncDir makes a rename in dir durable. It is best effort: some file
// systems cannot sync a folder, and the file itself is synced already.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
