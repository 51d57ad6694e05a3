package results

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
)

// Backtest modes, as CSV and tables name them.
const (
	ModeForecast = "forecast"
	ModeReplay   = "replay"
)

// modes lists the backtest's comparisons: the forecast, then the replay
// when there is one.
func (b *Backtest) modes() []struct {
	name string
	b    *Backtest
} {
	out := []struct {
		name string
		b    *Backtest
	}{{ModeForecast, b}}
	if b.Replay != nil {
		out = append(out, struct {
			name string
			b    *Backtest
		}{ModeReplay, b.Replay})
	}
	return out
}

// BacktestCSVHeader is the header row of WriteBacktestCSV.
var BacktestCSVHeader = []string{"mode", "scope", "key", "metric", "predicted_mean", "ci_low", "ci_high", "pi_low", "pi_high", "observed", "within"}

// WriteBacktestCSV writes every comparison of the backtest, one row per
// mode, scope (overall, interval, day), key and metric, for spreadsheets
// and scripts. Absent values are empty.
func WriteBacktestCSV(w io.Writer, b *Backtest) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(BacktestCSVHeader); err != nil {
		return err
	}
	num := func(x float64) string {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return ""
		}
		return strconv.FormatFloat(x, 'g', 10, 64)
	}
	row := func(mode, scope, key string, metrics []string, vals map[string]BacktestValue) error {
		for _, name := range metrics {
			v, ok := vals[name]
			if !ok {
				continue
			}
			if err := cw.Write([]string{mode, scope, key, name, num(v.Predicted.Mean), num(v.Predicted.CILow), num(v.Predicted.CIHigh),
				num(v.PILow), num(v.PIHigh), num(v.Observed), strconv.FormatBool(v.Within)}); err != nil {
				return err
			}
		}
		return nil
	}
	for _, m := range b.modes() {
		if err := row(m.name, "overall", "", m.b.Metrics, m.b.Overall); err != nil {
			return err
		}
		for _, iv := range m.b.Intervals {
			if err := row(m.name, "interval", iv.Start, m.b.Metrics, iv.Values); err != nil {
				return err
			}
		}
		for _, d := range m.b.DaysCompared {
			if err := row(m.name, "day", d.Date, m.b.Metrics, d.Values); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeModesTable writes the overall comparison of forecast and replay side
// by side, then both per interval.
func writeModesTable(w io.Writer, b *Backtest) error {
	r := b.Replay
	fmt.Fprintf(w, "%s, design %s — backtest of %s to %s (%d days), %d replications, seed %d\n", b.Scenario, b.Design, b.From, b.To, b.Days, b.Replications, b.Seed)
	fmt.Fprintf(w, "forecast: the scenario's own arrivals and times (is the plan right?); replay: the records' arrivals, IVR and talk times and observed staffing (is the queueing and behaviour model right?)\n")
	fmt.Fprintf(w, "predicted: mean ± 95%% confidence half-width; * where the observed value falls outside the 95%% prediction interval of one run\n\n")
	flag := func(v BacktestValue) string {
		if !v.Within && v.Predicted.N >= 2 && !math.IsNaN(v.Observed) {
			return " *"
		}
		return ""
	}
	rows := [][]string{{"metric", "forecast", "replay", "observed"}}
	for _, name := range b.Metrics {
		m, _ := LookupMetric(name)
		f, p := b.Overall[name], r.Overall[name]
		rows = append(rows, []string{name, FormatEstimate(m.Unit, f.Predicted) + flag(f), FormatEstimate(m.Unit, p.Predicted) + flag(p), FormatValue(m.Unit, f.Observed)})
	}
	if err := writeAligned(w, rows); err != nil {
		return err
	}
	if len(b.Intervals) == 0 || len(r.Intervals) != len(b.Intervals) {
		return nil
	}
	fmt.Fprintf(w, "\nper interval of the day (offered per day; forecast / replay / observed, * outside the prediction interval)\n\n")
	header := append([]string{"start"}, b.Metrics...)
	rows = [][]string{header}
	for i, iv := range b.Intervals {
		row := []string{iv.Start}
		empty := true
		for _, name := range b.Metrics {
			m, _ := LookupMetric(name)
			f, p := iv.Values[name], r.Intervals[i].Values[name]
			row = append(row, FormatValue(m.Unit, f.Predicted.Mean)+flag(f)+" / "+FormatValue(m.Unit, p.Predicted.Mean)+flag(p)+" / "+FormatValue(m.Unit, f.Observed))
			if name == "offered" && (f.Predicted.Mean > 0 || f.Observed > 0) {
				empty = false
			}
		}
		if !empty {
			rows = append(rows, row)
		}
	}
	return writeAligned(w, rows)
}
