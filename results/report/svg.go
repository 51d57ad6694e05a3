package report

import (
	"math"
	"strconv"
	"strings"
)

// chart is one SVG figure, drawn in a W×H view box that scales to the
// page's width. Marks are the data (lines, bands, points, bars, flows):
// the page counts those that drew and compares with len(Marks). Guides
// are axes, gridlines and tick labels, drawn beneath the marks; Labels
// name marks and are drawn over them.
type chart struct {
	ID      string
	Title   string
	Caption string
	W, H    int
	Guides  []mark
	Marks   []mark
	Labels  []mark // drawn over the marks
	Legend  []legendItem
	// Empty explains why a chart has nothing to draw.
	Empty string
	Wide  bool // spans the full width of the page
}

// legendItem is one entry of a chart's legend: a line in the series'
// colour and dash, or a swatch.
type legendItem struct {
	Class string
	Label string
	Line  bool
}

// mark is one SVG element. Kind picks the element; the other fields are
// its attributes, already formatted, and Title is its tooltip.
type mark struct {
	Kind   string // path, rect, circle, line, text
	Class  string
	D      string // path
	X, Y   string // rect, text; circle centre
	W, H   string // rect
	R      string // circle
	X2, Y2 string // line: from X, Y to X2, Y2
	Anchor string // text: start, middle, end
	Text   string
	Title  string
	// Rotate turns text by −90° about X, Y (vertical axis labels).
	Rotate bool
}

// num formats a coordinate with one decimal, which is finer than any
// screen needs and keeps the page small.
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		s = "0"
	}
	return s
}

func pathMark(class, d, title string) mark {
	return mark{Kind: "path", Class: class, D: d, Title: title}
}

func rectMark(class string, x, y, w, h float64, title string) mark {
	return mark{Kind: "rect", Class: class, X: num(x), Y: num(y), W: num(w), H: num(h), Title: title}
}

func circleMark(class string, x, y, r float64, title string) mark {
	return mark{Kind: "circle", Class: class, X: num(x), Y: num(y), R: num(r), Title: title}
}

func lineMark(class string, x1, y1, x2, y2 float64, title string) mark {
	return mark{Kind: "line", Class: class, X: num(x1), Y: num(y1), X2: num(x2), Y2: num(y2), Title: title}
}

func textMark(class string, x, y float64, anchor, text string) mark {
	return mark{Kind: "text", Class: class, X: num(x), Y: num(y), Anchor: anchor, Text: text}
}

// pathBuilder writes SVG path data.
type pathBuilder struct{ b strings.Builder }

func (p *pathBuilder) cmd(c byte, xy ...float64) {
	p.b.WriteByte(c)
	for i, v := range xy {
		if i > 0 {
			p.b.WriteByte(' ')
		}
		p.b.WriteString(num(v))
	}
}

func (p *pathBuilder) M(x, y float64) { p.cmd('M', x, y) }
func (p *pathBuilder) L(x, y float64) { p.cmd('L', x, y) }
func (p *pathBuilder) C(x1, y1, x2, y2, x, y float64) {
	p.cmd('C', x1, y1, x2, y2, x, y)
}
func (p *pathBuilder) Z()             { p.b.WriteByte('Z') }
func (p *pathBuilder) String() string { return p.b.String() }
func (p *pathBuilder) Empty() bool    { return p.b.Len() == 0 }

// scale maps a domain [D0, D1] linearly onto a range [R0, R1].
type scale struct{ D0, D1, R0, R1 float64 }

func (s scale) at(v float64) float64 {
	if s.D1 == s.D0 {
		return (s.R0 + s.R1) / 2
	}
	return s.R0 + (v-s.D0)/(s.D1-s.D0)*(s.R1-s.R0)
}

// niceStep is a round step (1, 2 or 5 times a power of ten) that divides
// span into about n parts.
func niceStep(span float64, n int) float64 {
	if !(span > 0) || n < 1 {
		return 1
	}
	raw := span / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= raw*0.999 {
			return m * p
		}
	}
	return 10 * p
}

// ticks are round values from lo to at least hi, about n of them; the last
// one is the domain's end.
func ticks(lo, hi float64, n int) []float64 {
	if !(hi > lo) {
		hi = lo + 1
	}
	step := niceStep(hi-lo, n)
	start := math.Floor(lo/step+1e-9) * step
	var out []float64
	for v := start; ; v += step {
		out = append(out, math.Round(v/step)*step)
		if v >= hi-step*1e-9 || len(out) > 50 {
			break
		}
	}
	if len(out) < 2 { // a span too small to step through at this magnitude
		out = append(out, out[0]+step)
	}
	return out
}

// timeTicks are round durations in seconds up to at least hi: in seconds,
// minutes, hours or days, whichever reads best.
func timeTicks(hi float64, n int) []float64 {
	unit := 1.0
	switch {
	case hi > 3*86400:
		unit = 86400
	case hi > 3*3600:
		unit = 3600
	case hi > 180:
		unit = 60
	}
	t := ticks(0, hi/unit, n)
	for i := range t {
		t[i] *= unit
	}
	return t
}
