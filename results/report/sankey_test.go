package report

import (
	"cmp"
	"math"
	"slices"
	"testing"

	"github.com/ivrsim/ivrsim/results"
)

// checkLayout verifies what makes a Sankey diagram readable and true:
// forward links go right, nodes of a column do not overlap and are as
// tall as their flow, and bands leave and reach their nodes within them.
func checkLayout(t *testing.T, name string, l *sankeyLayout, k, h float64) {
	t.Helper()
	for _, link := range l.Links {
		s, d := l.Nodes[link.From], l.Nodes[link.To]
		if !link.Back && d.Col <= s.Col {
			t.Errorf("%s: %s → %s goes from column %d to %d", name, s.Name, d.Name, s.Col, d.Col)
		}
		th := link.Value * k
		if link.Y0 < s.Y-1e-6 || link.Y0+th > s.Y+s.H+1e-6 {
			t.Errorf("%s: %s → %s leaves outside %s", name, s.Name, d.Name, s.Name)
		}
		if link.Y1 < d.Y-1e-6 || link.Y1+th > d.Y+d.H+1e-6 {
			t.Errorf("%s: %s → %s arrives outside %s", name, s.Name, d.Name, d.Name)
		}
	}
	// A band crosses every column between its ends at a waypoint of its
	// own, and no stacked entry of a column (node or waypoint) overlaps
	// another: so no band runs through a node it does not pass.
	for li, link := range l.Links {
		s, d := l.Nodes[link.From], l.Nodes[link.To]
		want := 0
		if !link.Back {
			want = max(0, d.Col-s.Col-1)
		}
		if len(link.Via) != want {
			t.Errorf("%s: %s → %s skips %d columns but has %d waypoints", name, s.Name, d.Name, want, len(link.Via))
		}
		for _, w := range link.Via {
			if l.Ways[w].Link != li {
				t.Errorf("%s: waypoint %d of %s → %s belongs to link %d", name, w, s.Name, d.Name, l.Ways[w].Link)
			}
		}
	}
	for c, col := range l.stacks() {
		span := func(it item) (float64, float64) {
			if w, ok := it.waypoint(); ok {
				return l.Ways[w].Y, l.Ways[w].Y + l.Links[l.Ways[w].Link].Value*k
			}
			return l.Nodes[it].Y, l.Nodes[it].Y + l.Nodes[it].H
		}
		slices.SortFunc(col, func(a, b item) int { ya, _ := span(a); yb, _ := span(b); return cmp.Compare(ya, yb) })
		for j := 1; j < len(col); j++ {
			_, prevEnd := span(col[j-1])
			y, _ := span(col[j])
			if y < prevEnd+sankeyPad-1e-6 {
				t.Errorf("%s: column %d: entries %d and %d overlap (%.1f < %.1f)", name, c, col[j-1], col[j], y, prevEnd+sankeyPad)
			}
		}
	}
	for c, col := range l.columns() {
		slices.SortFunc(col, func(a, b int) int { return cmp.Compare(l.Nodes[a].Y, l.Nodes[b].Y) })
		for j, i := range col {
			n := l.Nodes[i]
			if math.Abs(n.H-n.value()*k) > 1e-9 {
				t.Errorf("%s: %s is %.2f tall for %.1f contacts at %.4f", name, n.Name, n.H, n.value(), k)
			}
			if n.Y < sankeyTop-1e-6 || n.Y+n.H > sankeyTop+h+1e-6 {
				t.Errorf("%s: %s (%.1f–%.1f) outside the plot", name, n.Name, n.Y, n.Y+n.H)
			}
			if j > 0 {
				p := l.Nodes[col[j-1]]
				if n.Y < p.Y+p.H+sankeyPad-1e-6 {
					t.Errorf("%s: column %d: %s overlaps %s", name, c, n.Name, p.Name)
				}
			}
		}
	}
}

func TestSankeyLayout(t *testing.T) {
	loop := []results.FlowRow{
		{From: "entry", To: "menu", Contacts: 100},
		{From: "menu", To: "help", Contacts: 60},
		{From: "menu", To: "queue", Contacts: 40},
		{From: "help", To: "menu", Contacts: 20}, // back to the menu
		{From: "help", To: "resolved by automation", Contacts: 40},
		{From: "queue", To: "queue", Contacts: 5}, // a loop on itself
		{From: "queue", To: "resolved by agent", Contacts: 30},
		{From: "queue", To: "hung up in queue", Contacts: 10},
	}
	cases := map[string][]results.FlowRow{
		"menu":   sampleDesign("base", 0).Flows,
		"va":     sampleDesign("other", 1).Flows,
		"loops":  loop,
		"single": {{From: "entry", To: "busy signal", Contacts: 3}},
	}
	for name, flows := range cases {
		l := buildSankey(flows)
		h := float64(sankeyMinH)
		k := l.scaleFor(h)
		l.place(k, h)
		checkLayout(t, name, l, k, h)
	}

	// Columns: queues line up just before the outcomes, which come last.
	l := buildSankey(sampleDesign("base", 0).Flows)
	cols := map[string]int{}
	for _, n := range l.Nodes {
		cols[n.Name] = n.Col
	}
	want := map[string]int{"entry": 0, "greet": 1, "menu": 2, "self": 3, "queue": 4, "resolved by agent": 5, "hung up in IVR": 5}
	for n, c := range want {
		if cols[n] != c {
			t.Errorf("%s in column %d, want %d (columns %v)", n, cols[n], c, cols)
		}
	}
	// The loop's way back is marked, and the self-loop kept aside.
	l = buildSankey(loop)
	back := 0
	for _, link := range l.Links {
		if link.Back {
			back++
			if l.Nodes[link.From].Name != "help" || l.Nodes[link.To].Name != "menu" {
				t.Errorf("back link %s → %s", l.Nodes[link.From].Name, l.Nodes[link.To].Name)
			}
		}
	}
	if back != 1 {
		t.Errorf("%d back links, want 1", back)
	}
	for _, n := range l.Nodes {
		if n.Name == "queue" && n.Loop != 5 {
			t.Errorf("queue's self-loop: %g", n.Loop)
		}
	}
}

// TestSankeyShared: every design's diagram is drawn at one scale, so band
// widths compare across designs.
func TestSankeyShared(t *testing.T) {
	doc := sampleDocument()
	charts := sankeyCharts(doc.Designs)
	if len(charts) != 2 {
		t.Fatalf("%d charts", len(charts))
	}
	// The entry node's height is its contacts at the shared scale.
	height := func(c chart) float64 {
		for _, m := range c.Marks {
			if m.Kind == "rect" && m.X == num(sankeyLeft) {
				v, _ := parseNumber(m.H)
				return v
			}
		}
		return math.NaN()
	}
	h0, h1 := height(charts[0]), height(charts[1])
	if r := h1 / h0; math.Abs(r-980.0/1000) > 0.002 {
		t.Errorf("entry heights %g and %g: ratio %g, want 0.98", h0, h1, r)
	}
}
