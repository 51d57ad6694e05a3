package cdr

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
)

func TestDay1(t *testing.T) {
	sc, err := scenarios.LoadBuiltin("bank", nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := Day1(sc); !d.Equal(DefaultDay1) || d.Weekday() != time.Monday {
		t.Errorf("no horizon.start: %v", d)
	}
	sc, err = scenarios.LoadBuiltin("bank", []string{"horizon.start=2024-03-08"})
	if err != nil {
		t.Fatal(err)
	}
	if d := Day1(sc); d.Format(scenarios.DateLayout) != "2024-03-08" {
		t.Errorf("horizon.start 2024-03-08: %v", d)
	}
}

// TestNewTraceFiles: a CDR trace of two parts has one header.
func TestNewTraceFiles(t *testing.T) {
	sc, err := scenarios.LoadBuiltin("bank", nil)
	if err != nil {
		t.Fatal(err)
	}
	tf := NewTraceFiles(filepath.Join(t.TempDir(), "trace.csv"), sc)
	defer tf.Cleanup()
	for rep := range 2 {
		record, closeFn, err := tf.Tracer(0, rep)
		if err != nil {
			t.Fatal(err)
		}
		record(&results.ContactRecord{Design: "d", Rep: rep, Arrival: 60, Outcome: "abandoned", QueueStart: results.NaN, QueueEnd: results.NaN, SvcStart: results.NaN, SvcEnd: results.NaN})
		if err := closeFn(); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := tf.Join(&out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "arrival,") || !strings.HasPrefix(lines[1], "2001-01-01 00:01:00.000,") {
		t.Errorf("trace:\n%s", out.String())
	}
}
