package report

import (
	"math"
	"strconv"

	"github.com/ivrsim/ivrsim/results"
)

// effortParts are the components of a contact's raw effort: the metric
// that measures each per contact, and its weight in the scenario.
var effortParts = []struct {
	Metric, Label string
	Weight        func(results.EffortAssumptions) float64
	// Per converts the metric to the unit its weight is per (1 if the
	// same): hold time is in seconds, its weight per minute.
	Per float64
}{
	{"menu_steps", "menu steps", func(e results.EffortAssumptions) float64 { return e.MenuStep }, 1},
	{"hold_time", "minutes on hold", func(e results.EffortAssumptions) float64 { return e.WaitMinute }, 60},
	{"automation_time", "minutes with automation", func(e results.EffortAssumptions) float64 { return e.AutomationMinute }, 60},
	{"transfers_per_contact", "transfers", func(e results.EffortAssumptions) float64 { return e.Transfer }, 1},
	{"repeat_info", "repeated details", func(e results.EffortAssumptions) float64 { return e.RepeatInfo }, 1},
	{"repeat_rate", "redial or repeat contact", func(e results.EffortAssumptions) float64 { return e.RepeatContact }, 1},
}

// effortChart stacks, per design, each component's mean contribution to a
// contact's raw effort (weight × mean per contact). The score maps each
// contact's raw effort to 1–7, so the mean score is printed beside the
// bar rather than read off it.
func effortChart(designs []results.DesignDocument, a *results.Assumptions) chart {
	const (
		w, left, right = 560, 8, 150
		rowH, top      = 46, 8
	)
	c := chart{ID: "effort", Title: "Where the effort comes from", W: w, H: top + rowH*len(designs) + 24}
	weights := make([]float64, len(effortParts))
	for i, p := range effortParts {
		weights[i] = 1
		if a != nil {
			weights[i] = p.Weight(a.Effort)
		}
	}
	if a != nil {
		c.Caption = "Mean raw effort per contact, by component: weight × mean per contact (" + a.Effort.Formula + "). The score is averaged over contacts, so it is shown beside the bar."
	} else {
		c.Caption = "Mean per contact of each effort component, unweighted: the results file does not carry the scenario's effort weights."
	}
	for i, p := range effortParts {
		c.Legend = append(c.Legend, legendItem{Class: "c" + strconv.Itoa(i), Label: p.Label + " × " + trimFloat(weights[i])})
	}
	totals := make([]float64, len(designs))
	maxTotal := 0.0
	for di, d := range designs {
		for i, p := range effortParts {
			if v := d.Metrics[p.Metric].Mean / p.Per; defined(v) && v > 0 {
				totals[di] += v * weights[i]
			}
		}
		maxTotal = math.Max(maxTotal, totals[di])
	}
	if !(maxTotal > 0) {
		c.Empty = "No effort was recorded: no contact got through."
		return c
	}
	xt := ticks(0, maxTotal, 5)
	xs := scale{0, xt[len(xt)-1], left, w - right}
	for _, v := range xt {
		x := xs.at(v)
		c.Guides = append(c.Guides, lineMark("grid grid-x", x, top, x, float64(c.H-22), ""))
		c.Guides = append(c.Guides, textMark("tick", x, float64(c.H-8), "middle", trimFloat(v)))
	}
	for di, d := range designs {
		y := float64(top + di*rowH)
		c.Guides = append(c.Guides, textMark("bar-label", left, y+12, "start", d.Name))
		x := xs.at(0)
		for i, p := range effortParts {
			v := d.Metrics[p.Metric].Mean / p.Per
			part := v * weights[i]
			if !defined(part) || part <= 0 {
				continue
			}
			wpx := xs.at(part) - xs.at(0)
			tip := d.Name + ": " + p.Label + " " + trimFloat(round3(v)) + " per contact × " + trimFloat(weights[i]) + " = " + trimFloat(round3(part))
			c.Marks = append(c.Marks, rectMark("bar c"+strconv.Itoa(i), x, y+18, wpx, 20, tip))
			x += wpx
		}
		score := results.FormatValue(results.Score, d.Metrics["effort"].Mean)
		c.Labels = append(c.Labels, textMark("bar-value", x+6, y+33, "start", "raw "+trimFloat(round2(totals[di]))+" · score "+score))
	}
	return c
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
