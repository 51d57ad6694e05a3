package results

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sharedDir finds the shared folder beside the repository (the repository's
// parent holds it in CI), or skips the test saying what is missing.
func sharedDir(t *testing.T, sub ...string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test's folder: cannot find the repository root")
		}
		dir = parent
	}
	p := filepath.Join(append([]string{dir, "..", "shared"}, sub...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s is absent (the shared folder belongs beside the repository): %v", p, err)
	}
	return p
}

// TestJUnitValidatesAgainstSchemas: the report is valid by both published
// JUnit schemas, the Jenkins xUnit plugin's and Apache Ant's, as xmllint
// judges them, for a report with every kind of case and for the smallest
// one, a single passed check.
func TestJUnitValidatesAgainstSchemas(t *testing.T) {
	dir := sharedDir(t, "schemas", "junit")
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint is not installed (Debian: apt-get install libxml2-utils): the JUnit schemas are not checked")
	}
	one := &CheckReport{Scenario: "s", Replications: 1, Alpha: 0.05,
		Thresholds: []ThresholdResult{{Threshold: mustThreshold(t, "abandon_rate < 5%"), Design: "d", Pass: true, Observed: 0.01}},
		Started:    time.Unix(0, 0)}
	reports := map[string]*CheckReport{"every kind of case": testReport(t), "one passed check": one}
	for name, r := range reports {
		var b bytes.Buffer
		if err := WriteJUnit(&b, r); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "junit.xml")
		if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, xsd := range []string{"jenkins-xunit-junit-10.xsd", "windyroad-JUnit.xsd"} {
			out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join(dir, xsd), file).CombinedOutput()
			if err != nil {
				t.Errorf("%s: not valid by %s: %v\n%s\n%s", name, xsd, err, out, b.Bytes())
			}
		}
	}
}

// TestJUnitSchemaCheckCanFail: the validation above can fail: a report
// with an attribute neither schema knows is refused.
func TestJUnitSchemaCheckCanFail(t *testing.T) {
	dir := sharedDir(t, "schemas", "junit")
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint is not installed (Debian: apt-get install libxml2-utils)")
	}
	var b bytes.Buffer
	if err := WriteJUnit(&b, testReport(t)); err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(b.String(), "<testsuites>", `<testsuites skipped="1">`, 1)
	file := filepath.Join(t.TempDir(), "junit.xml")
	if err := os.WriteFile(file, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, xsd := range []string{"jenkins-xunit-junit-10.xsd", "windyroad-JUnit.xsd"} {
		if out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join(dir, xsd), file).CombinedOutput(); err == nil {
			t.Errorf("%s accepted <testsuites skipped=...>:\n%s", xsd, out)
		}
	}
}

func mustThreshold(t *testing.T, line string) Threshold {
	t.Helper()
	th, err := ParseThresholdLine(line)
	if err != nil {
		t.Fatal(err)
	}
	return th
}

// TestJUnitNamesStable: changing a threshold's value or a tolerance keeps
// every test case's name and class, so CI keeps the test's history; the
// new value shows in the report.
func TestJUnitNamesStable(t *testing.T) {
	r := testReport(t)
	var before bytes.Buffer
	if err := WriteJUnit(&before, r); err != nil {
		t.Fatal(err)
	}
	changed := *r
	changed.Thresholds = append([]ThresholdResult(nil), r.Thresholds...)
	changed.Thresholds[0].Threshold = mustThreshold(t, "abandon_rate{current} < 9.5%")
	changed.Regressions = append([]RegressionResult(nil), r.Regressions...)
	changed.Regressions[0].Tolerance = mustTolerance(t, "abandon_rate=2.5pp")
	var after bytes.Buffer
	if err := WriteJUnit(&after, &changed); err != nil {
		t.Fatal(err)
	}
	a, b := parseJUnit(t, before.Bytes()).Suites[0], parseJUnit(t, after.Bytes()).Suites[0]
	if len(a.Cases) != len(b.Cases) {
		t.Fatalf("%d cases before, %d after", len(a.Cases), len(b.Cases))
	}
	for i := range a.Cases {
		if a.Cases[i].Name != b.Cases[i].Name || a.Cases[i].Classname != b.Cases[i].Classname {
			t.Errorf("case %d renamed: %q/%q → %q/%q", i, a.Cases[i].Classname, a.Cases[i].Name, b.Cases[i].Classname, b.Cases[i].Name)
		}
	}
	for _, v := range []string{"9.5%", "2.5pp"} {
		if !strings.Contains(b.SystemOut, v) {
			t.Errorf("the new value %s is not in the report", v)
		}
	}
}

// TestJUnitTimes: the suite carries the run's time and the cases' times
// add up to it, each design's in proportion to the contacts it simulated.
func TestJUnitTimes(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJUnit(&b, testReport(t)); err != nil {
		t.Fatal(err)
	}
	s := parseJUnit(t, b.Bytes()).Suites[0]
	if s.Time != 1.5 || s.Timestamp != "2026-12-04T09:30:00" {
		t.Fatalf("suite time %v, timestamp %q", s.Time, s.Timestamp)
	}
	sum, byClass := 0.0, map[string]float64{}
	for _, c := range s.Cases {
		sum += c.Time
		byClass[c.Classname] += c.Time
	}
	// Rounded to milliseconds per case: 11 cases.
	if d := sum - 1.5; d > 0.006 || d < -0.006 {
		t.Errorf("case times add to %v, the run took 1.5", sum)
	}
	// current simulated 3 times proposed's contacts.
	if r := byClass["current"] / byClass["proposed"]; r < 2.95 || r > 3.05 {
		t.Errorf("current's share is %v times proposed's, want 3 (%v)", r, byClass)
	}
	if byClass["empty"] != 0 {
		t.Errorf("a design that simulated nothing took %v s", byClass["empty"])
	}
}

// TestJUnitSkippedReasonText: the reason a check was skipped is the
// element's text as well as its message.
func TestJUnitSkippedReasonText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJUnit(&b, testReport(t)); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range parseJUnit(t, b.Bytes()).Suites[0].Cases {
		if c.Skipped != nil {
			n++
			if c.Skipped.Text == "" || c.Skipped.Text != c.Skipped.Message {
				t.Errorf("skipped %q: text %q", c.Skipped.Message, c.Skipped.Text)
			}
		}
	}
	if n != 1 {
		t.Fatalf("%d skipped cases", n)
	}
}
