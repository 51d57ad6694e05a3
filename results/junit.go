package results

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// JUnitSuite is the name of the one test suite ivrsim check writes.
const JUnitSuite = "ivrsim check"

// The JUnit XML elements, as GitLab, Jenkins and GitHub test reporters read
// them. Times are left out: they would make the report differ between runs
// of the same seed.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Skipped  int          `xml:"skipped,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name       string          `xml:"name,attr"`
		Tests      int             `xml:"tests,attr"`
		Failures   int             `xml:"failures,attr"`
		Errors     int             `xml:"errors,attr"`
		Skipped    int             `xml:"skipped,attr"`
		Properties []junitProperty `xml:"properties>property"`
		Cases      []junitCase     `xml:"testcase"`
	}
	junitProperty struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		Failure   *junitFailure `xml:"failure"`
		Skipped   *junitSkipped `xml:"skipped"`
		SystemOut *junitText    `xml:"system-out"`
	}
	junitFailure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Body    string `xml:",cdata"`
	}
	// junitText is text kept readable in the file: CDATA, with its line
	// breaks as they are.
	junitText struct {
		Text string `xml:",cdata"`
	}
	junitSkipped struct {
		Message string `xml:"message,attr"`
	}
)

// WriteJUnit writes the report as JUnit XML: one test suite, "ivrsim
// check", with a test case per threshold and design and per regression
// check, classed by design. A failure's message and body both carry the
// observed value and its interval, since GitLab shows the one and Jenkins
// the other. Problems of the whole run are failed test cases too.
func WriteJUnit(w io.Writer, r *CheckReport) error {
	s := junitSuite{Name: JUnitSuite, Properties: []junitProperty{
		{"scenario", r.Scenario},
		{"seed", fmt.Sprint(r.Seed)},
		{"replications", fmt.Sprint(r.Replications)},
		{"alpha", fmt.Sprint(r.Alpha)},
	}}
	for _, p := range r.Problems {
		class := p.Design
		if class == "" {
			class = r.Scenario
		}
		s.Cases = append(s.Cases, junitCase{Name: "run measured contacts", Classname: class,
			Failure: &junitFailure{Message: p.Message, Type: "empty run", Body: junitChars(p.Message + "\n")}})
	}
	for _, t := range r.Thresholds {
		c := junitCase{Name: t.Threshold.Name(), Classname: t.Design}
		detail := thresholdDetail(t, r.Replications)
		if t.Pass {
			c.SystemOut = &junitText{detail}
		} else {
			c.Failure = &junitFailure{Message: t.Explanation(r.Replications), Type: "threshold", Body: detail}
		}
		s.Cases = append(s.Cases, c)
	}
	for _, g := range r.Regressions {
		c := junitCase{Name: fmt.Sprintf("regression %s, %s, tolerance %s", g.Metric.Name, g.Compared(), g.Tolerance.Text), Classname: g.Proposed}
		detail := regressionDetail(g)
		if g.Pass {
			c.SystemOut = &junitText{detail}
		} else {
			c.Failure = &junitFailure{Message: g.Explanation(), Type: "regression", Body: detail}
		}
		s.Cases = append(s.Cases, c)
	}
	for _, d := range r.NoBaseline {
		s.Cases = append(s.Cases, junitCase{Name: "regression against the baseline", Classname: d,
			Skipped: &junitSkipped{Message: fmt.Sprintf("the baseline has no design %q: not compared", d)}})
	}
	for _, c := range s.Cases {
		s.Tests++
		switch {
		case c.Failure != nil:
			s.Failures++
		case c.Skipped != nil:
			s.Skipped++
		}
	}
	doc := junitSuites{Name: JUnitSuite, Tests: s.Tests, Failures: s.Failures, Skipped: s.Skipped, Suites: []junitSuite{s}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// junitChars replaces what XML 1.0 cannot hold (most control characters,
// invalid UTF-8) with U+FFFD. Attributes and escaped text get this from
// encoding/xml; CDATA sections do not.
func junitChars(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r',
			r >= 0x20 && r <= 0xD7FF,
			r >= 0xE000 && r <= 0xFFFD,
			r >= 0x10000 && r <= 0x10FFFF:
			return r
		}
		return '\uFFFD'
	}, s)
}

func thresholdDetail(t ThresholdResult, replications int) string {
	th := t.Threshold
	s := fmt.Sprintf("threshold: %s\ndesign: %s\nobserved: %s\ninterval: %s\nrequired: %s %s %s\n",
		th.Name(), t.Design, t.ObservedText(), t.IntervalText(replications), th.AggregationName(), th.Op, FormatValue(th.Unit, th.Value))
	if t.Reason != "" {
		s += "reason: " + t.Reason + "\n"
	}
	return junitChars(s)
}

func regressionDetail(g RegressionResult) string {
	s := fmt.Sprintf("metric: %s\ncompared: %s (%s)\ndifference (proposed − current): %s\nworse by at least (one-sided %s bound): %s\ntolerance: %s\n",
		g.Metric.Name, g.Compared(), g.Method(), g.DiffText(), g.ConfidenceText(), g.BoundText(), g.ToleranceText())
	if g.Reason != "" {
		s += "reason: " + g.Reason + "\n"
	}
	return junitChars(s)
}
