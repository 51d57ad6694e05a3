package results

import (
	"encoding/csv"
	"io"
	"strconv"
)

// csvColumns are the tidy layout's columns, one value per row, after one
// column per swept key path in a sweep. A design's rows name it in design;
// a comparison's rows name its designs in base and other (the difference
// is other − base). unit is the metric's Unit.Symbol: durations are in
// seconds, shares from 0 to 1.
var csvColumns = []string{"design", "base", "other", "scope", "period", "metric", "unit", "statistic", "value"}

// WriteCSV writes doc in tidy form: one row per design (or comparison),
// scope (total, interval, day, comparison), period, metric and statistic.
func WriteCSV(w io.Writer, doc *Document) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvColumns); err != nil {
		return err
	}
	writeDocumentCSV(cw, nil, doc.Designs, doc.Comparisons)
	cw.Flush()
	return cw.Error()
}

// WriteSweepCSV writes a sweep in the same tidy form, with one column per
// swept key path first, holding the point's value: as a number where it is
// one (shares from 0 to 1, durations in seconds), else as written.
func WriteSweepCSV(w io.Writer, doc *SweepDocument) error {
	cw := csv.NewWriter(w)
	header := append(append([]string{}, doc.Sweep...), csvColumns...)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, p := range doc.Points {
		axes := make([]string, len(p.Values))
		for i, v := range p.Values {
			axes[i] = v.Value
			if n := SweepNumber(v.Value); n != nil {
				axes[i] = csvNumber(*n)
			}
		}
		writeDocumentCSV(cw, axes, p.Designs, p.Comparisons)
	}
	cw.Flush()
	return cw.Error()
}

func writeDocumentCSV(cw *csv.Writer, axes []string, designs []DesignDocument, comparisons []Comparison) {
	row := func(cells ...string) {
		_ = cw.Write(append(append([]string{}, axes...), cells...))
	}
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
				unit := x.Unit.Symbol()
				if st.name == "n" {
					unit = "count"
				}
				row(design, "", "", scope, period, x.Name, unit, st.name, csvNumber(st.v))
			}
		}
	}
	for _, d := range designs {
		est(d.Name, "total", "", d.Metrics)
		for _, r := range d.Intervals {
			est(d.Name, "interval", r.Start, r.Metrics)
		}
		if r := d.Outside; r != nil {
			est(d.Name, "interval", r.Start, r.Metrics)
		}
		for _, r := range d.Days {
			est(d.Name, "day", strconv.Itoa(r.Day), r.Metrics)
		}
	}
	for _, c := range comparisons {
		for _, x := range Metrics {
			d, ok := c.Metrics[x.Name]
			if !ok {
				continue
			}
			sig := "0"
			if d.Significant {
				sig = "1"
			}
			u := x.Unit.Symbol()
			row("", c.Base, c.Other, "comparison", "", x.Name, u, "diff", csvNumber(d.Diff))
			row("", c.Base, c.Other, "comparison", "", x.Name, u, "ci_low", csvNumber(d.CILow))
			row("", c.Base, c.Other, "comparison", "", x.Name, u, "ci_high", csvNumber(d.CIHigh))
			row("", c.Base, c.Other, "comparison", "", x.Name, "", "significant", sig)
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
