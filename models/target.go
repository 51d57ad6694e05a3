package models

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The metrics a queueing target can name. They are the metric names of the
// simulation's results, so a target reads the same in a scenario threshold,
// on the command line and in JSON.
const (
	MetricServiceLevel = "service_level" // share answered within a time, of arrivals
	MetricASA          = "asa"           // mean wait of answered calls, seconds
	MetricPAbandon     = "p_abandon"     // share of arrivals that abandon
	MetricPWait        = "p_wait"        // share of arrivals that wait at all
	MetricOccupancy    = "occupancy"     // share of agent time spent on calls
	MetricBlocking     = "blocking"      // share of calls that find every line busy
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

// targetMetrics lists the metrics in the order error messages name them.
var targetMetrics = []string{MetricServiceLevel, MetricASA, MetricPAbandon, MetricPWait, MetricOccupancy, MetricBlocking}

// metricHints maps names people often write to the metric they mean.
var metricHints = map[string]string{
	"sl": MetricServiceLevel, "service": MetricServiceLevel, "servicelevel": MetricServiceLevel, "service-level": MetricServiceLevel,
	"abandon": MetricPAbandon, "abandonment": MetricPAbandon, "abandon_rate": MetricPAbandon, "pab": MetricPAbandon, "p_ab": MetricPAbandon,
	"wait": MetricPWait, "pwait": MetricPWait, "p_delay": MetricPWait,
	"utilization": MetricOccupancy, "utilisation": MetricOccupancy, "util": MetricOccupancy,
	"speed_of_answer": MetricASA, "wait_time": MetricASA, "mean_wait": MetricASA,
	"block": MetricBlocking, "p_block": MetricBlocking, "gos": MetricBlocking, "grade_of_service": MetricBlocking,
}

const targetExamples = "service_level(20s) >= 0.8, asa <= 30s, p_abandon <= 5%"

// ParseTarget reads a target written as "metric op value":
//
//	service_level >= 0.8         service_level(20s) >= 80%
//	asa <= 30s                   p_abandon <= 0.05
//	p_wait < 0.3                 occupancy <= 85%
//	blocking <= 0.01
//
// Shares may be written as fractions or percentages. The asa bound is a
// duration ("30s", "1m") or plain seconds. A time in parentheses after
// service_level sets Within; without one Within is zero and the caller's
// default applies. Errors say what is wrong and show the accepted form.
func ParseTarget(s string) (Target, error) {
	text := strings.TrimSpace(s)
	i := strings.IndexAny(text, "<>=!")
	if i < 0 {
		return Target{}, fmt.Errorf("target %q has no comparison: write metric, operator and value, e.g. %s", s, targetExamples)
	}
	opEnd := i
	for opEnd < len(text) && strings.IndexByte("<>=!", text[opEnd]) >= 0 {
		opEnd++
	}
	op := text[i:opEnd]
	switch op {
	case "<", "<=", ">", ">=":
	case "=<":
		op = "<="
	case "=>":
		op = ">="
	default:
		return Target{}, fmt.Errorf("target %q: unknown comparison %q; use <, <=, > or >=", s, op)
	}
	var t Target
	t.Op = op
	if err := t.parseLeft(s, strings.TrimSpace(text[:i])); err != nil {
		return Target{}, err
	}
	if err := t.parseValue(s, strings.TrimSpace(text[opEnd:])); err != nil {
		return Target{}, err
	}
	return t, nil
}

// parseLeft reads "metric" or "service_level(20s)".
func (t *Target) parseLeft(s, left string) error {
	name, arg, hasArg := strings.Cut(left, "(")
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		return fmt.Errorf("target %q names no metric: start with one of %s", s, strings.Join(targetMetrics, ", "))
	}
	if !isTargetMetric(name) {
		if hint, ok := metricHints[name]; ok {
			return fmt.Errorf("target %q: unknown metric %q; did you mean %s?", s, name, hint)
		}
		return fmt.Errorf("target %q: unknown metric %q; use one of %s", s, name, strings.Join(targetMetrics, ", "))
	}
	t.Metric = name
	if !hasArg {
		return nil
	}
	if name != MetricServiceLevel {
		return fmt.Errorf("target %q: only service_level takes a time in parentheses, as in service_level(20s) >= 0.8", s)
	}
	inner, rest, closed := strings.Cut(arg, ")")
	if !closed || strings.TrimSpace(rest) != "" {
		return fmt.Errorf("target %q: write the service-level time in parentheses right after the name, as in service_level(20s) >= 0.8", s)
	}
	within, err := ParseDuration(inner)
	if err != nil {
		return fmt.Errorf("target %q: service-level time: %w", s, err)
	}
	if within == 0 {
		return fmt.Errorf("target %q: a service level within 0s is the share answered without waiting; write it as p_wait (p_wait <= 0.2 means 80%% answered at once)", s)
	}
	if math.IsInf(within, 0) || within > 1e9 {
		return fmt.Errorf("target %q: service-level time %s is not a plausible wait; use seconds or minutes, e.g. 20s", s, inner)
	}
	t.Within = within
	return nil
}

// parseValue reads the bound: a share (0.8, 80%) or, for asa, a duration.
func (t *Target) parseValue(s, v string) error {
	if v == "" {
		return fmt.Errorf("target %q has no value after %s: e.g. %s", s, t.Op, targetExamples)
	}
	if t.Metric == MetricASA {
		if strings.HasSuffix(v, "%") {
			return fmt.Errorf("target %q: asa is a time, not a percentage; write e.g. asa <= 30s", s)
		}
		d, err := ParseDuration(v)
		if err != nil {
			return fmt.Errorf("target %q: %w", s, err)
		}
		if d > 1e9 {
			return fmt.Errorf("target %q: asa bound %s is not a plausible wait; use seconds or minutes, e.g. asa <= 30s", s, v)
		}
		t.Value = d + 0 // −0 → 0, which String writes back readably
		return nil
	}
	num, percent := strings.CutSuffix(v, "%")
	num = strings.TrimSpace(num)
	x, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		if _, derr := ParseDuration(v); derr == nil {
			return fmt.Errorf("target %q: %s is a share of calls, not a time; write a fraction or a percentage, e.g. 0.8 or 80%%", s, t.Metric)
		}
		return fmt.Errorf("target %q: value %q is not a number; write a fraction or a percentage, e.g. 0.8 or 80%%", s, v)
	}
	if percent {
		if x < 0 || x > 100 {
			return fmt.Errorf("target %q: %s must be between 0%% and 100%%; got %s", s, t.Metric, v)
		}
		x /= 100
	} else if x < 0 || x > 1 {
		hint := ""
		if x > 1 && x <= 100 {
			hint = fmt.Sprintf("; did you mean %s%%?", num)
		}
		return fmt.Errorf("target %q: %s is a share between 0 and 1 (or 0%% and 100%%); got %s%s", s, t.Metric, v, hint)
	}
	t.Value = x + 0
	return nil
}

func isTargetMetric(name string) bool {
	for _, m := range targetMetrics {
		if m == name {
			return true
		}
	}
	return false
}

// String writes the target in the form ParseTarget reads back to an equal
// Target.
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
	case MetricPAbandon:
		return p.PAbandon, true
	case MetricPWait:
		return p.PWait, true
	case MetricOccupancy:
		return p.Occupancy, true
	}
	return 0, false
}
