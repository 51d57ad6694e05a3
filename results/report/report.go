package report

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/ivrsim/ivrsim/results"
)

// Input is what a report shows: the result of a run (Document), of a
// sweep (Sweep) or of a sensitivity analysis (Sensitivity), exactly one
// of them, and optionally the assumptions of the scenario behind it.
type Input struct {
	Document    *results.Document
	Sweep       *results.SweepDocument
	Sensitivity *results.SensitivityDocument
	Assumptions *results.Assumptions
}

// Write writes the report of in as one HTML page to w. The page is
// self-contained: it loads nothing and needs no network.
func Write(w io.Writer, in Input) error {
	p, err := build(in)
	if err != nil {
		return err
	}
	return pageTemplate.Execute(w, p)
}

// page is everything the template shows.
type page struct {
	Title    string
	Subtitle string
	CSP      string
	Style    any
	Script   any

	Designs []designRef
	// Toggles offers to hide designs in the charts; with more designs
	// than colours, the colours repeat and there are none.
	Toggles bool
	Sweep   bool
	Notes   []string

	Verdicts []verdict
	Single   []singleLine // one design: its headline values
	Cards    []card
	Flows    []chart
	Day      []chart
	Waits    []chart
	Adoption chart
	Effort   chart
	Table    table

	Sensitivity bool
	Uncertain   []string // path ~ range
	SensPairs   []sensPair

	SweepAxes     string
	SweepVerdicts []sweepVerdict
	SweepCharts   []chart
	SweepTable    table

	Assumptions *results.Assumptions
	Definitions []definition
}

type designRef struct {
	Name, Class string
	Index       int
}

type singleLine struct {
	Label, Value, CI string
}

type definition struct {
	Name, Label, Unit, Text string
}

func build(in Input) (*page, error) {
	given := 0
	for _, ok := range []bool{in.Document != nil, in.Sweep != nil, in.Sensitivity != nil} {
		if ok {
			given++
		}
	}
	switch {
	case given == 0:
		return nil, errors.New("report: nothing to report (neither a run, a sweep nor a sensitivity analysis)")
	case given > 1:
		return nil, errors.New("report: give one of a run, a sweep or a sensitivity analysis")
	}
	p := &page{CSP: contentSecurityPolicy, Style: style, Script: script, Assumptions: in.Assumptions}
	switch {
	case in.Document != nil:
		buildRun(p, in.Document, in.Assumptions)
	case in.Sweep != nil:
		buildSweep(p, in.Sweep)
	default:
		buildSensitivity(p, in.Sensitivity)
	}
	p.Toggles = len(p.Designs) > 1 && len(p.Designs) <= 8
	p.Definitions = definitions()
	return p, nil
}

func designRefs(designs []results.DesignDocument) []designRef {
	refs := make([]designRef, len(designs))
	for i, d := range designs {
		refs[i] = designRef{Name: d.Name, Class: designClass(i), Index: i}
	}
	return refs
}

func runSubtitle(designs, reps int, seed uint64) string {
	return fmt.Sprintf("%d design%s · %d replication%s · seed %d · 95%% confidence intervals (Student t); Δ is the paired difference on the same callers",
		designs, plural(designs), reps, plural(reps), seed)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func buildRun(p *page, doc *results.Document, a *results.Assumptions) {
	p.Title = doc.Scenario
	p.Subtitle = runSubtitle(len(doc.Designs), doc.Replications, doc.Seed)
	p.Designs = designRefs(doc.Designs)
	if doc.Replications < 2 {
		p.Notes = append(p.Notes, "One replication: there are no confidence intervals, so no difference can be called significant. Run with --reps 2 or more (10 is the default).")
	}
	p.Verdicts = verdicts(doc.Designs, doc.Comparisons)
	if len(doc.Designs) == 1 {
		d := doc.Designs[0]
		for _, name := range verdictMetrics {
			m := metricOf(name)
			e := d.Metrics[name]
			if e.N == 0 || !defined(e.Mean) {
				continue
			}
			l := singleLine{Label: label(name), Value: results.FormatValue(m.Unit, e.Mean)}
			if t := ciText(m, e.CILow, e.CIHigh); t != "" {
				l.CI = "95% CI " + t
			}
			p.Single = append(p.Single, l)
		}
	}
	p.Cards = cards(doc.Designs, doc.Comparisons)
	p.Flows = sankeyCharts(doc.Designs)
	p.Day = dayCharts(doc.Designs, a)
	sl, slLabel := math.NaN(), ""
	if a != nil && a.ServiceLevelSeconds > 0 {
		sl, slLabel = a.ServiceLevelSeconds, "service-level time "+shortDuration(a.ServiceLevelSeconds)
	}
	p.Waits = []chart{
		distributionChart("wait", "Waiting time of answered contacts", "wait in queue", doc.Designs,
			func(d *results.DesignDocument) results.Distribution { return d.Wait }, false, sl, slLabel),
		distributionChart("ttr", "Time from first contact to resolution", "time to resolution", doc.Designs,
			func(d *results.DesignDocument) results.Distribution { return d.TTR }, true, math.NaN(), ""),
	}
	p.Adoption = adoptionChart(doc.Designs)
	p.Effort = effortChart(doc.Designs, a)
	p.Table = metricsTable(doc.Designs, doc.Comparisons)
}

// dayCharts are the metrics per interval of the day, over all days.
func dayCharts(designs []results.DesignDocument, a *results.Assumptions) []chart {
	if len(designs) == 0 || len(designs[0].Intervals) == 0 {
		return nil
	}
	days := max(1, len(designs[0].Days))
	per := "interval"
	if a != nil {
		per = intervalName(a.Arrivals.IntervalSeconds)
	}
	labels := make([]string, len(designs[0].Intervals))
	for i, r := range designs[0].Intervals {
		labels[i] = r.Start
	}
	specs := []struct {
		metric, title, ylabel, caption string
		divide                         float64
	}{
		{"offered", "Contacts offered per " + per, "contacts", fmt.Sprintf("Contacts arriving in each %s on an average day (fresh, redials and repeats): the interval totals of the %d simulated day%s ÷ %d. Better resolution means fewer redials and repeats, so less load.", per, days, plural(days), days), float64(days)},
		{"abandon_rate", "Abandonment per " + per, "abandoned", "Contacts that hung up before being served, in the IVR or in queue, of the contacts that got through, by the " + per + " they arrived in.", 1},
		{"service_level", "Service level per " + per, "answered in time", "Contacts answered within the service-level time, of those answered or abandoned in queue.", 1},
		{"occupancy", "Agent occupancy per " + per, "busy", "Agent time busy (talk and wrap-up) of the time staffed.", 1},
	}
	// Contacts outside the intervals (redials at night) have no point on
	// these charts; the caption says how many there were.
	var outside []string
	for _, d := range designs {
		if r := d.Outside; r != nil {
			if e := r.Metrics["offered"]; e.N > 0 && e.Mean > 0 {
				outside = append(outside, contacts(e.Mean/float64(days))+" ("+d.Name+")")
			}
		}
	}
	if len(outside) > 0 {
		specs[0].caption += " Contacts arriving outside these intervals, when no agent may be staffed, are not drawn but count in every total: " +
			strings.Join(outside, ", ") + " a day."
	}
	var out []chart
	for _, s := range specs {
		m := metricOf(s.metric)
		spec := lineSpec{ID: "day-" + s.metric, Title: s.title, Caption: s.caption + " Shaded: 95% confidence band.", Unit: m.Unit, YLabel: s.ylabel, XLabels: labels, XLabel: "start of " + per}
		for i, d := range designs {
			sr := lineSeries{Class: designClass(i), Name: d.Name}
			for x, r := range d.Intervals {
				e, ok := r.Metrics[s.metric]
				pt := linePoint{X: float64(x), Y: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
				if ok && e.N > 0 {
					pt.Y, pt.Lo, pt.Hi = e.Mean/s.divide, e.CILow/s.divide, e.CIHigh/s.divide
					pt.Tip = d.Name + ", " + r.Start + ": " + label(s.metric) + " " + results.FormatValue(m.Unit, pt.Y)
					if t := ciText(m, pt.Lo, pt.Hi); t != "" {
						pt.Tip += " (95% CI " + t + ")"
					}
				}
				if x < len(labels) {
					sr.Points = append(sr.Points, pt)
				}
			}
			spec.Series = append(spec.Series, sr)
		}
		out = append(out, spec.chart())
	}
	return out
}

// adoptionChart is adoption per simulated day: the trust dynamics.
func adoptionChart(designs []results.DesignDocument) chart {
	m := metricOf("adoption_rate")
	n := 0
	for _, d := range designs {
		n = max(n, len(d.Days))
	}
	labels := make([]string, n)
	for i := range labels {
		labels[i] = "day " + strconv.Itoa(i+1)
	}
	spec := lineSpec{
		ID: "adoption", Title: "Adoption of automation, day by day", Unit: m.Unit, YLabel: "engaged", XLabels: labels, Whiskers: true,
		Caption: "Contacts that engaged automation, of those offered it, per simulated day, with 95% confidence intervals. Trust moves with every experience (up after a success, down after a failure or being forced through), so adoption drifts from day to day.",
	}
	for i, d := range designs {
		sr := lineSeries{Class: designClass(i), Name: d.Name}
		for x, r := range d.Days {
			e, ok := r.Metrics["adoption_rate"]
			pt := linePoint{X: float64(x), Y: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
			if ok && e.N > 0 {
				pt.Y, pt.Lo, pt.Hi = e.Mean, e.CILow, e.CIHigh
				pt.Tip = d.Name + ", day " + strconv.Itoa(r.Day) + ": adoption " + results.FormatEstimate(m.Unit, e)
			}
			sr.Points = append(sr.Points, pt)
		}
		spec.Series = append(spec.Series, sr)
	}
	c := spec.chart()
	if c.Empty != "" {
		c.Empty = "No design offered automation, so there is no adoption to show."
	}
	return c
}

// definitions lists every metric with its exact definition.
func definitions() []definition {
	units := map[results.Unit]string{
		results.Ratio: "share", results.Seconds: "duration", results.Count: "count", results.Score: "score 1–7",
		results.Money: "currency", results.PerUnit: "per contact", results.Hours: "hours", results.LongSeconds: "duration",
	}
	var out []definition
	for _, m := range results.Metrics {
		out = append(out, definition{Name: m.Name, Label: label(m.Name), Unit: units[m.Unit], Text: m.Definition})
	}
	return out
}

// intervalName names an interval of sec seconds as people say it.
func intervalName(sec float64) string {
	switch sec {
	case 0:
		return "interval"
	case 900:
		return "quarter hour"
	case 1800:
		return "half hour"
	case 3600:
		return "hour"
	case 60:
		return "minute"
	}
	return shortDuration(sec) + " interval"
}
