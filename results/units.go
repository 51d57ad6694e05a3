package results

import (
	"strconv"
	"strings"

	"github.com/ivrsim/ivrsim/models"
)

// Symbol is how machine formats (JSON, CSV) name the unit: "ratio" for a
// share from 0 to 1, "s" for every duration (always seconds there),
// "count", "score" (1–7), "currency", "per_contact" and "h" (staffing
// totals only).
func (u Unit) Symbol() string {
	switch u {
	case Ratio:
		return "ratio"
	case Seconds, LongSeconds:
		return "s"
	case Count:
		return "count"
	case Score:
		return "score"
	case Money:
		return "currency"
	case PerUnit:
		return "per_contact"
	case Hours:
		return "h"
	}
	return ""
}

// MetricUnits maps every metric's name to its unit's Symbol; it is written
// in the order of Metrics.
type MetricUnits map[string]string

// Units lists every metric's unit, for the units field of a result.
func Units() MetricUnits {
	out := MetricUnits{}
	for _, m := range Metrics {
		out[m.Name] = m.Unit.Symbol()
	}
	return out
}

// MarshalJSON writes the units in the order of Metrics.
func (m MetricUnits) MarshalJSON() ([]byte, error) { return metricOrderJSON(m) }

// renamedV1 are the metrics schema_version 1 named otherwise, with the
// factor from their old unit to seconds.
var renamedV1 = map[string]struct {
	name  string
	scale float64
}{
	"hold_minutes": {"hold_time", 60},
	"agent_hours":  {"agent_time", 3600},
}

// upgradeEstimates renames and rescales what schema_version 1 wrote in
// minutes and hours.
func upgradeEstimates(m MetricEstimates) {
	for old, to := range renamedV1 {
		if e, ok := m[old]; ok {
			delete(m, old)
			e.Mean *= to.scale
			e.CILow *= to.scale
			e.CIHigh *= to.scale
			e.StdDev *= to.scale
			m[to.name] = e
		}
	}
}

func upgradeDifferences(m MetricDifferences) {
	for old, to := range renamedV1 {
		if d, ok := m[old]; ok {
			delete(m, old)
			d.Diff *= to.scale
			d.CILow *= to.scale
			d.CIHigh *= to.scale
			m[to.name] = d
		}
	}
}

// upgrade brings designs and comparisons read from schema_version 1 to
// the current names and units.
func upgradeV1(designs []DesignDocument, comparisons []Comparison) {
	for i := range designs {
		d := &designs[i]
		upgradeEstimates(d.Metrics)
		for j := range d.Intervals {
			upgradeEstimates(d.Intervals[j].Metrics)
		}
		for j := range d.Days {
			upgradeEstimates(d.Days[j].Metrics)
		}
	}
	for i := range comparisons {
		upgradeDifferences(comparisons[i].Metrics)
	}
}

// ReadableSchema reports whether this ivrsim reads results of schema
// version v: the current one and version 1, which it upgrades.
func ReadableSchema(v int) bool { return v == SchemaVersion || v == 1 }

// Upgrade brings a document read from an older schema_version to the
// current one: metric names and units as this ivrsim writes them, the
// units listed. A current document is left as it is.
func (d *Document) Upgrade() {
	if d.SchemaVersion == 1 {
		upgradeV1(d.Designs, d.Comparisons)
	}
	d.SchemaVersion = SchemaVersion
	d.Units = Units()
}

// Upgrade brings a sweep read from an older schema_version to the current
// one, as Document.Upgrade does.
func (d *SweepDocument) Upgrade() {
	if d.SchemaVersion == 1 {
		for i := range d.Points {
			upgradeV1(d.Points[i].Designs, d.Points[i].Comparisons)
		}
	}
	for i := range d.Points {
		for j := range d.Points[i].Values {
			v := &d.Points[i].Values[j]
			v.Number = SweepNumber(v.Value)
		}
	}
	d.SchemaVersion = SchemaVersion
	d.Units = Units()
}

// upgradePartialV1 renames and rescales the metrics of a shard's partial
// result written with schema_version 1.
func upgradePartialV1(p *Partial) {
	for k, name := range p.Metrics {
		to, ok := renamedV1[name]
		if !ok {
			continue
		}
		p.Metrics[k] = to.name
		scale := func(vs []num) {
			if k < len(vs) {
				vs[k] *= num(to.scale)
			}
		}
		for d := range p.Designs {
			for r := range p.Designs[d].Reps {
				rep := &p.Designs[d].Reps[r]
				scale(rep.Total)
				for _, v := range rep.Intervals {
					scale(v)
				}
				for _, v := range rep.Days {
					scale(v)
				}
			}
		}
	}
	p.SchemaVersion = SchemaVersion
}

// SweepNumber reads a swept value as a number, for machine formats: a
// plain number as it is, a share written 80% as 0.8, a duration such as
// 45s or 2m in seconds. Anything else (a distribution, a list) is not a
// number: nil.
func SweepNumber(s string) *float64 {
	t := strings.TrimSpace(s)
	if v, err := strconv.ParseFloat(t, 64); err == nil {
		return finitePtr(v)
	}
	if p, ok := strings.CutSuffix(t, "%"); ok {
		if v, err := strconv.ParseFloat(strings.TrimSpace(p), 64); err == nil {
			return finitePtr(v / 100)
		}
		return nil
	}
	if strings.ContainsAny(t, "hms") {
		if v, err := models.ParseDuration(t); err == nil {
			return finitePtr(v)
		}
	}
	return nil
}

func finitePtr(v float64) *float64 {
	if v != v || v > 1e308 || v < -1e308 {
		return nil
	}
	return &v
}
