package sim

import "math"

// calendar is the engine's event queue: a calendar queue (Brown 1988) of
// time buckets of fixed width over a rolling window, with a heap for the
// events beyond the window. Most events (service ends, patience timers,
// steps) fall a few buckets ahead, so pushing is an append and popping a
// scan of a bucket holding one or two events: constant time instead of a
// heap's logarithm, which the engine's budget needs.
//
// Order is exactly the heap's: by time, then by scheduling sequence.
type calendar struct {
	width    float64 // seconds per bucket
	perSec   float64 // 1 / width
	buckets  [][]event
	mask     int64
	cur      int64 // absolute index of the current bucket
	inRing   int
	later    eventQueue // events at or beyond windowEnd
	laterMin float64    // time of later's earliest event, +Inf if none
	seq      uint32
}

const (
	calendarBuckets = 1 << 11
	// bucketSlots is each bucket's room in one shared array, so that
	// neighbouring buckets are neighbours in memory; a bucket that
	// outgrows it gets its own.
	bucketSlots = 4
)

func newCalendar(width float64) *calendar {
	c := &calendar{
		width:    width,
		perSec:   1 / width,
		buckets:  make([][]event, calendarBuckets),
		mask:     calendarBuckets - 1,
		laterMin: math.Inf(1),
	}
	slots := make([]event, calendarBuckets*bucketSlots)
	for i := range c.buckets {
		c.buckets[i] = slots[i*bucketSlots : i*bucketSlots : (i+1)*bucketSlots]
	}
	return c
}

func (c *calendar) len() int { return c.inRing + c.later.len() }

func (c *calendar) index(t float64) int64 {
	i := t * c.perSec
	if i >= math.MaxInt64/2 {
		return math.MaxInt64 / 2
	}
	return int64(i)
}

// push schedules an event at t ≥ the time of the last event popped.
func (c *calendar) push(t float64, kind evKind, ref int32, tok uint32) {
	c.seq++
	e := event{t: t, seq: c.seq, ref: ref, tok: tok, kind: kind}
	c.place(e)
}

func (c *calendar) place(e event) {
	i := c.index(e.t)
	if i < c.cur {
		i = c.cur // rounding: never behind the current bucket
	}
	if i-c.cur >= int64(len(c.buckets)) {
		c.later.pushEvent(e)
		c.laterMin = c.later.peekTime()
		return
	}
	b := &c.buckets[i&c.mask]
	*b = append(*b, e)
	c.inRing++
}

// popBefore removes and returns the earliest event if it is strictly
// earlier than limit; otherwise it reports false. It never moves the
// current bucket past limit's, so whatever happens at limit schedules
// into the window in order.
func (c *calendar) popBefore(limit float64) (event, bool) {
	last := c.index(limit)
	for {
		if b := &c.buckets[c.cur&c.mask]; len(*b) > 0 {
			h := *b
			m := 0
			for j := 1; j < len(h); j++ {
				if before(&h[j], &h[m]) {
					m = j
				}
			}
			e := h[m]
			if !(e.t < limit) {
				return event{}, false
			}
			h[m] = h[len(h)-1]
			*b = h[:len(h)-1]
			c.inRing--
			return e, true
		}
		if c.cur >= last {
			return event{}, false
		}
		if c.inRing == 0 {
			if c.later.len() == 0 {
				return event{}, false
			}
			// Jump over the empty stretch to the next event.
			c.cur = max(c.cur+1, min(c.index(c.laterMin), last))
		} else {
			c.cur++
		}
		c.refill()
	}
}

// refill moves events from the overflow heap into the window.
func (c *calendar) refill() {
	if c.index(c.laterMin) >= c.cur+int64(len(c.buckets)) {
		return
	}
	end := c.cur + int64(len(c.buckets))
	for c.later.len() > 0 && c.index(c.later.peekTime()) < end {
		e := c.later.popEvent()
		c.laterMin = math.Inf(1)
		if c.later.len() > 0 {
			c.laterMin = c.later.peekTime()
		}
		c.place(e)
	}
}
