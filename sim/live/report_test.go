package live

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ivrsim/ivrsim/results"
)

func sampleReport(t *testing.T) *Report {
	t.Helper()
	th, err := ParseThreshold("setup_p95 < 200ms")
	if err != nil {
		t.Fatal(err)
	}
	r := &Report{Scenario: "small", Design: "menu", Target: "sip:ivr@127.0.0.1:5070", Seed: 1, From: "09:00",
		Duration: 600, TimeScale: 0.1, Scale: 1, Transport: "udp", DTMF: "rfc4733",
		Metrics: []Metric{{Name: "offered", Unit: unitCount, Value: 12}, {Name: "setup_p95", Unit: unitSeconds, Wall: true, Value: 0.25},
			{Name: "asa", Unit: unitSeconds, Value: math.NaN()}, {Name: "calls_per_second", Unit: unitRate, Value: 1.5}},
		FailureCodes: [][2]int64{{486, 1}, {503, 2}},
		Errors:       []ErrorCount{{Message: `refused "busy" <now>`, Calls: 2}},
	}
	r.Judge([]results.Condition{th})
	return r
}

// TestReportFormats checks that every format of a load report is valid and
// carries the figures: JSON parses (undefined values are null), JUnit parses
// with the failed threshold, the table names it.
func TestReportFormats(t *testing.T) {
	r := sampleReport(t)
	var js, xm, tb, cs bytes.Buffer
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		SchemaVersion int                   `json:"schema_version"`
		Metrics       map[string]*float64   `json:"metrics"`
		Errors        []struct{ Calls int } `json:"errors"`
		Thresholds    []struct{ Pass bool } `json:"thresholds"`
		SIPFailures   map[string]int        `json:"sip_failures"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatalf("%v in\n%s", err, js.String())
	}
	if doc.SchemaVersion != LoadSchemaVersion || len(doc.Metrics) != 4 || doc.Metrics["asa"] != nil ||
		len(doc.Errors) != 1 || len(doc.Thresholds) != 1 || doc.Thresholds[0].Pass || doc.SIPFailures["503"] != 2 {
		t.Errorf("unexpected JSON:\n%s", js.String())
	}
	if err := r.WriteJUnit(&xm); err != nil {
		t.Fatal(err)
	}
	var suite struct {
		Failures int `xml:"failures,attr"`
		Cases    []struct {
			Failure *struct {
				Message string `xml:"message,attr"`
			} `xml:"failure"`
		} `xml:"testcase"`
	}
	if err := xml.Unmarshal(xm.Bytes(), &suite); err != nil || suite.Failures != 1 || len(suite.Cases) != 1 || suite.Cases[0].Failure == nil ||
		suite.Cases[0].Failure.Message != "setup_p95 < 200ms: observed 250.0 ms" {
		t.Errorf("JUnit: %v, %d failures\n%s", err, suite.Failures, xm.String())
	}
	if err := r.WriteTable(&tb); err != nil || !strings.Contains(tb.String(), "FAIL") || !strings.Contains(tb.String(), "503") ||
		!strings.Contains(tb.String(), "window 09:00 for 10m,") {
		t.Errorf("table: %v\n%s", err, tb.String())
	}
	if err := r.WriteCSV(&cs); err != nil || !strings.HasPrefix(cs.String(), "metric,value,unit\n") || !strings.Contains(cs.String(), "asa,,s") {
		t.Errorf("CSV: %v\n%s", err, cs.String())
	}
}

// TestReportJSONKeys: the JSON has the documented keys in a fixed order,
// its own version and the writer's, and text as written (no \u003c for <).
func TestReportJSONKeys(t *testing.T) {
	var js bytes.Buffer
	if err := sampleReport(t).WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	want := []string{"schema_version", "ivrsim_version", "kind", "scenario", "design", "target", "seed", "from", "duration",
		"time_scale", "scale", "transport", "dtmf", "units", "metrics", "sip_failures", "errors", "thresholds", "aborted", "interrupted"}
	if got := topKeys(t, js.Bytes()); !slices.Equal(got, want) {
		t.Errorf("keys %v, want %v", got, want)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{"schema_version": "2", "ivrsim_version": `"` + results.Version + `"`, "kind": `"load"`, "duration": "600"} {
		if string(doc[k]) != v {
			t.Errorf("%s is %s, want %s", k, doc[k], v)
		}
	}
	if got := topKeys(t, doc["metrics"]); !slices.Equal(got, []string{"offered", "setup_p95", "asa", "calls_per_second"}) {
		t.Errorf("metrics in the order %v, want the report's", got)
	}
	if got := topKeys(t, doc["sip_failures"]); !slices.Equal(got, []string{"486", "503"}) {
		t.Errorf("SIP failures in the order %v", got)
	}
	if s := js.String(); strings.Contains(s, `\u003c`) || !strings.Contains(s, `"threshold": "setup_p95 < 200ms"`) || !strings.Contains(s, `<now>`) {
		t.Errorf("text escaped or missing:\n%s", s)
	}
	var again bytes.Buffer
	_ = sampleReport(t).WriteJSON(&again)
	if !bytes.Equal(js.Bytes(), again.Bytes()) {
		t.Error("the same report wrote two different JSON documents")
	}
}

// TestReportUnits: wall times are seconds in JSON and CSV, as every other
// ivrsim machine format carries durations, and each metric names its unit
// as results names it; the table shows wall times in milliseconds.
func TestReportUnits(t *testing.T) {
	r := sampleReport(t)
	var js, cs, tb bytes.Buffer
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Units      map[string]string   `json:"units"`
		Metrics    map[string]*float64 `json:"metrics"`
		Thresholds []struct {
			Metric   string   `json:"metric"`
			Observed *float64 `json:"observed"`
		} `json:"thresholds"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	wantUnits := map[string]string{"offered": results.Count.Symbol(), "setup_p95": results.Seconds.Symbol(), "asa": "s", "calls_per_second": "1/s"}
	for k, v := range wantUnits {
		if doc.Units[k] != v {
			t.Errorf("unit of %s is %q, want %q", k, doc.Units[k], v)
		}
	}
	if len(doc.Units) != len(doc.Metrics) {
		t.Errorf("%d units for %d metrics", len(doc.Units), len(doc.Metrics))
	}
	if p := doc.Metrics["setup_p95"]; p == nil || *p != 0.25 {
		t.Errorf("setup_p95 is %v in JSON, want 0.25 (seconds)", p)
	}
	if th := doc.Thresholds[0]; th.Metric != "setup_p95" || th.Observed == nil || *th.Observed != 0.25 {
		t.Errorf("threshold observed %+v, want setup_p95 at 0.25 s", th)
	}
	if err := r.WriteCSV(&cs); err != nil {
		t.Fatal(err)
	}
	for _, row := range []string{"offered,12,count", "setup_p95,0.25,s", "asa,,s", "calls_per_second,1.5,1/s"} {
		if !strings.Contains(cs.String(), row+"\n") {
			t.Errorf("CSV lacks %q:\n%s", row, cs.String())
		}
	}
	if err := r.WriteTable(&tb); err != nil {
		t.Fatal(err)
	}
	for _, cell := range []string{"250.0 ms", "setup_p95 < 200ms  250.0 ms  FAIL"} {
		if !strings.Contains(tb.String(), cell) {
			t.Errorf("table lacks %q:\n%s", cell, tb.String())
		}
	}
}

// TestSummaryUnits: every figure a run reports has a unit the formats know,
// times in seconds.
func TestSummaryUnits(t *testing.T) {
	s := newSummary()
	rec(s.setup, 35200*time.Microsecond)
	known := []string{unitRatio, unitSeconds, unitCount, unitRate}
	for _, m := range s.Metrics() {
		if !slices.Contains(known, m.Unit) {
			t.Errorf("%s has unit %q", m.Name, m.Unit)
		}
		if m.Wall && m.Unit != unitSeconds {
			t.Errorf("%s is a wall time in %q", m.Name, m.Unit)
		}
		if m.Name == "setup_p95" && math.Abs(m.Value-0.0352) > 1e-4 {
			t.Errorf("setup_p95 is %v, want 0.0352 s", m.Value)
		}
	}
}

// topKeys lists the keys of a JSON object in the order they are written.
func topKeys(t *testing.T, b []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", b)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

// TestCallRow: the per-call CSV carries wall times in seconds, as the
// report does, and leaves first_audio empty when no audio came.
func TestCallRow(t *testing.T) {
	r := &CallRecord{Index: 7, Attempt: 1, Arrival: 32400.5, Code: 200, Ringing: 1500 * time.Microsecond,
		Setup: 35200 * time.Microsecond, FirstAudio: -1, Outcome: OutcomeResolved, IVRTime: 40}
	row := r.Row()
	if len(row) != len(CallCSVHeader) {
		t.Fatalf("%d cells for %d columns", len(row), len(CallCSVHeader))
	}
	got := map[string]string{}
	for i, h := range CallCSVHeader {
		got[h] = row[i]
	}
	for k, v := range map[string]string{"ringing": "0.001500", "setup": "0.035200", "first_audio": "", "arrival": "32400.500", "ivr_time": "40.000"} {
		if got[k] != v {
			t.Errorf("%s is %q, want %q", k, got[k], v)
		}
	}
}
