package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestEventQueueOrder pushes and pops at random and checks every pop is the
// earliest pending event, ties broken by scheduling order.
func TestEventQueueOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var q eventQueue
	type key struct {
		t   float64
		seq uint32
	}
	var pending []key
	for i := 0; i < 20000; i++ {
		if len(pending) == 0 || r.IntN(3) > 0 {
			// Coarse times make ties common.
			tm := float64(r.IntN(50))
			q.push(tm, evStep, int32(i), 0)
			pending = append(pending, key{tm, q.seq})
			continue
		}
		e := q.popEvent()
		best := 0
		for j, k := range pending {
			if k.t < pending[best].t || (k.t == pending[best].t && k.seq < pending[best].seq) {
				best = j
			}
		}
		if e.t != pending[best].t || e.seq != pending[best].seq {
			t.Fatalf("pop %d: got (%g, %d), want (%g, %d)", i, e.t, e.seq, pending[best].t, pending[best].seq)
		}
		pending = append(pending[:best], pending[best+1:]...)
	}
}

// TestCalendarOrder does the same for the calendar queue, with times spread
// over many buckets and past the window, and pops bounded by a limit as
// the engine's loop does.
func TestCalendarOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	q := newCalendar(0.5)
	type key struct {
		t   float64
		seq uint32
	}
	var pending []key
	now := 0.0
	for i := 0; i < 30000; i++ {
		if len(pending) == 0 || r.IntN(2) == 0 {
			var tm float64
			switch r.IntN(4) {
			case 0:
				tm = now + float64(r.IntN(5)) // ties and same bucket
			case 1:
				tm = now + r.ExpFloat64()*3
			case 2:
				tm = now + r.ExpFloat64()*5000 // beyond the window
			default:
				tm = now
			}
			q.push(tm, evStep, int32(i), 0)
			pending = append(pending, key{tm, q.seq})
			continue
		}
		best := 0
		for j, k := range pending {
			if k.t < pending[best].t || (k.t == pending[best].t && k.seq < pending[best].seq) {
				best = j
			}
		}
		limit := math.Inf(1)
		if r.IntN(3) == 0 {
			limit = now + r.ExpFloat64()*2
		}
		e, ok := q.popBefore(limit)
		if want := pending[best].t < limit; ok != want {
			t.Fatalf("step %d: popBefore(%g) = %v, want %v (earliest %g)", i, limit, ok, want, pending[best].t)
		}
		if !ok {
			now = max(now, math.Min(limit, pending[best].t))
			continue
		}
		if e.t != pending[best].t || e.seq != pending[best].seq {
			t.Fatalf("step %d: got (%g, %d), want (%g, %d)", i, e.t, e.seq, pending[best].t, pending[best].seq)
		}
		now = e.t
		pending = append(pending[:best], pending[best+1:]...)
	}
	if q.len() != len(pending) {
		t.Fatalf("len %d, want %d", q.len(), len(pending))
	}
}
