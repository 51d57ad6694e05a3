package live

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"text/tabwriter"
)

// LoadSchemaVersion is the version of the load report's JSON.
const LoadSchemaVersion = 1

// Report is a finished load run as ivrsim prints it.
type Report struct {
	Scenario, Design, Target string
	Seed                     uint64
	From, Duration           string
	TimeScale, Scale         float64
	Transport, DTMF          string
	Metrics                  []Metric
	FailureCodes             [][2]int64
	Errors                   []ErrorCount
	Thresholds               []ThresholdResult
	// Aborted says why the run stopped early, empty if it did not.
	Aborted     string
	Interrupted bool
}

// ThresholdResult is a threshold judged on a run.
type ThresholdResult struct {
	Threshold Threshold
	Observed  float64
	Pass      bool
}

// Judge evaluates thresholds on the report's metrics.
func (r *Report) Judge(ths []Threshold) (failed int) {
	vals := map[string]float64{}
	for _, m := range r.Metrics {
		vals[m.Name] = m.Value
	}
	r.Thresholds = r.Thresholds[:0]
	for _, t := range ths {
		v := vals[t.Metric]
		ok := t.Holds(v)
		if !ok {
			failed++
		}
		r.Thresholds = append(r.Thresholds, ThresholdResult{Threshold: t, Observed: v, Pass: ok})
	}
	return failed
}

func formatValue(v float64, unit string) string {
	if math.IsNaN(v) {
		return "-"
	}
	switch unit {
	case "ratio":
		return strconv.FormatFloat(100*v, 'f', 2, 64) + "%"
	case "count":
		return strconv.FormatFloat(v, 'f', 0, 64)
	case "ms":
		return strconv.FormatFloat(v, 'f', 1, 64) + " ms"
	case "s":
		return strconv.FormatFloat(v, 'f', 1, 64) + " s"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// WriteTable prints the report for a terminal.
func (r *Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "load %s, design %s, target %s\n", r.Scenario, r.Design, r.Target)
	fmt.Fprintf(tw, "window %s for %s, time scale %g, scale %g, %s, DTMF %s\n\n", r.From, r.Duration, r.TimeScale, r.Scale, r.Transport, r.DTMF)
	fmt.Fprintln(tw, "metric\tvalue\t")
	for _, m := range r.Metrics {
		fmt.Fprintf(tw, "%s\t%s\t\n", m.Name, formatValue(m.Value, m.Unit))
	}
	if len(r.FailureCodes) > 0 {
		fmt.Fprintln(tw, "\nSIP failures\tcalls\t")
		for _, c := range r.FailureCodes {
			fmt.Fprintf(tw, "%d\t%d\t\n", c[0], c[1])
		}
	}
	if len(r.Errors) > 0 {
		fmt.Fprintln(tw, "\nfailures\tcalls\t")
		for _, e := range r.Errors {
			fmt.Fprintf(tw, "%s\t%d\t\n", e.Message, e.Calls)
		}
	}
	if len(r.Thresholds) > 0 {
		fmt.Fprintln(tw, "\nthreshold\tobserved\tresult")
		for _, t := range r.Thresholds {
			res := "pass"
			if !t.Pass {
				res = "FAIL"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\n", t.Threshold.Text, strconv.FormatFloat(t.Observed, 'g', 6, 64), res)
		}
	}
	if r.Aborted != "" {
		fmt.Fprintf(tw, "\naborted: %s\n", r.Aborted)
	}
	if r.Interrupted {
		fmt.Fprintln(tw, "\ninterrupted: every live call was hung up")
	}
	return tw.Flush()
}

// jsonNumber is a metric value, null when undefined.
func jsonNumber(v float64) json.RawMessage {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return json.RawMessage("null")
	}
	return json.RawMessage(strconv.FormatFloat(v, 'g', -1, 64))
}

// WriteJSON writes the report with schema_version and the metrics in a
// fixed order.
func (r *Report) WriteJSON(w io.Writer) error {
	var b bytes.Buffer
	str := func(s string) string { q, _ := json.Marshal(s); return string(q) }
	fmt.Fprintf(&b, "{\n  \"schema_version\": %d,\n  \"kind\": \"load\",\n", LoadSchemaVersion)
	fmt.Fprintf(&b, "  \"scenario\": %s,\n  \"design\": %s,\n  \"target\": %s,\n  \"seed\": %d,\n", str(r.Scenario), str(r.Design), str(r.Target), r.Seed)
	fmt.Fprintf(&b, "  \"from\": %s,\n  \"duration\": %s,\n  \"time_scale\": %s,\n  \"scale\": %s,\n", str(r.From), str(r.Duration), jsonNumber(r.TimeScale), jsonNumber(r.Scale))
	fmt.Fprintf(&b, "  \"transport\": %s,\n  \"dtmf\": %s,\n  \"metrics\": {", str(r.Transport), str(r.DTMF))
	for i, m := range r.Metrics {
		sep := ","
		if i == len(r.Metrics)-1 {
			sep = ""
		}
		fmt.Fprintf(&b, "\n    %s: {\"value\": %s, \"unit\": %s}%s", str(m.Name), jsonNumber(m.Value), str(m.Unit), sep)
	}
	b.WriteString("\n  },\n  \"sip_failures\": {")
	for i, c := range r.FailureCodes {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "%q: %d", strconv.FormatInt(c[0], 10), c[1])
	}
	b.WriteString("},\n  \"errors\": [")
	for i, e := range r.Errors {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "\n    {\"message\": %s, \"calls\": %d}", str(e.Message), e.Calls)
	}
	if len(r.Errors) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("],\n  \"thresholds\": [")
	for i, t := range r.Thresholds {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "\n    {\"threshold\": %s, \"observed\": %s, \"pass\": %t}", str(t.Threshold.Text), jsonNumber(t.Observed), t.Pass)
	}
	if len(r.Thresholds) > 0 {
		b.WriteString("\n  ")
	}
	fmt.Fprintf(&b, "],\n  \"aborted\": %s,\n  \"interrupted\": %t\n}\n", str(r.Aborted), r.Interrupted)
	_, err := w.Write(b.Bytes())
	return err
}

// WriteCSV writes one row per metric: metric, value, unit.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"metric", "value", "unit"})
	for _, m := range r.Metrics {
		v := ""
		if !math.IsNaN(m.Value) {
			v = strconv.FormatFloat(m.Value, 'g', -1, 64)
		}
		_ = cw.Write([]string{m.Name, v, m.Unit})
	}
	cw.Flush()
	return cw.Error()
}

// WriteJUnit writes the thresholds (and an early stop) as JUnit XML test
// cases of the suite "ivrsim load".
func (r *Report) WriteJUnit(w io.Writer) error {
	type failure struct {
		Message string `xml:"message,attr"`
		Body    string `xml:",chardata"`
	}
	type tcase struct {
		Name      string   `xml:"name,attr"`
		Classname string   `xml:"classname,attr"`
		Failure   *failure `xml:"failure"`
	}
	type suite struct {
		XMLName  xml.Name `xml:"testsuite"`
		Name     string   `xml:"name,attr"`
		Tests    int      `xml:"tests,attr"`
		Failures int      `xml:"failures,attr"`
		Cases    []tcase  `xml:"testcase"`
	}
	s := suite{Name: "ivrsim load"}
	for _, t := range r.Thresholds {
		c := tcase{Name: t.Threshold.Text, Classname: r.Design}
		if !t.Pass {
			msg := fmt.Sprintf("%s: observed %s", t.Threshold.Text, strconv.FormatFloat(t.Observed, 'g', 6, 64))
			c.Failure = &failure{Message: msg, Body: msg}
			s.Failures++
		}
		s.Cases = append(s.Cases, c)
	}
	if r.Aborted != "" {
		s.Cases = append(s.Cases, tcase{Name: "failure rate", Classname: r.Design, Failure: &failure{Message: r.Aborted, Body: r.Aborted}})
		s.Failures++
	}
	s.Tests = len(s.Cases)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(s); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// CallCSVHeader and Row write per-call records (--calls).
var CallCSVHeader = []string{"caller", "attempt", "segment", "intent", "arrival", "code", "ringing_ms", "setup_ms",
	"first_audio_ms", "outcome", "end_node", "ivr_time", "wait", "talk", "answered", "answer_wait", "dtmf_sent", "dtmf_unsent", "error"}

// Row is the record as a CSV row.
func (c *CallRecord) Row() []string {
	ms := func(d float64) string { return strconv.FormatFloat(d, 'f', 3, 64) }
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }
	return []string{strconv.FormatUint(c.Index, 10), strconv.Itoa(c.Attempt), c.Segment, c.Intent, f(c.Arrival),
		strconv.Itoa(c.Code), ms(float64(c.Ringing.Microseconds()) / 1000), ms(float64(c.Setup.Microseconds()) / 1000),
		ms(float64(c.FirstAudio.Microseconds()) / 1000), string(c.Outcome), c.EndNode, f(c.IVRTime), f(c.Wait), f(c.Talk),
		strconv.FormatBool(c.Answered), f(c.Answer), strconv.Itoa(c.Digits), strconv.Itoa(c.Unsent), c.Err}
}
