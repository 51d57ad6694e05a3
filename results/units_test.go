package results

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestUnitsEveryMetric: every metric has a unit in machine formats, and
// every duration is in seconds there.
func TestUnitsEveryMetric(t *testing.T) {
	units := Units()
	for _, m := range Metrics {
		u := units[m.Name]
		if u == "" {
			t.Errorf("%s has no unit", m.Name)
		}
		if (m.Unit == Seconds || m.Unit == LongSeconds) != (u == "s") {
			t.Errorf("%s: unit %q for %v", m.Name, u, m.Unit)
		}
	}
	b, err := json.Marshal(units)
	if err != nil {
		t.Fatal(err)
	}
	// In the order of Metrics, so documents are stable.
	if !strings.HasPrefix(string(b), `{"offered":"count","blocked_rate":"ratio","abandon_rate":"ratio",`) {
		t.Fatalf("units %s", b)
	}
}

// v1Document writes a document as schema_version 1 did: hold time in
// minutes, agent time in hours, under their old names, and no units.
func v1Document(t *testing.T, holdSeconds, agentSeconds float64) []byte {
	t.Helper()
	rs := &RunSet{Scenario: "gate", Seed: 1, Replications: 3, Designs: []*DesignRuns{
		testRuns("current", map[string][]float64{"offered": {100, 110, 90}, "hold_time": {holdSeconds, holdSeconds, holdSeconds}, "agent_time": {agentSeconds, agentSeconds, agentSeconds}}),
		testRuns("other", map[string][]float64{"offered": {100, 110, 90}, "hold_time": {0, 0, 0}, "agent_time": {0, 0, 0}}),
	}}
	var m map[string]any
	b, _ := WriteJSON(rs.Document())
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	m["schema_version"] = 1
	delete(m, "units")
	delete(m, "ivrsim_version")
	rename := func(metrics map[string]any, fields ...string) {
		for _, r := range []struct {
			from, to string
			scale    float64
		}{{"hold_time", "hold_minutes", 60}, {"agent_time", "agent_hours", 3600}} {
			e := metrics[r.from].(map[string]any)
			for _, f := range fields {
				e[f] = e[f].(float64) / r.scale
			}
			delete(metrics, r.from)
			metrics[r.to] = e
		}
	}
	for _, d := range m["designs"].([]any) {
		rename(d.(map[string]any)["metrics"].(map[string]any), "mean", "ci_low", "ci_high", "stddev")
	}
	for _, c := range m["comparisons"].([]any) {
		rename(c.(map[string]any)["metrics"].(map[string]any), "diff", "ci_low", "ci_high")
	}
	out, _ := json.Marshal(m)
	return out
}

// TestReadBaselineV1: a baseline written with schema_version 1 is read,
// its minutes and hours brought to seconds under the new names.
func TestReadBaselineV1(t *testing.T) {
	data := v1Document(t, 90, 7200)
	if !bytes.Contains(data, []byte(`"hold_minutes":{"ci_high":1.5`)) {
		t.Fatalf("the fixture is not a version 1 document: %s", data)
	}
	doc, err := ReadBaseline(data)
	if err != nil {
		t.Fatal(err)
	}
	m := doc.Designs[0].Metrics
	if _, old := m["hold_minutes"]; old || math.Abs(m["hold_time"].Mean-90) > 1e-9 || math.Abs(m["agent_time"].Mean-7200) > 1e-9 || math.Abs(m["agent_time"].CIHigh-7200) > 1e-9 {
		t.Fatalf("upgraded metrics: hold_time %+v, agent_time %+v", m["hold_time"], m["agent_time"])
	}
	if d := doc.Comparisons[0].Metrics["hold_time"]; math.Abs(d.Diff+90) > 1e-9 {
		t.Fatalf("upgraded difference %+v", d)
	}
	if doc.SchemaVersion != SchemaVersion || doc.Units["hold_time"] != "s" {
		t.Fatalf("version %d, units %v", doc.SchemaVersion, doc.Units)
	}
}

// TestMergeV1Partials: shards written with schema_version 1 merge into a
// result in seconds, the same as shards written now.
func TestMergeV1Partials(t *testing.T) {
	rs := &RunSet{Scenario: "s", Seed: 1, Replications: 2, Layout: Layout{Days: 1, Interval: 86400, WindowIntervals: 1}, Designs: []*DesignRuns{
		testRuns("d", map[string][]float64{"offered": {10, 12}, "hold_time": {60, 120}, "agent_time": {3600, 7200}}),
	}}
	for i := range rs.Designs[0].Reps {
		r := &rs.Designs[0].Reps[i]
		r.Intervals, r.Days, r.Calls = [][]float64{r.Total}, [][]float64{r.Total}, 100
	}
	p := rs.Partial("fp", 2, ShardID{Index: 1, Count: 1})
	// Make it what version 1 wrote.
	p.SchemaVersion = 1
	hold, agent := metricIndex["hold_time"], metricIndex["agent_time"]
	p.Metrics[hold], p.Metrics[agent] = "hold_minutes", "agent_hours"
	for i := range p.Designs[0].Reps {
		p.Designs[0].Reps[i].Total[hold] /= 60
		p.Designs[0].Reps[i].Total[agent] /= 3600
	}
	merged, err := Merge([]*Partial{p})
	if err != nil {
		t.Fatal(err)
	}
	got := merged.Document().Designs[0].Metrics
	if math.Abs(got["hold_time"].Mean-90) > 1e-9 || math.Abs(got["agent_time"].Mean-5400) > 1e-9 {
		t.Fatalf("merged: hold_time %+v, agent_time %+v", got["hold_time"], got["agent_time"])
	}
}

func TestSweepNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"12", 12, true}, {"0.4", 0.4, true}, {"80%", 0.8, true}, {"45s", 45, true}, {"2m", 120, true}, {"1h30m", 5400, true},
		{"lognormal(mean=3m, cv=1.2)", 0, false}, {"[1, 2]", 0, false}, {"100/min", 0, false}, {"x%", 0, false}, {"NaN", 0, false}, {"", 0, false},
	}
	for _, tt := range tests {
		got := SweepNumber(tt.in)
		if (got != nil) != tt.ok || (got != nil && math.Abs(*got-tt.want) > 1e-12) {
			t.Errorf("SweepNumber(%q) = %v, want %v (%v)", tt.in, got, tt.want, tt.ok)
		}
	}
}

// TestSweepCSV: one column per swept path, numeric where the value is a
// number; comparisons in base and other; a unit on every metric row.
func TestSweepCSV(t *testing.T) {
	point := func(agents, wait string) SweepPoint {
		rs := &RunSet{Scenario: "s", Seed: 1, Replications: 2, Designs: []*DesignRuns{
			testRuns("a", map[string][]float64{"offered": {10, 12}, "asa": {5, 6}}),
			testRuns("b", map[string][]float64{"offered": {10, 12}, "asa": {4, 6}}),
		}}
		d := rs.Document()
		return SweepPoint{Values: []SweepValue{{Path: "agents.team.count", Value: agents}, {Path: "service_level.within", Value: wait}}, Designs: d.Designs, Comparisons: d.Comparisons}
	}
	doc := &SweepDocument{Sweep: []string{"agents.team.count", "service_level.within"}, Points: []SweepPoint{point("10", "20s"), point("12", "1m")}}
	var b bytes.Buffer
	if err := WriteSweepCSV(&b, doc); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "agents.team.count,service_level.within,design,base,other,scope,period,metric,unit,statistic,value" {
		t.Fatalf("header %s", got)
	}
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		seen[r[0]+"/"+r[1]] = true
		if r[7] == "asa" && (r[9] == "mean" || r[9] == "diff") && r[8] != "s" {
			t.Errorf("asa in %q", r[8])
		}
		if r[5] == "comparison" && (r[2] != "" || r[3] != "a" || r[4] != "b") {
			t.Errorf("comparison row %v", r)
		}
	}
	if !seen["10/20"] || !seen["12/60"] || len(seen) != 2 {
		t.Fatalf("axis values %v", seen)
	}
}

// FuzzSweepNumber: any text reads as a finite number or as none, without
// panicking, and a plain number reads as itself.
func FuzzSweepNumber(f *testing.F) {
	for _, s := range []string{"12", "0.4", "80%", "45s", "1h30m", "lognormal(mean=3m, cv=1)", "1e400", "-0", "%", "NaN", "Inf"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := SweepNumber(s)
		if n != nil && (math.IsNaN(*n) || math.IsInf(*n, 0)) {
			t.Fatalf("SweepNumber(%q) = %v", s, *n)
		}
	})
}

// TestMergeRefusesOtherMetrics: a shard written by an ivrsim with another
// metric list is refused with what differs, quoted and kept short.
func TestMergeRefusesOtherMetrics(t *testing.T) {
	got := metricsDiff([]string{"offered", "old\x1b[31m"}, []string{"offered", "a", "b", "c", "d", "e", "f", "g"})
	for _, want := range []string{"it lacks a, b, c, d, e and 2 more", `it has "old\x1b[31m"`} {
		if !strings.Contains(got, want) {
			t.Errorf("metricsDiff = %q, want it to contain %q", got, want)
		}
	}
	if strings.ContainsRune(got, 0x1b) {
		t.Errorf("a control character from the file reached the message: %q", got)
	}
}
