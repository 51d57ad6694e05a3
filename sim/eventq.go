package sim

// evKind says what an event does when it fires.
type evKind uint8

const (
	evRetry       evKind = iota // a redial or repeat contact arrives
	evBoundary                  // an interval boundary: staffing changes, accounting splits
	evWarmupEnd                 // the warm-up ends between two boundaries
	evStep                      // a contact finishes a timed step (prompt, menu, self-service)
	evPatience                  // a queued contact's patience runs out
	evAssistDone                // the virtual agent finishes with a queued contact
	evServiceDone               // an agent finishes talking to a contact
	evWrapupDone                // an agent finishes wrap-up
	evProbe                     // a staffing probe samples the contacts in the system
	evStaffStep                 // a replay's fractional staffing drops to its whole part within a cell
)

// event is one scheduled occurrence, 16 bytes so that four share a cache
// line. Events are ordered by time, then by the order they were scheduled
// (seq), so simultaneous events fire in a fixed order and runs are
// reproducible.
//
// Timers are cancelled lazily, without a token: a patience or assist event
// is acted on only if its contact is still waiting with that very deadline
// (see engine.run); any other is stale and ignored.
type event struct {
	t       float64
	seq     uint32 // wraps after 4 billion events; only compared for equal t
	refKind uint32 // the contact slot, group or issue slot, and the kind in the low 4 bits
}

func makeEvent(t float64, seq uint32, kind evKind, ref int32) event {
	return event{t: t, seq: seq, refKind: uint32(ref)<<4 | uint32(kind)}
}

func (e *event) kind() evKind { return evKind(e.refKind & 0xf) }
func (e *event) ref() int32   { return int32(e.refKind >> 4) }

func before(a, b *event) bool {
	if a.t != b.t {
		return a.t < b.t
	}
	return a.seq-b.seq > 1<<31 // a.seq < b.seq, modulo wrap-around
}

// eventQueue is a 4-ary min-heap of events held by value: no allocation per
// event and no interface calls. The calendar keeps the events it has no
// bucket room for in one.
type eventQueue struct {
	h []event
}

func (q *eventQueue) len() int { return len(q.h) }

// push adds an event.
func (q *eventQueue) push(e event) {
	h := append(q.h, e)
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) >> 2
		if !before(&e, &h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = e
	q.h = h
}

// pop removes and returns the earliest event. The queue must not be empty.
func (q *eventQueue) pop() event {
	h := q.h
	top := h[0]
	n := len(h) - 1
	last := h[n]
	h = h[:n]
	if n > 0 {
		i := 0
		for {
			c := 4*i + 1
			if c >= n {
				break
			}
			m := c
			for j := c + 1; j < min(c+4, n); j++ {
				if before(&h[j], &h[m]) {
					m = j
				}
			}
			if !before(&h[m], &last) {
				break
			}
			h[i] = h[m]
			i = m
		}
		h[i] = last
	}
	q.h = h
	return top
}

// top is the earliest event. The queue must not be empty.
func (q *eventQueue) top() *event { return &q.h[0] }
