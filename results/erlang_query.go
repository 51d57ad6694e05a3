package results

import (
	"errors"
	"fmt"
	"io"
)

// ErlangQuery is a question to the Erlang calculators (ivrsim erlang
// b|c|a) as the user wrote it. Every input is kept as text so that each
// mistake is reported naming the input as the user knows it (see
// ErlangNames) and showing a valid value. Validate lists every problem at
// once; Evaluate answers with the calculator's result document.
type ErlangQuery struct {
	// Model is the calculator: "b" (lines and busy signals, Erlang B), "c"
	// (agents, callers who wait as long as it takes) or "a" (agents,
	// callers who hang up).
	Model string
	// Load is the offered load in Erlangs and Rate the call arrival rate,
	// such as "100/30m"; exactly one is given.
	Load, Rate string
	// AHT is the mean handle time (the mean holding time of a line for
	// Erlang B). c and a need it; b needs it only with Rate, to make a
	// load.
	AHT string
	// Patience is the mean time callers wait before hanging up; only a
	// takes it, and needs it.
	Patience string
	// Within is the service-level time of c and a. Empty means the
	// target's own time (service_level(30s) >= …), else
	// DefaultErlangWithin.
	Within string
	// Size is the number of lines (b) or agents (c, a) to evaluate, and
	// Target the goal to find the fewest that meet, such as
	// "service_level >= 0.8"; exactly one is given.
	Size, Target string
	// Names are the inputs' names in messages.
	Names ErlangNames
}

// ErlangNames name the inputs of an ErlangQuery in its messages as the
// caller's interface spells them, such as "--load" on the command line:
// the interface owns the names, the query the rules. An empty name reads
// as the input's own: load, rate, aht, patience, within, lines or agents
// (for Size), target.
type ErlangNames struct {
	Load, Rate, AHT, Patience, Within, Size, Target string
}

// DefaultErlangWithin is the service-level time when neither the query
// nor its target gives one.
const DefaultErlangWithin = "20s"

// ErlangResult is the answer of an Erlang calculator: an ErlangBResult or
// an ErlangQueueResult. Both are written as JSON by MarshalJSON.
type ErlangResult interface {
	// WriteTable writes the result for people, one figure a line.
	WriteTable(w io.Writer) error
}

// Validate reports every problem of the query at once, in the order of
// its inputs: traffic, patience, size or target, service-level time. A
// query without problems may still have no answer: Evaluate reports a
// target no staffing up to models.MaxAgents meets.
func (q ErlangQuery) Validate() []error {
	_, errs := q.read()
	return errs
}

// Evaluate answers the query: the figures of the given lines or agents,
// or the fewest that meet the target and their figures. Every error is
// the user's to fix: the problems Validate reports, joined, or a target
// no staffing meets.
func (q ErlangQuery) Evaluate() (ErlangResult, error) {
	in, errs := q.read()
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if q.Model == "b" {
		return in.erlangB()
	}
	return in.queue(q.Model)
}

// orDefaults returns the names used in messages, the input's own where the
// caller gave none.
func (n ErlangNames) orDefaults(model string) ErlangNames {
	def := func(name *string, own string) {
		if *name == "" {
			*name = own
		}
	}
	size := "agents"
	if model == "b" {
		size = "lines"
	}
	def(&n.Load, "load")
	def(&n.Rate, "rate")
	def(&n.AHT, "aht")
	def(&n.Patience, "patience")
	def(&n.Within, "within")
	def(&n.Size, size)
	def(&n.Target, "target")
	return n
}

// unknownErlangModel is the problem of a query for no calculator.
func unknownErlangModel(model string) error {
	return fmt.Errorf("unknown model %q: use b (lines), c (agents, patient callers) or a (agents, callers who hang up)", model)
}
