package live

import (
	"io"
	"math"
	"strconv"

	"github.com/ivrsim/ivrsim/results"
)

// LoadSchemaVersion is the version of the load report's JSON.
//
// Version 2 carries every time in seconds, wall times (setup_p95, late_max,
// ...) as well as model times and the window's duration, lists every
// metric's unit once under units, as ivrsim run's result does, with each
// metric a plain value, and names the ivrsim that wrote it.
const LoadSchemaVersion = 2

// loadDocument is the JSON of a load report; field order is output order.
type loadDocument struct {
	SchemaVersion int      `json:"schema_version"`
	IvrsimVersion string   `json:"ivrsim_version"`
	Kind          string   `json:"kind"`
	Scenario      string   `json:"scenario"`
	Design        string   `json:"design"`
	Target        string   `json:"target"`
	Seed          uint64   `json:"seed"`
	From          string   `json:"from"`
	Duration      *float64 `json:"duration"`
	TimeScale     *float64 `json:"time_scale"`
	Scale         *float64 `json:"scale"`
	Transport     string   `json:"transport"`
	DTMF          string   `json:"dtmf"`
	// Units names each metric's unit (seconds for every time), in the
	// order of Metrics.
	Units results.Object `json:"units"`
	// Metrics are the values, null when undefined.
	Metrics     results.Object  `json:"metrics"`
	SIPFailures results.Object  `json:"sip_failures"`
	Errors      []ErrorCount    `json:"errors"`
	Thresholds  []thresholdJSON `json:"thresholds"`
	Aborted     string          `json:"aborted"`
	Interrupted bool            `json:"interrupted"`
}

type thresholdJSON struct {
	Threshold string   `json:"threshold"`
	Metric    string   `json:"metric"`
	Observed  *float64 `json:"observed"`
	Pass      bool     `json:"pass"`
}

// number is v for JSON: null when it is undefined.
func number(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// document is the report as its JSON reads.
func (r *Report) document() loadDocument {
	d := loadDocument{SchemaVersion: LoadSchemaVersion, IvrsimVersion: results.Version, Kind: "load",
		Scenario: r.Scenario, Design: r.Design, Target: r.Target, Seed: r.Seed, From: r.From,
		Duration: number(r.Duration), TimeScale: number(r.TimeScale), Scale: number(r.Scale),
		Transport: r.Transport, DTMF: r.DTMF, Aborted: r.Aborted, Interrupted: r.Interrupted,
		Units: results.Object{}, Metrics: results.Object{}, SIPFailures: results.Object{},
		Errors: append([]ErrorCount{}, r.Errors...), Thresholds: []thresholdJSON{}}
	for _, m := range r.Metrics {
		d.Units = append(d.Units, results.Member{Key: m.Name, Value: m.Unit})
		d.Metrics = append(d.Metrics, results.Member{Key: m.Name, Value: number(m.Value)})
	}
	for _, c := range r.FailureCodes {
		d.SIPFailures = append(d.SIPFailures, results.Member{Key: strconv.FormatInt(c[0], 10), Value: c[1]})
	}
	for _, t := range r.Thresholds {
		d.Thresholds = append(d.Thresholds, thresholdJSON{Threshold: t.Threshold.Text, Metric: t.Threshold.Metric,
			Observed: number(t.Observed.Value), Pass: t.Pass})
	}
	return d
}

// WriteJSON writes the report as JSON: schema_version, the run's settings,
// then the metrics in a fixed order, their units listed under units.
func (r *Report) WriteJSON(w io.Writer) error {
	b, err := results.MarshalJSON(r.document())
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}
