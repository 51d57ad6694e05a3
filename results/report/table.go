package report

import (
	"strconv"
	"strings"

	"github.com/ivrsim/ivrsim/results"
)

// table is a table of numbers, every cell with its exact interval as a
// tooltip.
type table struct {
	Header []string
	Rows   []tableRow
	// Compact lets cells wrap at the ± and sets them smaller, for tables
	// with a column per metric that must fit a laptop's width.
	Compact bool
}

type tableRow struct {
	Head  string // the row's name, shown first
	Sub   string // a smaller second line under the name
	Title string
	Cells []tableCell
}

type tableCell struct {
	Text, Class, Title string
	// Delta is a paired difference shown under the value, classed by
	// DeltaClass.
	Delta, DeltaClass string
}

// metricsTable is every metric, one row each, per design with its
// interval and per comparison with the paired difference.
func metricsTable(designs []results.DesignDocument, comparisons []results.Comparison) table {
	t := table{Header: []string{"metric"}}
	for _, d := range designs {
		t.Header = append(t.Header, d.Name)
	}
	for _, c := range comparisons {
		t.Header = append(t.Header, "Δ "+c.Other+" − "+c.Base)
	}
	for _, m := range results.Metrics {
		row := tableRow{Head: label(m.Name), Sub: m.Name, Title: m.Definition}
		found := false
		for _, d := range designs {
			e, ok := d.Metrics[m.Name]
			cell := tableCell{Text: "—"}
			if ok && e.N > 0 {
				found = true
				cell.Text = results.FormatEstimate(m.Unit, e)
				cell.Title = estimateTitle(m, e)
			}
			row.Cells = append(row.Cells, cell)
		}
		if !found {
			continue
		}
		for _, c := range comparisons {
			_, base := findDesign(designs, c.Base)
			ref := 0.0
			if base != nil {
				ref = base.Metrics[m.Name].Mean
			}
			row.Cells = append(row.Cells, diffCell(m, c.Metrics[m.Name], ref))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func estimateTitle(m results.Metric, e results.Estimate) string {
	s := "mean " + results.FormatValue(m.Unit, e.Mean)
	if t := ciText(m, e.CILow, e.CIHigh); t != "" {
		s += ", 95% CI " + t
	}
	return s + ", " + strconv.Itoa(e.N) + " replication" + plural(e.N)
}

// diffCell writes a paired difference "−4.9pp ±0.5pp *", classed by
// whether it is a significant improvement or deterioration.
func diffCell(m results.Metric, d results.Difference, ref float64) tableCell {
	if d.N == 0 || !defined(d.Diff) {
		return tableCell{Text: "—"}
	}
	c := tableCell{Text: results.FormatSpread(m.Unit, d.Diff, ref, true), Class: "same"}
	if d.N >= 2 && defined(d.CILow) {
		c.Text += " ±" + results.FormatSpread(m.Unit, (d.CIHigh-d.CILow)/2, ref, false)
		c.Title = "95% CI " + diffCI(m, d.CILow, d.CIHigh, ref) + ", " + strconv.Itoa(d.N) + " paired replications"
	}
	if d.Significant {
		c.Text += " *"
		switch {
		case m.Better == results.Neutral:
			c.Class = "changed"
		case (m.Better == results.LowerIsBetter) == (d.Diff < 0):
			c.Class = "good"
		default:
			c.Class = "bad"
		}
	}
	return c
}

// sweepTable has a row per point and design, the headline metrics as
// columns, and for further designs the paired difference to the first.
func sweepTable(doc *results.SweepDocument) table {
	t := table{Header: []string{strings.Join(doc.Sweep, " × ") + " · design"}, Compact: true}
	for _, name := range results.HeadlineMetrics {
		t.Header = append(t.Header, label(name))
	}
	for _, p := range doc.Points {
		for i, d := range p.Designs {
			var vals []string
			for _, v := range p.Values {
				vals = append(vals, v.Value)
			}
			row := tableRow{Head: strings.Join(vals, " × "), Sub: d.Name, Title: p.Label()}
			for _, name := range results.HeadlineMetrics {
				m := metricOf(name)
				e := d.Metrics[name]
				cell := tableCell{Text: "—"}
				if e.N > 0 {
					cell.Text = results.FormatEstimate(m.Unit, e)
					cell.Title = estimateTitle(m, e)
				}
				if i > 0 && i-1 < len(p.Comparisons) {
					if diff, ok := p.Comparisons[i-1].Metrics[name]; ok && diff.N > 0 {
						ref := p.Designs[0].Metrics[name].Mean
						dc := diffCell(m, diff, ref)
						cell.Delta, cell.DeltaClass = "Δ "+dc.Text, dc.Class
						if dc.Title != "" {
							cell.Title += "; Δ " + dc.Title
						}
					}
				}
				row.Cells = append(row.Cells, cell)
			}
			t.Rows = append(t.Rows, row)
		}
	}
	return t
}
