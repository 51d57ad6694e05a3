package live

import "time"

// EventKind is what an IVR tells a caller about the call's progress.
type EventKind uint8

// The events of a call, in the order they may happen.
const (
	// EventEnter: the call entered a node (prompt, menu, self-service).
	EventEnter EventKind = iota + 1
	// EventInput: a menu has been played (or self-service offered) and the
	// IVR waits for a digit.
	EventInput
	// EventQueued: the caller waits in a queue; Position and ExpectedWait
	// say where, Assist whether a virtual agent is offered.
	EventQueued
	// EventAgent: an agent took the call.
	EventAgent
	// EventAssistDone: the virtual agent finished without resolving the
	// issue; the caller keeps their place.
	EventAssistDone
)

var eventNames = [...]string{"", "enter", "input", "queued", "agent", "assist-done"}

// String is the event's name on the wire (the X-Ivrsim-Event header).
func (k EventKind) String() string {
	if int(k) < len(eventNames) {
		return eventNames[k]
	}
	return "unknown"
}

// ParseEventKind reads an event name; ok is false for an unknown one.
func ParseEventKind(s string) (EventKind, bool) {
	for i, n := range eventNames {
		if i > 0 && n == s {
			return EventKind(i), true
		}
	}
	return 0, false
}

// Event is one progress report from the IVR to the caller.
type Event struct {
	Kind EventKind
	Node string
	// Position in the queue (1 = next) and the expected wait in model
	// seconds, for EventQueued.
	Position     int
	ExpectedWait float64
	Assist       bool
	// Transfer marks a queue joined after a misroute: no announcement, no
	// virtual agent.
	Transfer bool
	// At is when the caller received it.
	At time.Time
}

// Outcome names how a call ended, as the IVR reports it in the
// X-Ivrsim-Outcome header of its BYE, and as the caller records it.
type Outcome string

// Outcomes of a call.
const (
	OutcomeResolved     Outcome = "resolved"      // an agent resolved the issue
	OutcomeUnresolved   Outcome = "unresolved"    // an agent did not
	OutcomeContained    Outcome = "contained"     // automation resolved it
	OutcomeEnded        Outcome = "ended"         // an end node without resolution
	OutcomeIVRAbandon   Outcome = "ivr_abandon"   // hung up in the IVR
	OutcomeQueueAbandon Outcome = "queue_abandon" // hung up in a queue
	OutcomeBlocked      Outcome = "blocked"       // refused: every line busy
	OutcomeFailed       Outcome = "failed"        // a SIP or media failure
)
