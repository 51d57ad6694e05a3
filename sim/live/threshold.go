package live

import "github.com/ivrsim/ivrsim/results"

// Vocabulary is what a threshold on a load run may name: the figures of
// Summary.Metrics, with their units.
func Vocabulary() results.Vocabulary {
	ms := newSummary().Metrics()
	v := results.Vocabulary{Example: "'setup_p95 < 200ms'", Metrics: make([]results.Metric, len(ms))}
	for i, m := range ms {
		v.Metrics[i] = results.Metric{Name: m.Name, Unit: valueUnit(m.Unit), Definition: m.Definition}
	}
	return v
}

// ParseThreshold reads a pass/fail condition on a load run's figures,
// "METRIC OP VALUE", in the grammar and with the value rules of ivrsim's
// other thresholds (results.ParseCondition): "setup_p95 < 200ms" (a bare
// number of a time is seconds: 0.2), "abandon_rate <= 8%",
// "concurrent_max >= 500".
func ParseThreshold(s string) (results.Condition, error) {
	return results.ParseCondition(s, Vocabulary())
}
