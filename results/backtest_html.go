package results

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"strings"
)

// BacktestHTML draws the backtest as one self-contained page (inline SVG,
// no scripts): per metric, through the day, each mode's predicted mean
// with its 95% prediction band against the observed values, after the
// overall table.
func BacktestHTML(b *Backtest) ([]byte, error) {
	var w bytes.Buffer
	esc := html.EscapeString
	fmt.Fprintf(&w, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
	fmt.Fprintf(&w, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
	fmt.Fprintf(&w, "<title>Backtest: %s, %s to %s</title>\n", esc(b.Scenario), esc(b.From), esc(b.To))
	fmt.Fprintf(&w, "<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}td,th{padding:2px 10px;text-align:right}th:first-child,td:first-child{text-align:left}svg{display:block;margin:0 0 1.5em}.k{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px}</style></head><body>\n")
	fmt.Fprintf(&w, "<h1>Backtest of %s, design %s</h1>\n<p>%s to %s (%d days), %d replications, seed %d. ", esc(b.Scenario), esc(b.Design), esc(b.From), esc(b.To), b.Days, b.Replications, b.Seed)
	fmt.Fprintf(&w, "Forecast: the scenario's own arrivals and times (is the plan right?).")
	if b.Replay != nil {
		fmt.Fprintf(&w, " Replay: the records' arrivals, IVR and talk times and observed staffing drive the simulation (is the queueing and behaviour model right?).")
	}
	fmt.Fprintf(&w, " Predicted: mean [95%% confidence interval]; bands are the 95%% prediction interval of one run.</p>\n")

	modes := b.modes()
	fmt.Fprintf(&w, "<table><tr><th>metric</th>")
	for _, m := range modes {
		fmt.Fprintf(&w, "<th>%s</th>", m.name)
	}
	fmt.Fprintf(&w, "<th>observed</th></tr>\n")
	for _, name := range b.Metrics {
		mt, _ := LookupMetric(name)
		fmt.Fprintf(&w, "<tr><td title=\"%s\">%s</td>", esc(mt.Definition), esc(name))
		for _, m := range modes {
			v := m.b.Overall[name]
			fmt.Fprintf(&w, "<td>%s [%s – %s]</td>", esc(FormatValue(mt.Unit, v.Predicted.Mean)), esc(FormatValue(mt.Unit, v.Predicted.CILow)), esc(FormatValue(mt.Unit, v.Predicted.CIHigh)))
		}
		fmt.Fprintf(&w, "<td>%s</td></tr>\n", esc(FormatValue(mt.Unit, b.Overall[name].Observed)))
	}
	fmt.Fprintf(&w, "</table>\n")

	colors := []string{"#1f77b4", "#d95f02"}
	for _, name := range b.Metrics {
		mt, _ := LookupMetric(name)
		fmt.Fprintf(&w, "<h2>%s</h2>\n<p>%s.", esc(name), esc(mt.Definition))
		for i, m := range modes {
			fmt.Fprintf(&w, "<span class=\"k\" style=\"background:%s;opacity:.4\"></span>%s", colors[i], m.name)
		}
		fmt.Fprintf(&w, "<span class=\"k\" style=\"background:#000\"></span>observed</p>\n")
		w.WriteString(chart(b, modes, name, mt.Unit, colors))
	}
	fmt.Fprintf(&w, "</body></html>\n")
	return w.Bytes(), nil
}

// chart draws one metric through the day.
func chart(b *Backtest, modes []struct {
	name string
	b    *Backtest
}, name string, unit Unit, colors []string) string {
	const W, H, left, bottom, top = 1000.0, 220.0, 60.0, 30.0, 10.0
	n := len(b.Intervals)
	if n == 0 {
		return ""
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	see := func(x float64) {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
	}
	for _, m := range modes {
		for _, iv := range m.b.Intervals {
			v := iv.Values[name]
			see(v.PILow)
			see(v.PIHigh)
			see(v.Observed)
			see(v.Predicted.Mean)
		}
	}
	if math.IsInf(lo, 1) {
		return ""
	}
	lo = math.Min(lo, 0)
	if hi <= lo {
		hi = lo + 1
	}
	x := func(i int) float64 { return left + (W-left-10)*(float64(i)+0.5)/float64(n) }
	y := func(v float64) float64 { return top + (H-top-bottom)*(1-(v-lo)/(hi-lo)) }
	var s strings.Builder
	fmt.Fprintf(&s, "<svg viewBox=\"0 0 %g %g\" width=\"100%%\" role=\"img\" aria-label=\"%s through the day\">", W, H, html.EscapeString(name))
	fmt.Fprintf(&s, "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"#999\"/>", left, H-bottom, W-10, H-bottom)
	for _, v := range []float64{lo, (lo + hi) / 2, hi} {
		fmt.Fprintf(&s, "<text x=\"%g\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>", left-4, y(v)+4, html.EscapeString(FormatValue(unit, v)))
	}
	for i, iv := range b.Intervals {
		if i%4 == 0 {
			fmt.Fprintf(&s, "<text x=\"%.1f\" y=\"%g\" font-size=\"11\" text-anchor=\"middle\">%s</text>", x(i), H-bottom+16, iv.Start)
		}
	}
	for k, m := range modes {
		var band, upper, mean []string
		for i, iv := range m.b.Intervals {
			v := iv.Values[name]
			if math.IsNaN(v.PILow) || math.IsNaN(v.PIHigh) {
				continue
			}
			upper = append(upper, fmt.Sprintf("%.1f,%.1f", x(i), y(v.PIHigh)))
			band = append([]string{fmt.Sprintf("%.1f,%.1f", x(i), y(v.PILow))}, band...)
			mean = append(mean, fmt.Sprintf("%.1f,%.1f", x(i), y(v.Predicted.Mean)))
		}
		if len(upper) > 1 {
			fmt.Fprintf(&s, "<polygon points=\"%s %s\" fill=\"%s\" opacity=\".25\"/>", strings.Join(upper, " "), strings.Join(band, " "), colors[k])
			fmt.Fprintf(&s, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>", strings.Join(mean, " "), colors[k])
		}
	}
	for i, iv := range b.Intervals {
		if v := iv.Values[name].Observed; !math.IsNaN(v) {
			fmt.Fprintf(&s, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#000\"><title>%s %s</title></circle>", x(i), y(v), iv.Start, html.EscapeString(FormatValue(unit, v)))
		}
	}
	s.WriteString("</svg>\n")
	return s.String()
}
