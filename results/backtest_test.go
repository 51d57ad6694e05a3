package results

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// backtestInput is two days of one-hour cells with three replications
// whose offered counts and abandonment are known.
func backtestInput() BacktestInput {
	l := Layout{Days: 2, Interval: 3600, WindowStart: 8, WindowIntervals: 2}
	runs := NewDesignRuns("observed")
	for r, offered := range []float64{90, 100, 110} {
		rep := RepResult{Rep: r, Total: make([]float64, len(Metrics))}
		for i := range rep.Total {
			rep.Total[i] = math.NaN()
		}
		rep.Total[metricIndex["offered"]] = offered
		rep.Total[metricIndex["abandon_rate"]] = 0.1
		for range l.WindowIntervals {
			row := make([]float64, len(Metrics))
			row[metricIndex["offered"]] = offered / 2
			rep.Intervals = append(rep.Intervals, row)
		}
		for range l.Days {
			rep.Days = append(rep.Days, make([]float64, len(Metrics)))
		}
		runs.Reps = append(runs.Reps, rep)
	}
	obs := make([]Counters, l.Days*l.IntervalsPerDay())
	obs[8] = Counters{Offered: 40, IVRAbandoned: 4}
	obs[9] = Counters{Offered: 30, QueueAbandoned: 2, Queued: 20}
	obs[24+8] = Counters{Offered: 30}
	return BacktestInput{Scenario: "s", From: "2024-03-04", To: "2024-03-05", Dates: []string{"2024-03-04 Mon", "2024-03-05 Tue"}, Runs: runs, Layout: l, Observed: obs, Metrics: []string{"offered", "abandon_rate"}}
}

func TestBacktest(t *testing.T) {
	b, err := NewBacktest(backtestInput())
	if err != nil {
		t.Fatal(err)
	}
	off := b.Overall["offered"]
	// Mean 100, sd 10, n 3: the prediction interval is 100 ± t(2)·10·√(4/3).
	h := 4.302652729911275 * 10 * math.Sqrt(4.0/3)
	if off.Predicted.Mean != 100 || math.Abs(off.PILow-(100-h)) > 1e-6 || math.Abs(off.PIHigh-(100+h)) > 1e-6 || off.Observed != 100 || !off.Within {
		t.Errorf("offered: %+v", off)
	}
	if ab := b.Overall["abandon_rate"]; math.Abs(ab.Observed-0.06) > 1e-12 || ab.Within {
		t.Errorf("abandon_rate: observed %v (want 6/100), within %v (the replications never vary, so 6%% is outside)", ab.Observed, ab.Within)
	}
	// Intervals: offered per day, pooled over the two days.
	if iv := b.Intervals[0]; iv.Start != "08:00" || iv.Values["offered"].Observed != 35 || iv.Values["offered"].Predicted.Mean != 25 {
		t.Errorf("08:00: %+v", iv)
	}
	if len(b.DaysCompared) != 2 || b.DaysCompared[1].Date != "2024-03-05 Tue" || b.DaysCompared[1].Values["offered"].Observed != 30 {
		t.Errorf("days: %+v", b.DaysCompared)
	}
	var buf bytes.Buffer
	if err := WriteBacktestTable(&buf, b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"backtest of 2024-03-04 to 2024-03-05 (2 days)", "abandon_rate", "6.0%  *", "08:00"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the table has no %q:\n%s", want, buf.String())
		}
	}
	js, err := WriteBacktestJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatalf("%v\n%s", err, js)
	}
	if back["schema_version"].(float64) != SchemaVersion {
		t.Errorf("schema_version %v", back["schema_version"])
	}
}

func TestBacktestErrors(t *testing.T) {
	for name, change := range map[string]func(*BacktestInput){
		"unknown metric": func(in *BacktestInput) { in.Metrics = []string{"abandonment"} },
		"percentile":     func(in *BacktestInput) { in.Metrics = []string{"wait_p90"} },
		"cells":          func(in *BacktestInput) { in.Observed = in.Observed[:3] },
		"no runs":        func(in *BacktestInput) { in.Runs = NewDesignRuns("x") },
	} {
		in := backtestInput()
		change(&in)
		if _, err := NewBacktest(in); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestCheckBacktestMetrics: a backtest compares metrics defined per
// interval; unknown names and pooled percentiles are refused by name.
func TestCheckBacktestMetrics(t *testing.T) {
	if err := CheckBacktestMetrics(BacktestMetrics); err != nil {
		t.Errorf("the default metrics: %v", err)
	}
	if err := CheckBacktestMetrics(nil); err != nil {
		t.Errorf("none: %v", err)
	}
	for name, want := range map[string]string{"asa_typo": `unknown metric "asa_typo"`, "wait_p90": "percentile of pooled waits"} {
		if err := CheckBacktestMetrics([]string{"asa", name}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v; want %q", name, err, want)
		}
	}
}
