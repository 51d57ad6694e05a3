package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/results"
)

func runJSON(t testing.TB, doc *results.Document, a *results.Assumptions) []byte {
	t.Helper()
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if a == nil {
		return b
	}
	// The assumptions travel in the results file beside the run.
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m["assumptions"], err = json.Marshal(a); err != nil {
		t.Fatal(err)
	}
	b, err = json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sweepJSON(t testing.TB) []byte {
	t.Helper()
	b, err := json.Marshal(sampleSweep())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecode(t *testing.T) {
	in, err := Decode(runJSON(t, sampleDocument(), sampleAssumptions()))
	if err != nil {
		t.Fatal(err)
	}
	if in.Document == nil || in.Sweep != nil || len(in.Document.Designs) != 2 || in.Document.Designs[1].Name != "other" {
		t.Fatalf("decoded %+v", in)
	}
	if !reflect.DeepEqual(in.Assumptions, sampleAssumptions()) {
		t.Errorf("assumptions changed on the way:\n%+v\n%+v", in.Assumptions, sampleAssumptions())
	}
	in, err = Decode(sweepJSON(t))
	if err != nil {
		t.Fatal(err)
	}
	if in.Sweep == nil || in.Document != nil || len(in.Sweep.Points) != 3 || in.Assumptions != nil {
		t.Fatalf("decoded %+v", in)
	}
}

func TestDecodeRefuses(t *testing.T) {
	cases := []struct{ data, want string }{
		{"", "empty"},
		{"  \n", "empty"},
		{"abandon_rate,0.1", "not a results file"},
		{"[1, 2]", "not a results file"},
		{`{"schema_version": 1, "kind": "partial", "designs": []}`, "ivrsim merge part-*.json"},
		{`{"scenario": "bank", "designs": []}`, "no schema_version"},
		{`{"schema_version": 3, "designs": []}`, "schema_version 3"},
		{`{"schema_version": 1, "kind": "baseline"}`, `kind "baseline"`},
		{`{"schema_version": 1}`, "neither designs nor points"},
		{`{"schema_version": 1, "designs": []}`, "no designs"},
		{`{"schema_version": 1, "designs": [{"name": "x", "metrics": {"fcr": {"mean": "high"}}}]}`, "cannot be read"},
		{`{"schema_version": 1, "points": []}`, "without points"},
		{`{"schema_version": 1, "points": [{"values": [{"path": "a", "value": "1"}], "designs": []}]}`, "point 1 (a=1) has no designs"},
	}
	for _, c := range cases {
		_, err := Decode([]byte(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Decode(%.40q) = %v, want an error with %q", c.data, err, c.want)
		}
	}
}

// smallDocument is the sample cut down to a few values of each kind, so
// the fuzzer mutates a small input.
func smallDocument() *results.Document {
	doc := sampleDocument()
	for i := range doc.Designs {
		d := &doc.Designs[i]
		for name := range d.Metrics {
			if _, ok := sampleHeadline[name]; !ok && name != "menu_steps" {
				delete(d.Metrics, name)
			}
		}
		d.Intervals, d.Days = d.Intervals[:2], d.Days[:2]
		for _, r := range d.Intervals {
			delete(r.Metrics, "occupancy")
		}
		d.Wait.Percentiles = d.Wait.Percentiles[len(d.Wait.Percentiles)-4:]
		d.TTR.Percentiles = d.TTR.Percentiles[:3]
		d.Flows = d.Flows[:4]
	}
	for name := range doc.Comparisons[0].Metrics {
		if _, ok := sampleHeadline[name]; !ok {
			delete(doc.Comparisons[0].Metrics, name)
		}
	}
	return doc
}

// FuzzDecode: whatever a results file holds, Decode refuses it or the
// report renders it as a well-formed page.
func FuzzDecode(f *testing.F) {
	small := smallDocument()
	f.Add(runJSON(f, small, nil))
	a := sampleAssumptions()
	a.Segments, a.Intents, a.Designs = a.Segments[:1], a.Intents[:1], a.Designs[:1]
	f.Add(runJSON(f, &results.Document{SchemaVersion: 1, Scenario: "s", Replications: 2, Designs: small.Designs[:1]}, a))
	sweep := &results.SweepDocument{SchemaVersion: 1, Scenario: "s", Replications: 5, Sweep: []string{"p"}}
	for _, v := range []string{"1", "2"} {
		sweep.Points = append(sweep.Points, results.SweepPoint{Values: []results.SweepValue{{Path: "p", Value: v}}, Designs: small.Designs, Comparisons: small.Comparisons})
	}
	b, err := json.Marshal(sweep)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{"schema_version": 1, "scenario": "<b>", "designs": [{"name": "&", "flows": [{"from": "entry", "to": "x", "contacts": 1e308}, {"from": "x", "to": "entry", "contacts": -1}]}]}`))
	f.Add([]byte(`{"schema_version": 1, "points": [{"values": [{"path": "p", "value": "1e999"}], "designs": [{"name": "d"}]}]}`))
	f.Add([]byte(`{"schema_version": 1, "kind": "partial"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := Decode(data)
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := Write(&b, in); err != nil {
			t.Fatalf("a decoded file does not render: %v", err)
		}
		if _, _, err := wellFormed(b.Bytes()); err != nil {
			t.Fatalf("the page is not well formed: %v", err)
		}
	})
}
