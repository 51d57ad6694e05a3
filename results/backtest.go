package results

import (
	"fmt"
	"io"
	"math"
	"slices"
)

// BacktestMetrics are the metrics a backtest compares by default: what a
// capacity planner checks a calibration against.
var BacktestMetrics = []string{"offered", "abandon_rate", "ivr_abandon_rate", "queue_abandon_rate", "waited_abandon_rate", "p_wait", "asa", "service_level", "occupancy", "aht"}

// Backtest compares a simulation of the days of some call records with the
// records: per metric, the predicted mean with its 95% confidence interval
// and the 95% prediction interval of one run, against the value observed.
type Backtest struct {
	SchemaVersion int      `json:"schema_version"`
	IvrsimVersion string   `json:"ivrsim_version"`
	Scenario      string   `json:"scenario"`
	Design        string   `json:"design"`
	From          string   `json:"from"`
	To            string   `json:"to"`
	Days          int      `json:"days"`
	Seed          uint64   `json:"seed"`
	Replications  int      `json:"replications"`
	Metrics       []string `json:"metrics"`
	// Overall compares the whole period; offered is the total.
	Overall map[string]BacktestValue `json:"overall"`
	// Intervals compare each interval of the day, pooled over the days;
	// offered is per day.
	Intervals []BacktestInterval `json:"intervals"`
	// DaysCompared compare each day (offered is the day's total).
	DaysCompared []BacktestDay `json:"per_day"`
	// Replay, when run, is the same comparison with the simulation driven
	// by the records' own arrivals, IVR times, talk times and staffing
	// (see sim.Replay); the fields above are then the forecast's.
	Replay *Backtest `json:"replay,omitempty"`
}

// BacktestInterval is one interval of the day.
type BacktestInterval struct {
	Start  string                   `json:"start"`
	Values map[string]BacktestValue `json:"metrics"`
}

// BacktestDay is one day of the period.
type BacktestDay struct {
	Date   string                   `json:"date"`
	Values map[string]BacktestValue `json:"metrics"`
}

// BacktestValue is one metric predicted and observed.
type BacktestValue struct {
	// Predicted is the mean over replications with its 95% confidence
	// interval: where the model's expectation lies.
	Predicted Estimate `json:"predicted"`
	// PILow and PIHigh bound the 95% prediction interval, mean ± t·sd·
	// √(1 + 1/n): where one run of the period, such as the one the records
	// saw, should fall if the model is right.
	PILow  float64 `json:"pi_low"`
	PIHigh float64 `json:"pi_high"`
	// Observed is the records' value, with the metric's own definition.
	Observed float64 `json:"observed"`
	// Within reports whether Observed lies in the prediction interval.
	Within bool `json:"within"`
}

// MarshalJSON writes NaN as null.
func (v BacktestValue) MarshalJSON() ([]byte, error) {
	return marshalValue(struct {
		Predicted Estimate `json:"predicted"`
		PILow     num      `json:"pi_low"`
		PIHigh    num      `json:"pi_high"`
		Observed  num      `json:"observed"`
		Within    bool     `json:"within"`
	}{v.Predicted, num(v.PILow), num(v.PIHigh), num(v.Observed), v.Within})
}

// BacktestInput is what NewBacktest compares.
type BacktestInput struct {
	Scenario string
	From, To string
	// Dates names each day of the layout.
	Dates []string
	Seed  uint64
	// Runs are the simulation's replications of the design compared.
	Runs *DesignRuns
	// Layout is the simulation's (and the observed cells') layout.
	Layout Layout
	// Observed are the records' counters per cell, laid out like a
	// Tally's cells.
	Observed []Counters
	// Metrics to compare; BacktestMetrics when empty.
	Metrics []string
}

// NewBacktest compares the replications with the observed counters.
func NewBacktest(in BacktestInput) (*Backtest, error) {
	names := in.Metrics
	if len(names) == 0 {
		names = BacktestMetrics
	}
	idx := make([]int, len(names))
	for i, n := range names {
		j, ok := metricIndex[n]
		if !ok {
			return nil, fmt.Errorf("unknown metric %q", n)
		}
		if Metrics[j].Distribution {
			return nil, fmt.Errorf("%s is a percentile of pooled waits; a backtest compares metrics defined per interval", n)
		}
		idx[i] = j
	}
	l := in.Layout
	if len(in.Observed) != l.Days*l.IntervalsPerDay() {
		return nil, fmt.Errorf("%d observed cells for a layout of %d", len(in.Observed), l.Days*l.IntervalsPerDay())
	}
	if in.Runs == nil || len(in.Runs.Reps) == 0 {
		return nil, fmt.Errorf("no replications to compare")
	}
	obs := &Tally{Layout: l, Cells: in.Observed}
	b := &Backtest{
		SchemaVersion: SchemaVersion, IvrsimVersion: Version, Scenario: in.Scenario, Design: in.Runs.Name,
		From: in.From, To: in.To, Days: l.Days, Seed: in.Seed, Replications: len(in.Runs.Reps),
		Metrics: slices.Clone(names), Overall: map[string]BacktestValue{},
	}
	offered := metricIndex["offered"]
	values := func(pick func(r RepResult) []float64, observed []float64, perDay float64) map[string]BacktestValue {
		out := map[string]BacktestValue{}
		for k, j := range idx {
			xs := make([]float64, len(in.Runs.Reps))
			for r, rep := range in.Runs.Reps {
				xs[r] = pick(rep)[j]
			}
			o := observed[j]
			if j == offered && perDay != 1 {
				for r := range xs {
					xs[r] /= perDay
				}
				o /= perDay
			}
			out[names[k]] = compare(xs, o)
		}
		return out
	}
	total := obs.Total()
	b.Overall = values(func(r RepResult) []float64 { return r.Total }, obs.Values(&total, false), 1)
	for i := range l.WindowIntervals {
		c := obs.Interval(l.WindowStart + i)
		sec := float64(l.WindowStart+i) * l.Interval
		b.Intervals = append(b.Intervals, BacktestInterval{
			Start:  twoDigits(int(sec)/3600) + ":" + twoDigits(int(sec)/60%60),
			Values: values(func(r RepResult) []float64 { return r.Intervals[i] }, obs.Values(&c, false), float64(l.Days)),
		})
	}
	for d := range l.Days {
		c := obs.Day(d)
		date := fmt.Sprintf("day %d", d+1)
		if d < len(in.Dates) {
			date = in.Dates[d]
		}
		b.DaysCompared = append(b.DaysCompared, BacktestDay{
			Date:   date,
			Values: values(func(r RepResult) []float64 { return r.Days[d] }, obs.Values(&c, false), 1),
		})
	}
	return b, nil
}

// compare summarises the replications' values of one metric against the
// observed value.
func compare(xs []float64, observed float64) BacktestValue {
	e := EstimateOf(xs)
	v := BacktestValue{Predicted: e, Observed: observed, PILow: math.NaN(), PIHigh: math.NaN()}
	if e.N >= 2 {
		h := tQuantile(e.N-1) * e.StdDev * math.Sqrt(1+1/float64(e.N))
		v.PILow, v.PIHigh = e.Mean-h, e.Mean+h
		v.Within = observed >= v.PILow && observed <= v.PIHigh
	}
	return v
}

// WriteBacktestJSON writes the backtest as indented JSON.
func WriteBacktestJSON(b *Backtest) ([]byte, error) { return MarshalJSON(b) }

// WriteBacktestTable writes the overall comparison, then the per-interval
// one (predicted mean and observed value per metric), for people.
func WriteBacktestTable(w io.Writer, b *Backtest) error {
	if b.Replay != nil {
		return writeModesTable(w, b)
	}
	fmt.Fprintf(w, "%s, design %s — backtest of %s to %s (%d days), %d replications, seed %d\n", b.Scenario, b.Design, b.From, b.To, b.Days, b.Replications, b.Seed)
	fmt.Fprintf(w, "predicted: mean ± 95%% confidence half-width; range: 95%% prediction interval of one run; * where the observed value falls outside it\n\n")
	rows := [][]string{{"metric", "predicted", "range", "observed", ""}}
	for _, name := range b.Metrics {
		m, _ := LookupMetric(name)
		v := b.Overall[name]
		flag := ""
		if !v.Within && v.Predicted.N >= 2 && !math.IsNaN(v.Observed) {
			flag = "*"
		}
		rows = append(rows, []string{name, FormatEstimate(m.Unit, v.Predicted), FormatValue(m.Unit, v.PILow) + " – " + FormatValue(m.Unit, v.PIHigh), FormatValue(m.Unit, v.Observed), flag})
	}
	if err := writeAligned(w, rows); err != nil {
		return err
	}
	if len(b.Intervals) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\nper interval of the day (offered per day; predicted mean / observed, * outside the prediction interval)\n\n")
	header := []string{"start"}
	header = append(header, b.Metrics...)
	rows = [][]string{header}
	for _, iv := range b.Intervals {
		row := []string{iv.Start}
		empty := true
		for _, name := range b.Metrics {
			m, _ := LookupMetric(name)
			v := iv.Values[name]
			cell := FormatValue(m.Unit, v.Predicted.Mean) + " / " + FormatValue(m.Unit, v.Observed)
			if !v.Within && v.Predicted.N >= 2 && !math.IsNaN(v.Observed) {
				cell += " *"
			}
			if name == "offered" && (v.Predicted.Mean > 0 || v.Observed > 0) {
				empty = false
			}
			row = append(row, cell)
		}
		if !empty {
			rows = append(rows, row)
		}
	}
	return writeAligned(w, rows)
}
