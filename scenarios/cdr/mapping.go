package cdr

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/scenarios"
	"go.yaml.in/yaml/v3"
)

// Columns are the canonical column names, in the order the format lists
// them.
var Columns = []string{
	"arrival", "date", "customer", "intent", "segment",
	"ivr_time", "ivr_start", "ivr_end",
	"queue_start", "queue_end", "wait", "outcome",
	"service_start", "service_end", "handle_time", "group", "agent",
}

// timeColumns hold date-times (or times of day on the record's date).
var timeColumns = []string{"arrival", "ivr_start", "ivr_end", "queue_start", "queue_end", "service_start", "service_end"}

// durationColumns hold seconds.
var durationColumns = []string{"ivr_time", "wait", "handle_time"}

// textColumns hold names.
var textColumns = []string{"customer", "intent", "segment", "group", "agent"}

// Skip is the value an outcome is mapped to for rows to drop.
const Skip = "skip"

// DefaultTolerance is how far, in seconds, a time may run before the one
// it should follow before the row is malformed: clocks of different systems
// disagree by a second or two.
const DefaultTolerance = 5

// MaxMappingSize bounds a mapping file.
const MaxMappingSize = 1 << 20

// Mapping says how a CDR file's columns and values map to the canonical
// format.
type Mapping struct {
	// Name is the file or built-in the mapping came from.
	Name string
	// Delimiter separates fields; 0 detects it from the header.
	Delimiter rune
	// Columns maps a canonical column to the source column holding it.
	// Canonical columns not listed are looked up by their own name.
	Columns map[string]string
	// Values maps, per canonical column, source values to canonical ones.
	// Values not listed are kept as they are.
	Values map[string]map[string]string
	// Absent lists the values that mean "not recorded" (besides empty).
	Absent []string
	// Formats gives, per canonical column, a Go time layout.
	Formats map[string]string
	// Tolerance is how far, in seconds, a time may precede the one it
	// should follow.
	Tolerance float64
}

// NewMapping returns the identity mapping: canonical column names, values
// as they are.
func NewMapping() *Mapping {
	return &Mapping{
		Columns:   map[string]string{},
		Values:    map[string]map[string]string{},
		Formats:   map[string]string{},
		Tolerance: DefaultTolerance,
	}
}

//go:embed maps
var mapsFS embed.FS

// BuiltinMappings lists the mappings that can be named instead of given as
// a file.
func BuiltinMappings() []string {
	entries, _ := fs.ReadDir(mapsFS, "maps")
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".yaml"); ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// BuiltinMapping returns the text of a built-in mapping.
func BuiltinMapping(name string) ([]byte, bool) {
	b, err := mapsFS.ReadFile("maps/" + name + ".yaml")
	return b, err == nil
}

// LoadMapping reads the mapping file at name, or the built-in mapping of
// that name when there is no such file.
func LoadMapping(name string) (*Mapping, error) {
	data, err := scenarios.ReadFileLimit(name, MaxMappingSize, "a mapping file")
	if err != nil {
		if b, ok := BuiltinMapping(name); ok && errors.Is(err, fs.ErrNotExist) {
			return ParseMapping(name, b)
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, scenarios.Errors{{Pos: scenarios.Pos{File: name}, Msg: fmt.Sprintf("no such file, and no built-in mapping of that name; give the path of a mapping file, or one of the built-ins: %s", strings.Join(BuiltinMappings(), ", "))}}
		}
		return nil, scenarios.Errors{{Pos: scenarios.Pos{File: name}, Msg: fmt.Sprintf("cannot read: %v", unwrapPath(err))}}
	}
	if len(data) > MaxMappingSize {
		return nil, scenarios.Errors{{Pos: scenarios.Pos{File: name}, Msg: fmt.Sprintf("the file is %d bytes; a mapping is at most %d", len(data), MaxMappingSize)}}
	}
	return ParseMapping(name, data)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// mappingParser collects every problem of a mapping file.
type mappingParser struct {
	file string
	errs scenarios.Errors
}

func (p *mappingParser) errorf(n *yaml.Node, path, format string, args ...any) {
	p.errs = append(p.errs, &scenarios.Error{Pos: scenarios.Pos{File: p.file, Line: n.Line, Col: n.Column}, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// ParseMapping reads a mapping from YAML text, as if from a file named
// name. Every problem is returned at once, as scenarios.Errors with
// file:line:col.
func ParseMapping(name string, data []byte) (*Mapping, error) {
	m := NewMapping()
	m.Name = name
	p := &mappingParser{file: name}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, scenarios.Errors{{Pos: scenarios.Pos{File: name}, Msg: fmt.Sprintf("not valid YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))}}
	}
	if len(doc.Content) == 0 {
		return nil, scenarios.Errors{{Pos: scenarios.Pos{File: name}, Msg: "the file is empty; a mapping gives at least columns: {canonical: source}"}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		p.errorf(root, "", "expected a mapping of fields (columns, values, absent, formats, delimiter, tolerance)")
		return nil, p.errs
	}
	fields := []string{"description", "delimiter", "columns", "values", "absent", "formats", "tolerance"}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if seen[k.Value] {
			p.errorf(k, k.Value, "%q is given twice; keep one", k.Value)
			continue
		}
		seen[k.Value] = true
		switch k.Value {
		case "description":
			if v.Kind != yaml.ScalarNode {
				p.errorf(v, "description", "expected one line of text")
			}
		case "delimiter":
			if d, ok := p.scalar(v, "delimiter"); ok {
				r, err := parseDelimiter(d)
				if err != nil {
					p.errorf(v, "delimiter", "%v", err)
				}
				m.Delimiter = r
			}
		case "columns":
			p.pairs(v, "columns", func(kn, vn *yaml.Node, key, val string) {
				if err := m.setColumn(key, val); err != nil {
					p.errorf(kn, "columns."+key, "%v", err)
				}
			})
		case "values":
			p.pairs(v, "values", func(kn, vn *yaml.Node, col, _ string) {
				if !slices.Contains(Columns, col) {
					p.errorf(kn, "values."+col, "unknown column %q%s; values are mapped per canonical column: %s", col, hint(col, Columns), strings.Join(Columns, ", "))
					return
				}
				p.pairs(vn, "values."+col, func(sk, sv *yaml.Node, src, val string) {
					if err := m.setValue(col, src, val); err != nil {
						p.errorf(sv, "values."+col+"."+src, "%v", err)
					}
				})
			})
		case "absent":
			if v.Kind != yaml.SequenceNode {
				p.errorf(v, "absent", "expected a list of values, such as absent: [\"\", \"0:00:00\", NULL]")
				continue
			}
			for _, item := range v.Content {
				if s, ok := p.scalar(item, "absent"); ok {
					m.Absent = append(m.Absent, s)
				}
			}
		case "formats":
			p.pairs(v, "formats", func(kn, vn *yaml.Node, col, val string) {
				if err := m.setFormat(col, val); err != nil {
					p.errorf(vn, "formats."+col, "%v", err)
				}
			})
		case "tolerance":
			if s, ok := p.scalar(v, "tolerance"); ok {
				d, err := models.ParseDuration(s)
				if err != nil || d > 3600 {
					p.errorf(v, "tolerance", "%q is not a tolerance; give a duration up to 1h, such as 5s", s)
					continue
				}
				m.Tolerance = d
			}
		default:
			p.errorf(k, k.Value, "unknown field %q%s; a mapping has %s", k.Value, hint(k.Value, fields), strings.Join(fields, ", "))
		}
	}
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	return m, nil
}

func (p *mappingParser) scalar(n *yaml.Node, path string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		p.errorf(n, path, "expected a single value, found a %s", kindName(n))
		return "", false
	}
	return n.Value, true
}

// pairs calls f for every key and scalar value of mapping n (or every key
// and its node, for nested mappings: f gets the value node either way).
func (p *mappingParser) pairs(n *yaml.Node, path string, f func(k, v *yaml.Node, key, val string)) {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, path, "expected a mapping of name: value, one per line")
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.errorf(k, path, "expected a name, found a %s", kindName(k))
			continue
		}
		if seen[k.Value] {
			p.errorf(k, path+"."+k.Value, "%q is given twice; keep one", k.Value)
			continue
		}
		seen[k.Value] = true
		val := ""
		if v.Kind == yaml.ScalarNode {
			val = v.Value
		} else if path != "values" {
			p.errorf(v, path+"."+k.Value, "expected a single value, found a %s", kindName(v))
			continue
		}
		f(k, v, k.Value, val)
	}
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return "alias"
	}
	return "value"
}

// SetColumn applies a --column flag, canonical=source.
func (m *Mapping) SetColumn(flag string) error {
	canon, src, ok := strings.Cut(flag, "=")
	if !ok {
		return fmt.Errorf("--column %q: write canonical=source, such as arrival=CallStart", flag)
	}
	if err := m.setColumn(strings.TrimSpace(canon), src); err != nil {
		return fmt.Errorf("--column %q: %w", flag, err)
	}
	return nil
}

// SetValue applies a --value flag, column:source=value (such as
// outcome:ANS=served).
func (m *Mapping) SetValue(flag string) error {
	col, rest, ok1 := strings.Cut(flag, ":")
	src, val, ok2 := strings.Cut(rest, "=")
	if !ok1 || !ok2 {
		return fmt.Errorf("--value %q: write column:source=value, such as outcome:ANS=served", flag)
	}
	col = strings.TrimSpace(col)
	if !slices.Contains(Columns, col) {
		return fmt.Errorf("--value %q: unknown column %q%s; use one of %s", flag, col, hint(col, Columns), strings.Join(Columns, ", "))
	}
	if err := m.setValue(col, src, val); err != nil {
		return fmt.Errorf("--value %q: %w", flag, err)
	}
	return nil
}

func (m *Mapping) setColumn(canon, src string) error {
	if !slices.Contains(Columns, canon) {
		return fmt.Errorf("unknown canonical column %q%s; the columns are %s", canon, hint(canon, Columns), strings.Join(Columns, ", "))
	}
	if strings.TrimSpace(src) == "" {
		return fmt.Errorf("no source column for %s; give the header of the column that holds it", canon)
	}
	m.Columns[canon] = src
	return nil
}

func (m *Mapping) setValue(col, src, val string) error {
	if col == "outcome" && val != Skip {
		if _, ok := ParseOutcome(val); !ok {
			return fmt.Errorf("%q is not an outcome; map to one of %s, or to skip to drop the row", val, strings.Join(OutcomeNames[1:], ", "))
		}
	}
	if m.Values[col] == nil {
		m.Values[col] = map[string]string{}
	}
	m.Values[col][src] = val
	return nil
}

func (m *Mapping) setFormat(col, format string) error {
	switch {
	case col == "date":
	case slices.Contains(timeColumns, col):
	default:
		return fmt.Errorf("a format applies to date and time columns (date, %s), not %q", strings.Join(timeColumns, ", "), col)
	}
	layout, err := goLayout(format)
	if err != nil {
		return err
	}
	m.Formats[col] = layout
	return nil
}

func parseDelimiter(s string) (rune, error) {
	switch strings.ToLower(s) {
	case "", "auto":
		return 0, nil
	case ",", "comma":
		return ',', nil
	case "\t", "tab", `\t`:
		return '\t', nil
	case ";", "semicolon":
		return ';', nil
	case "|", "pipe":
		return '|', nil
	}
	return 0, fmt.Errorf("%q is not a delimiter; use auto, \",\", tab, \";\" or \"|\"", s)
}

// source is the header of the column holding canonical column c.
func (m *Mapping) source(c string) string {
	if s, ok := m.Columns[c]; ok {
		return s
	}
	return c
}

// hint suggests the closest name, as " (did you mean X?)".
func hint(s string, names []string) string {
	if best := models.Suggest(s, names); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}
