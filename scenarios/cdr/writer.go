package cdr

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/ivrsim/ivrsim/results"
)

// WriterColumns are the columns a Writer writes: the canonical ones the
// simulator knows, then design, rep, issue and attempt, which tell the
// simulated contacts apart and which readers ignore.
var WriterColumns = []string{
	"arrival", "customer", "segment", "intent", "ivr_time",
	"queue_start", "queue_end", "outcome", "service_start", "service_end", "group", "agent",
	"design", "rep", "issue", "attempt",
}

// TimeLayout is how a Writer writes date-times: to the millisecond.
const TimeLayout = "2006-01-02 15:04:05.000"

// Writer writes simulated contacts (results.ContactRecord) as CDR rows,
// so a simulation can be fitted, or backtested, like real records.
// Simulated time runs from midnight of day 1, which the writer is given a
// date for. Without a customer base every issue is its own customer, so
// the customer column holds the issue's number.
type Writer struct {
	w      *csv.Writer
	day1   time.Time
	header bool
	row    []string
}

// NewWriter returns a writer of CDR rows to w, with day 1 on the date of
// day1 (its time of day is ignored).
func NewWriter(w io.Writer, day1 time.Time) *Writer {
	d := time.Date(day1.Year(), day1.Month(), day1.Day(), 0, 0, 0, 0, time.UTC)
	return &Writer{w: csv.NewWriter(w), day1: d, row: make([]string, len(WriterColumns))}
}

// outcomeOf maps the simulator's flow outcomes to CDR outcomes.
func outcomeOf(flow string) Outcome {
	switch flow {
	case results.FlowOutcomes[results.FlowAgentResolved], results.FlowOutcomes[results.FlowAgentUnresolved]:
		return Served
	case results.FlowOutcomes[results.FlowContained]:
		return Contained
	case results.FlowOutcomes[results.FlowIVRAbandon], results.FlowOutcomes[results.FlowQueueAbandon]:
		return Abandoned
	case results.FlowOutcomes[results.FlowBlocked]:
		return Blocked
	}
	return Ended
}

// Write writes one contact; the header goes first.
func (w *Writer) Write(r *results.ContactRecord) error {
	if !w.header {
		w.header = true
		if err := w.w.Write(WriterColumns); err != nil {
			return err
		}
	}
	at := func(sec float64) string {
		if math.IsNaN(sec) {
			return ""
		}
		return w.day1.Add(time.Duration(math.Round(sec*1000)) * time.Millisecond).Format(TimeLayout)
	}
	seconds := func(sec float64) string {
		if math.IsNaN(sec) {
			return ""
		}
		return strconv.FormatFloat(math.Round(sec*1000)/1000, 'f', -1, 64)
	}
	customer := int64(r.Customer)
	if customer < 0 {
		customer = int64(r.Issue)
	}
	o := outcomeOf(r.Outcome)
	ivr := r.IVRTime
	if o == Blocked {
		ivr = math.NaN()
	}
	row := w.row
	row[0] = at(r.Arrival)
	row[1] = strconv.FormatInt(customer, 10)
	row[2] = r.Segment
	row[3] = r.Intent
	row[4] = seconds(ivr)
	row[5] = at(r.QueueStart)
	row[6] = at(r.QueueEnd)
	row[7] = o.String()
	row[8] = at(r.SvcStart)
	row[9] = at(r.SvcEnd)
	row[10] = r.Group
	row[11] = r.Agent
	row[12] = r.Design
	row[13] = strconv.Itoa(r.Rep)
	row[14] = strconv.FormatUint(r.Issue, 10)
	row[15] = strconv.Itoa(r.Attempt)
	return w.w.Write(row)
}

// Flush writes what is buffered and reports any error of the writes.
func (w *Writer) Flush() error {
	w.w.Flush()
	return w.w.Error()
}
