package results

import (
	"encoding/json"
	"fmt"
	"math"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"
)

// SchemaVersion is the version of the JSON result format. It changes only
// when a change would break a script reading the previous one.
//
// Version 2 lists every metric's unit (units) and carries every duration
// in seconds: hold_minutes became hold_time, agent_hours agent_time. This
// ivrsim reads version 1 too and upgrades it (Document.Upgrade).
const SchemaVersion = 2

// Version names the ivrsim that writes results: every JSON result carries
// it as ivrsim_version, and JUnit reports and summaries show it. The
// command sets it from its build information; it stays "devel" in tests,
// so results compared byte for byte do not depend on the build.
var Version = "devel"

// Document is the JSON result of a run (ivrsim run --format json), as
// documented in the design: what scripts, check, report and merge read.
type Document struct {
	SchemaVersion int    `json:"schema_version"`
	IvrsimVersion string `json:"ivrsim_version"`
	Scenario      string `json:"scenario"`
	Seed          uint64 `json:"seed"`
	Replications  int    `json:"replications"`
	// Units names every metric's unit (Unit.Symbol): durations are in
	// seconds, shares from 0 to 1.
	Units       MetricUnits      `json:"units"`
	Designs     []DesignDocument `json:"designs"`
	Comparisons []Comparison     `json:"comparisons"`
	// Assumptions summarise the scenario, for readers of the report.
	Assumptions *Assumptions `json:"assumptions,omitempty"`
}

// DesignDocument is one design's results.
type DesignDocument struct {
	Name      string          `json:"name"`
	Metrics   MetricEstimates `json:"metrics"`
	Intervals []IntervalRow   `json:"intervals"`
	// Outside sums the contacts that arrived outside the intervals (its
	// start is "outside"); absent when none did.
	Outside *IntervalRow `json:"outside,omitempty"`
	Days    []DayRow     `json:"days"`
	// Wait and TTR are the pooled distributions of answered contacts'
	// waits and resolved issues' times to resolution.
	Wait Distribution `json:"wait_distribution"`
	TTR  Distribution `json:"ttr_distribution"`
	// Flows are the moves between nodes, per replication on average.
	Flows []FlowRow `json:"flows"`
}

// Distribution is a pooled distribution by its percentiles.
type Distribution struct {
	Count       int64             `json:"count"`
	Percentiles []PercentileValue `json:"percentiles"`
}

// PercentileValue is the value below which P percent of observations lie.
type PercentileValue struct {
	P     float64 `json:"p"`
	Value num     `json:"seconds"`
}

// FlowRow is one move of a design's flow and how many contacts made it,
// per replication.
type FlowRow struct {
	From     string  `json:"from"`
	To       string  `json:"to"`
	Contacts float64 `json:"contacts"`
}

// distributionPercentiles are the points reported of each distribution.
var distributionPercentiles = []float64{0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 99, 100}

func distributionOf(h *hdrhistogram.Histogram) Distribution {
	d := Distribution{Count: h.TotalCount(), Percentiles: []PercentileValue{}}
	if d.Count == 0 {
		return d
	}
	for _, p := range distributionPercentiles {
		d.Percentiles = append(d.Percentiles, PercentileValue{P: p, Value: num(float64(h.ValueAtPercentile(p)) / 1000)})
	}
	return d
}

func flowRows(f *Flows, reps int) []FlowRow {
	rows := []FlowRow{}
	if f == nil || reps == 0 {
		return rows
	}
	for _, e := range f.Edges() {
		rows = append(rows, FlowRow{From: e.From, To: e.To, Contacts: float64(e.Count) / float64(reps)})
	}
	return rows
}

// MetricEstimates maps metric names to estimates; it is written in the
// order of Metrics.
type MetricEstimates map[string]Estimate

// IntervalRow is one interval of the day: its start and its metrics.
type IntervalRow struct {
	Start   string
	Metrics MetricEstimates
}

// DayRow is one simulated day and its metrics.
type DayRow struct {
	Day     int
	Metrics MetricEstimates
}

// Comparison is the paired difference of every metric between two designs.
type Comparison struct {
	Base    string            `json:"base"`
	Other   string            `json:"other"`
	Metrics MetricDifferences `json:"metrics"`
}

// MetricDifferences maps metric names to paired differences, written in the
// order of Metrics.
type MetricDifferences map[string]Difference

// Document summarises the run.
func (rs *RunSet) Document() *Document {
	doc := &Document{
		SchemaVersion: SchemaVersion,
		IvrsimVersion: Version,
		Scenario:      rs.Scenario,
		Seed:          rs.Seed,
		Replications:  rs.Replications,
		Units:         Units(),
		Designs:       []DesignDocument{},
		Comparisons:   []Comparison{},
		Assumptions:   rs.Assumptions,
	}
	for _, d := range rs.Designs {
		dd := DesignDocument{Name: d.Name, Metrics: estimates(d.Reps, func(r *RepResult) []float64 { return r.Total })}
		for i := range rs.Layout.WindowIntervals {
			dd.Intervals = append(dd.Intervals, IntervalRow{
				Start:   rs.IntervalStart(i),
				Metrics: estimates(d.Reps, func(r *RepResult) []float64 { return r.Intervals[i] }),
			})
		}
		if outsideOffered(d.Reps) {
			dd.Outside = &IntervalRow{Start: OutsideStart, Metrics: estimates(d.Reps, func(r *RepResult) []float64 { return r.Outside })}
		}
		for day := range rs.Layout.Days {
			dd.Days = append(dd.Days, DayRow{
				Day:     day + 1,
				Metrics: estimates(d.Reps, func(r *RepResult) []float64 { return r.Days[day] }),
			})
		}
		dd.Wait = distributionOf(d.Wait)
		dd.TTR = distributionOf(d.TTR)
		dd.Flows = flowRows(d.Flows, len(d.Reps))
		doc.Designs = append(doc.Designs, dd)
	}
	for j := 1; j < len(rs.Designs); j++ {
		base, other := rs.Designs[0], rs.Designs[j]
		cmp := Comparison{Base: base.Name, Other: other.Name, Metrics: MetricDifferences{}}
		for k, m := range Metrics {
			cmp.Metrics[m.Name] = PairedDifference(column(base.Reps, k), column(other.Reps, k))
		}
		doc.Comparisons = append(doc.Comparisons, cmp)
	}
	return doc
}

func column(reps []RepResult, k int) []float64 {
	out := make([]float64, len(reps))
	for i := range reps {
		out[i] = reps[i].Total[k]
	}
	return out
}

func estimates(reps []RepResult, pick func(*RepResult) []float64) MetricEstimates {
	out := MetricEstimates{}
	vals := make([]float64, len(reps))
	for k, m := range Metrics {
		for i := range reps {
			vals[i] = pick(&reps[i])[k]
		}
		e := EstimateOf(vals)
		if e.N == 0 && m.Distribution {
			continue // percentiles have no per-interval value
		}
		out[m.Name] = m.clip(e)
	}
	return out
}

// num writes a float as a JSON number, or null when it is not finite.
type num float64

func (n num) MarshalJSON() ([]byte, error) {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return marshalValue(f)
}

// MarshalJSON writes the estimate as {mean, ci_low, ci_high, stddev, n}.
func (e Estimate) MarshalJSON() ([]byte, error) {
	return marshalValue(struct {
		Mean   num `json:"mean"`
		CILow  num `json:"ci_low"`
		CIHigh num `json:"ci_high"`
		StdDev num `json:"stddev"`
		N      int `json:"n"`
	}{num(e.Mean), num(e.CILow), num(e.CIHigh), num(e.StdDev), e.N})
}

// UnmarshalJSON reads what MarshalJSON writes; null reads as NaN.
func (e *Estimate) UnmarshalJSON(b []byte) error {
	var raw struct {
		Mean   *float64 `json:"mean"`
		CILow  *float64 `json:"ci_low"`
		CIHigh *float64 `json:"ci_high"`
		StdDev *float64 `json:"stddev"`
		N      int      `json:"n"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*e = Estimate{Mean: orNaN(raw.Mean), CILow: orNaN(raw.CILow), CIHigh: orNaN(raw.CIHigh), StdDev: orNaN(raw.StdDev), N: raw.N}
	return nil
}

// MarshalJSON writes the difference as {diff, ci_low, ci_high, significant, n}.
func (d Difference) MarshalJSON() ([]byte, error) {
	return marshalValue(struct {
		Diff        num  `json:"diff"`
		CILow       num  `json:"ci_low"`
		CIHigh      num  `json:"ci_high"`
		Significant bool `json:"significant"`
		N           int  `json:"n"`
	}{num(d.Diff), num(d.CILow), num(d.CIHigh), d.Significant, d.N})
}

// UnmarshalJSON reads what MarshalJSON writes; null reads as NaN.
func (d *Difference) UnmarshalJSON(b []byte) error {
	var raw struct {
		Diff        *float64 `json:"diff"`
		CILow       *float64 `json:"ci_low"`
		CIHigh      *float64 `json:"ci_high"`
		Significant bool     `json:"significant"`
		N           int      `json:"n"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*d = Difference{Diff: orNaN(raw.Diff), CILow: orNaN(raw.CILow), CIHigh: orNaN(raw.CIHigh), Significant: raw.Significant, N: raw.N}
	return nil
}

func orNaN(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// MarshalJSON writes the metrics in the order of Metrics.
func (m MetricEstimates) MarshalJSON() ([]byte, error) { return metricOrderJSON(m) }

// MarshalJSON writes the differences in the order of Metrics.
func (m MetricDifferences) MarshalJSON() ([]byte, error) { return metricOrderJSON(m) }

// metricOrderJSON writes a map keyed by metric name in the order of
// Metrics, so documents are stable and read in report order.
func metricOrderJSON[V any](m map[string]V) ([]byte, error) {
	return appendMetrics(nil, m).MarshalJSON()
}

// appendMetrics appends m's members to o in the order of Metrics.
func appendMetrics[V any](o Object, m map[string]V) Object {
	for _, x := range Metrics {
		if e, ok := m[x.Name]; ok {
			o = append(o, Member{x.Name, e})
		}
	}
	return o
}

// MarshalJSON writes {"start": "08:00", metric: estimate, ...}.
func (r IntervalRow) MarshalJSON() ([]byte, error) {
	return rowJSON("start", r.Start, r.Metrics)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (r *IntervalRow) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if err := json.Unmarshal(raw["start"], &r.Start); err != nil {
		return err
	}
	delete(raw, "start")
	return unmarshalEstimates(raw, &r.Metrics)
}

// MarshalJSON writes {"day": 1, metric: estimate, ...}.
func (r DayRow) MarshalJSON() ([]byte, error) {
	return rowJSON("day", r.Day, r.Metrics)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (r *DayRow) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if err := json.Unmarshal(raw["day"], &r.Day); err != nil {
		return err
	}
	delete(raw, "day")
	return unmarshalEstimates(raw, &r.Metrics)
}

func unmarshalEstimates(raw map[string]json.RawMessage, out *MetricEstimates) error {
	*out = MetricEstimates{}
	for k, v := range raw {
		var e Estimate
		if err := json.Unmarshal(v, &e); err != nil {
			return err
		}
		(*out)[k] = e
	}
	return nil
}

func rowJSON(key string, val any, m MetricEstimates) ([]byte, error) {
	return appendMetrics(Object{{key, val}}, m).MarshalJSON()
}

// WriteJSON writes doc indented, with a final newline.
func WriteJSON(doc *Document) ([]byte, error) { return MarshalJSON(doc) }

// VersionMismatch says, for a warning, that a stored result was written by
// another ivrsim than this one (Version), or "" when the versions agree.
// Results of different versions may differ because the model changed, not
// because the scenario did, which a comparison with a baseline must not
// hide.
func VersionMismatch(written string) string {
	if written == Version {
		return ""
	}
	if written == "" {
		written = "an ivrsim that did not record its version"
	} else {
		written = "ivrsim " + written
	}
	return fmt.Sprintf("written by %s, and this is ivrsim %s: differences may come from the change of version, not only from the scenario; write the baseline again with this ivrsim to compare like with like", written, Version)
}

// OutsideStart names the interval row of contacts that arrived outside the
// reported intervals.
const OutsideStart = "outside"

// outsideOffered reports whether any replication had a contact arrive
// outside the reported intervals.
func outsideOffered(reps []RepResult) bool {
	for _, r := range reps {
		if len(r.Outside) > offeredIndex && r.Outside[offeredIndex] > 0 {
			return true
		}
	}
	return false
}
