package main

import (
	"errors"
	"fmt"
	"io"
	"os"
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
// command that reads a file does.
func readInput(name string) ([]byte, error) {
	if name != "-" {
		return os.ReadFile(name)
	}
	if stdinData != nil {
		return stdinData, nil
	}
	data, err := io.ReadAll(io.LimitReader(stdin, maxInput+1))
	if err != nil {
		return nil, fmt.Errorf("reading standard input: %w", err)
	}
	if len(data) > maxInput {
		return nil, errors.New("standard input is larger than 512 MiB; give a file instead")
	}
	stdinData = data
	return data, nil
}

// stdinName is how standard input is named in messages.
const stdinName = "<stdin>"

// quietHelp is what --quiet means, in every command: standard error keeps
// only what needs attention.
const quietHelp = "nothing on standard error but warnings and errors: no progress bars, no notes"
