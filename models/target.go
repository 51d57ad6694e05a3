package models

import (
	"strconv"
	"strings"
)

// The metrics a queueing target can name. They are the metric names of the
// simulation's results, so a target reads the same in a scenario threshold,
// on the command line, in staffing and in the Erlang calculators; the one
// grammar that reads them is results.ParseTarget.
const (
	MetricServiceLevel = "service_level" // share answered within a time, of arrivals
	MetricASA          = "asa"           // mean wait of answered calls, seconds
	MetricAbandonRate  = "abandon_rate"  // share of arrivals that abandon
	MetricPWait        = "p_wait"        // share of arrivals that wait at all
	MetricOccupancy    = "occupancy"     // share of agent time spent on calls
	MetricBlockedRate  = "blocked_rate"  // share of calls that find every line busy
)

// Target is a goal on one queueing metric, such as "service_level(20s) >=
// 0.8" or "asa <= 30s".
type Target struct {
	// Metric is one of the Metric constants.
	Metric string
	// Op is the comparison: "<", "<=", ">" or ">=".
	Op string
	// Value is the bound: a share between 0 and 1, or seconds for asa.
	Value float64
	// Within is the service-level time in seconds. Only service_level uses
	// it; zero means "not given", and the caller supplies its default
	// (see WithDefaultWithin).
	Within float64
}

// String writes the target in the form results.ParseTarget reads back to
// an equal Target.
func (t Target) String() string {
	var b strings.Builder
	b.WriteString(t.Metric)
	if t.Within != 0 {
		b.WriteString("(" + formatSeconds(t.Within) + ")")
	}
	b.WriteString(" " + t.Op + " ")
	b.WriteString(formatTargetValue(t.Metric, t.Value))
	return b.String()
}

// formatTargetValue writes a bound exactly: seconds for asa, a plain share
// otherwise.
func formatTargetValue(metric string, v float64) string {
	if metric == MetricASA {
		return formatSeconds(v)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// formatSeconds writes seconds exactly, with an "s" unless the number needs
// an exponent (ParseDuration reads plain numbers as seconds).
func formatSeconds(sec float64) string {
	s := strconv.FormatFloat(sec, 'g', -1, 64)
	if strings.ContainsAny(s, "eE") {
		return s
	}
	return s + "s"
}

// WithDefaultWithin returns t with its service-level time set to def when
// the target did not give one.
func (t Target) WithDefaultWithin(def float64) Target {
	if t.Within == 0 {
		t.Within = def
	}
	return t
}

// Met reports whether value satisfies the target. NaN never does.
func (t Target) Met(value float64) bool {
	switch t.Op {
	case "<":
		return value < t.Value
	case "<=":
		return value <= t.Value
	case ">":
		return value > t.Value
	case ">=":
		return value >= t.Value
	}
	return false
}

// MetByMoreAgents reports whether adding agents (or lines) moves the metric
// towards the target: a floor on the service level, or a ceiling on any of
// the other metrics. Only such targets have a smallest staffing that meets
// them.
func (t Target) MetByMoreAgents() bool {
	floor := t.Op == ">" || t.Op == ">="
	return floor == (t.Metric == MetricServiceLevel)
}

// Value returns the figure of p that metric names, and false for a metric
// that Performance does not carry (blocking, or an unknown name).
func (p Performance) Value(metric string) (float64, bool) {
	switch metric {
	case MetricServiceLevel:
		return p.ServiceLevel, true
	case MetricASA:
		return p.ASA, true
	case MetricAbandonRate:
		return p.PAbandon, true
	case MetricPWait:
		return p.PWait, true
	case MetricOccupancy:
		return p.Occupancy, true
	}
	return 0, false
}
