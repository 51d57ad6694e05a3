package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

type pendingKey struct {
	t   float64
	seq uint32
}

// earliest is the index of the earliest pending event by (time, seq).
func earliest(pending []pendingKey) int {
	best := 0
	for j, k := range pending {
		if k.t < pending[best].t || (k.t == pending[best].t && k.seq < pending[best].seq) {
			best = j
		}
	}
	return best
}

// TestEventQueueOrder pushes and pops at random and checks every pop is the
// earliest pending event, ties broken by scheduling order.
func TestEventQueueOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var q overflowHeap
	var pending []pendingKey
	var seq uint32
	for i := range 20000 {
		if len(pending) == 0 || r.IntN(3) > 0 {
			tm := float64(r.IntN(50)) // coarse times make ties common
			seq++
			q.push(makeEvent(tm, seq, evStep, int32(i)))
			pending = append(pending, pendingKey{tm, seq})
			continue
		}
		e := q.pop()
		best := earliest(pending)
		if e.t != pending[best].t || e.seq != pending[best].seq || e.kind() != evStep {
			t.Fatalf("pop %d: got (%g, %d), want (%g, %d)", i, e.t, e.seq, pending[best].t, pending[best].seq)
		}
		pending = append(pending[:best], pending[best+1:]...)
	}
}

// TestCalendarOrder does the same for the calendar: times in the current
// bucket, spread over the window and beyond it, ties, full buckets, and
// pops bounded by a limit as the engine's loop does them.
func TestCalendarOrder(t *testing.T) {
	for _, size := range []struct {
		buckets int
		width   float64
	}{{256, 0.5}, {256, 0.01}, {1024, 5}} {
		r := rand.New(rand.NewPCG(3, uint64(size.buckets)))
		q := newEventCalendar(size.buckets, size.width)
		var pending []pendingKey
		now := 0.0
		for i := range 30000 {
			if len(pending) == 0 || r.IntN(2) == 0 {
				var tm float64
				switch r.IntN(5) {
				case 0:
					tm = now + float64(r.IntN(5)) // ties and crowded buckets
				case 1:
					tm = now + r.ExpFloat64()*3
				case 2:
					tm = now + r.ExpFloat64()*5000 // beyond the window
				case 3:
					tm = math.Floor(now) + 7 // many events at one time
				default:
					tm = now
				}
				q.push(tm, evStep, int32(i))
				pending = append(pending, pendingKey{tm, q.seq})
				continue
			}
			best := earliest(pending)
			limit := math.Inf(1)
			if r.IntN(3) == 0 {
				limit = now + r.ExpFloat64()*2
			}
			e, ok := q.popBefore(limit)
			if want := pending[best].t < limit; ok != want {
				t.Fatalf("%v step %d: popBefore(%g) = %v, want %v (earliest %g)", size, i, limit, ok, want, pending[best].t)
			}
			if !ok {
				now = max(now, limit)
				continue
			}
			if e.t != pending[best].t || e.seq != pending[best].seq {
				t.Fatalf("%v step %d: got (%g, %d), want (%g, %d)", size, i, e.t, e.seq, pending[best].t, pending[best].seq)
			}
			now = e.t
			pending = append(pending[:best], pending[best+1:]...)
		}
		if q.len() != len(pending) {
			t.Fatalf("len %d, want %d", q.len(), len(pending))
		}
	}
}
