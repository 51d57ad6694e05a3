package results

import (
	"math"
	"testing"
)

// The two queue abandonment rates share a numerator and differ in who they
// count as having queued: everyone who joined, or only those who waited.
func TestQueueAbandonDenominators(t *testing.T) {
	c := &Counters{Queued: 100, WaitedOnJoin: 40, QueueAbandoned: 10}
	for _, tc := range []struct {
		name string
		want float64
	}{
		{"queue_abandon_rate", 0.10},
		{"waited_abandon_rate", 0.25},
		{"p_wait", 0.40},
	} {
		m, ok := LookupMetric(tc.name)
		if !ok {
			t.Fatalf("%s: no such metric", tc.name)
		}
		if got := m.value(c); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%s = %v, want %v", tc.name, got, tc.want)
		}
	}
	m, _ := LookupMetric("waited_abandon_rate")
	if got := m.value(&Counters{Queued: 5}); !math.IsNaN(got) {
		t.Errorf("waited_abandon_rate with nobody waiting = %v, want NaN", got)
	}
}
