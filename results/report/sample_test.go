package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/results"
)

// The sample results used across the tests: two designs ("base" and
// "other" by default), every metric defined, and known paired
// differences.

// headline values of the sample: base, other, and the paired difference
// with its interval.
var sampleHeadline = map[string]struct{ base, other, diff, lo, hi float64 }{
	"abandon_rate":        {0.145, 0.095, -0.049, -0.054, -0.044},
	"adoption_rate":       {0.627, 0.801, 0.174, 0.165, 0.183},
	"containment_rate":    {0.111, 0.043, -0.067, -0.073, -0.061},
	"fcr":                 {0.695, 0.722, 0.027, 0.022, 0.032},
	"asa":                 {31.5, 31.0, -0.5, -2.8, 1.8}, // not significant
	"effort":              {2.46, 1.61, -0.85, -0.86, -0.84},
	"cost_per_resolution": {2.29, 2.23, -0.06, -0.07, -0.05},
}

func est(mean, rel float64) results.Estimate {
	h := math.Abs(mean) * rel
	return results.Estimate{Mean: mean, CILow: mean - h, CIHigh: mean + h, StdDev: h, N: 5}
}

// sampleValue is a plausible value of metric m for design i.
func sampleValue(m results.Metric, i int) float64 {
	if h, ok := sampleHeadline[m.Name]; ok {
		if i == 0 {
			return h.base
		}
		return h.other
	}
	switch m.Unit {
	case results.Ratio:
		return 0.2 + 0.05*float64(i)
	case results.Seconds:
		return 120 - 10*float64(i)
	case results.Count:
		return 8000 - 150*float64(i)
	case results.LongSeconds:
		return 3600 * (1.5 - 0.2*float64(i))
	}
	return 1.5 - 0.2*float64(i)
}

func sampleDesign(name string, i int) results.DesignDocument {
	d := results.DesignDocument{Name: name, Metrics: results.MetricEstimates{}}
	for _, m := range results.Metrics {
		d.Metrics[m.Name] = est(sampleValue(m, i), 0.05)
	}
	d.Metrics["repeat_rate"] = est(0.2-0.02*float64(i), 0.05)
	for k, start := range []string{"08:00", "08:30", "09:00", "09:30", "10:00", "10:30"} {
		w := 1 + 0.3*math.Sin(float64(k))
		d.Intervals = append(d.Intervals, results.IntervalRow{Start: start, Metrics: results.MetricEstimates{
			"offered":       est(300*w-10*float64(i), 0.1),
			"abandon_rate":  est((0.12-0.04*float64(i))*w, 0.2),
			"service_level": est(0.8/w, 0.1),
			"occupancy":     est(0.7*w/1.3, 0.05),
		}})
	}
	for day := 1; day <= 3; day++ {
		d.Days = append(d.Days, results.DayRow{Day: day, Metrics: results.MetricEstimates{
			"adoption_rate": est(0.6+0.15*float64(i)-0.02*float64(day), 0.03),
		}})
	}
	var wait, ttr []float64
	for _, p := range samplePercentiles {
		w := 0.0
		if p > 60 {
			w = (p - 60) * 4 * (1 - 0.1*float64(i))
		}
		wait = append(wait, w)
		ttr = append(ttr, 30*math.Exp(p/12))
	}
	d.Wait, d.TTR = distribution(4000, wait), distribution(3500, ttr)
	d.Flows = []results.FlowRow{
		{From: "entry", To: "greet", Contacts: 1000},
		{From: "greet", To: "menu", Contacts: 1000},
		{From: "menu", To: "self", Contacts: 300},
		{From: "menu", To: "queue", Contacts: 650},
		{From: "menu", To: "hung up in IVR", Contacts: 50},
		{From: "self", To: "queue", Contacts: 180},
		{From: "self", To: "resolved by automation", Contacts: 120},
		{From: "queue", To: "resolved by agent", Contacts: 600},
		{From: "queue", To: "not resolved by agent", Contacts: 130},
		{From: "queue", To: "hung up in queue", Contacts: 100},
	}
	if i > 0 {
		d.Flows = []results.FlowRow{
			{From: "entry", To: "greet", Contacts: 980},
			{From: "greet", To: "queue", Contacts: 980},
			{From: "queue", To: "resolved by agent", Contacts: 700},
			{From: "queue", To: "resolved by automation", Contacts: 60},
			{From: "queue", To: "not resolved by agent", Contacts: 150},
			{From: "queue", To: "hung up in queue", Contacts: 70},
		}
	}
	return d
}

var samplePercentiles = []float64{0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 99, 100}

// distribution makes a distribution with values at samplePercentiles, as
// a results file holds it.
func distribution(count int, values []float64) results.Distribution {
	var b strings.Builder
	fmt.Fprintf(&b, `{"count": %d, "percentiles": [`, count)
	for i, v := range values {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"p": %g, "seconds": %g}`, samplePercentiles[i], v)
	}
	b.WriteString("]}")
	var d results.Distribution
	if err := json.Unmarshal([]byte(b.String()), &d); err != nil {
		panic(err)
	}
	return d
}

func sampleDocument(names ...string) *results.Document {
	if len(names) == 0 {
		names = []string{"base", "other"}
	}
	doc := &results.Document{SchemaVersion: results.SchemaVersion, Scenario: "sample", Seed: 7, Replications: 5}
	for i, n := range names {
		doc.Designs = append(doc.Designs, sampleDesign(n, i))
	}
	for j := 1; j < len(names); j++ {
		c := results.Comparison{Base: names[0], Other: names[j], Metrics: results.MetricDifferences{}}
		for _, m := range results.Metrics {
			b, o := doc.Designs[0].Metrics[m.Name].Mean, doc.Designs[j].Metrics[m.Name].Mean
			d := results.Difference{Diff: o - b, CILow: o - b - 0.01, CIHigh: o - b + 0.01, N: 5}
			if h, ok := sampleHeadline[m.Name]; ok {
				d = results.Difference{Diff: h.diff, CILow: h.lo, CIHigh: h.hi, N: 5}
			}
			d.Significant = d.CILow > 0 || d.CIHigh < 0
			c.Metrics[m.Name] = d
		}
		doc.Comparisons = append(doc.Comparisons, c)
	}
	return doc
}

func sampleAssumptions() *results.Assumptions {
	a := &results.Assumptions{
		Description: "A sample centre.", Days: 3, WarmupSeconds: 0, ServiceLevelSeconds: 20,
		Arrivals: results.ArrivalAssumptions{
			FreshPerDay: 1500, Start: "08:00", IntervalSeconds: 1800,
			Profile: []float64{100, 200, 300, 300, 200, 100}, DayFactors: []float64{1, 0.9, 1.1},
			Overdispersion: 0.1, IntervalOverdispersion: 0.15,
		},
		Customers: 5000,
		Trust:     results.TrustAssumptions{Success: 0.15, Failure: 0.3, ForcedSuccess: 0.5},
		Segments: []results.SegmentAssumptions{{
			Name: "regular", Share: 1, Intents: []results.NamedShare{{Name: "balance", Share: 0.6}, {Name: "card", Share: 0.4}},
			Patience: "exponential(mean=4m)", PatienceMeanSeconds: 240, MenuTolerance: 2, MenuAccuracy: 0.9,
			ZeroOut: 0.25, Trust: 0.6, Callback: 0.6, Balk: 0.1, BalkAtSeconds: 300, InformedPatience: 1.2,
			RedialAfterAbandon: 0.6, RedialAfterUnresolved: 0.7, RedialAfterBusy: 0.9, RedialDelay: "lognormal(mean=15m, cv=1)",
		}},
		Intents: []results.IntentAssumptions{
			{Name: "balance", Share: 0.6, HandleTime: "lognormal(mean=3m, cv=1.2)", HandleTimeMeanSeconds: 180, Resolution: 0.9},
			{Name: "card", Share: 0.4, HandleTime: "4m", HandleTimeMeanSeconds: 240, Resolution: 0.8, TimeSensitive: true, Skill: "cards"},
		},
		Agents: []results.AgentGroupAssumptions{{Name: "team", Staffing: []int{5, 8, 10, 10, 8, 5}, CostPerHour: 30, Wrapup: "20s"}},
		Lines:  60, MisrouteSeconds: 30,
		Designs: []results.DesignAssumptions{
			{Name: "base", Description: "A menu.", Start: "greet", Nodes: []results.NodeAssumptions{{Name: "greet", Type: "prompt", Summary: "plays for 4s, then menu"}}},
			{Name: "other", Description: "A virtual agent.", Start: "greet", Nodes: []results.NodeAssumptions{{Name: "queue", Type: "queue", Summary: "queues"}}},
		},
		Effort: results.EffortAssumptions{MenuStep: 0.5, WaitMinute: 0.4, AutomationMinute: 0.4, Transfer: 1.5, RepeatInfo: 1, RepeatContact: 2, Scale: 4},
		Costs:  results.CostAssumptions{Given: true, AgentHour: 30, IVRMinute: 0.02},
	}
	a.Effort.Formula = a.Effort.FormulaText()
	return a
}

func sampleSweep() *results.SweepDocument {
	doc := &results.SweepDocument{SchemaVersion: results.SchemaVersion, Scenario: "sample", Seed: 7, Replications: 5, Sweep: []string{"segments.regular.trust"}}
	for k, v := range []string{"0.2", "0.5", "0.8"} {
		d := sampleDocument()
		for i := range d.Designs {
			for name, e := range d.Designs[i].Metrics {
				e.Mean *= 1 + 0.1*float64(k)
				e.CILow *= 1 + 0.1*float64(k)
				e.CIHigh *= 1 + 0.1*float64(k)
				d.Designs[i].Metrics[name] = e
			}
		}
		doc.Points = append(doc.Points, results.SweepPoint{
			Values: []results.SweepValue{{Path: "segments.regular.trust", Value: v}}, Designs: d.Designs, Comparisons: d.Comparisons,
		})
	}
	return doc
}

func render(t testing.TB, in Input) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, in); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// wellFormed parses page as XML: the page is written so that an XML
// parser reads it too, which proves every element is closed and every
// value escaped. It returns the page's text (without attributes) and the
// elements seen.
func wellFormed(page []byte) (text string, elements map[string]int, err error) {
	d := xml.NewDecoder(bytes.NewReader(page))
	d.Strict = true
	var sb strings.Builder
	elements = map[string]int{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return sb.String(), elements, nil
		}
		if err != nil {
			line, col := d.InputPos()
			return "", nil, fmt.Errorf("line %d col %d: %w", line, col, err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			elements[tk.Name.Local]++
			for _, a := range tk.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					return "", nil, fmt.Errorf("element %s has an event handler attribute %s", tk.Name.Local, a.Name.Local)
				}
			}
		case xml.CharData:
			sb.Write(tk)
		}
	}
}
