package sim

import (
	"math/rand/v2"
	"testing"
)

// The engine's event pattern in M/M/100+M: a few hundred pending events,
// each new one some exponential time ahead of now.
func BenchmarkHeapHoldPattern(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	var q eventQueue
	for range 300 {
		q.push(r.ExpFloat64()*60, evStep, 0, 0)
	}
	for b.Loop() {
		e := q.popEvent()
		q.push(e.t+r.ExpFloat64()*60, evStep, 0, 0)
	}
}

func BenchmarkCalendarHoldPattern(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	q := newCalendar(0.15)
	for range 300 {
		q.push(r.ExpFloat64()*60, evStep, 0, 0)
	}
	for b.Loop() {
		e, _ := q.popBefore(1e300)
		q.push(e.t+r.ExpFloat64()*60, evStep, 0, 0)
	}
}
