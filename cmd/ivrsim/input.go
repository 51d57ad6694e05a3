package main

import (
	"context"
	"io"
	"os"
	"sync"

	"github.com/ivrsim/ivrsim/scenarios"
)

// stdin is what a file named "-" reads. Tests replace it.
var stdin io.Reader = os.Stdin

// maxInput bounds what is read from standard input: far above any
// scenario or result, far below what would exhaust memory.
const maxInput = 512 << 20

// stdinInput keeps standard input once read, so every reader of "-" in one
// command sees the same bytes (staff reads its scenario twice). Each
// execution has its own, carried by its context: commands that run side by
// side in one process (tests, serve beside load) share nothing.
type stdinInput struct {
	mu   sync.Mutex
	r    io.Reader
	data []byte
	read bool
}

type stdinKey struct{}

// withStdinInput gives ctx a fresh standard input reading r.
func withStdinInput(ctx context.Context, r io.Reader) context.Context {
	return context.WithValue(ctx, stdinKey{}, &stdinInput{r: r})
}

// readInput reads the file name, or standard input for "-", the way every
// command that reads a file does: special files refused, and never more
// than limit bytes (what names the input in the error).
func readInput(ctx context.Context, name string, limit int64, what string) ([]byte, error) {
	if name != "-" {
		return scenarios.ReadFileLimit(name, limit, what)
	}
	in, _ := ctx.Value(stdinKey{}).(*stdinInput)
	if in == nil {
		in = &stdinInput{r: stdin}
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if !in.read {
		data, err := scenarios.ReadLimit(in.r, min(limit, maxInput), what)
		if err != nil {
			return nil, err
		}
		in.data, in.read = data, true
	}
	if int64(len(in.data)) > limit {
		return nil, &scenarios.LimitError{What: what, Limit: limit}
	}
	return in.data, nil
}

// stdinName is how standard input is named in messages.
const stdinName = "<stdin>"

// quietHelp is what --quiet means, in every command: standard error keeps
// only what needs attention.
const quietHelp = "nothing on standard error but warnings and errors: no progress bars, no notes"
