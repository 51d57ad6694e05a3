package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/results/outfile"
	"github.com/ivrsim/ivrsim/scenarios/cdr"
	"github.com/ivrsim/ivrsim/sim"
)

// traceFiles collects --trace output. Replications run in parallel, so
// each writes its own temporary file; commit joins them in order (design,
// then replication) into the trace file, atomically, so the trace does not
// depend on the number of workers and an interrupted run leaves nothing.
type traceFiles struct {
	path   string
	format string    // "jsonl" or "cdr"
	day1   time.Time // the date of day 1, for CDR date-times
	dir    string
	mu     sync.Mutex
	parts  map[[2]int]string
}

// traceFormats are the --trace-format values.
var traceFormats = []string{"jsonl", "cdr"}

// defaultTraceDay1 dates day 1 in a CDR trace when the scenario has no
// horizon.start: a Monday.
var defaultTraceDay1 = time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)

func newTraceFiles(path, format string, day1 time.Time) *traceFiles {
	if path == "" {
		return nil
	}
	return &traceFiles{path: path, format: format, day1: day1, parts: map[[2]int]string{}}
}

// tracer returns the sim.Options.Trace hook, or nil when not tracing.
func (t *traceFiles) tracer(_ []*sim.Plan) func(d, rep int) (func(*results.ContactRecord), func() error, error) {
	if t == nil {
		return nil
	}
	return func(d, rep int) (func(*results.ContactRecord), func() error, error) {
		f, err := t.create(d, rep)
		if err != nil {
			return nil, nil, err
		}
		w := bufio.NewWriterSize(f, 1<<16)
		var werr error
		var record func(r *results.ContactRecord)
		flushRows := func() error { return nil }
		if t.format == "cdr" {
			cw := cdr.NewWriter(w, t.day1)
			record = func(r *results.ContactRecord) {
				if werr == nil {
					werr = cw.Write(r)
				}
			}
			flushRows = cw.Flush
		} else {
			enc := results.NewJSONLinesEncoder(w)
			record = func(r *results.ContactRecord) {
				if werr == nil {
					werr = enc.Encode(r)
				}
			}
		}
		closeFn := func() error {
			err := werr
			if ferr := flushRows(); err == nil {
				err = ferr
			}
			if ferr := w.Flush(); err == nil {
				err = ferr
			}
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return fmt.Errorf("writing the trace: %w", err)
			}
			return nil
		}
		return record, closeFn, nil
	}
}

func (t *traceFiles) create(d, rep int) (*os.File, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.dir == "" {
		dir, err := os.MkdirTemp(filepath.Dir(t.path), "."+filepath.Base(t.path)+".parts-*")
		if err != nil {
			return nil, fmt.Errorf("cannot write the trace next to %s: %w", t.path, err)
		}
		t.dir = dir
	}
	name := filepath.Join(t.dir, fmt.Sprintf("%d-%d.jsonl", d, rep))
	f, err := os.Create(name)
	if err != nil {
		return nil, fmt.Errorf("cannot write the trace: %w", err)
	}
	t.parts[[2]int{d, rep}] = name
	return f, nil
}

// pending is the trace file as an output to write with the others: the
// parts joined in order.
func (t *traceFiles) pending() []outfile.File {
	if t == nil {
		return nil
	}
	return []outfile.File{{Path: t.path, Fill: t.join}}
}

// join writes the parts, in order, to w.
func (t *traceFiles) join(w io.Writer) error {
	keys := make([][2]int, 0, len(t.parts))
	for k := range t.parts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]int) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return a[1] - b[1]
	})
	for i, k := range keys {
		f, err := os.Open(t.parts[k])
		if err != nil {
			return err
		}
		r := bufio.NewReader(f)
		// Every CDR part starts with the header; keep the first.
		if t.format == "cdr" && i > 0 {
			if _, err := r.ReadString('\n'); err != nil && err != io.EOF {
				_ = f.Close() // read only: nothing to lose
				return err
			}
		}
		_, err = io.Copy(w, r)
		_ = f.Close() // read only: nothing to lose
		if err != nil {
			return err
		}
	}
	return nil
}

// cleanup removes the parts, whatever happened.
func (t *traceFiles) cleanup() {
	if t != nil && t.dir != "" {
		_ = os.RemoveAll(t.dir) // best effort: nothing of it is the user's
	}
}
