package main

import (
	"context"
	"errors"
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
	// streamed is set once stdinStream has handed r out: its bytes are
	// gone, so readInput must not take what is left for the whole input.
	streamed bool
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
	in := stdinOf(ctx)
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.streamed {
		return nil, errStdinTaken
	}
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

// stdinOf is the standard input of ctx's execution.
func stdinOf(ctx context.Context) *stdinInput {
	if in, _ := ctx.Value(stdinKey{}).(*stdinInput); in != nil {
		return in
	}
	return &stdinInput{r: stdin}
}

// errStdinTaken is a second reader of standard input once one has streamed
// it. Commands refuse two readers of "-" before reading (see oneStdin), so
// it is a bug when it shows.
var errStdinTaken = errors.New("standard input was read already by another input of this command")

// stdinStream hands out standard input itself, for a reader that streams
// it within limits of its own (call records, larger than what readInput
// keeps). It is handed out once, and not after readInput has read it.
func stdinStream(ctx context.Context) (io.Reader, error) {
	in := stdinOf(ctx)
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.read || in.streamed {
		return nil, errStdinTaken
	}
	in.streamed = true
	return in.r, nil
}

// oneStdin refuses inputs, each a role and a name, of which more than one
// is "-": standard input can be read once.
func oneStdin(inputs ...[2]string) error {
	first := ""
	for _, in := range inputs {
		if in[1] != "-" {
			continue
		}
		if first != "" {
			return usageErrorf("%s and %s both read standard input (-); give one of them as a file", first, in[0])
		}
		first = in[0]
	}
	return nil
}

// stdinName is how standard input is named in messages.
const stdinName = "<stdin>"

// quietHelp is what --quiet means, in every command: standard error keeps
// only what needs attention.
const quietHelp = "nothing on standard error but warnings and errors: no progress bars, no notes"
