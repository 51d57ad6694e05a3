package cdr

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"
)

// FuzzRead feeds the reader arbitrary files: it never panics, and what it
// accepts adds up (every row read, skipped or reported malformed) and holds
// ordered, finite times.
func FuzzRead(f *testing.F) {
	f.Add([]byte("arrival,outcome\n2024-03-04 08:00:00,abandoned\n"), false)
	f.Add([]byte("arrival,outcome,queue_start,queue_end,service_start,service_end\n2024-03-04 08:00:00,served,2024-03-04 08:00:05,2024-03-04 08:00:50,2024-03-04 08:00:50,2024-03-04 08:03:00\n"), false)
	f.Add([]byte("arrival;ivr_time;wait;handle_time;outcome\n2024-03-04T08:00:00;1:30;20;1m30s;served\n"), false)
	f.Add([]byte("customer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tq_start\tq_exit\toutcome\tser_start\tser_exit\tserver\n0\t2\tPS\t990201\t23:59:50\t23:59:58\t23:59:58\t0:00:40\tAGENT\t0:00:40\t0:03:00\tTOVA\n"), true)
	f.Add([]byte("\ufeffarrival,outcome\n\"2024-03-04 08:00:00\",\"ser\"ved\n"), false)
	bank, err := LoadMapping("anonymous-bank")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte, useBank bool) {
		var m *Mapping
		if useBank {
			m = bank
		}
		recs, rep, err := Read(bytes.NewReader(data), "fuzz.csv", m, ReadOptions{SkipBad: true, MaxBad: 1})
		if err != nil {
			return
		}
		if rep.Rows != len(recs)+rep.SkippedRows()+rep.BadRows() {
			t.Fatalf("%d rows ≠ %d records + %d skipped + %d malformed", rep.Rows, len(recs), rep.SkippedRows(), rep.BadRows())
		}
		for _, r := range recs {
			if r.Outcome < Served || r.Outcome > Ended || r.Arrival.IsZero() {
				t.Fatalf("record %+v", r)
			}
			for _, v := range []float64{r.IVRTime, r.QueueStart, r.QueueEnd, r.ServiceStart, r.ServiceEnd} {
				if math.IsInf(v, 0) || v < 0 {
					t.Fatalf("time %v in %+v", v, r)
				}
			}
			if r.Wait() < 0 || r.HandleTime() < 0 {
				t.Fatalf("negative wait or handle time in %+v", r)
			}
		}
	})
}

// FuzzParseMapping feeds the mapping parser arbitrary YAML: it never
// panics, and a mapping it accepts reads a file without panicking.
func FuzzParseMapping(f *testing.F) {
	for _, name := range BuiltinMappings() {
		b, _ := BuiltinMapping(name)
		f.Add(b)
	}
	f.Add([]byte("columns: {arrival: Start}\nvalues: {outcome: {A: served, X: skip}}\nabsent: [\"\", NULL]\nformats: {arrival: DD/MM/YYYY hh:mm}\ndelimiter: tab\ntolerance: 2s\n"))
	f.Add([]byte("columns: [a]\nvalues: {outcome: [1]}\n"))
	f.Add([]byte("&a {columns: *a}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseMapping("fuzz.yaml", data)
		if err != nil {
			return
		}
		_, _, _ = Read(bytes.NewReader([]byte("Start,arrival,outcome\n04/03/2024 08:00,2024-03-04 08:00:00,A\n")), "f.csv", m, ReadOptions{SkipBad: true, MaxBad: 1})
	})
}

// FuzzMappingFlags fuzzes --column and --value: never a panic; what is
// accepted maps a canonical column.
func FuzzMappingFlags(f *testing.F) {
	for _, s := range []string{"arrival=CallStart", "outcome:ANS=served", "outcome:X=skip", "nope=1", "=", ":=", "arrival=", "outcome:=served", "intent:A=B=C"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, column, value string) {
		m := NewMapping()
		if err := m.SetColumn(column); err == nil {
			canon, _, _ := strings.Cut(column, "=")
			if !slices.Contains(Columns, strings.TrimSpace(canon)) {
				t.Fatalf("--column %q accepted for an unknown column", column)
			}
		}
		if err := m.SetValue(value); err == nil && !strings.Contains(value, ":") {
			t.Fatalf("--value %q accepted without a column", value)
		}
	})
}
