package sim

// evKind says what an event does when it fires.
type evKind uint8

const (
	evRetry       evKind = iota // a redial or repeat contact arrives
	evBoundary                  // an interval boundary: staffing changes, accounting splits
	evStep                      // a contact finishes a timed step (prompt, menu, self-service)
	evPatience                  // a queued contact's patience runs out
	evAssistDone                // the virtual agent finishes with a queued contact
	evServiceDone               // an agent finishes talking to a contact
	evWrapupDone                // an agent finishes wrap-up
)

// event is one scheduled occurrence. Events are ordered by time, then by the
// order they were scheduled (seq), so simultaneous events fire in a fixed
// order and runs are reproducible.
//
// Timers are cancelled lazily: an event carries the token its contact held
// for that timer when it was scheduled, and is ignored when it fires if the
// contact's token has moved on.
type event struct {
	t    float64
	seq  uint32 // wraps after 4 billion events; only ever compared for equal t
	ref  int32  // contact slot, agent group or issue slot, by kind
	tok  uint32
	kind evKind
}

// eventQueue is a 4-ary min-heap of events held by value: no allocation per
// event and no interface calls. The calendar keeps its far-future events
// in one.
type eventQueue struct {
	h   []event
	seq uint32
}

func (q *eventQueue) len() int { return len(q.h) }

func before(a, b *event) bool {
	if a.t != b.t {
		return a.t < b.t
	}
	return a.seq-b.seq > 1<<31 // a.seq < b.seq, modulo wrap-around
}

// push schedules an event; its seq is assigned here.
func (q *eventQueue) push(t float64, kind evKind, ref int32, tok uint32) {
	q.seq++
	q.pushEvent(event{t: t, seq: q.seq, ref: ref, tok: tok, kind: kind})
}

// pushEvent adds an event whose seq is already assigned.
func (q *eventQueue) pushEvent(e event) {
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

// popEvent removes and returns the earliest event. The queue must not be
// empty.
func (q *eventQueue) popEvent() event {
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
			end := min(c+4, n)
			for j := c + 1; j < end; j++ {
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

// peekTime is the time of the earliest event. The queue must not be empty.
func (q *eventQueue) peekTime() float64 { return q.h[0].t }
