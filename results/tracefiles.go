package results

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// TraceFormats are the formats a trace of contacts is written in: JSON
// lines (one ContactRecord a line), or call detail records as ivrsim fit
// reads them (written by package scenarios/cdr).
var TraceFormats = []string{"jsonl", "cdr"}

// TraceWriter writes the records of one part of a trace; Flush ends the
// part.
type TraceWriter interface {
	Write(r *ContactRecord) error
	Flush() error
}

// NewJSONLinesTraceWriter writes each record as a line of JSON.
func NewJSONLinesTraceWriter(w io.Writer) TraceWriter {
	return jsonLinesTrace{NewJSONLinesEncoder(w)}
}

type jsonLinesTrace struct{ enc *json.Encoder }

func (t jsonLinesTrace) Write(r *ContactRecord) error { return t.enc.Encode(r) }
func (t jsonLinesTrace) Flush() error                 { return nil }

// TraceFiles collects a trace. Replications run in parallel, so each
// writes its own part, a temporary file beside the trace; Join writes the
// parts in order (design, then replication), so the trace does not depend
// on the number of workers, and Cleanup removes them whatever happened, so
// an interrupted run leaves nothing.
type TraceFiles struct {
	path      string
	newWriter func(io.Writer) TraceWriter
	header    bool
	mu        sync.Mutex
	dir       string
	parts     map[[2]int]string
}

// NewTraceFiles collects the trace that will be written to path, each part
// written by a writer newWriter makes. With header, every part starts with
// a header line, and the trace keeps the first part's alone.
func NewTraceFiles(path string, newWriter func(io.Writer) TraceWriter, header bool) *TraceFiles {
	return &TraceFiles{path: path, newWriter: newWriter, header: header, parts: map[[2]int]string{}}
}

// Path is the trace's file.
func (t *TraceFiles) Path() string { return t.path }

// Tracer opens the part of replication rep of design d: the hook of the
// engine's run options. record takes the replication's contacts in order;
// close ends the part, and reports the first error in writing it.
func (t *TraceFiles) Tracer(d, rep int) (record func(*ContactRecord), close func() error, err error) {
	f, err := t.create(d, rep)
	if err != nil {
		return nil, nil, err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	tw := t.newWriter(w)
	var werr error
	record = func(r *ContactRecord) {
		if werr == nil {
			werr = tw.Write(r)
		}
	}
	close = func() error {
		err := werr
		if ferr := tw.Flush(); err == nil {
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
	return record, close, nil
}

func (t *TraceFiles) create(d, rep int) (*os.File, error) {
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

// Join writes the parts, in order, to w.
func (t *TraceFiles) Join(w io.Writer) error {
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
		if t.header && i > 0 {
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

// Cleanup removes the parts.
func (t *TraceFiles) Cleanup() {
	if t.dir != "" {
		_ = os.RemoveAll(t.dir) // best effort: nothing of it is the user's
	}
}
