package scenarios

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// StaffingEdit is what SetStaffing writes into a scenario file.
type StaffingEdit struct {
	// Groups maps agent group names to agents per profile interval. Each
	// named group's count or staffing is replaced by this staffing list
	// (and its weekday_staffing, if any, removed: the list applies to
	// every day).
	Groups map[string][]int
	// Lines, when SetLines is true, replaces lines (0: unlimited), or adds
	// it at the end of the file.
	Lines    int
	SetLines bool
	// Interval and Profile, when Profile is set, replace a constant
	// arrivals.rate by interval and profile: staffing lists line up with a
	// profile, so a scenario with a constant rate needs one.
	Interval string
	Profile  []float64
}

// SetStaffing returns the scenario YAML data with edit applied. Everything
// else in the file — other values, comments, layout — is kept byte for
// byte: only the edited values' text is replaced. It fails, writing
// nothing, if the file is not a scenario mapping or lacks what edit
// names.
func SetStaffing(data []byte, edit StaffingEdit) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("cannot read the scenario: %w", err)
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("the scenario is not a YAML mapping")
	}
	root := doc.Content[0]
	ed := &editor{data: data, lines: lineStarts(data)}
	if len(edit.Groups) > 0 {
		agents := valueOf(root, "agents")
		if agents == nil || agents.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("the scenario has no agents mapping to write staffing into")
		}
		names := make([]string, 0, len(edit.Groups))
		for name := range edit.Groups {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			g := valueOf(agents, name)
			if g == nil || g.Kind != yaml.MappingNode {
				return nil, fmt.Errorf("agents has no group %q", name)
			}
			if err := ed.setGroup(g, edit.Groups[name]); err != nil {
				return nil, fmt.Errorf("agents.%s: %w", name, err)
			}
		}
	}
	if len(edit.Profile) > 0 {
		if err := ed.setProfile(root, edit.Interval, edit.Profile); err != nil {
			return nil, err
		}
	}
	if edit.SetLines {
		if edit.Lines < 0 {
			return nil, fmt.Errorf("%d lines: use 0 (unlimited) or more", edit.Lines)
		}
		if k, v := keyValue(root, "lines"); k != nil {
			if err := ed.replaceValue(v, strconv.Itoa(edit.Lines)); err != nil {
				return nil, fmt.Errorf("lines: %w", err)
			}
		} else {
			sep := ""
			if len(data) > 0 && data[len(data)-1] != '\n' {
				sep = "\n"
			}
			ed.edits = append(ed.edits, textEdit{len(data), len(data), sep + "lines: " + strconv.Itoa(edit.Lines) + "\n"})
		}
	}
	out, err := ed.apply()
	if err != nil {
		return nil, err
	}
	if err := checkStaffing(out, edit); err != nil {
		return nil, fmt.Errorf("the edited scenario does not read back as written (%v); the file is left unchanged", err)
	}
	return out, nil
}

// editor collects replacements of byte ranges of the original text.
type editor struct {
	data  []byte
	lines []int // byte offset of each line's start
	edits []textEdit
}

type textEdit struct {
	from, to int
	text     string
}

func (ed *editor) apply() ([]byte, error) {
	slices.SortFunc(ed.edits, func(a, b textEdit) int { return a.from - b.from })
	var out bytes.Buffer
	at := 0
	for _, e := range ed.edits {
		if e.from < at {
			return nil, fmt.Errorf("overlapping edits at byte %d", e.from)
		}
		out.Write(ed.data[at:e.from])
		out.WriteString(e.text)
		at = e.to
	}
	out.Write(ed.data[at:])
	return out.Bytes(), nil
}

// setGroup writes staffing into group mapping g, in place of its count or
// staffing.
func (ed *editor) setGroup(g *yaml.Node, staffing []int) error {
	flow := g.Style&yaml.FlowStyle != 0
	var target *yaml.Node
	for _, key := range []string{"staffing", "count"} {
		if k, _ := keyValue(g, key); k != nil {
			if target != nil {
				return fmt.Errorf("has both count and staffing")
			}
			target = k
		}
	}
	if target == nil {
		return fmt.Errorf("has neither count nor staffing to replace")
	}
	k, v := keyValue(g, target.Value)
	from, err := ed.offset(k)
	if err != nil {
		return err
	}
	to, err := ed.end(v)
	if err != nil {
		return err
	}
	col := from - ed.lines[k.Line-1] + len("staffing: [")
	ed.edits = append(ed.edits, textEdit{from, to, "staffing: " + intList(staffing, flow, col)})
	if k, v := keyValue(g, "weekday_staffing"); k != nil {
		if err := ed.remove(g, k, v); err != nil {
			return fmt.Errorf("weekday_staffing: %w", err)
		}
	}
	return nil
}

// setProfile replaces arrivals.rate by interval and profile.
func (ed *editor) setProfile(root *yaml.Node, interval string, profile []float64) error {
	arr := valueOf(root, "arrivals")
	if arr == nil || arr.Kind != yaml.MappingNode {
		return fmt.Errorf("the scenario has no arrivals mapping")
	}
	k, v := keyValue(arr, "rate")
	if k == nil {
		return fmt.Errorf("arrivals has no rate to replace with a profile")
	}
	if pk, _ := keyValue(arr, "profile"); pk != nil {
		return fmt.Errorf("arrivals has both a rate and a profile")
	}
	from, err := ed.offset(k)
	if err != nil {
		return err
	}
	to, err := ed.end(v)
	if err != nil {
		return err
	}
	flow := arr.Style&yaml.FlowStyle != 0
	indent := from - ed.lines[k.Line-1]
	sep := "\n" + strings.Repeat(" ", indent)
	if flow {
		sep = ", "
	}
	vals := make([]string, len(profile))
	for i, x := range profile {
		vals[i] = strconv.FormatFloat(x, 'g', -1, 64)
	}
	list := wrapList(vals, flow, indent+len("profile: ["))
	text := "interval: " + interval + sep + "profile: " + list
	ed.edits = append(ed.edits, textEdit{from, to, text})
	if ik, _ := keyValue(arr, "interval"); ik != nil {
		return fmt.Errorf("arrivals has both a rate and an interval")
	}
	return nil
}

// replaceValue replaces value node v's text.
func (ed *editor) replaceValue(v *yaml.Node, text string) error {
	from, err := ed.offset(v)
	if err != nil {
		return err
	}
	to, err := ed.end(v)
	if err != nil {
		return err
	}
	ed.edits = append(ed.edits, textEdit{from, to, text})
	return nil
}

// remove deletes key k and its value v from mapping m: whole lines in a
// block mapping, the entry and its comma in a flow one.
func (ed *editor) remove(m, k, v *yaml.Node) error {
	from, err := ed.offset(k)
	if err != nil {
		return err
	}
	to, err := ed.end(v)
	if err != nil {
		return err
	}
	if m.Style&yaml.FlowStyle != 0 {
		rest := ed.data[to:]
		trimmed := bytes.TrimLeft(rest, " \t")
		if len(trimmed) > 0 && trimmed[0] == ',' {
			to += len(rest) - len(trimmed) + 1
			for to < len(ed.data) && ed.data[to] == ' ' {
				to++
			}
		} else {
			// The last entry: take the comma before it.
			i := from - 1
			for i >= 0 && (ed.data[i] == ' ' || ed.data[i] == '\t' || ed.data[i] == '\n') {
				i--
			}
			if i >= 0 && ed.data[i] == ',' {
				from = i
			}
		}
		ed.edits = append(ed.edits, textEdit{from, to, ""})
		return nil
	}
	from = ed.lines[k.Line-1]
	if nl := bytes.IndexByte(ed.data[to:], '\n'); nl >= 0 {
		to += nl + 1
	} else {
		to = len(ed.data)
	}
	ed.edits = append(ed.edits, textEdit{from, to, ""})
	return nil
}

// offset is the byte offset where node n starts.
func (ed *editor) offset(n *yaml.Node) (int, error) {
	if n.Line < 1 || n.Line > len(ed.lines) {
		return 0, fmt.Errorf("no position for %q", n.Value)
	}
	at := ed.lines[n.Line-1]
	// Columns count characters, not bytes.
	for c := 1; c < n.Column; c++ {
		if at >= len(ed.data) || ed.data[at] == '\n' {
			return 0, fmt.Errorf("line %d has no column %d", n.Line, n.Column)
		}
		_, size := utf8.DecodeRune(ed.data[at:])
		at += size
	}
	return at, nil
}

// end is the byte offset just past node n's text.
func (ed *editor) end(n *yaml.Node) (int, error) {
	from, err := ed.offset(n)
	if err != nil {
		return 0, err
	}
	switch {
	case n.Kind == yaml.ScalarNode:
		return ed.scalarEnd(n, from)
	case n.Style&yaml.FlowStyle != 0:
		return matchingBracket(ed.data, from)
	case len(n.Content) > 0:
		return ed.end(n.Content[len(n.Content)-1])
	}
	return 0, fmt.Errorf("line %d: cannot find where the value ends", n.Line)
}

func (ed *editor) scalarEnd(n *yaml.Node, from int) (int, error) {
	d := ed.data
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		for i := from + 1; i < len(d); i++ {
			switch d[i] {
			case '\\':
				i++
			case '"':
				return i + 1, nil
			}
		}
	case n.Style&yaml.SingleQuotedStyle != 0:
		for i := from + 1; i < len(d); i++ {
			if d[i] == '\'' {
				if i+1 < len(d) && d[i+1] == '\'' {
					i++
					continue
				}
				return i + 1, nil
			}
		}
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return 0, fmt.Errorf("line %d: a block scalar cannot be replaced", n.Line)
	default:
		if end := from + len(n.Value); end <= len(d) && string(d[from:end]) == n.Value {
			return end, nil
		}
	}
	return 0, fmt.Errorf("line %d: cannot find where %q ends", n.Line, n.Value)
}

// matchingBracket is the offset just past the bracket that closes the one
// at from, skipping quoted text.
func matchingBracket(d []byte, from int) (int, error) {
	depth := 0
	for i := from; i < len(d); i++ {
		switch d[i] {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return i + 1, nil
			}
		case '"':
			for i++; i < len(d) && d[i] != '"'; i++ {
				if d[i] == '\\' {
					i++
				}
			}
		case '\'':
			for i++; i < len(d) && d[i] != '\''; i++ {
			}
		case '#':
			if i > 0 && (d[i-1] == ' ' || d[i-1] == '\t') {
				for i < len(d) && d[i] != '\n' {
					i++
				}
			}
		}
	}
	return 0, fmt.Errorf("unclosed bracket at byte %d", from)
}

func lineStarts(d []byte) []int {
	starts := []int{0}
	for i, c := range d {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// keyValue finds key in mapping m.
func keyValue(m *yaml.Node, key string) (k, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

func valueOf(m *yaml.Node, key string) *yaml.Node {
	_, v := keyValue(m, key)
	return v
}

// intList writes a flow sequence of ints; in a block context long lists
// wrap, continuing under the first value at column col.
func intList(v []int, flow bool, col int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.Itoa(x)
	}
	return wrapList(s, flow, col)
}

// listWrap is how many values a line of a wrapped list holds.
const listWrap = 12

func wrapList(vals []string, flow bool, col int) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, x := range vals {
		if i > 0 {
			if !flow && i%listWrap == 0 {
				b.WriteString(",\n" + strings.Repeat(" ", col))
			} else {
				b.WriteString(", ")
			}
		}
		b.WriteString(x)
	}
	b.WriteByte(']')
	return b.String()
}

// checkStaffing reads the edited text back and checks it holds what was
// written.
func checkStaffing(out []byte, edit StaffingEdit) error {
	var v struct {
		Agents map[string]struct {
			Count    *int  `yaml:"count"`
			Staffing []int `yaml:"staffing"`
		} `yaml:"agents"`
		Lines    *int `yaml:"lines"`
		Arrivals struct {
			Profile []float64 `yaml:"profile"`
		} `yaml:"arrivals"`
	}
	if err := yaml.Unmarshal(out, &v); err != nil {
		return err
	}
	for name, want := range edit.Groups {
		g := v.Agents[name]
		if g.Count != nil || !slices.Equal(g.Staffing, want) {
			return fmt.Errorf("agents.%s.staffing", name)
		}
	}
	if edit.SetLines && (v.Lines == nil || *v.Lines != edit.Lines) {
		return fmt.Errorf("lines")
	}
	if len(edit.Profile) > 0 && !slices.Equal(v.Arrivals.Profile, edit.Profile) {
		return fmt.Errorf("arrivals.profile")
	}
	return nil
}
