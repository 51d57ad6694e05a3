package report

import (
	"math"

	"github.com/ivrsim/ivrsim/results"
)

// card is one headline metric: every design's value with its interval,
// a dot-and-whisker picture of them, and the paired differences.
type card struct {
	Metric     string
	Title      string
	Definition string
	Rows       []cardRow
	Diffs      []cardDiff
	Chart      chart
}

type cardRow struct {
	Class, Design, Value, CI string
}

type cardDiff struct {
	Other, Base string
	Delta, CI   string
	Word        string // better, worse, no clear difference
	Class       string // good, bad, same
}

func cards(designs []results.DesignDocument, comparisons []results.Comparison) []card {
	var out []card
	for _, cm := range cardMetrics {
		m := metricOf(cm.Name)
		c := card{Metric: cm.Name, Title: cm.Title, Definition: m.Definition}
		for i, d := range designs {
			e := d.Metrics[cm.Name]
			row := cardRow{Class: designClass(i), Design: d.Name, Value: "—"}
			if e.N > 0 && defined(e.Mean) {
				row.Value = results.FormatValue(m.Unit, e.Mean)
				if t := ciText(m, e.CILow, e.CIHigh); t != "" {
					row.CI = "95% CI " + t
				}
			} else {
				row.CI = "not defined in this run"
			}
			c.Rows = append(c.Rows, row)
		}
		for _, cmp := range comparisons {
			d, ok := cmp.Metrics[cm.Name]
			if !ok || d.N == 0 || !defined(d.Diff) {
				continue
			}
			_, base := findDesign(designs, cmp.Base)
			ref := 0.0
			if base != nil {
				ref = base.Metrics[cm.Name].Mean
			}
			cd := cardDiff{
				Other: cmp.Other, Base: cmp.Base,
				Delta: results.FormatSpread(m.Unit, d.Diff, ref, true),
				CI:    diffCI(m, d.CILow, d.CIHigh, ref),
				Word:  "no clear difference", Class: "same",
			}
			if d.Significant {
				if (m.Better == results.LowerIsBetter) == (d.Diff < 0) {
					cd.Word, cd.Class = "better", "good"
				} else {
					cd.Word, cd.Class = "worse", "bad"
				}
			}
			c.Diffs = append(c.Diffs, cd)
		}
		c.Chart = dotChart("card-"+cm.Name, m, designs)
		out = append(out, c)
	}
	return out
}

// dotChart draws each design's mean as a dot and its interval as a
// whisker, on one axis.
func dotChart(id string, m results.Metric, designs []results.DesignDocument) chart {
	const (
		w, left, right = 240, 8, 8
		row, top       = 14, 8
	)
	c := chart{ID: id, Title: label(m.Name), W: w, H: top + row*len(designs) + 18}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, d := range designs {
		e := d.Metrics[m.Name]
		for _, v := range []float64{e.Mean, e.CILow, e.CIHigh} {
			if defined(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if math.IsInf(lo, 0) {
		c.Empty = "not defined"
		return c
	}
	lo = math.Max(lo, 0)
	if m.Unit == results.Ratio {
		hi = math.Min(hi, 1)
	}
	if hi <= lo {
		hi = lo + math.Max(math.Abs(lo)*0.1, 1e-9)
	}
	t := ticks(lo, hi, 3)
	xs := scale{t[0], t[len(t)-1], left, w - right}
	clip := func(v float64) float64 { return xs.at(math.Max(xs.D0, math.Min(xs.D1, v))) }
	base := float64(top + row*len(designs))
	step := t[1] - t[0]
	for _, v := range t {
		x := xs.at(v)
		c.Guides = append(c.Guides, lineMark("grid grid-x", x, top-4, x, base, ""))
		anchor := "middle"
		switch {
		case v == t[0]:
			anchor = "start"
		case v == t[len(t)-1]:
			anchor = "end"
		}
		c.Guides = append(c.Guides, textMark("tick", x, base+13, anchor, tickLabel(m.Unit, v, step)))
	}
	for i, d := range designs {
		e := d.Metrics[m.Name]
		if e.N == 0 || !defined(e.Mean) {
			continue
		}
		y := float64(top + row*i + row/2)
		tip := d.Name + ": " + results.FormatValue(m.Unit, e.Mean)
		if t := ciText(m, e.CILow, e.CIHigh); t != "" {
			tip += " (95% CI " + t + ")"
			if x0, x1 := clip(e.CILow), clip(e.CIHigh); x1 > x0 {
				c.Marks = append(c.Marks, lineMark("whisker "+designClass(i), x0, y, x1, y, tip))
			}
		}
		c.Marks = append(c.Marks, circleMark("point "+designClass(i), clip(e.Mean), y, 4, tip))
	}
	return c
}
