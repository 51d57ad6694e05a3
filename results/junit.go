package results

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// JUnitSuite is the name of the one test suite ivrsim check writes.
const JUnitSuite = "ivrsim check"

// The JUnit XML elements, as GitLab, Jenkins and GitHub test reporters read
// them, kept within both published schemas of the format: the one the
// Jenkins xUnit plugin validates against and the Apache Ant one. That
// decides the shape: <testsuites> carries no attributes (Ant allows none,
// Jenkins no skipped count), a suite has the id, package, timestamp,
// hostname and time Ant requires and ends with system-out and system-err,
// and a test case holds at most one of failure or skipped and no output of
// its own, so the details of passed checks go to the suite's system-out.
type (
	junitSuites struct {
		XMLName xml.Name     `xml:"testsuites"`
		Suites  []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name       string          `xml:"name,attr"`
		Package    string          `xml:"package,attr"`
		ID         int             `xml:"id,attr"`
		Tests      int             `xml:"tests,attr"`
		Failures   int             `xml:"failures,attr"`
		Errors     int             `xml:"errors,attr"`
		Skipped    int             `xml:"skipped,attr"`
		Time       string          `xml:"time,attr"`
		Timestamp  string          `xml:"timestamp,attr"`
		Hostname   string          `xml:"hostname,attr"`
		Properties []junitProperty `xml:"properties>property"`
		Cases      []junitCase     `xml:"testcase"`
		SystemOut  junitText       `xml:"system-out"`
		SystemErr  junitText       `xml:"system-err"`
	}
	junitProperty struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		Time      string        `xml:"time,attr"`
		Failure   *junitFailure `xml:"failure"`
		Skipped   *junitSkipped `xml:"skipped"`

		design string // whose simulation the case's time is a share of
		detail string // what the suite's system-out says of the case
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
	// junitSkipped says why a check was not made, in its message and, for
	// the readers that show only the text, its text.
	junitSkipped struct {
		Message string `xml:"message,attr"`
		Text    string `xml:",chardata"`
	}
)

// WriteJUnit writes the report as JUnit XML: one test suite, "ivrsim
// check", with a test case per threshold and design and per regression
// check, classed by design. A case's name says what is checked, not the
// value it is held to (so changing a threshold or tolerance keeps the
// test's history in CI); the value is in the failure's body and in the
// suite's output. A failure's message and body both carry the observed
// value and its interval, since GitLab shows the one and Jenkins the other.
// Problems of the whole run are failed test cases too.
//
// The suite's time is the run's (Elapsed); each case's time is its share of
// it: a design's share in proportion to the contacts simulated for it,
// split evenly among the design's cases, so the cases add up to the run as
// GitLab's totals expect.
func WriteJUnit(w io.Writer, r *CheckReport) error {
	s := junitSuite{Name: JUnitSuite, Package: "ivrsim", Hostname: r.Hostname,
		Timestamp: r.Started.UTC().Format("2006-01-02T15:04:05"),
		Time:      junitSeconds(r.Elapsed.Seconds()),
		Properties: []junitProperty{
			{"scenario", r.Scenario},
			{"seed", fmt.Sprint(r.Seed)},
			{"replications", fmt.Sprint(r.Replications)},
			{"alpha", fmt.Sprint(r.Alpha)},
			{"ivrsim_version", Version},
		}}
	if s.Hostname == "" {
		s.Hostname = "localhost" // Ant's schema requires one
	}
	for _, p := range r.Problems {
		class := p.Design
		if class == "" {
			class = r.Scenario
		}
		s.Cases = append(s.Cases, junitCase{Name: "run measured contacts", Classname: class, design: p.Design,
			Failure: &junitFailure{Message: p.Message, Type: "empty run", Body: junitChars(p.Message + "\n")},
			detail:  junitChars(p.Message + "\n")})
	}
	for _, t := range r.Thresholds {
		th := t.Threshold
		c := junitCase{Name: th.Target + " " + th.AggregationName() + " " + th.Op.String(), Classname: t.Design, design: t.Design}
		c.detail = thresholdDetail(t, r.Replications)
		if !t.Pass {
			c.Failure = &junitFailure{Message: t.Explanation(r.Replications), Type: "threshold", Body: c.detail}
		}
		s.Cases = append(s.Cases, c)
	}
	for _, g := range r.Regressions {
		c := junitCase{Name: fmt.Sprintf("regression %s, %s", g.Metric.Name, g.Compared()), Classname: g.Proposed, design: g.Proposed}
		c.detail = regressionDetail(g)
		if !g.Pass {
			c.Failure = &junitFailure{Message: g.Explanation(), Type: "regression", Body: c.detail}
		}
		s.Cases = append(s.Cases, c)
	}
	for _, d := range r.NoBaseline {
		why := fmt.Sprintf("the baseline has no design %q: not compared", d)
		s.Cases = append(s.Cases, junitCase{Name: "regression against the baseline", Classname: d, design: d,
			Skipped: &junitSkipped{Message: why, Text: why}, detail: junitChars(why + "\n")})
	}
	caseTimes(s.Cases, r)
	var out strings.Builder
	for _, c := range s.Cases {
		s.Tests++
		verdict := "passed"
		switch {
		case c.Failure != nil:
			s.Failures++
			verdict = "FAILED"
		case c.Skipped != nil:
			s.Skipped++
			verdict = "skipped"
		}
		fmt.Fprintf(&out, "%s: %s [%s]\n%s\n", junitChars(c.Classname), junitChars(c.Name), verdict, c.detail)
	}
	s.SystemOut.Text = out.String()
	doc := junitSuites{Suites: []junitSuite{s}}
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

// caseTimes shares the run's time among the cases so that they add up to
// it: each design with cases gets the part its share of the contacts
// simulated took, split evenly among its cases. A case of a design that
// simulated nothing gets none, unless nothing was simulated at all; then
// the cases share the time evenly.
func caseTimes(cases []junitCase, r *CheckReport) {
	total := r.Elapsed.Seconds()
	perDesign := map[string]int{}
	for _, c := range cases {
		perDesign[c.design]++
	}
	var calls int64
	for d, n := range perDesign {
		if n > 0 && r.Calls[d] > 0 {
			calls += r.Calls[d]
		}
	}
	for i := range cases {
		d := cases[i].design
		t := 0.0
		switch {
		case calls == 0:
			t = total / float64(len(cases))
		case r.Calls[d] > 0:
			t = total * float64(r.Calls[d]) / float64(calls) / float64(perDesign[d])
		}
		cases[i].Time = junitSeconds(t)
	}
}

// junitSeconds writes a duration as both schemas read it: a decimal number
// of seconds with no exponent, to the millisecond.
func junitSeconds(s float64) string {
	if !(s > 0) {
		s = 0
	}
	return strconv.FormatFloat(s, 'f', 3, 64)
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
