package report

import (
	"math"
	"strconv"

	"github.com/ivrsim/ivrsim/results"
)

// labels name metrics in words for people; the metric's own name is shown
// beside it wherever a reader may want to look it up.
var labels = map[string]string{
	"offered":               "offered contacts",
	"blocked_rate":          "busy signals",
	"abandon_rate":          "abandonment",
	"ivr_abandon_rate":      "abandonment in the IVR",
	"queue_abandon_rate":    "abandonment in queue",
	"waited_abandon_rate":   "abandonment among callers who waited",
	"adoption_rate":         "adoption",
	"containment_rate":      "containment",
	"fcr":                   "first-contact resolution",
	"ttr_mean":              "mean time to resolution",
	"ttr_p50":               "median time to resolution",
	"ttr_p90":               "90th percentile time to resolution",
	"p_wait":                "callers who had to wait",
	"asa":                   "average speed of answer",
	"wait_p50":              "median wait",
	"wait_p90":              "90th percentile wait",
	"service_level":         "service level",
	"occupancy":             "agent occupancy",
	"aht":                   "average handle time",
	"effort":                "effort score",
	"menu_steps":            "menu steps",
	"hold_time":             "time on hold",
	"repeat_info":           "times details were repeated",
	"ivr_time":              "time in the IVR",
	"transfers_per_contact": "transfers per contact",
	"repeat_rate":           "repeat contacts",
	"callback_rate":         "callbacks accepted",
	"agent_time":            "agent time",
	"agent_overtime":        "agent time past shift",
	"automation_time":       "time with automation",
	"cost_per_resolution":   "cost per resolution",
}

// label names metric name in words.
func label(name string) string {
	if l, ok := labels[name]; ok {
		return l
	}
	return name
}

// cardMetrics are the headline cards, in the order the page shows them.
var cardMetrics = []struct{ Name, Title string }{
	{"adoption_rate", "Adoption"},
	{"containment_rate", "Containment"},
	{"abandon_rate", "Abandonment"},
	{"fcr", "First-contact resolution"},
	{"asa", "Average speed of answer"},
	{"effort", "Effort score (1–7)"},
	{"cost_per_resolution", "Cost per resolution"},
}

// verdictMetrics are the metrics a verdict speaks of, most decisive first.
var verdictMetrics = []string{"abandon_rate", "adoption_rate", "containment_rate", "fcr", "asa", "effort", "cost_per_resolution"}

func metricOf(name string) results.Metric {
	if m, ok := results.LookupMetric(name); ok {
		return m
	}
	return results.Metric{Name: name, Unit: results.PerUnit}
}

// tickLabel writes an axis value of unit u, given the axis step.
func tickLabel(u results.Unit, v, step float64) string {
	switch u {
	case results.Ratio:
		dec := 0
		if step < 0.01 {
			dec = 1
		}
		if step < 0.001 {
			dec = 2
		}
		return strconv.FormatFloat(100*v, 'f', dec, 64) + "%"
	case results.Seconds:
		return shortDuration(v)
	case results.Count:
		if math.Abs(v) >= 1e6 {
			return trimFloat(v/1e6) + "M"
		}
		return results.FormatValue(results.Count, v)
	}
	return trimFloat(v)
}

// shortDuration writes seconds as a short round duration: 45s, 2m, 1.5h,
// 3d.
func shortDuration(v float64) string {
	a := math.Abs(v)
	switch {
	case a == 0:
		return "0"
	case a >= 86400 && math.Mod(a, 86400/4) == 0:
		return trimFloat(v/86400) + "d"
	case a >= 3600 && math.Mod(a, 360) == 0:
		return trimFloat(v/3600) + "h"
	case a >= 60 && math.Mod(a, 6) == 0:
		return trimFloat(v/60) + "m"
	}
	return trimFloat(v) + "s"
}

func trimFloat(v float64) string {
	return strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64)
}

// ci writes an interval "a to b" in the metric's unit.
func ciText(m results.Metric, lo, hi float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return ""
	}
	return results.FormatValue(m.Unit, lo) + " to " + results.FormatValue(m.Unit, hi)
}

// diffCI writes a difference's interval "a to b" as signed spreads.
func diffCI(m results.Metric, lo, hi, ref float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return ""
	}
	return results.FormatSpread(m.Unit, lo, ref, true) + " to " + results.FormatSpread(m.Unit, hi, ref, true)
}

func defined(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
