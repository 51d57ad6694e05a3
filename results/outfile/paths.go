package outfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Refusal is an output path that cannot be used, the user's mistake:
// commands report it with the exit code of a usage error, before any work.
type Refusal struct{ Err error }

func (r *Refusal) Error() string { return r.Err.Error() }
func (r *Refusal) Unwrap() error { return r.Err }

func refusef(format string, args ...any) error {
	return &Refusal{Err: fmt.Errorf(format, args...)}
}

// This file checks, before a command does any work, every path it will
// write: an output must not be one of the command's inputs (the scenario,
// a flow file, the call records) nor another output, must not be a
// directory, and its folder must exist and take new files. A mistake is
// reported at once (a Refusal: exit 2 from the command), naming both paths, so a long run never
// ends by failing to write, and no output silently replaces an input.

// namedPath is a path with what it is for: a flag ("--out") or a role
// ("the scenario").
type namedPath struct{ name, path string }

// Paths collects a command's inputs and outputs, to check them before any
// work.
type Paths struct {
	inputs  []namedPath
	outputs []namedPath
}

// Input records an input path. "-" (standard input) and names that are no
// file (a built-in scenario) are ignored by the check.
func (p *Paths) Input(name, path string) *Paths {
	if path != "" && path != "-" {
		p.inputs = append(p.inputs, namedPath{name, path})
	}
	return p
}

// Output records an output path given with flag; "" (not asked for) and
// "-" (standard output) are ignored.
func (p *Paths) Output(flag, path string) *Paths {
	if path != "" && path != "-" {
		p.outputs = append(p.outputs, namedPath{flag, path})
	}
	return p
}

// Check refuses (a *Refusal) outputs that would replace an input or each
// other, that name a directory, a dangling symbolic link, a bare format
// word, or a file in a folder that does not exist or takes no new files.
func (p *Paths) Check() error { return checkOutputs(p.inputs, p.outputs) }

// formatWords are values of --format (and file kinds) that, given as a bare
// output file name, are almost certainly a format asked for with the wrong
// flag.
var formatWords = []string{"json", "csv", "table", "html", "yaml", "jsonl", "cdr", "xml", "md", "text", "txt"}

// checkOutputs refuses, with exit 2, outputs that would replace an input
// or each other, that name a directory, a dangling symbolic link, a bare
// format word, or a file in a folder that does not exist or takes no new
// files.
func checkOutputs(inputs, outputs []namedPath) error {
	type seen struct {
		namedPath
		real string
		fi   fs.FileInfo
	}
	var prev []seen
	var ins []seen
	for _, in := range inputs {
		fi, err := os.Stat(in.path)
		if err != nil {
			continue // a built-in name, or a missing file the command reports itself
		}
		ins = append(ins, seen{in, RealPath(in.path), fi})
	}
	for _, o := range outputs {
		if slices.Contains(formatWords, strings.ToLower(o.path)) {
			if _, err := os.Lstat(o.path); err != nil {
				formatFlag := "--format"
				if o.name == "--trace" {
					formatFlag = "--trace-format"
				}
				return refusef("%s %s would write a file called %q; to choose the output format use %s %s, and name the file with an extension, such as %s results.%s",
					o.name, o.path, o.path, formatFlag, strings.ToLower(o.path), o.name, strings.ToLower(o.path))
			}
		}
		real := RealPath(o.path)
		lfi, lerr := os.Lstat(o.path)
		fi, err := os.Stat(o.path)
		switch {
		case err == nil && fi.IsDir():
			return refusef("%s %s: it is a directory; name a file in it", o.name, o.path)
		case lerr == nil && lfi.Mode()&fs.ModeSymlink != 0 && err != nil:
			return refusef("%s %s is a symbolic link to nothing (%v); remove it or name another file", o.name, o.path, TrimPathError(err))
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return refusef("%s %s: %v", o.name, o.path, TrimPathError(err))
		}
		for _, in := range ins {
			if real == in.real || (err == nil && os.SameFile(fi, in.fi)) {
				return refusef("%s %s is the same file as %s %s: writing it would destroy the input; nothing was written. Name another output file", o.name, o.path, in.name, in.path)
			}
		}
		for _, q := range prev {
			if real == q.real || (err == nil && q.fi != nil && os.SameFile(fi, q.fi)) {
				return refusef("%s %s and %s %s both name the same file: one output would be lost; give each its own file", q.name, q.path, o.name, o.path)
			}
		}
		var sfi fs.FileInfo
		if err == nil {
			sfi = fi
		}
		prev = append(prev, seen{o, real, sfi})
		if err == nil && !fi.Mode().IsRegular() {
			continue // a device or pipe, written directly
		}
		if err := checkWritableFolder(filepath.Dir(o.path)); err != nil {
			return refusef("%s %s: %v", o.name, o.path, err)
		}
	}
	return nil
}

// checkWritableFolder checks that dir exists and a file can be created in
// it, by creating and removing one: permission bits alone do not say (a
// read-only mount, /proc, root's privileges).
func checkWritableFolder(dir string) error {
	if err := checkFolder(dir); err != nil {
		var r *Refusal
		if errors.As(err, &r) {
			return r.Err
		}
		return err
	}
	f, err := os.CreateTemp(dir, ".ivrsim-write-check-*")
	if err != nil {
		return fmt.Errorf("cannot create files in the folder %s (%v); name a file in a folder you can write", dir, TrimPathError(err))
	}
	name := f.Name()
	_ = f.Close() // an empty probe file: nothing to lose
	_ = os.Remove(name)
	return nil
}

// RealPath is path made absolute and clean, with symbolic links resolved
// as far as they exist, so two spellings of one file compare equal.
func RealPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = filepath.Clean(path)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	if r, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(r, filepath.Base(abs))
	}
	return abs
}

// TrimPathError is err without the path and operation an *fs.PathError
// adds, for messages that name the path themselves.
func TrimPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Format decides a command's output format: --format when it was
// given, else the extension of the output file when it is one of allowed
// (.json, .csv, .html), else the default.
func Format(format string, given bool, out string, allowed []string) (string, error) {
	if !given && out != "" && out != "-" {
		ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
		if ext == "htm" {
			ext = "html"
		}
		if ext != "" && slices.Contains(allowed, ext) {
			return ext, nil
		}
	}
	if !slices.Contains(allowed, format) {
		return "", refusef("--format %q: use %s", format, orList(allowed))
	}
	return format, nil
}

// orList writes a, b or c.
func orList(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}
