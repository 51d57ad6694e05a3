package results

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// MarshalJSON writes undefined figures as null.
func (m SensitivityMetric) MarshalJSON() ([]byte, error) {
	drivers := m.Drivers
	if drivers == nil {
		drivers = []Driver{}
	}
	return marshalValue(map[string]any{
		"metric": m.Metric, "mean": num(m.Mean), "p05": num(m.P05), "p50": num(m.P50), "p95": num(m.P95),
		"p_better": num(m.PBetter), "p_better_ci_low": num(m.PBetterLow), "p_better_ci_high": num(m.PBetterHigh),
		"r2": num(m.R2), "drivers": drivers, "break_even": m.BreakEven,
	})
}

// MarshalJSON writes undefined figures as null.
func (d Driver) MarshalJSON() ([]byte, error) {
	return marshalValue(map[string]any{"path": d.Path, "src": num(d.SRC), "ci_low": num(d.CILow), "ci_high": num(d.CIHigh)})
}

// MarshalJSON writes undefined differences as null.
func (p SensitivityPoint) MarshalJSON() ([]byte, error) {
	diffs := make([]map[string]num, len(p.Diffs))
	for i, d := range p.Diffs {
		diffs[i] = map[string]num{}
		for k, v := range d {
			diffs[i][k] = num(v)
		}
	}
	return marshalValue(map[string]any{"values": p.Values, "diffs": diffs})
}

// WriteSensitivityJSON writes doc indented, with a final newline.
func WriteSensitivityJSON(doc *SensitivityDocument) ([]byte, error) {
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// WriteSensitivityTable writes, per design pair and headline metric, the
// distribution of the paired difference over the uncertain values, the
// probability that the other design is better, the main drivers with
// their intervals, and the break-even of the main driver.
func WriteSensitivityTable(w io.Writer, doc *SensitivityDocument) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s — sensitivity: %d points (%s), %d replication%s each, seed %d\n", doc.Scenario, doc.Samples, doc.Method, doc.Replications, plural(doc.Replications), doc.Seed)
	b.WriteString("uncertain:")
	for _, p := range doc.Parameters {
		fmt.Fprintf(&b, " %s ~ %s;", p.Path, p.Range)
	}
	b.WriteString("\nΔ is the paired difference other − base at each point, on the same callers; P(better) is the share of points where the other design is better (95% Wilson interval); drivers are standardised regression coefficients with 95% bootstrap intervals, R² how much of Δ's spread they explain\n")
	for _, pr := range doc.Pairs {
		fmt.Fprintf(&b, "\n%s against %s\n", pr.Other, pr.Base)
		rows := [][]string{{"metric", "mean Δ", "90% of points", "P(better)", "main drivers", "R²"}}
		var notes []string
		for _, sm := range pr.Metrics {
			m, _ := LookupMetric(sm.Metric)
			rows = append(rows, []string{
				sm.Metric,
				FormatSpread(m.Unit, sm.Mean, 0, true),
				FormatSpread(m.Unit, sm.P05, 0, true) + " to " + FormatSpread(m.Unit, sm.P95, 0, true),
				pBetterText(sm),
				driversText(sm.Drivers, 2),
				r2Text(sm.R2),
			})
			if be := sm.BreakEven; be != nil {
				side := "below"
				if be.BetterAbove {
					side = "above"
				}
				notes = append(notes, fmt.Sprintf("%s: %s is better while %s is %s %s", sm.Metric, pr.Other, be.Path, side, strconv.FormatFloat(be.Value, 'g', 3, 64)))
			}
		}
		if err := writeAligned(&b, rows); err != nil {
			return err
		}
		if len(notes) > 0 {
			b.WriteString("break-even of the main driver (the others at their mean):\n")
			for _, n := range notes {
				b.WriteString("  " + n + "\n")
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func pBetterText(sm SensitivityMetric) string {
	if math.IsNaN(sm.PBetter) {
		return "—"
	}
	return fmt.Sprintf("%.0f%% [%.0f, %.0f]", 100*sm.PBetter, 100*sm.PBetterLow, 100*sm.PBetterHigh)
}

func driversText(ds []Driver, n int) string {
	var parts []string
	for i, d := range ds {
		if i == n {
			break
		}
		interval := fmt.Sprintf("[%+.2f, %+.2f]", d.CILow, d.CIHigh)
		if math.IsNaN(d.CILow) || math.IsNaN(d.CIHigh) {
			// Too few points for the bootstrap: most resamples leave the
			// regression without a unique answer.
			interval = "[no interval: too few points]"
		}
		parts = append(parts, fmt.Sprintf("%s %+.2f %s", lastPathPart(d.Path), d.SRC, interval))
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, "; ")
}

// lastPathPart shortens a scenario path to its last two parts, which name
// it in a table.
func lastPathPart(p string) string {
	parts := strings.Split(p, ".")
	if len(parts) > 2 {
		parts = parts[len(parts)-2:]
	}
	return strings.Join(parts, ".")
}

func r2Text(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// WriteSensitivityCSV writes doc in tidy form: one value a row, by pair,
// metric, quantity and parameter, then the points.
func WriteSensitivityCSV(w io.Writer, doc *SensitivityDocument) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"base", "other", "metric", "quantity", "parameter", "value"})
	for _, pr := range doc.Pairs {
		row := func(metric, q, param string, v float64) {
			_ = cw.Write([]string{pr.Base, pr.Other, metric, q, param, csvNumber(v)})
		}
		for _, sm := range pr.Metrics {
			for _, kv := range []struct {
				q string
				v float64
			}{{"mean", sm.Mean}, {"p05", sm.P05}, {"p50", sm.P50}, {"p95", sm.P95}, {"p_better", sm.PBetter},
				{"p_better_ci_low", sm.PBetterLow}, {"p_better_ci_high", sm.PBetterHigh}, {"r2", sm.R2}} {
				row(sm.Metric, kv.q, "", kv.v)
			}
			for _, d := range sm.Drivers {
				row(sm.Metric, "src", d.Path, d.SRC)
				row(sm.Metric, "src_ci_low", d.Path, d.CILow)
				row(sm.Metric, "src_ci_high", d.Path, d.CIHigh)
			}
			if be := sm.BreakEven; be != nil {
				row(sm.Metric, "break_even", be.Path, be.Value)
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
