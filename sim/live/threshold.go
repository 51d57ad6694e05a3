package live

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Threshold is a pass/fail condition on one figure of a load run, such as
// "setup_p95 < 200ms" or "abandon_rate <= 8%".
type Threshold struct {
	Metric string
	Op     string
	Value  float64 // in the metric's unit
	Text   string
}

var thresholdOps = []string{"<=", ">=", "==", "!=", "<", ">"}

// metricUnits are the units of the figures a threshold may name.
func metricUnits() map[string]string {
	units := map[string]string{}
	for _, m := range newSummary().Metrics() {
		units[m.Name] = m.Unit
	}
	return units
}

// ParseThreshold reads "METRIC OP VALUE". Values take their metric's unit:
// ratios as 0.08 or 8%, wall times as 200ms or 0.2s (a bare number is
// milliseconds), model times as 45s or 2m (a bare number is seconds).
func ParseThreshold(s string) (Threshold, error) {
	t := Threshold{Text: strings.TrimSpace(s)}
	i := strings.IndexAny(s, "<>=!")
	if i < 0 {
		return t, fmt.Errorf("threshold %q: no comparison; write it as METRIC OP VALUE, e.g. 'setup_p95 < 200ms'", s)
	}
	t.Metric = strings.TrimSpace(s[:i])
	rest := s[i:]
	for _, op := range thresholdOps {
		if strings.HasPrefix(rest, op) {
			t.Op = op
			rest = rest[len(op):]
			break
		}
	}
	if t.Op == "" {
		return t, fmt.Errorf("threshold %q: unknown comparison at %q; use <, <=, >, >=, == or !=", s, rest)
	}
	units := metricUnits()
	unit, ok := units[t.Metric]
	if !ok {
		names := make([]string, 0, len(units))
		for _, m := range newSummary().Metrics() {
			names = append(names, m.Name)
		}
		return t, fmt.Errorf("threshold %q: unknown metric %q; load reports %s", s, t.Metric, strings.Join(names, ", "))
	}
	v, err := parseValue(strings.TrimSpace(rest), unit)
	if err != nil {
		return t, fmt.Errorf("threshold %q: %w", s, err)
	}
	t.Value = v
	return t, nil
}

func parseValue(s, unit string) (float64, error) {
	if s == "" {
		return 0, fmt.Errorf("no value after the comparison")
	}
	bad := func(want string) error { return fmt.Errorf("value %q: want %s", s, want) }
	switch unit {
	case "ratio":
		if p, ok := strings.CutSuffix(s, "%"); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, bad("a share such as 0.08 or 8%")
			}
			return v / 100, nil
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, bad("a share such as 0.08 or 8%")
		}
		return v, nil
	case "ms", "s":
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, bad("a finite time")
			}
			return v, nil
		}
		d, err := time.ParseDuration(s)
		if err != nil {
			return 0, bad("a time such as 200ms, 1.5s or 2m")
		}
		if unit == "ms" {
			return float64(d) / float64(time.Millisecond), nil
		}
		return d.Seconds(), nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, bad("a number")
	}
	return v, nil
}

// Holds reports whether observed value v meets the threshold; an
// undefined value (NaN) never does.
func (t Threshold) Holds(v float64) bool {
	if math.IsNaN(v) {
		return false
	}
	switch t.Op {
	case "<":
		return v < t.Value
	case "<=":
		return v <= t.Value
	case ">":
		return v > t.Value
	case ">=":
		return v >= t.Value
	case "==":
		return v == t.Value
	default:
		return v != t.Value
	}
}
