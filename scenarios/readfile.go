package scenarios

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// LimitError reports an input larger than its documented limit. What names
// the kind of input ("a scenario file", "a results file") and Limit is the
// limit in bytes. The input itself is never quoted.
type LimitError struct {
	What  string
	Limit int64
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("it is larger than %s: %s is at most %s (see Limits in the README)", FormatBytes(e.Limit), e.What, FormatBytes(e.Limit))
}

// SpecialFileError reports an input that is not a regular file: a
// directory, a named pipe, a device or a socket. Such files are refused
// before they are opened, since reading one can block forever (a pipe
// nobody writes to) or never end (/dev/zero).
type SpecialFileError struct{ Kind string }

func (e *SpecialFileError) Error() string {
	return fmt.Sprintf("it is %s, not a regular file; give the path of a file", e.Kind)
}

// OpenRegular opens path for reading after checking it is a regular file
// (following symbolic links). The file is opened without blocking, and
// checked again once open, so a file swapped for a pipe in between is
// refused too.
func OpenRegular(path string) (*os.File, fs.FileInfo, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if k := specialKind(fi); k != "" {
		return nil, nil, &SpecialFileError{Kind: k}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	fi, err = f.Stat()
	if err != nil {
		_ = f.Close() // read only: nothing to lose
		return nil, nil, err
	}
	if k := specialKind(fi); k != "" {
		_ = f.Close() // read only: nothing to lose
		return nil, nil, &SpecialFileError{Kind: k}
	}
	return f, fi, nil
}

// specialKind names what a non-regular file is, or "" for a regular file.
func specialKind(fi fs.FileInfo) string {
	m := fi.Mode()
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	}
	return "a special file"
}

// ReadFileLimit reads the regular file at path, refusing special files
// (see OpenRegular) and files larger than limit bytes with a *LimitError
// naming what. It never reads more than limit+1 bytes, whatever the file
// claims its size is.
func ReadFileLimit(path string, limit int64, what string) ([]byte, error) {
	f, fi, err := OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }() // read only: nothing to lose
	if fi.Size() > limit {
		return nil, &LimitError{What: what, Limit: limit}
	}
	return ReadLimit(f, limit, what)
}

// ReadLimit reads r to its end, failing with a *LimitError once more than
// limit bytes have come.
func ReadLimit(r io.Reader, limit int64, what string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &LimitError{What: what, Limit: limit}
	}
	return data, nil
}

// IsInputProblem reports whether err, from OpenRegular or ReadFileLimit,
// is the user's to fix (a missing, special or oversized file, no
// permission) rather than a failing disk.
func IsInputProblem(err error) bool {
	var le *LimitError
	var se *SpecialFileError
	return errors.As(err, &le) || errors.As(err, &se) ||
		errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) ||
		errors.Is(err, syscall.ENOTDIR) || errors.Is(err, syscall.ENAMETOOLONG) || errors.Is(err, syscall.ELOOP)
}

// FormatBytes writes n bytes in binary units, such as 8 MiB.
func FormatBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d bytes", n)
	}
	units := []string{"KiB", "MiB", "GiB", "TiB"}
	v, i := float64(n)/unit, 0
	for v >= unit && i < len(units)-1 {
		v /= unit
		i++
	}
	if v == float64(int64(v)) {
		return fmt.Sprintf("%d %s", int64(v), units[i])
	}
	return fmt.Sprintf("%.1f %s", v, units[i])
}
