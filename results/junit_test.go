package results

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
)

// junitDoc is what a CI system reads of a JUnit report.
type junitDoc struct {
	XMLName xml.Name `xml:"testsuites"`
	Suites  []struct {
		Name       string  `xml:"name,attr"`
		Tests      int     `xml:"tests,attr"`
		Failures   int     `xml:"failures,attr"`
		Errors     int     `xml:"errors,attr"`
		Skipped    int     `xml:"skipped,attr"`
		Time       float64 `xml:"time,attr"`
		Timestamp  string  `xml:"timestamp,attr"`
		SystemOut  string  `xml:"system-out"`
		Properties []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"value,attr"`
		} `xml:"properties>property"`
		Cases []struct {
			Name      string  `xml:"name,attr"`
			Classname string  `xml:"classname,attr"`
			Time      float64 `xml:"time,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Body    string `xml:",chardata"`
			} `xml:"failure"`
			Skipped *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func parseJUnit(t *testing.T, data []byte) junitDoc {
	t.Helper()
	var doc junitDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("the report is not well-formed XML: %v\n%s", err, data)
	}
	return doc
}

// TestJUnitStructure: one suite, a test case per threshold and design, per
// regression check and per problem, the counts right, classed by design,
// and the observed value with its interval in a failure's message and
// body alike.
func TestJUnitStructure(t *testing.T) {
	r := testReport(t)
	var b bytes.Buffer
	if err := WriteJUnit(&b, r); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "report.xml", b.Bytes())
	if !strings.HasPrefix(b.String(), `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Fatal("no XML declaration")
	}
	doc := parseJUnit(t, b.Bytes())
	if len(doc.Suites) != 1 {
		t.Fatalf("%d suites", len(doc.Suites))
	}
	s := doc.Suites[0]
	want := len(r.Problems) + len(r.Thresholds) + len(r.Regressions) + len(r.NoBaseline)
	if s.Name != "ivrsim check" || len(s.Cases) != want || s.Tests != want {
		t.Fatalf("suite %q: %d cases, tests=%d, want %d", s.Name, len(s.Cases), s.Tests, want)
	}
	failures, skipped := 0, 0
	for _, c := range s.Cases {
		if c.Failure != nil {
			failures++
		}
		if c.Skipped != nil {
			skipped++
		}
		if c.Name == "" || c.Classname == "" {
			t.Errorf("a case without a name or class: %+v", c)
		}
	}
	if failures != r.Failures() || s.Failures != failures || s.Errors != 0 || skipped != 1 || s.Skipped != 1 {
		t.Fatalf("%d failures (suite says %d, report %d), %d skipped (suite says %d)", failures, s.Failures, r.Failures(), skipped, s.Skipped)
	}
	props := map[string]string{}
	for _, p := range s.Properties {
		props[p.Name] = p.Value
	}
	if props["scenario"] != "gate" || props["seed"] != "7" || props["replications"] != "3" || props["ivrsim_version"] != Version {
		t.Fatalf("properties %v", props)
	}

	// Case by case, in the report's order.
	i := len(r.Problems)
	for _, th := range r.Thresholds {
		c := s.Cases[i]
		i++
		// XML cannot hold \x01: it is written as U+FFFD.
		if c.Name != strings.ReplaceAll(th.Threshold.Target+" "+th.Threshold.AggregationName()+" "+th.Threshold.Op.String(), "\x01", "\uFFFD") || c.Classname != strings.ReplaceAll(th.Design, "\x01", "\uFFFD") {
			t.Errorf("case %q class %q for threshold %q on %q", c.Name, c.Classname, th.Threshold.Name(), th.Design)
		}
		if th.Pass != (c.Failure == nil) {
			t.Errorf("%s: pass %v, failure %v", c.Name, th.Pass, c.Failure)
			continue
		}
		// A passed check's detail is in the suite's output.
		text := s.SystemOut
		if c.Failure != nil {
			text = c.Failure.Body
			if c.Failure.Type != "threshold" {
				t.Errorf("%s: type %q", c.Name, c.Failure.Type)
			}
			for _, part := range []string{th.ObservedText(), th.IntervalText(r.Replications)} {
				if !strings.Contains(c.Failure.Message, part) {
					t.Errorf("%s: the message %q lacks %q", c.Name, c.Failure.Message, part)
				}
			}
		}
		for _, part := range []string{th.ObservedText(), th.IntervalText(r.Replications)} {
			if !strings.Contains(text, part) {
				t.Errorf("%s: the body %q lacks %q", c.Name, text, part)
			}
		}
	}
	for _, g := range r.Regressions {
		c := s.Cases[i]
		i++
		if c.Classname != g.Proposed || !strings.Contains(c.Name, g.Metric.Name) || g.Pass != (c.Failure == nil) {
			t.Errorf("case %q class %q for regression %s of %s", c.Name, c.Classname, g.Metric.Name, g.Proposed)
		}
		if c.Failure != nil && (!strings.Contains(c.Failure.Message, g.DiffText()) || !strings.Contains(c.Failure.Body, g.BoundText())) {
			t.Errorf("%s: the failure lacks the difference or its bound: %+v", c.Name, c.Failure)
		}
	}
	if c := s.Cases[0]; c.Failure == nil || c.Classname != "empty" || !strings.Contains(c.Failure.Message, "no contacts were offered") {
		t.Errorf("the empty design's case: %+v", c)
	}
}

// TestJUnitEscaping: names from the scenario cannot break the XML, and a
// character XML cannot hold is replaced, not written.
func TestJUnitEscaping(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJUnit(&b, testReport(t)); err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsRune(b.Bytes(), '\x01') {
		t.Fatal("a control character was written into the XML")
	}
	doc := parseJUnit(t, b.Bytes())
	found := false
	for _, c := range doc.Suites[0].Cases {
		if c.Classname == strings.ReplaceAll(oddName, "\x01", "\uFFFD") {
			found = true
		}
	}
	if !found {
		t.Fatal("the odd design name did not survive the round trip")
	}
}
