package results

import (
	"fmt"
	"strings"
)

// CheckBacktestMetrics returns an error for the first of names a backtest
// cannot compare: a metric unknown, or a percentile of pooled waits, which
// is not defined per interval.
func CheckBacktestMetrics(names []string) error {
	for _, n := range names {
		m, ok := LookupMetric(n)
		if !ok {
			return fmt.Errorf("unknown metric %q; metrics are %s", n, strings.Join(MetricNames(), ", "))
		}
		if m.Distribution {
			return fmt.Errorf("%s is a percentile of pooled waits, not defined per interval; compare asa instead", n)
		}
	}
	return nil
}
