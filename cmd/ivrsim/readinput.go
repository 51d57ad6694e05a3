package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/ivrsim/ivrsim/results/outfile"
)

// MaxResultsSize bounds a results file read by merge, report and check
// --baseline: far above the result of any run that fits one machine's
// output, and small enough that decoding it cannot exhaust memory.
const MaxResultsSize = 128 << 20

// readResultsFile reads a JSON results file, or standard input for "-",
// within MaxResultsSize. Its problems are the user's (exit 2) and name the
// file.
func readResultsFile(ctx context.Context, path string) ([]byte, error) {
	data, err := readInput(ctx, path, MaxResultsSize, "a results file")
	if err != nil {
		return nil, usageErrorf("%s: cannot read: %v", path, outfile.TrimPathError(err))
	}
	return data, nil
}

// decodeStrictJSON decodes one JSON value into v, refusing unknown fields
// and anything after the value but white space.
func decodeStrictJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("data after the end of the JSON value at byte %d; the file holds one result", dec.InputOffset())
	}
	return nil
}
