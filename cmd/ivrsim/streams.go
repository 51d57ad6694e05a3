package main

import (
	"io"
	"os"
)

// streams are where a command reads and writes. Commands never touch
// os.Stdout or os.Stderr directly, so the whole CLI runs inside tests.
type streams struct {
	Out io.Writer // data: tables, JSON, CSV
	Err io.Writer // progress, warnings and errors
	// ErrIsTerminal reports whether Err is an interactive terminal, which
	// decides whether progress bars are drawn.
	ErrIsTerminal bool
}

func newStdStreams() streams {
	return streams{Out: os.Stdout, Err: os.Stderr, ErrIsTerminal: isTerminal(os.Stderr)}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	return fi.Mode()&os.ModeCharDevice != 0
}

// checkedWriter remembers the first error a write returned, so that a
// command that ignores it (fmt.Fprintf) still fails.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err != nil {
		c.err = err
	}
	return n, err
}
