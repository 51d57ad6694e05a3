package results

import (
	"fmt"
	"io"
	"strings"
)

// SweepDocument is the JSON result of a what-if sweep: one entry per point
// of the grid, each with the designs and comparisons of a plain run.
type SweepDocument struct {
	SchemaVersion int          `json:"schema_version"`
	IvrsimVersion string       `json:"ivrsim_version"`
	Scenario      string       `json:"scenario"`
	Seed          uint64       `json:"seed"`
	Replications  int          `json:"replications"`
	Units         MetricUnits  `json:"units"`
	Sweep         []string     `json:"sweep"` // the swept key paths
	Points        []SweepPoint `json:"points"`
	// Assumptions summarise the scenario at the first point.
	Assumptions *Assumptions `json:"assumptions,omitempty"`
}

// SweepPoint is one point of a sweep: the values set, and the results.
type SweepPoint struct {
	Values      []SweepValue     `json:"values"`
	Designs     []DesignDocument `json:"designs"`
	Comparisons []Comparison     `json:"comparisons"`
}

// SweepValue is one key path and the value it had at a point.
type SweepValue struct {
	Path  string `json:"path"`
	Value string `json:"value"`
	// Number is the value as a number (SweepNumber), shares from 0 to 1
	// and durations in seconds; absent when it is not one.
	Number *float64 `json:"number,omitempty"`
}

// Label writes the point's values as path=value, ...
func (p SweepPoint) Label() string {
	parts := make([]string, len(p.Values))
	for i, v := range p.Values {
		parts[i] = v.Path + "=" + v.Value
	}
	return strings.Join(parts, " ")
}

// HeadlineMetrics are the columns of a sweep table unless others are asked
// for.
var HeadlineMetrics = []string{"abandon_rate", "adoption_rate", "containment_rate", "fcr", "asa", "service_level", "effort", "cost_per_resolution"}

// WriteSweepTable writes one row per point and design, with the named
// metrics as columns (mean ±half-width), and for each further design the
// paired difference to the first.
func WriteSweepTable(w io.Writer, doc *SweepDocument, metrics []string) error {
	if len(metrics) == 0 {
		metrics = HeadlineMetrics
	}
	header := append([]string{}, doc.Sweep...)
	header = append(header, "design")
	header = append(header, metrics...)
	rows := [][]string{header}
	for _, p := range doc.Points {
		for i, d := range p.Designs {
			row := []string{}
			for _, v := range p.Values {
				row = append(row, v.Value)
			}
			row = append(row, d.Name)
			for _, name := range metrics {
				m, _ := LookupMetric(name)
				cell := FormatEstimate(m.Unit, d.Metrics[name])
				if i > 0 && i-1 < len(p.Comparisons) {
					if diff, ok := p.Comparisons[i-1].Metrics[name]; ok && diff.N > 0 {
						cell += " (" + FormatSpread(m.Unit, diff.Diff, 0, true)
						if diff.Significant {
							cell += "*"
						}
						cell += ")"
					}
				}
				row = append(row, cell)
			}
			rows = append(rows, row)
		}
	}
	title := fmt.Sprintf("%s — sweep of %s, %d replication%s per point, seed %d; ± is the 95%% confidence half-width", doc.Scenario, strings.Join(doc.Sweep, " × "), doc.Replications, plural(doc.Replications), doc.Seed)
	if len(doc.Points) > 0 && len(doc.Points[0].Designs) > 1 {
		title += fmt.Sprintf("; (Δ) is paired against %s, * where significant", doc.Points[0].Designs[0].Name)
	}
	if _, err := fmt.Fprintln(w, title); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return writeAligned(w, rows)
}
