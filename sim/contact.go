package sim

import (
	"math"

	"github.com/ivrsim/ivrsim/results"
)

// issue is a customer's reason to call, alive from its first contact until
// it is resolved or the customer gives up. Redials and repeat contacts are
// further contacts of the same issue.
type issue struct {
	ordinal  uint64 // fresh-issue number: the identity behind common random numbers
	customer int32  // −1 without a customer base
	segment  int32
	intent   int32
	attempts int32 // contacts made so far
	first    float64
	trust    float64 // without a customer base, trust lives with the issue
}

// phase is what a contact's pending timed step is.
type phase uint8

const (
	phaseNone phase = iota
	phasePrompt
	phaseMenu
	phaseSession  // talking to self-service automation
	phaseReprompt // forced automation re-prompting after a refused zero-out
	phaseQueued
	phaseService
	phaseReplayIVR // a replayed contact's recorded time in the IVR
	phaseIVRHangup // the caller's IVR patience runs out before the step ends
)

// contact is one call, from arrival to hang-up.
type contact struct {
	issue   int32
	node    int32
	group   int32
	attempt int32
	phase   phase
	// waitTok invalidates the contact's queue entry when it leaves the
	// queue or its slot is reused. Its patience and assist timers need no
	// token: they are recognised as stale by their deadline (see event).
	waitTok uint32
	// Occurrence counters key each random draw to the n-th use of its
	// purpose within the contact, so a design that draws more for one
	// purpose does not shift another's values.
	nServices  uint16
	nJoins     uint16
	nDecisions uint16
	nSteps     uint16

	key       uint64 // stream key of the contact's draws
	arrival   float64
	waitStart float64 // joined the current queue
	deadline  float64 // when patience runs out, while queued
	engFrom   float64 // with the virtual agent during [engFrom, engTo)
	engTo     float64
	saving    float64 // share of handle time the agent saves from handed-over context

	// ivrLeft is what remains of the caller's patience for prompts, menus
	// and self-service; +Inf for callers who never run out of it.
	ivrLeft float64

	// effort and cost components
	ivrTime     float64
	autoTime    float64 // with automation: self-service or the virtual agent
	waitTime    float64 // on hold, not talking to the virtual agent
	menuSteps   int32
	transfers   int32
	repeatInfo  int32
	frustration int32
	passes      int32 // menu passes at the current node
	visits      int32 // nodes entered

	cell *results.Counters

	// tr holds what only a trace reports; nil unless tracing.
	tr *contactTrace

	counted     bool // arrived after the warm-up
	queued      bool
	answered    bool
	offeredAuto bool
	engaged     bool
	gaveInfo    bool // told automation who they are; lost unless handed over
	callback    bool // hung up and waits for a call back
	forced      bool // going through automation unwillingly
	onLine      bool
	boosted     bool // transferred: queues ahead of first-time callers
}

// contactTrace is what a trace reports of a contact beyond what the engine
// needs; times are NaN until they happen.
type contactTrace struct {
	queueStart, queueEnd float64
	svcStart, svcEnd     float64
	handle               float64
	path                 []int32
	// agent is the agent of the first conversation, agentNow of the
	// current one; −1 before any.
	agent, agentNow int32
}

func newContactTrace() *contactTrace {
	nan := math.NaN()
	return &contactTrace{queueStart: nan, queueEnd: nan, svcStart: nan, svcEnd: nan, agent: -1, agentNow: -1}
}

// contactKey keys a contact's random draws: the same issue's same attempt
// draws the same values in every design.
func (e *engine) contactKey(ordinal uint64, attempt int32) uint64 {
	return e.rs.key(ordinal<<8 | uint64(attempt&0xff))
}

func (e *engine) newContact() int32 {
	if n := len(e.freeContacts); n > 0 {
		s := e.freeContacts[n-1]
		e.freeContacts = e.freeContacts[:n-1]
		return s
	}
	e.contacts = append(e.contacts, contact{})
	return int32(len(e.contacts) - 1)
}

func (e *engine) freeContact(s int32) {
	tok := e.contacts[s].waitTok + 1
	e.contacts[s] = contact{waitTok: tok}
	e.freeContacts = append(e.freeContacts, s)
}

func (e *engine) newIssue() int32 {
	if n := len(e.freeIssues); n > 0 {
		s := e.freeIssues[n-1]
		e.freeIssues = e.freeIssues[:n-1]
		return s
	}
	e.issues = append(e.issues, issue{})
	return int32(len(e.issues) - 1)
}

func (e *engine) freeIssue(s int32) {
	e.issues[s] = issue{}
	e.freeIssues = append(e.freeIssues, s)
}
