package cdr

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/ivrsim/ivrsim/results"
)

func TestParseMappingErrors(t *testing.T) {
	data := `columns:
  arival: CallStart
  customer: ""
values:
  outcome: {ANS: answered}
  intnet: {a: b}
formats:
  arrival: ""
  intent: YYYY
tolerance: 2h
delimiter: colon
colums: {}
`
	_, err := ParseMapping("acd.yaml", []byte(data))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`acd.yaml:2:3: columns.arival: unknown canonical column "arival" (did you mean "arrival"?)`,
		"acd.yaml:3:3: columns.customer: no source column for customer",
		`acd.yaml:5:18: values.outcome.ANS: "answered" is not an outcome`,
		`acd.yaml:6:3: values.intnet: unknown column "intnet" (did you mean "intent"?)`,
		"acd.yaml:8:12: formats.arrival: the format is empty",
		"acd.yaml:9:11: formats.intent: a format applies to date and time columns",
		`acd.yaml:10:12: tolerance: "2h" is not a tolerance`,
		`acd.yaml:11:12: delimiter: "colon" is not a delimiter`,
		`acd.yaml:12:1: colums: unknown field "colums" (did you mean "columns"?)`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
	for _, bad := range []string{"", "[1, 2]", "columns: [a]", "columns: {arrival: [a, b]}", "{{", "absent: x"} {
		if _, err := ParseMapping("m.yaml", []byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestMappingFlags(t *testing.T) {
	m := NewMapping()
	for _, ok := range []string{"arrival=Start", " intent =Skill Name"} {
		if err := m.SetColumn(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	if m.Columns["intent"] != "Skill Name" {
		t.Errorf("intent maps to %q", m.Columns["intent"])
	}
	for _, bad := range []string{"arrival", "arrivl=x", "arrival="} {
		if err := m.SetColumn(bad); err == nil {
			t.Errorf("--column %q: no error", bad)
		}
	}
	if err := m.SetValue("outcome:ANS=served"); err != nil || m.Values["outcome"]["ANS"] != "served" {
		t.Errorf("--value: %v", err)
	}
	for _, bad := range []string{"outcome", "outcome:ANS", "outcom:ANS=served", "outcome:ANS=answered"} {
		if err := m.SetValue(bad); err == nil {
			t.Errorf("--value %q: no error", bad)
		}
	}
}

func TestLoadMapping(t *testing.T) {
	if len(BuiltinMappings()) == 0 || BuiltinMappings()[0] != "anonymous-bank" {
		t.Errorf("built-ins: %v", BuiltinMappings())
	}
	for _, name := range BuiltinMappings() {
		if _, err := LoadMapping(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	_, err := LoadMapping("no-such-mapping")
	if err == nil || !strings.Contains(err.Error(), "no built-in mapping of that name") {
		t.Errorf("unknown mapping: %v", err)
	}
}

// The writer's rows read back as the contacts they came from.
func TestWriterRoundTrip(t *testing.T) {
	nan := math.NaN()
	contacts := []results.ContactRecord{
		{Design: "d", Issue: 7, Customer: -1, Segment: "s", Intent: "i", Arrival: 3600 + 0.25, IVRTime: 10,
			QueueStart: 3610.25, QueueEnd: 3650.25, SvcStart: 3650.25, SvcEnd: 3800.5, Group: "g", Outcome: results.FlowOutcomes[results.FlowAgentResolved]},
		{Design: "d", Issue: 8, Attempt: 1, Customer: 42, Segment: "s", Intent: "i", Arrival: 86400 + 60, IVRTime: 5,
			QueueStart: nan, QueueEnd: nan, SvcStart: nan, SvcEnd: nan, Outcome: results.FlowOutcomes[results.FlowIVRAbandon]},
		{Design: "d", Issue: 9, Customer: 3, Arrival: 100, IVRTime: 0, QueueStart: nan, QueueEnd: nan, SvcStart: nan, SvcEnd: nan,
			Outcome: results.FlowOutcomes[results.FlowBlocked]},
		{Design: "d", Issue: 10, Customer: 4, Arrival: 200, IVRTime: 30, QueueStart: nan, QueueEnd: nan, SvcStart: nan, SvcEnd: nan,
			Outcome: results.FlowOutcomes[results.FlowContained]},
	}
	var buf bytes.Buffer
	day1 := time.Date(2024, 3, 4, 15, 0, 0, 0, time.UTC)
	w := NewWriter(&buf, day1)
	for i := range contacts {
		if err := w.Write(&contacts[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	recs, _, err := Read(&buf, "sim.csv", nil, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 {
		t.Fatalf("%d records", len(recs))
	}
	r := recs[0]
	if !r.Arrival.Equal(time.Date(2024, 3, 4, 1, 0, 0, 250e6, time.UTC)) || r.Customer != "7" || r.IVRTime != 10 ||
		math.Abs(r.Wait()-40) > 1e-9 || math.Abs(r.HandleTime()-150.25) > 1e-9 || r.Outcome != Served || r.Group != "g" {
		t.Errorf("record 1: %+v", r)
	}
	if r := recs[1]; r.Customer != "42" || !r.IVRAbandoned() || r.Arrival.Day() != 5 {
		t.Errorf("record 2: %+v", r)
	}
	if recs[2].Outcome != Blocked || recs[3].Outcome != Contained {
		t.Errorf("outcomes %v, %v", recs[2].Outcome, recs[3].Outcome)
	}
}
