package main

import (
	"io"
	"os"

	"github.com/ivrsim/ivrsim/scenarios"
)

// stdin is what a file named "-" reads. Tests replace it.
var stdin io.Reader = os.Stdin

// maxInput bounds what is read from standard input: far above any
// scenario or result, far below what would exhaust memory.
const maxInput = 512 << 20

// stdinData keeps standard input once read, so every reader of "-" in one
// command sees the same bytes (staff reads its scenario twice).
var stdinData []byte

// resetInput forgets standard input read by an earlier command (tests run
// many in one process).
func resetInput() { stdinData = nil }

// readInput reads the file name, or standard input for "-", the way every
// command that reads a file does: special files refused, and never more
// than limit bytes (what names the input in the error).
func readInput(name string, limit int64, what string) ([]byte, error) {
	if name != "-" {
		return scenarios.ReadFileLimit(name, limit, what)
	}
	if stdinData == nil {
		data, err := scenarios.ReadLimit(stdin, min(limit, maxInput), what)
		if err != nil {
			return nil, err
		}
		stdinData = data
	}
	if int64(len(stdinData)) > limit {
		return nil, &scenarios.LimitError{What: what, Limit: limit}
	}
	return stdinData, nil
}

// stdinName is how standard input is named in messages.
const stdinName = "<stdin>"

// quietHelp is what --quiet means, in every command: standard error keeps
// only what needs attention.
const quietHelp = "nothing on standard error but warnings and errors: no progress bars, no notes"
