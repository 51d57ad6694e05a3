package results

import (
	"encoding/csv"
	"io"
	"strconv"
)

// csvHeader is the tidy layout: one value per row.
var csvHeader = []string{"point", "design", "scope", "period", "metric", "statistic", "value"}

// WriteCSV writes doc in tidy form: one row per design, scope (total,
// interval, day, comparison), period, metric and statistic.
func WriteCSV(w io.Writer, doc *Document) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	writeDocumentCSV(cw, "", doc.Designs, doc.Comparisons)
	cw.Flush()
	return cw.Error()
}

// WriteSweepCSV writes a sweep in the same tidy form, the point's values in
// the point column.
func WriteSweepCSV(w io.Writer, doc *SweepDocument) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, p := range doc.Points {
		writeDocumentCSV(cw, p.Label(), p.Designs, p.Comparisons)
	}
	cw.Flush()
	return cw.Error()
}

func writeDocumentCSV(cw *csv.Writer, point string, designs []DesignDocument, comparisons []Comparison) {
	est := func(design, scope, period string, m MetricEstimates) {
		for _, x := range Metrics {
			e, ok := m[x.Name]
			if !ok {
				continue
			}
			for _, st := range []struct {
				name string
				v    float64
			}{{"mean", e.Mean}, {"ci_low", e.CILow}, {"ci_high", e.CIHigh}, {"stddev", e.StdDev}, {"n", float64(e.N)}} {
				_ = cw.Write([]string{point, design, scope, period, x.Name, st.name, csvNumber(st.v)})
			}
		}
	}
	for _, d := range designs {
		est(d.Name, "total", "", d.Metrics)
		for _, r := range d.Intervals {
			est(d.Name, "interval", r.Start, r.Metrics)
		}
		for _, r := range d.Days {
			est(d.Name, "day", strconv.Itoa(r.Day), r.Metrics)
		}
	}
	for _, c := range comparisons {
		label := c.Other + " vs " + c.Base
		for _, x := range Metrics {
			d, ok := c.Metrics[x.Name]
			if !ok {
				continue
			}
			sig := "0"
			if d.Significant {
				sig = "1"
			}
			_ = cw.Write([]string{point, label, "comparison", "", x.Name, "diff", csvNumber(d.Diff)})
			_ = cw.Write([]string{point, label, "comparison", "", x.Name, "ci_low", csvNumber(d.CILow)})
			_ = cw.Write([]string{point, label, "comparison", "", x.Name, "ci_high", csvNumber(d.CIHigh)})
			_ = cw.Write([]string{point, label, "comparison", "", x.Name, "significant", sig})
		}
	}
}

// csvNumber writes a value exactly, and undefined values as empty cells.
func csvNumber(v float64) string {
	if v != v {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
