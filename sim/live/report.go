package live

import (
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/results"
)

// Report is a finished load run as ivrsim prints it.
type Report struct {
	Scenario, Design, Target string
	Seed                     uint64
	From                     string
	// Duration is the window's length, model seconds.
	Duration         float64
	TimeScale, Scale float64
	Transport, DTMF  string
	Metrics          []Metric
	FailureCodes     [][2]int64
	Errors           []ErrorCount
	Thresholds       []ThresholdResult
	// Aborted says why the run stopped early, empty if it did not.
	Aborted     string
	Interrupted bool
}

// ThresholdResult is a threshold judged on a run.
type ThresholdResult struct {
	Threshold results.Condition
	// Observed is the figure the threshold names, with its value (NaN
	// when the run has none).
	Observed Metric
	Pass     bool
}

// Judge evaluates thresholds on the report's metrics.
func (r *Report) Judge(ths []results.Condition) (failed int) {
	r.Thresholds = r.Thresholds[:0]
	for _, t := range ths {
		m := Metric{Name: t.Metric, Value: math.NaN()}
		if i := slices.IndexFunc(r.Metrics, func(m Metric) bool { return m.Name == t.Metric }); i >= 0 {
			m = r.Metrics[i]
		}
		ok := t.Holds(m.Value)
		if !ok {
			failed++
		}
		r.Thresholds = append(r.Thresholds, ThresholdResult{Threshold: t, Observed: m, Pass: ok})
	}
	return failed
}

// Format writes the figure for people: shares as percentages, wall times
// in milliseconds, model times in seconds, rates per second.
func (m Metric) Format() string {
	v := m.Value
	if math.IsNaN(v) {
		return "-"
	}
	switch {
	case m.Wall:
		return strconv.FormatFloat(1000*v, 'f', 1, 64) + " ms"
	case m.Unit == unitRatio:
		return strconv.FormatFloat(100*v, 'f', 2, 64) + "%"
	case m.Unit == unitCount:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case m.Unit == unitSeconds:
		return strconv.FormatFloat(v, 'f', 1, 64) + " s"
	case m.Unit == unitRate:
		return strconv.FormatFloat(v, 'f', 2, 64) + "/s"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// WriteTable prints the report for a terminal.
func (r *Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "load %s, design %s, target %s\n", r.Scenario, r.Design, r.Target)
	fmt.Fprintf(tw, "window %s for %s, time scale %g, scale %g, %s, DTMF %s\n\n", r.From, models.FormatDuration(r.Duration), r.TimeScale, r.Scale, r.Transport, r.DTMF)
	fmt.Fprintln(tw, "metric\tvalue\t")
	for _, m := range r.Metrics {
		fmt.Fprintf(tw, "%s\t%s\t\n", m.Name, m.Format())
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
			fmt.Fprintf(tw, "%s\t%s\t%s\n", t.Threshold.Text, t.Observed.Format(), res)
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

// WriteCSV writes one row per metric: metric, value, unit, the value in
// the unit named as the JSON's units name it (times in seconds), empty when
// undefined.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"metric", "value", "unit"})
	for _, m := range r.Metrics {
		v := ""
		if !math.IsNaN(m.Value) && !math.IsInf(m.Value, 0) {
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
			msg := fmt.Sprintf("%s: observed %s", t.Threshold.Text, t.Observed.Format())
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

// CallCSVHeader and Row write per-call records (--calls). Times are
// seconds: arrival and the caller's times model seconds, ringing, setup
// and first_audio wall seconds (first_audio empty when no audio came).
var CallCSVHeader = []string{"caller", "attempt", "segment", "intent", "arrival", "code", "ringing", "setup",
	"first_audio", "outcome", "end_node", "ivr_time", "wait", "talk", "answered", "answer_wait", "dtmf_sent", "dtmf_unsent", "error"}

// Row is the record as a CSV row.
func (c *CallRecord) Row() []string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }
	wall := func(d time.Duration) string {
		if d < 0 {
			return ""
		}
		return strconv.FormatFloat(float64(d.Microseconds())/1e6, 'f', 6, 64)
	}
	return []string{strconv.FormatUint(c.Index, 10), strconv.Itoa(c.Attempt), c.Segment, c.Intent, f(c.Arrival),
		strconv.Itoa(c.Code), wall(c.Ringing), wall(c.Setup), wall(c.FirstAudio), string(c.Outcome), c.EndNode,
		f(c.IVRTime), f(c.Wait), f(c.Talk), strconv.FormatBool(c.Answered), f(c.Answer), strconv.Itoa(c.Digits),
		strconv.Itoa(c.Unsent), c.Err}
}
