package cdr

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/scenarios"
)

// Limits on call records, documented in the README: far above a real
// export (the Anonymous Bank's month is 33,344 rows of under 200 bytes),
// and low enough that a wrong or hostile file fails at once instead of
// exhausting memory.
const (
	// MaxLineBytes bounds one line of a records file.
	MaxLineBytes = 64 << 10
	// MaxRows bounds the data rows of a records file.
	MaxRows = 5_000_000
)

// ReadOptions control how malformed rows are treated.
type ReadOptions struct {
	// Context, when set, stops a long read: Read returns its error.
	Context context.Context
	// MaxRows bounds the data rows read; 0 means MaxRows.
	MaxRows int
	// SkipBad skips malformed rows, counting them by reason, instead of
	// failing.
	SkipBad bool
	// MaxBad is the largest share of malformed rows SkipBad accepts; past
	// it the file (or its mapping) is taken to be wrong. 0 means
	// DefaultMaxBad.
	MaxBad float64
}

// DefaultMaxBad is the share of malformed rows past which even SkipBad
// gives up: a mapping that fits the file leaves few.
const DefaultMaxBad = 0.1

// maxRowErrors bounds the row errors kept for a message.
const maxRowErrors = 20

// RowError is one malformed row: its line, the canonical column at fault
// (or "" for the row as a whole), the reason (a short category, used to
// count) and what exactly is wrong.
type RowError struct {
	File   string
	Line   int
	Column string
	Reason string
	Detail string
}

func (e *RowError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d: ", e.File, e.Line)
	if e.Column != "" {
		b.WriteString(e.Column)
		b.WriteString(": ")
	}
	b.WriteString(e.Detail)
	return b.String()
}

// ReadError reports the malformed rows of a file that could not be read.
type ReadError struct {
	File string
	// Rows are the first malformed rows, in file order.
	Rows []*RowError
	// Bad counts every malformed row; Total every data row.
	Bad, Total int
	// Limit is set when SkipBad gave up: the share of bad rows passed it.
	Limit float64
}

func (e *ReadError) Error() string {
	var b strings.Builder
	if e.Limit > 0 {
		fmt.Fprintf(&b, "%s: %d of %d rows are malformed, more than %.0f%%: the mapping probably does not fit the file; the first ones:\n", e.File, e.Bad, e.Total, 100*e.Limit)
	} else {
		fmt.Fprintf(&b, "%s: %d of %d rows are malformed (fix them, or skip them with --skip-bad):\n", e.File, e.Bad, e.Total)
	}
	for i, r := range e.Rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(r.Error())
	}
	if n := e.Bad - len(e.Rows); n > 0 {
		fmt.Fprintf(&b, "\n… and %d more", n)
	}
	return b.String()
}

// Report says what reading a file did.
type Report struct {
	File string
	// Rows counts the data rows (after the header).
	Rows int
	// Records counts the rows read as contacts.
	Records int
	// Skipped counts the rows the mapping drops (outcomes mapped to
	// skip), by source value.
	Skipped map[string]int
	// Bad counts the malformed rows skipped, by reason.
	Bad []Reason
	// Columns maps each canonical column found to its source column.
	Columns map[string]string
	// Ignored lists the source columns not read.
	Ignored []string
}

// Reason is a count of malformed rows for one reason, with the first.
type Reason struct {
	Reason string
	Count  int
	First  *RowError
}

// BadRows is the number of malformed rows skipped.
func (r *Report) BadRows() int {
	n := 0
	for _, b := range r.Bad {
		n += b.Count
	}
	return n
}

// SkippedRows is the number of rows the mapping dropped.
func (r *Report) SkippedRows() int {
	n := 0
	for _, c := range r.Skipped {
		n += c
	}
	return n
}

// ReadFile reads the CDR file at path with mapping m.
func ReadFile(path string, m *Mapping, opt ReadOptions) ([]Record, *Report, error) {
	f, _, err := scenarios.OpenRegular(path)
	if err != nil {
		if scenarios.IsInputProblem(err) {
			return nil, nil, &UsageError{fmt.Errorf("%s: cannot read: %w", path, unwrapPath(err))}
		}
		return nil, nil, fmt.Errorf("%s: cannot read: %w", path, unwrapPath(err))
	}
	defer func() { _ = f.Close() }() // read only: nothing to lose
	return Read(f, path, m, opt)
}

// lineLimiter fails a read once a line runs past MaxLineBytes, so that a
// file with no line breaks (or one huge header) is refused after 64 KiB
// instead of being read whole.
type lineLimiter struct {
	r    io.Reader
	name string
	line int // bytes since the last line break
	n    int // line number
}

// LineTooLongError reports a line longer than MaxLineBytes.
type LineTooLongError struct {
	File string
	Line int
}

func (e *LineTooLongError) Error() string {
	return fmt.Sprintf("%s:%d: the line is longer than %s, the limit for a line of call records (see Limits in the README); is this a CSV file of call records?", e.File, e.Line, scenarios.FormatBytes(MaxLineBytes))
}

func (l *lineLimiter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i := range n {
		if p[i] == '\n' {
			l.line = 0
			l.n++
			continue
		}
		l.line++
		if l.line > MaxLineBytes {
			return i, &UsageError{&LineTooLongError{File: l.name, Line: l.n + 1}}
		}
	}
	return n, err
}

// UsageError marks errors that are the user's to fix: the file or the
// mapping (as opposed to a failing disk).
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// Read reads CDRs from r (named name in messages) with mapping m. It
// returns the records in file order and a report of what was read. An
// empty file, a header without the required columns, or malformed rows
// (unless opt.SkipBad) are errors; they are *UsageError or *ReadError.
func Read(r io.Reader, name string, m *Mapping, opt ReadOptions) ([]Record, *Report, error) {
	if m == nil {
		m = NewMapping()
	}
	ctx := opt.Context
	if ctx == nil {
		ctx = context.Background()
	}
	maxRows := opt.MaxRows
	if maxRows <= 0 {
		maxRows = MaxRows
	}
	br := bufio.NewReaderSize(&lineLimiter{r: r, name: name}, 1<<16)
	first, err := br.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		var ue *UsageError
		if errors.As(err, &ue) {
			return nil, nil, ue
		}
		return nil, nil, fmt.Errorf("%s: cannot read: %w", name, err)
	}
	first = strings.TrimPrefix(first, "\ufeff")
	if strings.TrimSpace(first) == "" {
		return nil, nil, &UsageError{fmt.Errorf("%s: the file is empty; give a CSV file of call records with a header row", name)}
	}
	delim := m.Delimiter
	if delim == 0 {
		delim = detectDelimiter(first)
	}
	cr := csv.NewReader(io.MultiReader(strings.NewReader(first), br))
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, nil, &UsageError{fmt.Errorf("%s:1: the header cannot be read: %v", name, csvDetail(err))}
	}
	rd, err := newRowReader(name, header, m)
	if err != nil {
		return nil, nil, &UsageError{err}
	}
	rep := rd.report
	var recs []Record
	var rowErrs []*RowError
	counts := map[string]*Reason{}
	var order []string
	bad := func(e *RowError) {
		if len(rowErrs) < maxRowErrors {
			rowErrs = append(rowErrs, e)
		}
		c, ok := counts[e.Reason]
		if !ok {
			c = &Reason{Reason: e.Reason, First: e}
			counts[e.Reason] = c
			order = append(order, e.Reason)
		}
		c.Count++
	}
	for {
		fields, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		rep.Rows++
		if rep.Rows%4096 == 1 {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
		if rep.Rows > maxRows {
			return nil, nil, &UsageError{fmt.Errorf("%s: more than %d rows, the limit for a records file (see Limits in the README); split the file by dates", name, maxRows)}
		}
		if err != nil {
			var ue *UsageError
			if errors.As(err, &ue) {
				return nil, nil, ue
			}
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				bad(&RowError{File: name, Line: pe.StartLine, Reason: "not valid CSV", Detail: csvDetail(err)})
				continue
			}
			return nil, nil, fmt.Errorf("%s: cannot read: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(fields) == 1 && strings.TrimSpace(fields[0]) == "" {
			rep.Rows-- // a blank line
			continue
		}
		rec, skip, rerr := rd.row(line, fields)
		switch {
		case rerr != nil:
			bad(rerr)
		case skip != "":
			rep.Skipped[skip]++
		default:
			recs = append(recs, rec)
		}
	}
	nBad := 0
	for _, c := range counts {
		nBad += c.Count
	}
	if rep.Rows == 0 {
		return nil, nil, &UsageError{fmt.Errorf("%s: the file has a header but no records", name)}
	}
	limit := opt.MaxBad
	if limit <= 0 {
		limit = DefaultMaxBad
	}
	switch {
	case nBad > 0 && !opt.SkipBad:
		return nil, nil, &ReadError{File: name, Rows: rowErrs, Bad: nBad, Total: rep.Rows}
	case nBad > 0 && float64(nBad) > limit*float64(rep.Rows):
		return nil, nil, &ReadError{File: name, Rows: rowErrs, Bad: nBad, Total: rep.Rows, Limit: limit}
	case len(recs) == 0:
		return nil, nil, &UsageError{fmt.Errorf("%s: no usable records: %d rows, %d skipped by the mapping, %d malformed", name, rep.Rows, rep.SkippedRows(), nBad)}
	}
	for _, r := range order {
		rep.Bad = append(rep.Bad, *counts[r])
	}
	slices.SortStableFunc(rep.Bad, func(a, b Reason) int { return b.Count - a.Count })
	rep.Records = len(recs)
	return recs, rep, nil
}

func csvDetail(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Sprintf("not valid CSV: %v", pe.Err)
	}
	return err.Error()
}

// detectDelimiter picks the delimiter the header line uses most.
func detectDelimiter(header string) rune {
	best, bestN := ',', 0
	for _, d := range []rune{',', '\t', ';', '|'} {
		if n := strings.Count(header, string(d)); n > bestN {
			best, bestN = d, n
		}
	}
	return best
}

// rowReader turns rows into records.
type rowReader struct {
	file    string
	m       *Mapping
	index   map[string]int // canonical column → field index
	absent  map[string]bool
	layouts layoutCache
	names   map[string]string // interned names
	fields  int               // in the header
	report  *Report
}

func newRowReader(file string, header []string, m *Mapping) (*rowReader, error) {
	rd := &rowReader{
		file: file, m: m, index: map[string]int{}, absent: map[string]bool{},
		layouts: layoutCache{}, names: map[string]string{}, fields: len(header),
		report: &Report{File: file, Skipped: map[string]int{}, Columns: map[string]string{}},
	}
	for _, a := range m.Absent {
		rd.absent[strings.TrimSpace(a)] = true
	}
	pos := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if _, dup := pos[h]; dup && h != "" {
			return nil, fmt.Errorf("%s:1: the header names column %s twice; rename one", file, clip(h))
		}
		pos[h] = i
	}
	used := map[int]bool{}
	var missing []string
	for _, c := range Columns {
		src := m.source(c)
		i, ok := pos[src]
		if !ok {
			for h, j := range pos {
				if strings.EqualFold(h, src) {
					i, ok = j, true
				}
			}
		}
		if !ok {
			if _, named := m.Columns[c]; named {
				missing = append(missing, fmt.Sprintf("%s (mapped to %q%s)", c, src, hint(src, header)))
			}
			continue
		}
		rd.index[c] = i
		used[i] = true
		rd.report.Columns[c] = strings.TrimSpace(header[i])
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s:1: the header has no column for %s; the columns are %s", file, strings.Join(missing, ", "), columnList(header))
	}
	for _, need := range []string{"arrival", "outcome"} {
		if _, ok := rd.index[need]; !ok {
			return nil, fmt.Errorf("%s:1: no %s column; map the column holding it with a mapping (columns: {%s: SOURCE}) or --column %s=SOURCE; the columns are %s", file, need, need, need, columnList(header))
		}
	}
	for i, h := range header {
		if !used[i] {
			rd.report.Ignored = append(rd.report.Ignored, strings.TrimSpace(h))
		}
	}
	return rd, nil
}

// value is the canonical value of column c in fields: trimmed, mapped,
// and "" when absent.
func (rd *rowReader) value(fields []string, c string) (raw, v string) {
	i, ok := rd.index[c]
	if !ok || i >= len(fields) {
		return "", ""
	}
	raw = strings.TrimSpace(fields[i])
	v = raw
	if mv, ok := rd.m.Values[c][raw]; ok {
		v = mv
	}
	if rd.absent[v] {
		v = ""
	}
	return raw, v
}

func (rd *rowReader) intern(s string) string {
	if v, ok := rd.names[s]; ok {
		return v
	}
	if len(rd.names) < 100_000 {
		rd.names[s] = s
	}
	return s
}

// MinYear and MaxYear bound the arrival dates the reader accepts.
const (
	MinYear = 1900
	MaxYear = 2199
)

// row reads one data row: a record, or the source outcome value when the
// mapping skips it, or what is wrong with it.
func (rd *rowReader) row(line int, fields []string) (Record, string, *RowError) {
	fail := func(col, reason, format string, args ...any) (Record, string, *RowError) {
		return Record{}, "", &RowError{File: rd.file, Line: line, Column: col, Reason: reason, Detail: fmt.Sprintf(format, args...)}
	}
	if len(fields) != rd.fields {
		return fail("", "wrong number of fields", "%d fields, the header has %d; check the delimiter and quoting", len(fields), rd.fields)
	}
	rawOutcome, o := rd.value(fields, "outcome")
	if o == Skip {
		return Record{}, rawOutcome, nil
	}
	nan := math.NaN()
	rec := Record{Line: line, IVRTime: nan, QueueStart: nan, QueueEnd: nan, ServiceStart: nan, ServiceEnd: nan}
	if o == "" {
		return fail("outcome", "no outcome", "no outcome; every contact needs one of %s", strings.Join(OutcomeNames[1:], ", "))
	}
	out, ok := ParseOutcome(o)
	if !ok {
		return fail("outcome", "unknown outcome", "%s is not an outcome; map it to one of %s (or skip) with values: {outcome: {%s: served}} or --value outcome:%s=served", clip(rawOutcome), strings.Join(OutcomeNames[1:], ", "), clip(rawOutcome), clip(rawOutcome))
	}
	rec.Outcome = out

	var date time.Time
	hasDate := false
	if _, v := rd.value(fields, "date"); v != "" {
		d, err := rd.layouts.parseDate("date", v, rd.m.Formats["date"])
		if err != nil {
			return fail("date", "bad date", "%v", err)
		}
		date, hasDate = d, true
	}
	_, av := rd.value(fields, "arrival")
	if av == "" {
		return fail("arrival", "no arrival", "no arrival time; every contact needs one")
	}
	at, timeOnly, err := rd.layouts.parseTime("arrival", av, rd.m.Formats["arrival"])
	if err != nil {
		return fail("arrival", "bad arrival", "%v", err)
	}
	if timeOnly {
		if !hasDate {
			return fail("arrival", "arrival without a date", "%s is a time of day and the row has no date; map the date column (columns: {date: SOURCE}) or give date-times", clip(av))
		}
		at = onDate(date, at)
	} else if !hasDate {
		date = time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, time.UTC)
	}
	// Years far from any contact centre's are a misread format (a two-digit
	// year, a serial number) rather than data; taken as dates, a fit would
	// span centuries of empty days.
	if y := at.Year(); y < MinYear || y > MaxYear {
		return fail("arrival", "arrival out of range", "%s falls in the year %d; call records are read from %d to %d: check the date format (formats: {arrival: ...})", clip(av), y, MinYear, MaxYear)
	}
	rec.Arrival = at

	offsets := map[string]float64{}
	for _, c := range timeColumns[1:] {
		_, v := rd.value(fields, c)
		if v == "" {
			continue
		}
		t, timeOnly, err := rd.layouts.parseTime(c, v, rd.m.Formats[c])
		if err != nil {
			return fail(c, "bad "+c, "%v", err)
		}
		if timeOnly {
			t = onDate(date, t)
			if t.Before(at.Add(-12 * time.Hour)) {
				t = t.AddDate(0, 0, 1) // past midnight
			}
		}
		offsets[c] = t.Sub(at).Seconds()
	}
	durations := map[string]float64{}
	for _, c := range durationColumns {
		_, v := rd.value(fields, c)
		if v == "" {
			continue
		}
		d, err := parseSeconds(v)
		if err != nil {
			return fail(c, "bad "+c, "%v", err)
		}
		durations[c] = d
	}
	for _, c := range textColumns {
		_, v := rd.value(fields, c)
		if len(v) > 200 {
			return fail(c, "name too long", "%d characters; a name is at most 200", len(v))
		}
		v = rd.intern(v)
		switch c {
		case "customer":
			rec.Customer = v
		case "intent":
			rec.Intent = v
		case "segment":
			rec.Segment = v
		case "group":
			rec.Group = v
		case "agent":
			rec.Agent = v
		}
	}

	tol := rd.m.Tolerance
	for _, c := range timeColumns[1:] {
		if v, ok := offsets[c]; ok && v < -tol {
			return fail(c, c+" before arrival", "%s is %s before the arrival (%s); times must follow the arrival", c, models.FormatDuration(-v), at.Format("2006-01-02 15:04:05"))
		}
	}
	get := func(c string) float64 {
		if v, ok := offsets[c]; ok {
			return math.Max(v, 0)
		}
		return nan
	}
	ivrStart := 0.0
	if v, ok := offsets["ivr_start"]; ok {
		ivrStart = math.Max(v, 0)
	}
	switch {
	case hasKey(durations, "ivr_time"):
		rec.IVRTime = durations["ivr_time"]
	case hasKey(offsets, "ivr_end"):
		d := offsets["ivr_end"] - ivrStart
		if d < -tol {
			return fail("ivr_end", "ivr_end before ivr_start", "the IVR ended %s before it started", models.FormatDuration(-d))
		}
		rec.IVRTime = math.Max(d, 0)
	}
	rec.QueueStart, rec.QueueEnd = get("queue_start"), get("queue_end")
	rec.ServiceStart, rec.ServiceEnd = get("service_start"), get("service_end")
	if w, ok := durations["wait"]; ok {
		if math.IsNaN(rec.QueueStart) {
			rec.QueueStart = 0
			if !math.IsNaN(rec.IVRTime) {
				rec.QueueStart = ivrStart + rec.IVRTime
			}
		}
		if math.IsNaN(rec.QueueEnd) {
			rec.QueueEnd = rec.QueueStart + w
		}
	}
	if h, ok := durations["handle_time"]; ok {
		if math.IsNaN(rec.ServiceStart) {
			switch {
			case !math.IsNaN(rec.QueueEnd):
				rec.ServiceStart = rec.QueueEnd
			case !math.IsNaN(rec.IVRTime):
				rec.ServiceStart = ivrStart + rec.IVRTime
			default:
				rec.ServiceStart = 0
			}
		}
		if math.IsNaN(rec.ServiceEnd) {
			rec.ServiceEnd = rec.ServiceStart + h
		}
	}
	if !math.IsNaN(rec.QueueStart) && math.IsNaN(rec.QueueEnd) && !math.IsNaN(rec.ServiceStart) {
		rec.QueueEnd = rec.ServiceStart // answered: the wait ended then
	}
	if d := rec.QueueEnd - rec.QueueStart; d < -tol {
		return fail("queue_end", "queue_end before queue_start", "the queue ended %s before it started", models.FormatDuration(-d))
	} else if d < 0 {
		rec.QueueEnd = rec.QueueStart
	}
	if d := rec.ServiceStart - rec.QueueEnd; d < -tol {
		return fail("service_start", "service_start before queue_end", "service started %s before the queue ended", models.FormatDuration(-d))
	}
	if d := rec.ServiceEnd - rec.ServiceStart; d < -tol {
		return fail("service_end", "service_end before service_start", "service ended %s before it started", models.FormatDuration(-d))
	} else if d < 0 {
		rec.ServiceEnd = rec.ServiceStart
	}
	if (math.IsNaN(rec.ServiceStart)) != (math.IsNaN(rec.ServiceEnd)) {
		col := "service_end"
		if math.IsNaN(rec.ServiceStart) {
			col = "service_start"
		}
		return fail(col, "service start or end missing", "the service has a start or an end but not both; give both (or handle_time)")
	}
	if !math.IsNaN(rec.QueueStart) && math.IsNaN(rec.QueueEnd) {
		return fail("queue_end", "queue_start without queue_end", "the contact joined the queue but no queue_end (or wait) says when it left")
	}
	served := !math.IsNaN(rec.ServiceStart)
	switch out {
	case Served:
		if !served {
			return fail("service_start", "served without service", "the outcome is served but there is no service_start (or handle_time)")
		}
	case Abandoned, Blocked, Contained, Ended:
		if served {
			return fail("outcome", out.String()+" with service", "the outcome is %s but the row has a service start: a contact that reached an agent is served", out)
		}
		if out == Blocked && !math.IsNaN(rec.QueueStart) {
			return fail("outcome", "blocked in queue", "the outcome is blocked (a busy signal) but the contact joined a queue")
		}
	}
	return rec, "", nil
}

func hasKey(m map[string]float64, k string) bool {
	_, ok := m[k]
	return ok
}

// onDate places the time of day of t on date d.
func onDate(d, t time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// maxEcho bounds what a message quotes of a file: a header of a file that
// is not call records at all must not flood the terminal or a CI log.
const (
	maxEchoField   = 40
	maxEchoColumns = 30
)

// clip quotes a field of the file for a message, cut to maxEchoField
// characters, with control characters escaped.
func clip(s string) string {
	r := []rune(s)
	if len(r) > maxEchoField {
		return strconv.Quote(string(r[:maxEchoField])) + "…"
	}
	return strconv.Quote(s)
}

// columnList lists a header's columns for a message, each clipped, at
// most maxEchoColumns of them.
func columnList(header []string) string {
	var b strings.Builder
	for i, h := range header {
		if i == maxEchoColumns {
			fmt.Fprintf(&b, " and %d more", len(header)-i)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(clip(strings.TrimSpace(h)))
	}
	return b.String()
}
