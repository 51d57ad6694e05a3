package cdr

import (
	"fmt"
	"math"
	"time"
)

// Outcome is how a contact ended.
type Outcome uint8

// The outcomes, in the order the format lists them.
const (
	Served    Outcome = iota + 1 // reached an agent
	Abandoned                    // hung up in the IVR or the queue
	Blocked                      // busy signal: all lines taken
	Contained                    // resolved by the IVR
	Ended                        // left the IVR unresolved, without asking for an agent
)

// OutcomeNames are the canonical outcome values, indexed by Outcome.
var OutcomeNames = []string{"", "served", "abandoned", "blocked", "contained", "ended"}

func (o Outcome) String() string {
	if int(o) < len(OutcomeNames) {
		return OutcomeNames[o]
	}
	return fmt.Sprintf("outcome(%d)", o)
}

// ParseOutcome reads a canonical outcome value.
func ParseOutcome(s string) (Outcome, bool) {
	for i, n := range OutcomeNames {
		if i > 0 && n == s {
			return Outcome(i), true
		}
	}
	return 0, false
}

// Record is one contact in canonical form. Times after the arrival are
// offsets from it in seconds, NaN when not recorded.
type Record struct {
	// Line is the record's line in its file (the header is line 1).
	Line     int
	Arrival  time.Time
	Customer string // "" when the caller was not identified
	Intent   string
	Segment  string
	Group    string
	Agent    string
	Outcome  Outcome

	IVRTime      float64
	QueueStart   float64
	QueueEnd     float64
	ServiceStart float64
	ServiceEnd   float64
}

// Queued reports whether the contact joined an agent queue: it has a
// queue start, or it reached an agent (a served contact without a queue
// start found one free at once).
func (r *Record) Queued() bool {
	return !math.IsNaN(r.QueueStart) || r.Outcome == Served
}

// Wait is the time the contact spent in the queue: 0 for a contact served
// without queueing, NaN for one that never queued.
func (r *Record) Wait() float64 {
	switch {
	case !math.IsNaN(r.QueueStart) && !math.IsNaN(r.QueueEnd):
		return r.QueueEnd - r.QueueStart
	case math.IsNaN(r.QueueStart) && r.Outcome == Served:
		return 0
	}
	return math.NaN()
}

// HandleTime is the agent's conversation time, NaN when not recorded.
func (r *Record) HandleTime() float64 {
	return r.ServiceEnd - r.ServiceStart
}

// IVRAbandoned reports whether the contact hung up in the IVR.
func (r *Record) IVRAbandoned() bool {
	return r.Outcome == Abandoned && math.IsNaN(r.QueueStart)
}

// QueueAbandoned reports whether the contact hung up in the queue.
func (r *Record) QueueAbandoned() bool {
	return r.Outcome == Abandoned && !math.IsNaN(r.QueueStart)
}

// At is the absolute time of an offset from the arrival.
func (r *Record) At(offset float64) time.Time {
	return r.Arrival.Add(time.Duration(offset * float64(time.Second)))
}

// End is when the contact left: the end of its last recorded step.
func (r *Record) End() float64 {
	end := 0.0
	for _, t := range []float64{r.IVRTime, r.QueueStart, r.QueueEnd, r.ServiceStart, r.ServiceEnd} {
		if !math.IsNaN(t) {
			end = math.Max(end, t)
		}
	}
	return end
}
