package live

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"math"
	"strings"
	"testing"
)

func sampleReport() *Report {
	th, _ := ParseThreshold("setup_p95 < 200ms")
	r := &Report{Scenario: "small", Design: "menu", Target: "sip:ivr@127.0.0.1:5070", Seed: 1, From: "09:00",
		Duration: "10m0s", TimeScale: 0.1, Scale: 1, Transport: "udp", DTMF: "rfc4733",
		Metrics:      []Metric{{Name: "offered", Unit: "count", Value: 12}, {Name: "setup_p95", Unit: "ms", Value: 250}, {Name: "asa", Unit: "s", Value: math.NaN()}},
		FailureCodes: [][2]int64{{503, 2}},
		Errors:       []ErrorCount{{Message: `refused "busy"`, Calls: 2}},
	}
	r.Judge([]Threshold{th})
	return r
}

// TestReportFormats checks that every format of a load report is valid and
// carries the figures: JSON parses (undefined values are null), JUnit parses
// with the failed threshold, the table names it.
func TestReportFormats(t *testing.T) {
	r := sampleReport()
	var js, xm, tb, cs bytes.Buffer
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		SchemaVersion int                        `json:"schema_version"`
		Metrics       map[string]json.RawMessage `json:"metrics"`
		Errors        []struct{ Calls int }      `json:"errors"`
		Thresholds    []struct{ Pass bool }      `json:"thresholds"`
		SIPFailures   map[string]int             `json:"sip_failures"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatalf("%v in\n%s", err, js.String())
	}
	if doc.SchemaVersion != LoadSchemaVersion || len(doc.Metrics) != 3 || !strings.Contains(string(doc.Metrics["asa"]), "null") ||
		len(doc.Errors) != 1 || len(doc.Thresholds) != 1 || doc.Thresholds[0].Pass || doc.SIPFailures["503"] != 2 {
		t.Errorf("unexpected JSON:\n%s", js.String())
	}
	if err := r.WriteJUnit(&xm); err != nil {
		t.Fatal(err)
	}
	var suite struct {
		Failures int `xml:"failures,attr"`
	}
	if err := xml.Unmarshal(xm.Bytes(), &suite); err != nil || suite.Failures != 1 {
		t.Errorf("JUnit: %v, %d failures\n%s", err, suite.Failures, xm.String())
	}
	if err := r.WriteTable(&tb); err != nil || !strings.Contains(tb.String(), "FAIL") || !strings.Contains(tb.String(), "503") {
		t.Errorf("table: %v\n%s", err, tb.String())
	}
	if err := r.WriteCSV(&cs); err != nil || !strings.HasPrefix(cs.String(), "metric,value,unit\n") || !strings.Contains(cs.String(), "asa,,s") {
		t.Errorf("CSV: %v\n%s", err, cs.String())
	}
}
