package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The engine's event pattern in M/M/100+M: a few hundred pending events,
// each new one some exponential time ahead of now.
func BenchmarkHeapHoldPattern(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	var q overflowHeap
	var seq uint32
	for range 300 {
		seq++
		q.push(makeEvent(r.ExpFloat64()*60, seq, evStep, 0))
	}
	for b.Loop() {
		e := q.pop()
		seq++
		q.push(makeEvent(e.t+r.ExpFloat64()*60, seq, evStep, 0))
	}
}

func BenchmarkCalendarHoldPattern(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	q := newEventCalendar(calendarSize(300/120.0, 120))
	for range 300 {
		q.push(r.ExpFloat64()*60, evStep, 0)
	}
	for b.Loop() {
		e, _ := q.popBefore(math.Inf(1))
		q.push(e.t+r.ExpFloat64()*60, evStep, 0)
	}
}
