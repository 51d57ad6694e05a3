package sim

import "math"

// eventCalendar is the engine's event queue: a calendar queue (Brown 1988) of
// time buckets over a rolling window, each bucket a few slots of one cache
// line, with a heap for events beyond the window or with no room left in
// their bucket. Most events (service ends, patience timers, steps) land a
// few buckets ahead, so pushing is a store and popping a scan of a bucket
// holding one or two events: constant time instead of a heap's logarithm,
// and little memory traffic, which the engine's budget needs.
//
// Order is exactly a heap's: by time, then by scheduling sequence.
type eventCalendar struct {
	perSec float64 // buckets per second
	slots  []event // bucketSlots per bucket
	counts []uint8
	mask   int64
	cur    int64 // absolute index of the current bucket
	inRing int
	later  overflowHeap
	seq    uint32
}

// bucketSlots is each bucket's room: 4 events are one 64-byte cache line.
const bucketSlots = 4

// newEventCalendar makes an event calendar of buckets (a power of two) of width
// seconds each.
func newEventCalendar(buckets int, width float64) *eventCalendar {
	return &eventCalendar{
		perSec: 1 / width,
		slots:  make([]event, buckets*bucketSlots),
		counts: make([]uint8, buckets),
		mask:   int64(buckets - 1),
	}
}

// calendarSize sizes an event calendar for a model: enough buckets that the events
// pending at the busiest time (about peak arrivals × how long a contact
// keeps events pending) average one or two a bucket, over a window twice
// that span.
func calendarSize(peakRate, span float64) (buckets int, width float64) {
	if peakRate <= 0 || span <= 0 {
		return 256, 60
	}
	pending := peakRate * span * 2
	buckets = 256
	for buckets < 1<<16 && float64(buckets) < pending {
		buckets *= 2
	}
	return buckets, max(1e-3, 2*span/float64(buckets))
}

func (c *eventCalendar) len() int { return c.inRing + c.later.len() }

func (c *eventCalendar) index(t float64) int64 {
	i := t * c.perSec
	if i >= math.MaxInt64/2 {
		return math.MaxInt64 / 2
	}
	return int64(i)
}

// push schedules an event at t, no earlier than the last event popped.
func (c *eventCalendar) push(t float64, kind evKind, ref int32) {
	c.seq++
	e := makeEvent(t, c.seq, kind, ref)
	i := max(c.index(t), c.cur)
	if i-c.cur <= c.mask {
		b := i & c.mask
		if n := c.counts[b]; n < bucketSlots {
			c.slots[b*bucketSlots+int64(n)] = e
			c.counts[b] = n + 1
			c.inRing++
			return
		}
	}
	c.later.push(e)
}

// popBefore removes and returns the earliest event if it is strictly
// earlier than limit; otherwise it reports false. It never moves the
// current bucket past limit's, so whatever happens at limit schedules into
// the window in order.
func (c *eventCalendar) popBefore(limit float64) (event, bool) {
	last := c.index(limit)
	for {
		b := c.cur & c.mask
		n := int64(c.counts[b])
		// The heap may hold events of this bucket (spilled, or scheduled
		// before the window reached it): they compete with the bucket's.
		fromHeap := c.later.len() > 0 && c.index(c.later.top().t) <= c.cur
		if n > 0 || fromHeap {
			base := b * bucketSlots
			m := int64(-1)
			if n > 0 {
				m = base
				for j := base + 1; j < base+n; j++ {
					if before(&c.slots[j], &c.slots[m]) {
						m = j
					}
				}
			}
			if fromHeap && (m < 0 || before(c.later.top(), &c.slots[m])) {
				if !(c.later.top().t < limit) {
					return event{}, false
				}
				return c.later.pop(), true
			}
			e := c.slots[m]
			if !(e.t < limit) {
				return event{}, false
			}
			c.slots[m] = c.slots[base+n-1]
			c.counts[b] = uint8(n - 1)
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
			c.cur = max(c.cur+1, min(c.index(c.later.top().t), last))
		} else {
			c.cur++
		}
	}
}
