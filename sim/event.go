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
