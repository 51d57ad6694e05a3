package results

import (
	"math"
	"slices"
)

// Unit says how a metric's values read: it decides formatting and how
// threshold values are parsed.
type Unit int

const (
	Ratio   Unit = iota // a share, 0–1, printed as a percentage
	Seconds             // a duration in seconds
	Count               // a number of contacts or issues
	Score               // the 1–7 customer effort score
	Money               // currency units
	PerUnit             // a plain number per contact
	Hours               // a duration in hours (staffing totals)
	// LongSeconds is a long duration in seconds, such as agent time,
	// shown in hours. Machine formats carry it in seconds like Seconds.
	LongSeconds
)

// Direction says which way a metric should move to be better; regression
// checks use it.
type Direction int

const (
	Neutral Direction = iota
	LowerIsBetter
	HigherIsBetter
)

// Metric is one named quantity ivrsim reports. Names are the same in YAML
// thresholds, on the command line, in JSON, CSV and the report.
type Metric struct {
	Name   string
	Unit   Unit
	Better Direction
	// Definition is the exact definition, printed in help and the report.
	Definition string
	// Distribution is set for percentiles, which come from the
	// replication's histograms and have no per-interval value.
	Distribution bool

	value func(c *Counters) float64
	// pct is the percentile (0–100) of the histogram hist.
	pct  float64
	hist histogramID
}

type histogramID int

const (
	histWait histogramID = iota
	histTTR
)

func ratio(a, b int64) float64 {
	if b <= 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

func per(a float64, b int64) float64 {
	if b <= 0 {
		return math.NaN()
	}
	return a / float64(b)
}

// Metrics lists every metric in report order.
var Metrics = []Metric{
	{Name: "offered", Unit: Count, Definition: "contacts that arrived (fresh + redials + repeats)",
		value: func(c *Counters) float64 { return float64(c.Offered) }},
	{Name: "blocked_rate", Unit: Ratio, Better: LowerIsBetter, Definition: "busy signals / offered",
		value: func(c *Counters) float64 { return ratio(c.Blocked, c.Offered) }},
	{Name: "abandon_rate", Unit: Ratio, Better: LowerIsBetter, Definition: "contacts that hung up before resolution or before reaching an agent (in IVR or queue) / (offered − blocked)",
		value: func(c *Counters) float64 { return ratio(c.IVRAbandoned+c.QueueAbandoned, c.Offered-c.Blocked) }},
	{Name: "ivr_abandon_rate", Unit: Ratio, Better: LowerIsBetter, Definition: "contacts that hung up in the IVR / (offered − blocked)",
		value: func(c *Counters) float64 { return ratio(c.IVRAbandoned, c.Offered-c.Blocked) }},
	{Name: "queue_abandon_rate", Unit: Ratio, Better: LowerIsBetter, Definition: "contacts that hung up in a queue / contacts that entered a queue",
		value: func(c *Counters) float64 { return ratio(c.QueueAbandoned, c.Queued) }},
	{Name: "waited_abandon_rate", Unit: Ratio, Better: LowerIsBetter, Definition: "contacts that hung up in a queue / contacts that found no agent free on joining a queue (abandonment among callers who actually waited)",
		value: func(c *Counters) float64 { return ratio(c.QueueAbandoned, c.WaitedOnJoin) }},
	{Name: "adoption_rate", Unit: Ratio, Better: HigherIsBetter, Definition: "contacts that engaged automation / contacts offered automation",
		value: func(c *Counters) float64 { return ratio(c.Engaged, c.OfferedAutomation) }},
	{Name: "containment_rate", Unit: Ratio, Better: HigherIsBetter, Definition: "contacts resolved in automation / (offered − blocked)",
		value: func(c *Counters) float64 { return ratio(c.Contained, c.Offered-c.Blocked) }},
	{Name: "fcr", Unit: Ratio, Better: HigherIsBetter, Definition: "issues resolved on their first contact / issues that started in the horizon",
		value: func(c *Counters) float64 { return ratio(c.FirstContactResolved, c.Fresh) }},
	{Name: "ttr_mean", Unit: Seconds, Better: LowerIsBetter, Definition: "mean time from an issue's first contact to its resolution, resolved issues",
		value: func(c *Counters) float64 { return per(c.TTRSum, c.IssuesResolved) }},
	{Name: "ttr_p50", Unit: Seconds, Better: LowerIsBetter, Definition: "median time from first contact to resolution, resolved issues",
		Distribution: true, pct: 50, hist: histTTR},
	{Name: "ttr_p90", Unit: Seconds, Better: LowerIsBetter, Definition: "90th percentile of time from first contact to resolution, resolved issues",
		Distribution: true, pct: 90, hist: histTTR},
	{Name: "p_wait", Unit: Ratio, Better: LowerIsBetter, Definition: "contacts that found no agent free on joining a queue / contacts that joined a queue",
		value: func(c *Counters) float64 { return ratio(c.WaitedOnJoin, c.Queued) }},
	{Name: "asa", Unit: Seconds, Better: LowerIsBetter, Definition: "mean queue wait of answered contacts",
		value: func(c *Counters) float64 { return per(c.WaitSum, c.Answered) }},
	{Name: "wait_p50", Unit: Seconds, Better: LowerIsBetter, Definition: "median queue wait of answered contacts",
		Distribution: true, pct: 50, hist: histWait},
	{Name: "wait_p90", Unit: Seconds, Better: LowerIsBetter, Definition: "90th percentile of queue wait of answered contacts",
		Distribution: true, pct: 90, hist: histWait},
	{Name: "service_level", Unit: Ratio, Better: HigherIsBetter, Definition: "answered within the service-level time / (answered + abandoned in queue)",
		value: func(c *Counters) float64 { return ratio(c.AnsweredInSL, c.Answered+c.QueueAbandoned) }},
	{Name: "occupancy", Unit: Ratio, Definition: "agent busy time (talk + wrap-up) / staffed time",
		value: func(c *Counters) float64 {
			if c.StaffedTime <= 0 {
				return math.NaN()
			}
			return c.BusyTime / c.StaffedTime
		}},
	{Name: "aht", Unit: Seconds, Better: LowerIsBetter, Definition: "mean agent talk time per conversation (misrouted ones included)",
		value: func(c *Counters) float64 { return per(c.HandleSum, c.Handled) }},
	{Name: "effort", Unit: Score, Better: LowerIsBetter, Definition: "mean customer effort score, 1–7, of contacts that got through",
		value: func(c *Counters) float64 { return per(c.EffortSum, c.EffortContacts) }},
	{Name: "menu_steps", Unit: PerUnit, Better: LowerIsBetter, Definition: "menu passes heard per contact that got through (an effort component)",
		value: func(c *Counters) float64 { return per(float64(c.MenuSteps), c.EffortContacts) }},
	{Name: "hold_time", Unit: Seconds, Better: LowerIsBetter, Definition: "seconds on hold, not talking to the virtual agent, per contact that got through (an effort component)",
		value: func(c *Counters) float64 { return per(c.HoldTime, c.EffortContacts) }},
	{Name: "repeat_info", Unit: PerUnit, Better: LowerIsBetter, Definition: "times a caller repeated their details to an agent, per contact that got through (an effort component)",
		value: func(c *Counters) float64 { return per(float64(c.RepeatInfo), c.EffortContacts) }},
	{Name: "automation_time", Unit: Seconds, Definition: "seconds with automation (self-service sessions and the virtual agent) per contact that got through (an effort component)",
		value: func(c *Counters) float64 { return per(c.AutomationTime, c.EffortContacts) }},
	{Name: "ivr_time", Unit: Seconds, Definition: "mean seconds in the IVR and with the virtual agent, per contact that got through",
		value: func(c *Counters) float64 { return per(c.IVRTime, c.EffortContacts) }},
	{Name: "transfers_per_contact", Unit: PerUnit, Better: LowerIsBetter, Definition: "transfers / (offered − blocked)",
		value: func(c *Counters) float64 { return ratio(c.Transfers, c.Offered-c.Blocked) }},
	{Name: "repeat_rate", Unit: Ratio, Better: LowerIsBetter, Definition: "contacts that were not their issue's first (redials and repeat contacts) / offered",
		value: func(c *Counters) float64 { return ratio(c.Repeats, c.Offered) }},
	{Name: "callback_rate", Unit: Ratio, Definition: "contacts that accepted a callback / contacts that joined a queue",
		value: func(c *Counters) float64 { return ratio(c.Callbacks, c.Queued) }},
	{Name: "agent_time", Unit: LongSeconds, Better: LowerIsBetter, Definition: "agent time on shift as scheduled, in seconds (shown in hours)",
		value: func(c *Counters) float64 { return c.StaffedTime - c.OvertimeTime }},
	{Name: "agent_overtime", Unit: LongSeconds, Better: LowerIsBetter, Definition: "agent time past the schedule — finishing calls after a shift ends, emptying the queue at closing — in seconds (shown in hours)",
		value: func(c *Counters) float64 { return c.OvertimeTime }},
	{Name: "cost_per_resolution", Unit: Money, Better: LowerIsBetter, Definition: "(agent hours × cost + IVR minutes × cost) / resolved issues",
		value: func(c *Counters) float64 { return per(c.AgentCost+c.IVRCost, c.IssuesResolved) }},
}

// clip keeps a confidence interval inside the metric's range: no metric is
// negative and no share exceeds 1. A Student-t interval around a mean near
// the edge would otherwise cross it, which says nothing true.
func (m Metric) clip(e Estimate) Estimate {
	if e.CILow < 0 {
		e.CILow = 0
	}
	if m.Unit == Ratio && e.CIHigh > 1 {
		e.CIHigh = 1
	}
	return e
}

// MetricNames lists the names of Metrics, in order.
func MetricNames() []string {
	names := make([]string, len(Metrics))
	for i, m := range Metrics {
		names[i] = m.Name
	}
	return names
}

// LookupMetric finds a metric by name.
func LookupMetric(name string) (Metric, bool) {
	i := slices.IndexFunc(Metrics, func(m Metric) bool { return m.Name == name })
	if i < 0 {
		return Metric{}, false
	}
	return Metrics[i], true
}

// metricIndex maps names to positions in Metrics.
var metricIndex = func() map[string]int {
	m := make(map[string]int, len(Metrics))
	for i, x := range Metrics {
		m[x.Name] = i
	}
	return m
}()
