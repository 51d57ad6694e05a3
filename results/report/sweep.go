package report

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/ivrsim/ivrsim/results"
)

func buildSweep(p *page, doc *results.SweepDocument) {
	p.Sweep = true
	p.Title = doc.Scenario
	var designs []results.DesignDocument
	if len(doc.Points) > 0 {
		designs = doc.Points[0].Designs
	}
	p.Designs = designRefs(designs)
	p.SweepAxes = strings.Join(doc.Sweep, " × ")
	p.Subtitle = fmt.Sprintf("sweep of %s · %d point%s × %d design%s · %d replication%s per point · seed %d · 95%% confidence intervals; Δ is the paired difference on the same callers",
		p.SweepAxes, len(doc.Points), plural(len(doc.Points)), len(designs), plural(len(designs)), doc.Replications, plural(doc.Replications), doc.Seed)
	if doc.Replications < 2 {
		p.Notes = append(p.Notes, "One replication per point: there are no confidence intervals, so no difference can be called significant.")
	}
	p.SweepVerdicts = sweepVerdicts(doc)
	p.SweepCharts = sweepCharts(doc)
	p.SweepTable = sweepTable(doc)
}

// sweepX places the points on the x axis: by value when there is one
// swept path and every value is a number (or a percentage), else one
// position per point in order.
func sweepX(doc *results.SweepDocument) (xs []float64, labels []string, numeric bool) {
	numeric = len(doc.Sweep) == 1
	for i, p := range doc.Points {
		var vals []string
		for _, v := range p.Values {
			vals = append(vals, v.Value)
		}
		labels = append(labels, strings.Join(vals, " · "))
		x := float64(i)
		if numeric {
			v, ok := parseNumber(strings.Join(vals, ""))
			if !ok {
				numeric = false
			}
			x = v
		}
		xs = append(xs, x)
	}
	if !numeric {
		for i := range xs {
			xs[i] = float64(i)
		}
	}
	return xs, labels, numeric
}

// parseNumber reads "0.2" or "20%".
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	scale := 1.0
	if t, ok := strings.CutSuffix(s, "%"); ok {
		s, scale = strings.TrimSpace(t), 0.01
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !defined(v) {
		return 0, false
	}
	return v * scale, true
}

// sweepCharts draw each headline metric against the swept value, a line
// per design with its confidence band.
func sweepCharts(doc *results.SweepDocument) []chart {
	if len(doc.Points) == 0 {
		return nil
	}
	xs, labels, numeric := sweepX(doc)
	// Points in order along the axis, so lines do not double back.
	order := make([]int, len(xs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return xs[order[a]] < xs[order[b]] })
	var out []chart
	for _, name := range results.HeadlineMetrics {
		m := metricOf(name)
		spec := lineSpec{
			ID: "sweep-" + name, Title: strings.ToUpper(label(name)[:1]) + label(name)[1:] + " vs " + strings.Join(doc.Sweep, " × "),
			Unit: m.Unit, YLabel: label(name), XLabel: strings.Join(doc.Sweep, " × "), XUnit: results.PerUnit, XMax: math.NaN(), VRule: math.NaN(),
			Caption: "Mean over replications at each point, with its 95% confidence band. " + m.Definition + ".",
		}
		if !numeric {
			spec.XLabels = labels
		}
		for di, d0 := range doc.Points[0].Designs {
			sr := lineSeries{Class: designClass(di), Name: d0.Name}
			for _, pi := range order {
				p := doc.Points[pi]
				pt := linePoint{X: xs[pi], Y: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
				if _, d := findDesign(p.Designs, d0.Name); d != nil {
					if e, ok := d.Metrics[name]; ok && e.N > 0 {
						pt.Y, pt.Lo, pt.Hi = e.Mean, e.CILow, e.CIHigh
						pt.Tip = p.Label() + ", " + d0.Name + ": " + label(name) + " " + results.FormatEstimate(m.Unit, e)
					}
				}
				sr.Points = append(sr.Points, pt)
			}
			spec.Series = append(spec.Series, sr)
		}
		out = append(out, spec.chart())
	}
	return out
}
