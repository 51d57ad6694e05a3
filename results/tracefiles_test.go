package results

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// headerTrace writes a header line, then the design of each record.
type headerTrace struct {
	w      io.Writer
	header bool
}

func (h *headerTrace) Write(r *ContactRecord) error {
	if !h.header {
		h.header = true
		if _, err := io.WriteString(h.w, "design\n"); err != nil {
			return err
		}
	}
	_, err := io.WriteString(h.w, r.Design+"\n")
	return err
}

func (h *headerTrace) Flush() error { return nil }

// TestTraceFiles: parts written in any order, at once, are joined by
// design then replication, with one header; Cleanup leaves nothing.
func TestTraceFiles(t *testing.T) {
	dir := t.TempDir()
	tf := NewTraceFiles(filepath.Join(dir, "trace.csv"), func(w io.Writer) TraceWriter { return &headerTrace{w: w} }, true)
	var wg sync.WaitGroup
	for _, k := range [][2]int{{1, 1}, {0, 1}, {1, 0}, {0, 0}} {
		wg.Go(func() {
			record, closeFn, err := tf.Tracer(k[0], k[1])
			if err != nil {
				t.Error(err)
				return
			}
			name := string(rune('a'+k[0])) + string(rune('0'+k[1]))
			record(&ContactRecord{Design: name})
			record(&ContactRecord{Design: name})
			if err := closeFn(); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	var out bytes.Buffer
	if err := tf.Join(&out); err != nil {
		t.Fatal(err)
	}
	if want := "design\na0\na0\na1\na1\nb0\nb0\nb1\nb1\n"; out.String() != want {
		t.Errorf("joined %q, want %q", out.String(), want)
	}
	tf.Cleanup()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestJSONLinesTraceWriter(t *testing.T) {
	var b bytes.Buffer
	w := NewJSONLinesTraceWriter(&b)
	for _, d := range []string{"a", "c"} {
		if err := w.Write(&ContactRecord{Design: d, Arrival: NaN}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], `{"design":"a",`) || !strings.Contains(lines[1], `"arrival":null`) {
		t.Errorf("wrote %q", b.String())
	}
}
