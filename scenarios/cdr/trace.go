package cdr

import (
	"io"
	"time"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
)

// DefaultDay1 is the date of day 1 in the call records of a simulation
// whose scenario gives no horizon.start: a Monday.
var DefaultDay1 = time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)

// Day1 is the date of day 1 in the call records of sc's simulated
// contacts: its horizon.start, or else DefaultDay1.
func Day1(sc *scenarios.Scenario) time.Time {
	if d, ok := sc.DayDate(0); ok {
		return d
	}
	return DefaultDay1
}

// NewTraceFiles collects a trace of sc's simulated contacts as call
// detail records, to be written to path, with day 1 on Day1(sc). Every
// part starts with the header row; the trace keeps the first.
func NewTraceFiles(path string, sc *scenarios.Scenario) *results.TraceFiles {
	day1 := Day1(sc)
	return results.NewTraceFiles(path, func(w io.Writer) results.TraceWriter { return NewWriter(w, day1) }, true)
}
