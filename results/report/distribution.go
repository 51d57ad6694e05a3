package report

import (
	"math"
	"strconv"

	"github.com/ivrsim/ivrsim/results"
)

// distributionChart draws each design's pooled distribution as a
// cumulative curve through its percentiles: the share of observations at
// or below each duration. The x axis ends at the largest 99th percentile,
// so one extreme value does not flatten the curves; a logarithmic axis
// suits times with a long tail.
func distributionChart(id, title, what string, designs []results.DesignDocument, pick func(*results.DesignDocument) results.Distribution, logX bool, rule float64, ruleLabel string) chart {
	spec := lineSpec{
		ID: id, Title: title, Unit: results.Ratio, XTime: true, XUnit: results.Seconds,
		YLabel: "share at or below", XLabel: what, XLog: logX, VRule: rule, VRuleLabel: ruleLabel, XMax: math.NaN(),
	}
	p99 := 0.0
	for i := range designs {
		d := pick(&designs[i])
		var s lineSeries
		s.Class, s.Name = designClass(i), designs[i].Name
		// Several percentiles can share a value (many answered at once);
		// the curve's height there is the highest of them.
		for j, p := range d.Percentiles {
			v := float64(p.Value)
			if !defined(v) {
				continue
			}
			if p.P == 99 {
				p99 = math.Max(p99, v)
			}
			if j+1 < len(d.Percentiles) && float64(d.Percentiles[j+1].Value) == v {
				continue
			}
			tip := designs[i].Name + ": " + pctLabel(p.P) + " at or below " + results.FormatValue(results.Seconds, v)
			s.Points = append(s.Points, linePoint{X: v, Y: p.P / 100, Lo: math.NaN(), Hi: math.NaN(), Tip: tip})
		}
		spec.Series = append(spec.Series, s)
	}
	if p99 > 0 {
		spec.XMax = p99
	}
	c := spec.chart()
	c.Caption = "Each curve climbs through the percentiles of all replications pooled: read off the share at or below a given time. The axis stops at the largest 99th percentile; hover a point for its value."
	if logX {
		c.Caption += " The time axis is logarithmic: the tail is long."
	}
	return c
}

func pctLabel(p float64) string {
	return strconv.FormatFloat(p, 'f', -1, 64) + "%"
}
