package results

import (
	"math"
)

// ContactRecord is everything about one contact, written by --trace for
// debugging and for checking a scenario against call records. Times are
// seconds from the start of day 1; absent times are NaN (null in JSON).
type ContactRecord struct {
	Design   string
	Rep      int
	Issue    uint64 // the issue's number: its contacts share it
	Attempt  int    // 0 for the issue's first contact
	Customer int    // −1 without a customer base
	Segment  string
	Intent   string

	Arrival    float64
	IVRTime    float64 // seconds in IVR nodes and with the virtual agent
	Group      string  // the agent group of the last queue joined
	QueueStart float64 // first joined a queue
	QueueEnd   float64 // left it: answered, abandoned, contained or called back
	Wait       float64 // on hold, not talking to the virtual agent
	SvcStart   float64 // first agent conversation
	SvcEnd     float64 // last agent conversation ended
	Handle     float64 // agent talk time, all conversations
	Agent      string  // the agent of the first conversation, "" if none

	Outcome   string // one of FlowOutcomes
	Resolved  bool
	Callback  bool
	Transfers int
	MenuSteps int
	Effort    float64
	Path      []string // nodes visited, in order
}

// MarshalJSON writes the record with snake_case keys and null for absent
// times.
func (r *ContactRecord) MarshalJSON() ([]byte, error) {
	return marshalValue(struct {
		Design     string   `json:"design"`
		Rep        int      `json:"rep"`
		Issue      uint64   `json:"issue"`
		Attempt    int      `json:"attempt"`
		Customer   int      `json:"customer"`
		Segment    string   `json:"segment"`
		Intent     string   `json:"intent"`
		Arrival    num      `json:"arrival"`
		IVRTime    num      `json:"ivr_time"`
		Group      string   `json:"group,omitempty"`
		QueueStart num      `json:"queue_start"`
		QueueEnd   num      `json:"queue_end"`
		Wait       num      `json:"wait"`
		SvcStart   num      `json:"service_start"`
		SvcEnd     num      `json:"service_end"`
		Handle     num      `json:"handle_time"`
		Agent      string   `json:"agent,omitempty"`
		Outcome    string   `json:"outcome"`
		Resolved   bool     `json:"resolved"`
		Callback   bool     `json:"callback"`
		Transfers  int      `json:"transfers"`
		MenuSteps  int      `json:"menu_steps"`
		Effort     num      `json:"effort"`
		Path       []string `json:"path"`
	}{r.Design, r.Rep, r.Issue, r.Attempt, r.Customer, r.Segment, r.Intent, num(r.Arrival), num(r.IVRTime),
		r.Group, num(r.QueueStart), num(r.QueueEnd), num(r.Wait), num(r.SvcStart), num(r.SvcEnd), num(r.Handle),
		r.Agent, r.Outcome, r.Resolved, r.Callback, r.Transfers, r.MenuSteps, num(r.Effort), r.Path})
}

// NaN marks an absent time in a ContactRecord.
var NaN = math.NaN()
