package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ivrsim/ivrsim/results"
)

// sensPair is the sensitivity of one design comparison: the probability
// that the other design wins on each headline metric, and per metric a
// tornado chart of its drivers.
type sensPair struct {
	Base, Other           string
	BaseClass, OtherClass string
	Win                   chart
	Tornados              []chart
	BreakEvens            []string
}

func buildSensitivity(p *page, doc *results.SensitivityDocument) {
	p.Sensitivity = true
	p.Title = doc.Scenario
	p.Subtitle = fmt.Sprintf("sensitivity · %d uncertain value%s · %d points (Latin hypercube) × %d replication%s per design, the same callers at every point · seed %d",
		len(doc.Parameters), plural(len(doc.Parameters)), doc.Samples, doc.Replications, plural(doc.Replications), doc.Seed)
	// No design toggles: the charts compare pairs, not designs.
	for _, prm := range doc.Parameters {
		p.Uncertain = append(p.Uncertain, prm.Path+" ~ "+prm.Range)
	}
	for i, pr := range doc.Pairs {
		sp := sensPair{Base: pr.Base, Other: pr.Other, BaseClass: designClass(0), OtherClass: designClass(i + 1)}
		sp.Win = winChart(fmt.Sprintf("win-%d", i), pr)
		for _, sm := range pr.Metrics {
			m := metricOf(sm.Metric)
			sp.Tornados = append(sp.Tornados, tornadoChart(fmt.Sprintf("tornado-%d-%s", i, sm.Metric), pr.Other, m, sm))
			if be := sm.BreakEven; be != nil {
				side := "below"
				if be.BetterAbove {
					side = "above"
				}
				sp.BreakEvens = append(sp.BreakEvens, fmt.Sprintf("%s: %s is better while %s is %s %s", label(sm.Metric), pr.Other, be.Path, side, strconv.FormatFloat(be.Value, 'g', 3, 64)))
			}
		}
		p.SensPairs = append(p.SensPairs, sp)
	}
}

// winChart draws, per headline metric, the share of points at which the
// other design is better, with its 95% Wilson interval.
func winChart(id string, pr results.SensitivityPair) chart {
	const (
		w, left, right = 640, 190, 56
		row, top       = 24, 10
	)
	c := chart{ID: id, Title: "Probability that " + pr.Other + " is better", Wide: true,
		Caption: "The share of the sampled points at which " + pr.Other + " is better than " + pr.Base + " on each metric; whiskers: 95% Wilson interval. The dashed line marks 50%."}
	var rows []results.SensitivityMetric
	for _, sm := range pr.Metrics {
		if defined(sm.PBetter) {
			rows = append(rows, sm)
		}
	}
	if len(rows) == 0 {
		c.Empty = "no metric with a better direction"
		return c
	}
	c.W, c.H = w, top+row*len(rows)+22
	xs := scale{0, 1, left, w - right}
	base := float64(top + row*len(rows))
	for _, v := range []float64{0, 0.25, 0.5, 0.75, 1} {
		x := xs.at(v)
		c.Guides = append(c.Guides, lineMark("grid grid-x", x, top-4, x, base, ""))
		c.Guides = append(c.Guides, textMark("tick", x, base+14, "middle", strconv.Itoa(int(math.Round(v*100)))+"%"))
	}
	c.Guides = append(c.Guides, lineMark("vrule", xs.at(0.5), top-4, xs.at(0.5), base, ""))
	for i, sm := range rows {
		y := float64(top + row*i)
		tip := fmt.Sprintf("%s: better at %.0f%% of points (95%% CI %.0f%% to %.0f%%)", label(sm.Metric), 100*sm.PBetter, 100*sm.PBetterLow, 100*sm.PBetterHigh)
		class := "bar o-good"
		if sm.PBetter < 0.5 {
			class = "bar o-bad"
		}
		c.Labels = append(c.Labels, textMark("bar-label", left-8, y+row/2+4, "end", label(sm.Metric)))
		if wd := xs.at(sm.PBetter) - xs.at(0); wd > 0 {
			c.Marks = append(c.Marks, rectMark(class, xs.at(0), y+4, wd, row-8, tip))
		}
		if x0, x1 := xs.at(sm.PBetterLow), xs.at(sm.PBetterHigh); x1 > x0 {
			c.Marks = append(c.Marks, lineMark("whisker ink", x0, y+row/2, x1, y+row/2, tip))
		}
		c.Labels = append(c.Labels, textMark("bar-value", w-right+6, y+row/2+4, "start", strconv.Itoa(int(math.Round(100*sm.PBetter)))+"%"))
	}
	return c
}

// tornadoChart draws the drivers of one metric's paired difference: a bar
// per uncertain value from 0 to its standardised regression coefficient,
// largest first, with its 95% bootstrap interval; green where raising the
// value helps the other design, red where it hurts.
func tornadoChart(id, other string, m results.Metric, sm results.SensitivityMetric) chart {
	const (
		w, left, right = 640, 230, 16
		row, top       = 22, 10
	)
	c := chart{ID: id, Title: "What drives Δ " + label(m.Name)}
	mean := results.FormatSpread(m.Unit, sm.Mean, 0, true)
	c.Caption = fmt.Sprintf("Δ %s (%s − base) is %s on average over the points, %s to %s for the middle 90%%. Bars: standardised regression coefficients (the change of Δ, in its standard deviations, per standard deviation of the value); whiskers: 95%% bootstrap interval; R² %s.",
		label(m.Name), other, mean, results.FormatSpread(m.Unit, sm.P05, 0, true), results.FormatSpread(m.Unit, sm.P95, 0, true), r2(sm.R2))
	if len(sm.Drivers) == 0 {
		c.Empty = "Δ does not vary over the points, or there are too few points: no drivers"
		return c
	}
	lim := 1.0
	for _, d := range sm.Drivers {
		for _, v := range []float64{d.SRC, d.CILow, d.CIHigh} {
			if defined(v) {
				lim = math.Max(lim, math.Abs(v))
			}
		}
	}
	lim = math.Ceil(lim*2) / 2
	c.W, c.H = w, top+row*len(sm.Drivers)+22
	xs := scale{-lim, lim, left, w - right}
	base := float64(top + row*len(sm.Drivers))
	for _, v := range []float64{-lim, -lim / 2, 0, lim / 2, lim} {
		x := xs.at(v)
		class := "grid grid-x"
		if v == 0 {
			class = "axis"
		}
		c.Guides = append(c.Guides, lineMark(class, x, top-4, x, base, ""))
		c.Guides = append(c.Guides, textMark("tick", x, base+14, "middle", strconv.FormatFloat(v, 'f', -1, 64)))
	}
	clip := func(v float64) float64 { return xs.at(math.Max(-lim, math.Min(lim, v))) }
	for i, d := range sm.Drivers {
		y := float64(top + row*i)
		helps := (d.SRC > 0) == (m.Better == results.HigherIsBetter)
		class := "bar o-bad"
		if helps || m.Better == results.Neutral {
			class = "bar o-good"
		}
		if m.Better == results.Neutral {
			class = "bar o-mid"
		}
		tip := fmt.Sprintf("%s: %+.2f (95%% CI %+.2f to %+.2f)", d.Path, d.SRC, d.CILow, d.CIHigh)
		c.Labels = append(c.Labels, textMark("bar-label", left-8, y+row/2+4, "end", shortPath(d.Path)))
		x0, x1 := clip(math.Min(0, d.SRC)), clip(math.Max(0, d.SRC))
		c.Marks = append(c.Marks, rectMark(class, x0, y+4, math.Max(x1-x0, 0.5), row-8, tip))
		if defined(d.CILow) && defined(d.CIHigh) {
			if a, b := clip(d.CILow), clip(d.CIHigh); b > a {
				c.Marks = append(c.Marks, lineMark("whisker ink", a, y+row/2, b, y+row/2, tip))
			}
		}
	}
	return c
}

// shortPath names a scenario path by its last two parts.
func shortPath(p string) string {
	parts := strings.Split(p, ".")
	if len(parts) > 2 {
		parts = parts[len(parts)-2:]
	}
	return strings.Join(parts, ".")
}

func r2(v float64) string {
	if !defined(v) {
		return "—"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}
