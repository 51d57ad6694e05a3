package results

import (
	"fmt"

	"github.com/ivrsim/ivrsim/models"
)

// ParseTarget reads a goal on one metric, as ivrsim staff and ivrsim erlang
// take it: "service_level(20s) >= 80%", "abandon_rate <= 5%",
// "asa <= 30s", "blocked_rate <= 0.01". It is the threshold grammar of
// ParseThresholdLine, with the same metric names, values and range checks;
// a target has no design, no aggregation (it is met on the mean) and no ==
// or !=.
func ParseTarget(s string) (Threshold, error) {
	t, err := ParseThresholdLine(s)
	if err != nil {
		return t, err
	}
	fail := func(format string, args ...any) (Threshold, error) {
		return Threshold{}, &ThresholdError{Text: s, Msg: fmt.Sprintf(format, args...)}
	}
	switch {
	case t.Design != "":
		return fail("%q: a target applies to whatever is being sized; leave out {%s}", s, t.Design)
	case t.Agg != AggMean:
		return fail("%q: a target is met by the metric itself; leave out %s", s, t.AggregationName())
	case t.Op == OpEqual || t.Op == OpNotEqual:
		return fail("%q: a target is a bound; use <, <=, > or >=", s)
	}
	return t, nil
}

// analyticMetrics maps the metrics the Erlang formulas predict to their
// name in models. queue_abandon_rate is the formulas' abandonment too:
// without an IVR, every caller who abandons does so in the queue.
var analyticMetrics = map[string]string{
	"service_level":      models.MetricServiceLevel,
	"asa":                models.MetricASA,
	"abandon_rate":       models.MetricAbandonRate,
	"queue_abandon_rate": models.MetricAbandonRate,
	"p_wait":             models.MetricPWait,
	"occupancy":          models.MetricOccupancy,
	"blocked_rate":       models.MetricBlockedRate,
}

// AnalyticMetrics lists, in a fixed order, the metrics a target for the
// Erlang formulas may name.
var AnalyticMetrics = []string{"service_level", "abandon_rate", "queue_abandon_rate", "asa", "p_wait", "occupancy", "blocked_rate"}

// Analytic returns the target as the Erlang formulas of models read it,
// and false when they predict no such metric.
func (t Threshold) Analytic() (models.Target, bool) {
	m, ok := analyticMetrics[t.Metric]
	if !ok || t.Agg != AggMean || t.Design != "" {
		return models.Target{}, false
	}
	op := t.Op.String()
	if t.Op == OpEqual || t.Op == OpNotEqual {
		return models.Target{}, false
	}
	return models.Target{Metric: m, Op: op, Value: t.Value, Within: t.Within}, true
}
