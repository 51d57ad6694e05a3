package results

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// parseMetricSetting reads "metric=value", the form of --tolerance and
// --precision, with the value in the metric's unit and range: shares as
// 0.005 or 0.5pp (never above 1, the same check thresholds make), times as
// 5s or 2m. flag names the setting in messages.
func parseMetricSetting(flag, s string) (Metric, float64, string, error) {
	name, value, ok := strings.Cut(s, "=")
	name, value = strings.TrimSpace(name), strings.TrimSpace(value)
	if !ok || name == "" || value == "" {
		return Metric{}, 0, "", fmt.Errorf("%s %q: expected metric=value, such as abandon_rate=0.5pp or asa=5s", flag, s)
	}
	m, known := LookupMetric(name)
	if !known {
		return Metric{}, 0, "", fmt.Errorf("%s %q: unknown metric %q%s; use one of %s", flag, s, name,
			checkSuggestion(name, MetricNames()), strings.Join(MetricNames(), ", "))
	}
	if m.Unit == Ratio && strings.HasSuffix(value, "%") {
		return Metric{}, 0, "", fmt.Errorf("%s %q: write percentage points, such as %s=%spp, or a share, such as %s=0.005", flag, s, name, strings.TrimSpace(strings.TrimSuffix(value, "%")), name)
	}
	v, err := ParseValue(m, value)
	if err != nil {
		return Metric{}, 0, "", fmt.Errorf("%s %q: %v", flag, s, err)
	}
	if m.Unit == Ratio && math.Abs(v) > 1 {
		hint := "0.005 or 0.5pp"
		if !strings.HasSuffix(value, "pp") && math.Abs(v) <= 100 {
			hint = strconv.FormatFloat(v/100, 'g', -1, 64) + " or " + value + "pp"
		}
		return Metric{}, 0, "", fmt.Errorf("%s %q: %s is a share from 0 to 1 (0%% to 100%%), so a difference in it is at most 1 (100pp); write %s", flag, s, name, hint)
	}
	return m, v, value, nil
}

// Precision is a --precision setting of --reps auto: the 95% confidence
// half-width a metric must reach in every design.
type Precision struct {
	Metric    Metric
	HalfWidth float64
	index     int
}

// ParsePrecision reads "metric=half-width", such as "abandon_rate=0.2pp"
// or "asa=2s".
func ParsePrecision(s string) (Precision, error) {
	m, v, _, err := parseMetricSetting("--precision", s)
	if err != nil {
		return Precision{}, err
	}
	if v <= 0 {
		return Precision{}, fmt.Errorf("--precision %q: the half-width must be a positive value of %s", s, m.Name)
	}
	return Precision{Metric: m, HalfWidth: v, index: metricIndex[m.Name]}, nil
}

// NextReplications is the stopping rule of --reps auto. Given the
// replications run so far, it returns how many the run should have for
// every design's metric to reach its half-width, at most maxN; the current
// count means stop. The half-width shrinks as 1/√n, so the estimate of the
// replications needed is n·(h/target)²; each step adds at least half again
// as many (and at least 2), so a noisy early estimate cannot make the run
// crawl.
func NextReplications(rs *RunSet, targets []Precision, maxN int) int {
	n := rs.Replications
	need := n
	for _, t := range targets {
		for _, d := range rs.Designs {
			e := EstimateOf(column(d.Reps, t.index))
			h := e.HalfWidth()
			if e.N < 2 || math.IsNaN(h) || h <= t.HalfWidth {
				continue
			}
			want := int(math.Ceil(float64(n) * (h / t.HalfWidth) * (h / t.HalfWidth)))
			need = max(need, want, n+max(2, n/2))
		}
	}
	if need > n {
		need = min(max(need, n+2), maxN)
	}
	return max(need, n)
}
