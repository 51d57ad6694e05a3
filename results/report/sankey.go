package report

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/ivrsim/ivrsim/results"
)

// A Sankey diagram of one design's flow paths: contacts move from the
// entry (left), through the design's nodes, to how they ended (right).
// Columns are the longest path from the entry, except that nodes leading
// only to outcomes (queues, mostly) line up just before them; a band that
// skips columns crosses each at a waypoint stacked with the column's nodes.
// Band widths are contacts per replication, on a scale shared by every
// design so the diagrams compare.

// sankeyNode is one place of the diagram, laid out.
type sankeyNode struct {
	Name    string
	Outcome bool
	In, Out float64 // contacts per replication, loops excluded
	Loop    float64 // contacts returning to the node itself
	Col     int
	Y, H    float64 // top and height, in view-box units
	order   int     // first appearance, for stable layouts
}

func (n *sankeyNode) value() float64 { return math.Max(n.In, n.Out) }

// sankeyLink is one move between two nodes, laid out: it leaves its
// source at Y0 and reaches its target at Y1 (the band's top edges).
type sankeyLink struct {
	From, To int
	Value    float64
	Back     bool // goes against the columns (a loop in the flow)
	Y0, Y1   float64
	// Via are the band's waypoints in the columns it skips: it passes
	// each at its own place in the column's stack, so it never runs
	// through a node it does not visit.
	Via []int
}

// sankeyWaypoint is where a band crosses a column it skips: a slot in the
// column's stack, as tall as the band.
type sankeyWaypoint struct {
	Link, Col int
	Y         float64
}

// item is one entry of a column's stack: a node (≥ 0) or a waypoint
// (−1 − its index).
type item int

func (it item) waypoint() (int, bool) { return -1 - int(it), it < 0 }

type sankeyLayout struct {
	Nodes []sankeyNode
	Links []sankeyLink
	Ways  []sankeyWaypoint
	Cols  int
	Entry float64 // contacts entering, for percentages
}

// Geometry of every Sankey diagram, in view-box units.
const (
	sankeyW      = 1000
	sankeyLeft   = 8
	sankeyRight  = 230 // room for the outcome labels
	sankeyTop    = 24  // room for the label above the first node
	sankeyNodeW  = 12
	sankeyPad    = 18 // between nodes of a column: a label's height
	sankeyMinH   = 320
	sankeyPerRow = 34
)

func isOutcome(name string) bool { return slices.Contains(results.FlowOutcomes, name) }

// buildSankey makes the graph of flows and assigns columns and the order
// within columns; heights and positions come with place.
func buildSankey(flows []results.FlowRow) *sankeyLayout {
	l := &sankeyLayout{}
	index := map[string]int{}
	node := func(name string) int {
		if i, ok := index[name]; ok {
			return i
		}
		index[name] = len(l.Nodes)
		l.Nodes = append(l.Nodes, sankeyNode{Name: name, order: len(l.Nodes)})
		return len(l.Nodes) - 1
	}
	node(results.FlowEntry)
	sources := map[string]bool{}
	for _, f := range flows {
		sources[f.From] = true
	}
	for _, f := range flows {
		if !(f.Contacts > 0) || math.IsInf(f.Contacts, 0) {
			continue
		}
		a, b := node(f.From), node(f.To)
		if a == b {
			l.Nodes[a].Loop += f.Contacts
			continue
		}
		l.Links = append(l.Links, sankeyLink{From: a, To: b, Value: f.Contacts})
		l.Nodes[a].Out += f.Contacts
		l.Nodes[b].In += f.Contacts
		if f.From == results.FlowEntry {
			l.Entry += f.Contacts
		}
	}
	for i := range l.Nodes {
		n := &l.Nodes[i]
		n.Outcome = isOutcome(n.Name) && !sources[n.Name]
	}
	l.markBackLinks()
	l.assignColumns()
	for li, k := range l.Links {
		if k.Back {
			continue
		}
		for c := l.Nodes[k.From].Col + 1; c < l.Nodes[k.To].Col; c++ {
			l.Links[li].Via = append(l.Links[li].Via, len(l.Ways))
			l.Ways = append(l.Ways, sankeyWaypoint{Link: li, Col: c})
		}
	}
	return l
}

// markBackLinks finds the links that close a loop, by depth-first search
// from the entry in the order nodes appeared; the rest form a DAG.
func (l *sankeyLayout) markBackLinks() {
	out := make([][]int, len(l.Nodes))
	for i, k := range l.Links {
		out[k.From] = append(out[k.From], i)
	}
	const (
		unseen = iota
		open
		done
	)
	state := make([]int, len(l.Nodes))
	var visit func(v int)
	visit = func(v int) {
		state[v] = open
		for _, li := range out[v] {
			w := l.Links[li].To
			switch state[w] {
			case open:
				l.Links[li].Back = true
			case unseen:
				visit(w)
			}
		}
		state[v] = done
	}
	for v := range l.Nodes {
		if state[v] == unseen {
			visit(v)
		}
	}
}

func (l *sankeyLayout) assignColumns() {
	// Longest path from the sources: relax forward links until stable
	// (the graph without back links is acyclic, so len(nodes) rounds do).
	for range l.Nodes {
		changed := false
		for _, k := range l.Links {
			if !k.Back && l.Nodes[k.To].Col < l.Nodes[k.From].Col+1 {
				l.Nodes[k.To].Col = l.Nodes[k.From].Col + 1
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	last := 0
	for _, n := range l.Nodes {
		if !n.Outcome {
			last = max(last, n.Col)
		}
	}
	last++
	for i := range l.Nodes {
		if l.Nodes[i].Outcome {
			l.Nodes[i].Col = last
		}
	}
	// Nodes that only lead to outcomes (queues, mostly) line up in the
	// column before them.
	for i := range l.Nodes {
		n := &l.Nodes[i]
		if n.Outcome || n.Name == results.FlowEntry {
			continue
		}
		final, leads := true, false
		for _, k := range l.Links {
			if k.From == i && !k.Back {
				leads = true
				final = final && l.Nodes[k.To].Outcome
			}
		}
		if leads && final {
			n.Col = last - 1
		}
	}
	l.Cols = last + 1
}

// columns lists the nodes of each column, in drawing order.
func (l *sankeyLayout) columns() [][]int {
	cols := make([][]int, l.Cols)
	for i, n := range l.Nodes {
		cols[n.Col] = append(cols[n.Col], i)
	}
	return cols
}

// stacks lists each column's stack: its nodes and the waypoints of the
// bands that cross it.
func (l *sankeyLayout) stacks() [][]item {
	out := make([][]item, l.Cols)
	for c, col := range l.columns() {
		for _, i := range col {
			out[c] = append(out[c], item(i))
		}
	}
	for w, p := range l.Ways {
		out[p.Col] = append(out[p.Col], item(-1-w))
	}
	return out
}

// itemValue is the contacts an item of a stack carries.
func (l *sankeyLayout) itemValue(it item) float64 {
	if w, ok := it.waypoint(); ok {
		return l.Links[l.Ways[w].Link].Value
	}
	return l.Nodes[it].value()
}

// scaleFor is the largest contacts-to-height scale at which every column
// fits in height h.
func (l *sankeyLayout) scaleFor(h float64) float64 {
	k := math.Inf(1)
	for _, col := range l.stacks() {
		sum := 0.0
		for _, it := range col {
			sum += l.itemValue(it)
		}
		if sum > 0 {
			k = math.Min(k, (h-sankeyPad*float64(len(col)-1))/sum)
		}
	}
	return k
}

// rows is the most entries in one column's stack.
func (l *sankeyLayout) rows() int {
	n := 0
	for _, col := range l.stacks() {
		n = max(n, len(col))
	}
	return n
}

// place sets node heights and positions at scale k in a plot of height h,
// orders each column to keep bands straight, and stacks the bands at
// their ends.
func (l *sankeyLayout) place(k, h float64) {
	cols := l.stacks()
	height := func(it item) float64 { return l.itemValue(it) * k }
	top := func(it item) float64 {
		if w, ok := it.waypoint(); ok {
			return l.Ways[w].Y
		}
		return l.Nodes[it].Y
	}
	stack := func(col []item) {
		total := sankeyPad * float64(len(col)-1)
		for _, it := range col {
			total += height(it)
		}
		y := sankeyTop + (h-total)/2
		for _, it := range col {
			if w, ok := it.waypoint(); ok {
				l.Ways[w].Y = y
			} else {
				l.Nodes[it].H = height(it)
				l.Nodes[it].Y = y
			}
			y += height(it) + sankeyPad
		}
	}
	// prev is the item a band comes from just before column c: its
	// source node, or its waypoint in the column before.
	prev := func(li, c int) item {
		for _, w := range l.Links[li].Via {
			if l.Ways[w].Col == c-1 {
				return item(-1 - w)
			}
		}
		return item(l.Links[li].From)
	}
	outcomeRank := func(name string) int { return slices.Index(results.FlowOutcomes, name) }
	order := func(it item) int {
		if w, ok := it.waypoint(); ok {
			return len(l.Nodes) + w
		}
		return l.Nodes[it].order
	}
	for c, col := range cols {
		// Outcomes keep one order in every diagram, at the foot of the
		// last column; nodes and waypoints follow the mean height of
		// what feeds them (the barycentre), which keeps bands from
		// crossing one another where it can.
		centre := map[item]float64{}
		for _, it := range col {
			sum, w := 0.0, 0.0
			if wp, ok := it.waypoint(); ok {
				p := prev(l.Ways[wp].Link, c)
				sum, w = top(p)+height(p)/2, 1
			} else {
				for li, k := range l.Links {
					if k.To == int(it) && !k.Back && l.Nodes[k.From].Col < c {
						p := prev(li, c)
						sum += (top(p) + height(p)/2) * k.Value
						w += k.Value
					}
				}
			}
			centre[it] = math.NaN()
			if w > 0 {
				centre[it] = sum / w
			}
		}
		outcome := func(it item) bool { return it >= 0 && l.Nodes[it].Outcome }
		slices.SortStableFunc(col, func(a, b item) int {
			if outcome(a) != outcome(b) {
				if outcome(a) {
					return 1
				}
				return -1
			}
			if outcome(a) {
				return cmp.Compare(outcomeRank(l.Nodes[a].Name), outcomeRank(l.Nodes[b].Name))
			}
			ca, cb := centre[a], centre[b]
			if defined(ca) && defined(cb) && ca != cb {
				return cmp.Compare(ca, cb)
			}
			return cmp.Compare(order(a), order(b))
		})
		stack(col)
	}
	// Bands leave a node in the order of where they go next (their target,
	// or their first waypoint) and reach a node in the order of where they
	// come from, so they do not cross at the ends.
	centreOf := func(it item) float64 { return top(it) + height(it)/2 }
	next := func(s *sankeyLink) item {
		if len(s.Via) > 0 {
			return item(-1 - s.Via[0])
		}
		return item(s.To)
	}
	last := func(s *sankeyLink) item {
		if len(s.Via) > 0 {
			return item(-1 - s.Via[len(s.Via)-1])
		}
		return item(s.From)
	}
	byNode := func(end func(*sankeyLink) int, other func(*sankeyLink) item, set func(*sankeyLink, float64)) {
		groups := make([][]int, len(l.Nodes))
		for li := range l.Links {
			groups[end(&l.Links[li])] = append(groups[end(&l.Links[li])], li)
		}
		for n, g := range groups {
			slices.SortStableFunc(g, func(a, b int) int {
				return cmp.Compare(centreOf(other(&l.Links[a])), centreOf(other(&l.Links[b])))
			})
			y := l.Nodes[n].Y
			for _, li := range g {
				set(&l.Links[li], y)
				y += l.Links[li].Value * k
			}
		}
	}
	byNode(func(s *sankeyLink) int { return s.From }, next, func(s *sankeyLink, y float64) { s.Y0 = y })
	byNode(func(s *sankeyLink) int { return s.To }, last, func(s *sankeyLink, y float64) { s.Y1 = y })
}

// sankeyCharts draws one diagram per design, all at one scale.
func sankeyCharts(designs []results.DesignDocument) []chart {
	layouts := make([]*sankeyLayout, len(designs))
	rows := 1
	for i, d := range designs {
		layouts[i] = buildSankey(d.Flows)
		rows = max(rows, layouts[i].rows())
	}
	h := math.Max(sankeyMinH, float64(rows*sankeyPerRow))
	k := math.Inf(1)
	for _, l := range layouts {
		k = math.Min(k, l.scaleFor(h))
	}
	var out []chart
	for i, d := range designs {
		out = append(out, layouts[i].chart(d.Name, i, k, h))
	}
	return out
}

func contacts(v float64) string {
	if math.Abs(v) < 10 {
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return results.FormatValue(results.Count, v)
}

func share(v, of float64) string {
	if !(of > 0) {
		return ""
	}
	p := 100 * v / of
	if p < 1 && p > 0 {
		return strconv.FormatFloat(p, 'f', 1, 64) + "%"
	}
	return strconv.FormatFloat(p, 'f', 0, 64) + "%"
}

// outcomeClass colours an outcome by how good it is for the caller.
func outcomeClass(name string) string {
	switch name {
	case results.FlowOutcomes[results.FlowAgentResolved], results.FlowOutcomes[results.FlowContained]:
		return "o-good"
	case results.FlowOutcomes[results.FlowIVRAbandon], results.FlowOutcomes[results.FlowQueueAbandon]:
		return "o-bad"
	case results.FlowOutcomes[results.FlowBlocked]:
		return "o-busy"
	}
	return "o-mid"
}

func (l *sankeyLayout) chart(design string, di int, k, h float64) chart {
	c := chart{
		ID: "flow-" + strconv.Itoa(di), Title: design, W: sankeyW, H: int(math.Ceil(h + 2*sankeyTop)), Wide: true,
		Caption: "Contacts per replication from the entry (left) through the design's nodes to how they ended (right). Band widths are to scale, the same in every design; hover for the numbers.",
	}
	if len(l.Links) == 0 || !(k > 0) || math.IsInf(k, 0) {
		c.Empty = "No contacts were recorded moving through this design."
		return c
	}
	l.place(k, h)
	plotW := float64(sankeyW - sankeyLeft - sankeyRight - sankeyNodeW)
	x := func(col int) float64 {
		if l.Cols <= 1 {
			return sankeyLeft
		}
		return sankeyLeft + float64(col)*plotW/float64(l.Cols-1)
	}
	name := nodeLabel
	labelText := func(n sankeyNode) string {
		return name(n) + " · " + contacts(n.value()) + " (" + share(n.value(), l.Entry) + ")"
	}
	for _, k2 := range l.Links {
		s, t := l.Nodes[k2.From], l.Nodes[k2.To]
		x0, x1 := x(s.Col)+sankeyNodeW, x(t.Col)
		th := k2.Value * k
		var p pathBuilder
		if len(k2.Via) > 0 {
			// Through each waypoint: a curve into the column, straight
			// across it, and on.
			type pt struct{ xin, xout, y float64 }
			pts := []pt{{x0, x0, k2.Y0}}
			for _, w := range k2.Via {
				wp := l.Ways[w]
				pts = append(pts, pt{x(wp.Col), x(wp.Col) + sankeyNodeW, wp.Y})
			}
			pts = append(pts, pt{x1, x1, k2.Y1})
			p.M(x0, k2.Y0)
			for j := 1; j < len(pts); j++ {
				a, b := pts[j-1], pts[j]
				mid := (a.xout + b.xin) / 2
				p.C(mid, a.y, mid, b.y, b.xin, b.y)
				if b.xout > b.xin {
					p.L(b.xout, b.y)
				}
			}
			p.L(x1, k2.Y1+th)
			for j := len(pts) - 1; j > 0; j-- {
				a, b := pts[j-1], pts[j]
				if b.xout > b.xin && j < len(pts)-1 {
					p.L(b.xin, b.y+th)
				}
				mid := (a.xout + b.xin) / 2
				p.C(mid, b.y+th, mid, a.y+th, a.xout, a.y+th)
			}
			p.Z()
		} else {
			mid0, mid1 := (x0+x1)/2, (x0+x1)/2
			if k2.Back || x1 <= x0 {
				mid0, mid1 = x0+80, x1-80
			}
			p.M(x0, k2.Y0)
			p.C(mid0, k2.Y0, mid1, k2.Y1, x1, k2.Y1)
			p.L(x1, k2.Y1+th)
			p.C(mid1, k2.Y1+th, mid0, k2.Y0+th, x0, k2.Y0+th)
			p.Z()
		}
		class := "flow"
		if t.Outcome {
			class += " " + outcomeClass(t.Name)
		}
		tip := name(s) + " → " + name(t) + ": " + contacts(k2.Value) + " contacts per replication (" + share(k2.Value, l.Entry) + " of offered)"
		c.Marks = append(c.Marks, pathMark(class, p.String(), tip))
	}
	// Nodes first, then their labels: outcomes beside their node in the
	// margin; inner nodes above or below theirs, wherever the label stays
	// clear of other labels and nodes.
	var taken []box
	var inner []int
	for i, n := range l.Nodes {
		if n.value() <= 0 {
			continue
		}
		class := "node"
		if n.Outcome {
			class += " " + outcomeClass(n.Name)
		}
		tip := name(n) + ": " + contacts(n.value()) + " contacts per replication (" + share(n.value(), l.Entry) + " of offered)"
		if n.Loop > 0 {
			tip += "; " + contacts(n.Loop) + " more returned to it"
		}
		h := math.Max(n.H, 0.5)
		c.Marks = append(c.Marks, rectMark(class, x(n.Col), n.Y, sankeyNodeW, h, tip))
		taken = append(taken, box{x(n.Col) - 2, n.Y - 2, x(n.Col) + sankeyNodeW + 2, n.Y + h + 2})
		if !n.Outcome {
			inner = append(inner, i)
			continue
		}
		text := labelText(n)
		lx, ly := x(n.Col)+sankeyNodeW+5, n.Y+n.H/2+4
		c.Labels = append(c.Labels, textMark("node-label", lx, ly, "start", text))
		taken = append(taken, textBox(lx, ly, "start", text))
	}
	slices.SortStableFunc(inner, func(a, b int) int { return cmp.Compare(l.Nodes[b].value(), l.Nodes[a].value()) })
	bounds := box{0, 0, sankeyW, float64(c.H)}
	// Inner nodes sit between bands, where a column's width is all the
	// room a label has: their name and figures go on two lines.
	const lineH = 15
	twoLines := func(xx, y float64, anchor, first, second string) box {
		a, b := textBox(xx, y, anchor, first), textBox(xx, y+lineH, anchor, second)
		return box{math.Min(a.X0, b.X0), a.Y0, math.Max(a.X1, b.X1), b.Y1}
	}
	for _, i := range inner {
		n := l.Nodes[i]
		first, second := name(n), contacts(n.value())+" ("+share(n.value(), l.Entry)+")"
		x0, x1 := x(n.Col), x(n.Col)+sankeyNodeW
		type spot struct {
			x, y   float64
			anchor string
		}
		// Next to the node first (above, below, either edge), then beside
		// it, then further up or down in steps of a line: the first spot
		// that covers nothing wins; failing that, the one that covers least,
		// a node counting far more than a band.
		var candidates []spot
		for step := 0.0; step < 4; step++ {
			above, below := n.Y-5-lineH-14*step, n.Y+math.Max(n.H, 0.5)+14+14*step
			candidates = append(candidates, spot{x0, above, "start"}, spot{x0, below, "start"}, spot{x1, above, "end"}, spot{x1, below, "end"})
			if step == 0 {
				mid := n.Y + n.H/2 + 4 - lineH/2
				candidates = append(candidates, spot{x1 + 5, mid, "start"}, spot{x0 - 5, mid, "end"})
			}
		}
		best, bestCost := 0, math.Inf(1)
		for j, cd := range candidates {
			b := twoLines(cd.x, cd.y, cd.anchor, first, second)
			cost := 100 * (b.area() - b.overlap(bounds)) // outside the picture
			for _, t := range taken {
				cost += 100 * b.overlap(t)
			}
			cost += float64(j) * 1e-3 // nearer spots first, all else equal
			if cost < bestCost-1e-9 {
				best, bestCost = j, cost
			}
		}
		cd := candidates[best]
		c.Labels = append(c.Labels, textMark("node-label", cd.x, cd.y, cd.anchor, first),
			textMark("node-label", cd.x, cd.y+lineH, cd.anchor, second))
		taken = append(taken, twoLines(cd.x, cd.y, cd.anchor, first, second))
	}
	return c
}

func nodeLabel(n sankeyNode) string {
	if n.Name == results.FlowEntry {
		return "offered"
	}
	return n.Name
}

// box is a rectangle of the picture, for keeping labels apart.
type box struct{ X0, Y0, X1, Y1 float64 }

func (a box) area() float64 { return (a.X1 - a.X0) * (a.Y1 - a.Y0) }

func (a box) overlap(b box) float64 {
	w := math.Min(a.X1, b.X1) - math.Max(a.X0, b.X0)
	h := math.Min(a.Y1, b.Y1) - math.Max(a.Y0, b.Y0)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}

// textBox is where a node label of 12 units with its baseline at y is
// drawn, by an estimate of the sans-serif font's widths: wide enough for
// digits and most letters.
func textBox(x, y float64, anchor, text string) box {
	w := 7.4 * float64(utf8.RuneCountInString(text))
	if anchor == "end" {
		return box{x - w, y - 11, x, y + 3}
	}
	return box{x, y - 11, x + w, y + 3}
}
