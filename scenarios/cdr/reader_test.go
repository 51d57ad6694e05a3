package cdr

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func read(t *testing.T, data string, m *Mapping, opt ReadOptions) ([]Record, *Report, error) {
	t.Helper()
	return Read(strings.NewReader(data), "calls.csv", m, opt)
}

func TestReadCanonical(t *testing.T) {
	data := "arrival,customer,intent,segment,ivr_time,queue_start,queue_end,outcome,service_start,service_end,group,agent,notes\n" +
		"2024-03-04 08:00:00,c1,billing,gold,12.5,2024-03-04 08:00:13,2024-03-04 08:01:13,served,2024-03-04 08:01:13,2024-03-04 08:04:13,team,ann,x\n" +
		"2024-03-04 08:02:00,,sales,,8,2024-03-04 08:02:08,2024-03-04 08:03:08,abandoned,,,,,\n" +
		"2024-03-04 08:03:00,c2,sales,,5,,,abandoned,,,,,\n" +
		"2024-03-04 08:04:00,c3,sales,,,,,blocked,,,,,\n" +
		"2024-03-04T08:05:00.5,c4,billing,,9,,,served,2024-03-04 08:05:09,2024-03-04 08:06:00,team,bob,\n" +
		"\n"
	recs, rep, err := read(t, data, nil, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5 || rep.Rows != 5 || rep.Records != 5 {
		t.Fatalf("%d records, report %+v", len(recs), rep)
	}
	if len(rep.Ignored) != 1 || rep.Ignored[0] != "notes" {
		t.Errorf("ignored %v, want [notes]", rep.Ignored)
	}
	r := recs[0]
	if r.Customer != "c1" || r.Intent != "billing" || r.Segment != "gold" || r.Group != "team" || r.Agent != "ann" || r.Outcome != Served {
		t.Errorf("record 1: %+v", r)
	}
	if r.IVRTime != 12.5 || r.QueueStart != 13 || r.Wait() != 60 || r.HandleTime() != 180 || r.Line != 2 {
		t.Errorf("record 1 times: %+v", r)
	}
	if !recs[1].QueueAbandoned() || recs[1].IVRAbandoned() || recs[1].Wait() != 60 {
		t.Errorf("record 2 should have hung up in the queue after 60s: %+v", recs[1])
	}
	if !recs[2].IVRAbandoned() || recs[2].Queued() {
		t.Errorf("record 3 should have hung up in the IVR: %+v", recs[2])
	}
	if recs[3].Outcome != Blocked {
		t.Errorf("record 4: %+v", recs[3])
	}
	// Served without a queue start: answered without waiting.
	if r := recs[4]; !r.Queued() || r.Wait() != 0 || math.Abs(r.ServiceStart-8.5) > 1e-9 {
		t.Errorf("record 5: %+v", r)
	}
}

// The Anonymous Bank layout: tab-separated, a date column, times of day,
// 0:00:00 for absent, value mappings; a call running past midnight.
func TestReadBankLayout(t *testing.T) {
	m, err := LoadMapping("anonymous-bank")
	if err != nil {
		t.Fatal(err)
	}
	data := "vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver\n" +
		"AA0101\t1\t0\t0\tPS\t990201\t7:02:47\t7:02:56\t9\t0:00:00\t0:00:00\t0\tAGENT\t7:02:55\t7:05:41\t166\tDORIT\n" +
		"AA0101\t2\t23317894\t2\tNW\t990201\t8:09:16\t8:09:22\t6\t8:09:22\t8:09:27\t5\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER\n" +
		"AA0101\t3\t0\t1\tPS\t990201\t23:59:50\t23:59:58\t8\t23:59:58\t0:00:40\t42\tAGENT\t0:00:40\t0:03:00\t140\tTOVA\n" +
		"AA0101\t4\t0\t0\tPS\t990201\t9:00:00\t9:00:05\t5\t0:00:00\t0:00:00\t0\tPHANTOM\t0:00:00\t0:00:00\t0\tNO_SERVER\n"
	recs, rep, err := read(t, data, m, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || rep.Skipped["PHANTOM"] != 1 {
		t.Fatalf("%d records, skipped %v", len(recs), rep.Skipped)
	}
	r := recs[0]
	if !r.Arrival.Equal(time.Date(1999, 2, 1, 7, 2, 47, 0, time.UTC)) || r.IVRTime != 9 || r.Wait() != 0 || r.HandleTime() != 166 || r.Customer != "" || r.Segment != "regular" || r.Intent != "regular" || r.Agent != "DORIT" {
		t.Errorf("record 1: %+v", r)
	}
	r = recs[1]
	if r.Customer != "23317894" || r.Segment != "high-priority" || r.Intent != "prospect" || !r.QueueAbandoned() || r.Wait() != 5 || r.Agent != "" {
		t.Errorf("record 2: %+v", r)
	}
	if r := recs[2]; r.Wait() != 42 || r.HandleTime() != 140 {
		t.Errorf("record 3, past midnight: wait %v handle %v", r.Wait(), r.HandleTime())
	}
}

// A typical ACD export: its own column names, durations instead of end
// times, day-first dates, its own outcome codes.
func TestReadACDExport(t *testing.T) {
	m, err := ParseMapping("acd.yaml", []byte(`
delimiter: ";"
columns:
  arrival: CallStart
  customer: ANI
  intent: Skill
  ivr_time: IVRSeconds
  wait: QueueSeconds
  handle_time: TalkSeconds
  outcome: Disposition
values:
  outcome: {ANSWERED: served, ABANDONED: abandoned, BUSY: blocked, TEST: skip}
absent: ["", "NULL"]
formats:
  arrival: DD/MM/YYYY hh:mm:ss
`))
	if err != nil {
		t.Fatal(err)
	}
	data := "CallStart;ANI;Skill;IVRSeconds;QueueSeconds;TalkSeconds;Disposition\n" +
		"04/03/2024 08:00:00;555-0101;Billing;20;35;0:03:10;ANSWERED\n" +
		"04/03/2024 08:01:00;NULL;Sales;15;60;NULL;ABANDONED\n" +
		"04/03/2024 08:02:00;555-0102;Sales;;;;BUSY\n" +
		"04/03/2024 08:03:00;555-0103;Sales;;;;TEST\n"
	recs, rep, err := read(t, data, m, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || rep.SkippedRows() != 1 {
		t.Fatalf("%d records, skipped %v", len(recs), rep.Skipped)
	}
	r := recs[0]
	if !r.Arrival.Equal(time.Date(2024, 3, 4, 8, 0, 0, 0, time.UTC)) || r.IVRTime != 20 || r.QueueStart != 20 || r.Wait() != 35 || r.ServiceStart != 55 || r.HandleTime() != 190 {
		t.Errorf("record 1: %+v", r)
	}
	if r := recs[1]; !r.QueueAbandoned() || r.Wait() != 60 || r.Customer != "" {
		t.Errorf("record 2: %+v", r)
	}
	if recs[2].Outcome != Blocked {
		t.Errorf("record 3: %+v", recs[2])
	}
}

// Malformed rows are errors naming the line and the column; with SkipBad
// they are counted by reason.
func TestReadMalformed(t *testing.T) {
	data := "arrival,outcome,queue_start,queue_end,service_start,service_end\n" +
		"2024-03-04 08:00:00,served,,,2024-03-04 08:00:10,2024-03-04 08:02:00\n" + // good
		"yesterday,served,,,,\n" + // line 3: bad arrival
		"2024-03-04 08:01:00,hung up,,,,\n" + // line 4: unknown outcome
		"2024-03-04 08:02:00,abandoned,2024-03-04 08:02:30,2024-03-04 08:02:10,,\n" + // line 5: queue ends first
		"2024-03-04 08:03:00,served,,,,\n" + // line 6: served without service
		"2024-03-04 08:04:00,served\n" + // line 7: too few fields
		"0001-01-01 00:00:00,abandoned,,,,\n" + // line 8: out of range
		"2024-03-04 08:05:00,abandoned,,,,\n" // good
	_, _, err := read(t, data, nil, ReadOptions{})
	var re *ReadError
	if !errors.As(err, &re) {
		t.Fatalf("error %v (%T), want *ReadError", err, err)
	}
	msg := err.Error()
	for _, want := range []string{
		"6 of 8 rows are malformed",
		`calls.csv:3: arrival: "yesterday" is not a date-time`,
		`calls.csv:4: outcome: "hung up" is not an outcome`,
		"calls.csv:5: queue_end: the queue ended 20s before it started",
		"calls.csv:6: service_start: the outcome is served but there is no service_start",
		"calls.csv:7: 2 fields, the header has 6",
		`calls.csv:8: arrival: "0001-01-01 00:00:00" falls in the year 1; call records are read from 1900 to 2199`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error does not say %q:\n%s", want, msg)
		}
	}
	recs, rep, err := read(t, data, nil, ReadOptions{SkipBad: true, MaxBad: 0.9})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || rep.BadRows() != 6 || len(rep.Bad) != 6 {
		t.Errorf("%d records, %d bad in %d reasons", len(recs), rep.BadRows(), len(rep.Bad))
	}
	// Past the limit, skipping gives up: the mapping is likely wrong.
	if _, _, err := read(t, data, nil, ReadOptions{SkipBad: true}); !errors.As(err, &re) || re.Limit == 0 {
		t.Errorf("6 of 8 bad with the default limit: %v", err)
	}
}

func TestReadUnusable(t *testing.T) {
	cases := []struct{ name, data, want string }{
		{"empty", "", "the file is empty"},
		{"blank", "\n\n", "the file is empty"},
		{"header only", "arrival,outcome\n", "no records"},
		{"no arrival", "start,outcome\nx,served\n", "no arrival column"},
		{"duplicate header", "arrival,arrival,outcome\n", "names column \"arrival\" twice"},
		{"all skipped", "arrival,outcome\n2024-03-04 08:00:00,TEST\n", "is not an outcome"},
	}
	for _, c := range cases {
		_, _, err := read(t, c.data, nil, ReadOptions{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
	m := NewMapping()
	if err := m.SetColumn("customer=Caller"); err != nil {
		t.Fatal(err)
	}
	_, _, err := read(t, "arrival,outcome,Calller\n", m, ReadOptions{})
	if err == nil || !strings.Contains(err.Error(), `no column for customer (mapped to "Caller" (did you mean "Calller"?))`) {
		t.Errorf("missing mapped column: %v", err)
	}
	_, _, err = read(t, "arrival,outcome\n2024-03-04 08:00:00,skip\n", func() *Mapping {
		m := NewMapping()
		_ = m.SetValue("outcome:skip=skip")
		return m
	}(), ReadOptions{})
	if err == nil || !strings.Contains(err.Error(), "no usable records") {
		t.Errorf("every row skipped: %v", err)
	}
}

func TestDetectDelimiter(t *testing.T) {
	for header, want := range map[string]rune{
		"a,b,c": ',', "a\tb\tc": '\t', "a;b;c": ';', "a|b|c": '|', "a": ',', "a;b,c;d": ';',
	} {
		if got := detectDelimiter(header); got != want {
			t.Errorf("%q: %q, want %q", header, got, want)
		}
	}
}

func TestParseSeconds(t *testing.T) {
	good := map[string]float64{"12.5": 12.5, "0": 0, "1:30": 90, "1:02:03": 3723, "1m30s": 90, "2h": 7200}
	for s, want := range good {
		if got, err := parseSeconds(s); err != nil || got != want {
			t.Errorf("%q: %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"-3", "abc", "1:75", "NaN", "1:2:3:4", "-1m"} {
		if _, err := parseSeconds(s); err == nil {
			t.Errorf("%q: no error", s)
		}
	}
}

func TestGoLayout(t *testing.T) {
	for f, want := range map[string]string{
		"YYYY-MM-DD hh:mm:ss": "2006-01-02 15:04:05", "DD/MM/YYYY": "02/01/2006", "YYMMDD": "060102",
		"h:mm:ss": "15:04:05", "2006-01-02": "2006-01-02", "hh:mm:ss.fff": "15:04:05.000",
	} {
		if got, err := goLayout(f); err != nil || got != want {
			t.Errorf("%q: %q, %v; want %q", f, got, err, want)
		}
	}
	for _, f := range []string{"", "dates"} {
		if _, err := goLayout(f); err == nil {
			t.Errorf("%q: no error", f)
		}
	}
}
