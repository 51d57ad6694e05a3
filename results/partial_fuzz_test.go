package results

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

// FuzzParseShard: what parses is a shard within bounds whose replications
// are its own share of any run.
func FuzzParseShard(f *testing.F) {
	for _, s := range []string{"1/4", "4/4", "0/4", "5/4", "1/0", "01/4", "1/100000", "1/100001", "-1/2", "1/ 2", "a/b", "9223372036854775807/9223372036854775807"} {
		f.Add(s, 10)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		id, err := ParseShard(s)
		if err != nil {
			return
		}
		if id.Index < 1 || id.Index > id.Count || id.Count > MaxShardCount {
			t.Fatalf("ParseShard(%q) = %+v", s, id)
		}
		n = n % 1000
		for _, r := range id.Replications(n) {
			if r < 0 || r >= n || r%id.Count != id.Index-1 {
				t.Fatalf("%+v: replication %d of %d", id, r, n)
			}
		}
	})
}

// FuzzMerge decodes arbitrary shard files and merges them: never a panic
// or an allocation sized by the file's claims; a merge that succeeds has
// every replication once.
func FuzzMerge(f *testing.F) {
	for _, p := range fuzzPartials(f) {
		b, err := json.Marshal(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, []byte{})
		f.Add(b[:len(b)/2], b)
	}
	f.Add([]byte(`{"kind":"partial","schema_version":1,"shard":{"index":1,"count":1},"replications":1,"layout":{"days":1,"interval":1800,"window_start":0,"window_intervals":0},"designs":[{"name":"a","reps":[],"flows":{"nodes":["a","b"],"counts":[]}}]}`), []byte{})
	f.Fuzz(func(t *testing.T, a, b []byte) {
		var parts []*Partial
		for i, data := range [][]byte{a, b} {
			if len(data) == 0 {
				continue
			}
			var p Partial
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			if dec.Decode(&p) != nil {
				return
			}
			p.Source = fmt.Sprint("part-", i)
			parts = append(parts, &p)
		}
		rs, err := Merge(parts)
		if err != nil {
			return
		}
		for _, d := range rs.Designs {
			if len(d.Reps) != rs.Replications {
				t.Fatalf("design %q: %d replications, want %d", d.Name, len(d.Reps), rs.Replications)
			}
		}
		if _, err := WriteJSON(rs.Document()); err != nil {
			t.Fatalf("a merged run does not write: %v", err)
		}
	})
}

// fuzzPartials are small valid partials: one shard of one replication, in
// a layout of one day.
func fuzzPartials(f *testing.F) []*Partial {
	f.Helper()
	layout := Layout{Days: 1, Interval: 43200, WindowStart: 0, WindowIntervals: 2}
	vals := func() []num {
		v := make([]num, len(Metrics))
		for i := range v {
			v[i] = num(NaN)
		}
		v[offeredIndex] = 0
		return v
	}
	p := &Partial{SchemaVersion: SchemaVersion, Kind: "partial", Scenario: "s", Fingerprint: "x", Seed: 1, Replications: 1,
		Shard: ShardID{1, 1}, Layout: layout, Metrics: MetricNames(),
		Designs: []PartialDesign{{Name: "a", Wait: SparseCounts{}, TTR: SparseCounts{},
			Reps:  []PartialRep{{Rep: 0, Calls: 0, Total: vals(), Intervals: [][]num{vals(), vals()}, Days: [][]num{vals()}}},
			Flows: &PartialFlows{Nodes: []string{"q"}, Counts: make([]int64, 2*(1+len(FlowOutcomes)))}}}}
	if err := p.Verify(); err != nil {
		f.Fatalf("the seed partial is invalid: %v", err)
	}
	return []*Partial{p}
}

// FuzzReadBaseline: the --baseline reader never panics and what it
// accepts has designs.
func FuzzReadBaseline(f *testing.F) {
	f.Add([]byte(`{"schema_version":1,"scenario":"s","designs":[{"name":"a","metrics":{}}]}`))
	f.Add([]byte(`{"schema_version":2}`))
	f.Add([]byte(`{"schema_version":1,"kind":"partial"}`))
	f.Add([]byte(`{"schema_version":1,"sweep":[],"designs":[]}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ReadBaseline(data)
		if err != nil {
			return
		}
		if doc == nil || len(doc.Designs) == 0 {
			t.Fatalf("accepted a baseline without designs: %s", data)
		}
	})
}
