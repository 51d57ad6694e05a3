package results

import (
	"fmt"
	"slices"
	"strings"
)

// Vocabulary is the figures a Condition may name: a command's own, such
// as the load harness's set-up times, rather than Metrics. Their values
// read as the values of Metrics do, by unit.
type Vocabulary struct {
	// Metrics name the figures and their units, in the order messages
	// list them; the rest of a Metric is not used.
	Metrics []Metric
	// Example shows how a condition is written, quoted, for messages:
	// "'setup_p95 < 200ms'".
	Example string
}

// names lists the vocabulary's metrics, in order.
func (v Vocabulary) names() []string {
	out := make([]string, len(v.Metrics))
	for i, m := range v.Metrics {
		out[i] = m.Name
	}
	return out
}

// Condition is a pass/fail comparison of one figure with a value, such as
// "setup_p95 < 200ms" or "abandon_rate <= 8%".
type Condition struct {
	Metric string
	Op     Operator
	// Value is in the metric's unit: a share from 0 to 1, seconds, a
	// count.
	Value float64
	Unit  Unit
	// Text is the condition as written, without surrounding blanks.
	Text string
}

// Holds reports whether observed value v meets the condition; an undefined
// value (NaN) never does.
func (c Condition) Holds(v float64) bool { return c.Op.Holds(v, c.Value) }

// ParseCondition reads "metric operator value" with a metric of vocab. It
// is the grammar of ParseThresholdLine without a design or an aggregation:
// the same operators and messages, values read by unit as ParseValue reads
// them (8% or 0.08; 200ms, 45s or 2m, a bare number being seconds) and
// the same range checks (never negative, a share at most 1). Errors are
// *ThresholdError, with offsets counted from the start of s.
func ParseCondition(s string, vocab Vocabulary) (Condition, error) {
	failIn := func(inTarget bool) failAt {
		return func(off int, format string, args ...any) error {
			return &ThresholdError{Text: s, Offset: off, InTarget: inTarget, Msg: fmt.Sprintf(format, args...)}
		}
	}
	start := skipThresholdBlanks(s, 0)
	i := start
	for i < len(s) && s[i] != ' ' && s[i] != '\t' && strings.IndexByte("<>=!", s[i]) < 0 {
		i++
	}
	c := Condition{Metric: s[start:i], Text: strings.TrimSpace(s)}
	if i == start {
		return Condition{}, failIn(true)(start, "%q does not start with a metric; write metric operator value, such as %s", s, vocab.Example)
	}
	k := slices.IndexFunc(vocab.Metrics, func(m Metric) bool { return m.Name == c.Metric })
	if k < 0 {
		names := vocab.names()
		return Condition{}, failIn(true)(start, "unknown metric %q%s; use one of %s", c.Metric, checkSuggestion(c.Metric, names), strings.Join(names, ", "))
	}
	c.Unit = vocab.Metrics[k].Unit
	expr := strings.TrimSpace(s[i:])
	if expr == "" {
		return Condition{}, failIn(false)(len(s), "%q: the operator and value are missing; write metric operator value, such as %s", c.Text, vocab.Example)
	}
	fail := failIn(false)
	op, value, at, err := readComparison(s, skipThresholdBlanks(s, i), expr, vocab.Example, fail)
	if err != nil {
		return Condition{}, err
	}
	v, err := comparisonValue(Metric{Name: c.Metric, Unit: c.Unit}, value, at, expr, fail)
	if err != nil {
		return Condition{}, err
	}
	c.Op, c.Value = op, v
	return c, nil
}
