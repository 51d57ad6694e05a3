package report

import (
	"math"
	"strconv"

	"github.com/ivrsim/ivrsim/results"
)

// designClass is the CSS class that colours design i's marks; the palette
// repeats after eight designs, and so do the line dashes.
func designClass(i int) string { return "d" + strconv.Itoa(i%8) }

// lineSpec is a chart of one value per x for several series (designs),
// each with an optional confidence band or whiskers.
type lineSpec struct {
	ID, Title, Caption string
	Unit               results.Unit // of the y values
	YLabel             string
	// XLabels name categorical x positions 0, 1, ...; when nil, x is
	// numeric and XUnit formats its ticks.
	XLabels []string
	XUnit   results.Unit
	XTime   bool // numeric x in seconds: round-duration ticks
	// XLog puts a numeric x in seconds on a logarithmic axis, for long
	// tails; values at or below its start are drawn at the start.
	XLog   bool
	XLabel string
	Series []lineSeries
	// Whiskers draw each point's interval as a vertical bar instead of a
	// band (for few points).
	Whiskers bool
	// VRule draws a vertical reference line at x labelled VRuleLabel
	// (none without a label).
	VRule      float64
	VRuleLabel string
	// XMax caps a numeric x axis (NaN: the data's maximum).
	XMax float64
}

type lineSeries struct {
	Class  string
	Name   string
	Points []linePoint
}

// linePoint is one value; Lo and Hi are its interval (NaN: none) and Tip
// its tooltip. A NaN Y breaks the line.
type linePoint struct {
	X, Y, Lo, Hi float64
	Tip          string
}

// maxPoints is the most points a series marks one by one, with their
// tooltips.
const maxPoints = 120

// Plot area of every line chart, in view-box units.
const (
	lineW, lineH        = 560, 260
	lineLeft, lineRight = 56, 14
	lineTop, lineBottom = 14, 40
)

func (s *lineSpec) chart() chart {
	c := chart{ID: s.ID, Title: s.Title, Caption: s.Caption, W: lineW, H: lineH}
	for _, sr := range s.Series {
		c.Legend = append(c.Legend, legendItem{Class: sr.Class, Label: sr.Name, Line: true})
	}
	// The y domain: from 0 to the highest value or interval end drawn.
	yMax, xMin, xMax := 0.0, math.Inf(1), math.Inf(-1)
	found := false
	for _, sr := range s.Series {
		for _, p := range sr.Points {
			if !defined(p.Y) {
				continue
			}
			found = true
			yMax = math.Max(yMax, p.Y)
			if defined(p.Hi) {
				yMax = math.Max(yMax, p.Hi)
			}
			xMin, xMax = math.Min(xMin, p.X), math.Max(xMax, p.X)
		}
	}
	if !found {
		c.Empty = "No value to draw: the metric is not defined in this run."
		return c
	}
	if s.Unit == results.Ratio && yMax > 1 {
		yMax = 1 // interval ends past 100% are clipped
	}
	if yMax <= 0 {
		yMax = 1
	}
	yt := ticks(0, yMax, 5)
	ys := scale{0, yt[len(yt)-1], lineH - lineBottom, lineTop}
	xa := s.xAxis(xMin, xMax)
	clipY := func(v float64) float64 {
		if v < 0 { // every metric is 0 or more; interval ends below are clipped
			v = 0
		}
		if s.Unit == results.Ratio && v > 1 {
			v = 1
		}
		return ys.at(v)
	}

	// Guides: horizontal gridlines with labels, x labels, axis titles.
	step := 0.0
	if len(yt) > 1 {
		step = yt[1] - yt[0]
	}
	for _, v := range yt {
		y := ys.at(v)
		c.Guides = append(c.Guides, lineMark("grid", lineLeft, y, lineW-lineRight, y, ""))
		c.Guides = append(c.Guides, textMark("tick", lineLeft-6, y+4, "end", tickLabel(s.Unit, v, step)))
	}
	base := float64(lineH - lineBottom)
	if s.XLabels != nil {
		every := int(math.Ceil(float64(len(s.XLabels)) / 12))
		for i, l := range s.XLabels {
			if i%every == 0 {
				c.Guides = append(c.Guides, textMark("tick", xa.at(float64(i)), base+16, "middle", l))
			}
		}
	} else {
		for i, v := range xa.ticks {
			x := xa.at(v)
			c.Guides = append(c.Guides, lineMark("grid grid-x", x, lineTop, x, base, ""))
			c.Guides = append(c.Guides, textMark("tick", x, base+16, "middle", xa.labels[i]))
		}
	}
	c.Guides = append(c.Guides, lineMark("axis", lineLeft, base, lineW-lineRight, base, ""))
	if s.XLabel != "" {
		c.Guides = append(c.Guides, textMark("axis-title", (lineLeft+lineW-lineRight)/2, lineH-4, "middle", s.XLabel))
	}
	if s.YLabel != "" {
		t := textMark("axis-title", 14, (lineTop+base)/2, "middle", s.YLabel)
		t.Rotate = true
		c.Guides = append(c.Guides, t)
	}
	if s.VRuleLabel != "" && xa.contains(s.VRule) {
		x := xa.at(s.VRule)
		c.Guides = append(c.Guides, lineMark("vrule", x, lineTop, x, base, ""))
		c.Guides = append(c.Guides, textMark("vrule-label", x+4, lineTop+10, "start", s.VRuleLabel))
	}

	inX := xa.contains
	for _, sr := range s.Series {
		var line, band pathBuilder
		drawn, banded := 0, 0
		// Bands and lines break where a value is undefined.
		var run []linePoint
		flushBand := func() {
			var pts []linePoint
			for _, p := range run {
				if defined(p.Lo) && defined(p.Hi) {
					pts = append(pts, p)
				}
			}
			if len(pts) < 2 {
				return
			}
			for i, p := range pts {
				if i == 0 {
					band.M(xa.at(p.X), clipY(p.Hi))
				} else {
					band.L(xa.at(p.X), clipY(p.Hi))
				}
			}
			for i := len(pts) - 1; i >= 0; i-- {
				band.L(xa.at(pts[i].X), clipY(pts[i].Lo))
			}
			band.Z()
			banded++
		}
		for _, p := range sr.Points {
			if !defined(p.Y) || !inX(p.X) {
				if !s.Whiskers {
					flushBand()
				}
				run = run[:0]
				continue
			}
			x, y := xa.at(p.X), clipY(p.Y)
			if len(run) == 0 {
				line.M(x, y)
			} else {
				line.L(x, y)
			}
			run = append(run, p)
			drawn++
		}
		if !s.Whiskers {
			flushBand()
		}
		if banded > 0 {
			c.Marks = append(c.Marks, pathMark("band "+sr.Class, band.String(), sr.Name+": 95% confidence band"))
		}
		if drawn >= 2 {
			c.Marks = append(c.Marks, pathMark("line "+sr.Class, line.String(), sr.Name))
		}
		if drawn > maxPoints {
			continue // a dense series reads as its line; points would only weigh the page
		}
		for _, p := range sr.Points {
			if !defined(p.Y) || !inX(p.X) {
				continue
			}
			x := xa.at(p.X)
			if s.Whiskers && defined(p.Lo) && defined(p.Hi) && clipY(p.Lo) != clipY(p.Hi) {
				c.Marks = append(c.Marks, lineMark("whisker "+sr.Class, x, clipY(p.Lo), x, clipY(p.Hi), p.Tip))
			}
			c.Marks = append(c.Marks, circleMark("point "+sr.Class, x, clipY(p.Y), 2.6, p.Tip))
		}
	}
	return c
}

// xAxis maps x values to the plot and says where its ticks go.
type xAxis struct {
	scale
	log    bool
	floor  float64 // log axes: the smallest value placed
	ticks  []float64
	labels []string
}

func (a xAxis) at(x float64) float64 {
	if a.log {
		return a.scale.at(math.Log10(math.Max(x, a.floor)))
	}
	return a.scale.at(x)
}

func (a xAxis) contains(x float64) bool {
	if a.log {
		return defined(x) && x <= math.Pow(10, a.D1)*(1+1e-9)
	}
	return x >= a.D0-1e-9 && x <= a.D1+1e-9
}

// logTimeTicks are the round durations a logarithmic time axis marks.
var logTimeTicks = []float64{1, 10, 60, 600, 3600, 6 * 3600, 86400, 7 * 86400, 30 * 86400}

func (s *lineSpec) xAxis(xMin, xMax float64) xAxis {
	const x0, x1 = lineLeft, lineW - lineRight
	if s.XLabels != nil {
		n := len(s.XLabels)
		pad := 0.0
		if n == 1 {
			pad = 1
		}
		return xAxis{scale: scale{-pad, float64(n-1) + pad, x0 + 8, x1 - 8}}
	}
	if defined(s.XMax) && s.XMax < xMax {
		xMax = s.XMax
	}
	if s.XLog {
		a := xAxis{log: true}
		lo, hi := 1.0, logTimeTicks[len(logTimeTicks)-1]
		for _, t := range logTimeTicks {
			if t >= xMax {
				hi = t
				break
			}
		}
		for _, t := range logTimeTicks {
			if t <= hi {
				a.ticks = append(a.ticks, t)
				a.labels = append(a.labels, shortDuration(t))
			}
		}
		a.floor = lo
		a.scale = scale{math.Log10(lo), math.Log10(hi), x0, x1}
		return a
	}
	var t []float64
	lo := math.Min(0, xMin)
	if s.XTime {
		t = timeTicks(xMax, 6)
	} else {
		if xMin > 0 && xMin > (xMax-xMin) {
			lo = xMin - (xMax-xMin)*0.1 // a sweep far from 0
		}
		if xMax <= lo {
			xMax = lo + 1
		}
		t = ticks(lo, xMax, 6)
	}
	a := xAxis{scale: scale{t[0], t[len(t)-1], x0, x1}, ticks: t}
	step := t[1] - t[0]
	for _, v := range t {
		if s.XTime {
			a.labels = append(a.labels, shortDuration(v))
		} else {
			a.labels = append(a.labels, tickLabel(s.XUnit, v, step))
		}
	}
	return a
}
