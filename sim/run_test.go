package sim

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
)

func runJSON(t *testing.T, sc *scenarios.Scenario, workers int) []byte {
	t.Helper()
	var plans []*Plan
	for _, d := range DesignNames(sc) {
		p, err := Compile(sc, d)
		if err != nil {
			t.Fatal(err)
		}
		plans = append(plans, p)
	}
	rs, err := Run(context.Background(), plans, Options{Seed: 42, Replications: Reps(6), Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	b, err := results.WriteJSON(rs.Document())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestWorkersDoNotChangeResults: the same seed gives byte-identical JSON
// whether replications run one at a time or four at once.
func TestWorkersDoNotChangeResults(t *testing.T) {
	for _, name := range scenarios.BuiltinNames() {
		t.Run(name, func(t *testing.T) {
			sc, err := scenarios.LoadBuiltin(name, []string{"horizon.days=1"})
			if err != nil {
				t.Fatal(err)
			}
			one := runJSON(t, sc, 1)
			four := runJSON(t, sc, 4)
			if !bytes.Equal(one, four) {
				t.Fatalf("workers=1 and workers=4 differ:\n%s\n---\n%s", one, four)
			}
		})
	}
}

// TestCancel: a cancelled context stops a run with the context's error.
func TestCancel(t *testing.T) {
	sc, err := scenarios.LoadBuiltin("erlang-a", nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Compile(sc, DirectDesign)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, []*Plan{p}, Options{Seed: 1, Replications: Reps(3)}); err != context.Canceled {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// TestReplicationPanicIsAnError: a panic inside a replication's goroutine
// comes back from Run as an *InternalError instead of ending the process.
func TestReplicationPanicIsAnError(t *testing.T) {
	sc, err := scenarios.LoadBuiltin("erlang-a", []string{"horizon.days=1"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := Compile(sc, DesignNames(sc)[0])
	if err != nil {
		t.Fatal(err)
	}
	_, err = Run(context.Background(), []*Plan{p}, Options{Seed: 1, Replications: Reps(2), Workers: 1,
		Trace: func(int, int) (func(*results.ContactRecord), func() error, error) { panic("boom") }})
	var ie *InternalError
	if !errors.As(err, &ie) || ie.Value != "boom" || !strings.Contains(err.Error(), "internal error") {
		t.Fatalf("err = %v", err)
	}
}
