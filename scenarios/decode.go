package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ivrsim/ivrsim/models"
	"go.yaml.in/yaml/v3"
)

// defaulter is implemented by scenario types whose fields have documented
// defaults; a new value is given its defaults before the YAML is decoded
// over it, so an explicit zero stays zero.
type defaulter interface {
	setDefaults()
}

// maxVisits bounds the values one scenario may decode to. A scenario
// written by hand has thousands; aliases (*name) can make a small file
// expand to billions, which would hang the loader.
const maxVisits = 1 << 20

// maxKept bounds the problems kept while decoding; a file with more is not
// a scenario, and the rest are only counted.
const maxKept = 10 * maxErrors

// decoder turns a yaml.Node tree into scenario types by reflection,
// collecting every problem instead of stopping at the first, and recording
// where each value was written.
type decoder struct {
	file string
	// fileOf names the file a subtree came from: the root of an included
	// flow file, or a value given with --set.
	fileOf map[*yaml.Node]string
	// files lists the files in the order their problems are reported.
	files []string
	// src holds the text of each file, to place errors inside a value.
	src map[string][]byte
	pos map[string]Pos
	// bad lists the field paths that could not be decoded; the validator
	// stays quiet about them, so one mistake is reported once.
	bad  []string
	errs Errors
	// dropped counts problems past maxKept, which are only counted.
	dropped int
	visits  int
	// overflow is the problem reported once maxVisits is exceeded;
	// decoding stops there.
	overflow *Error
}

func newDecoder(file string) *decoder {
	return &decoder{file: file, fileOf: map[*yaml.Node]string{}, files: []string{file}, src: map[string][]byte{}, pos: map[string]Pos{}}
}

// at is where n was written. A value typed on the command line has no
// line: its "file" is the --set argument itself.
func (d *decoder) at(n *yaml.Node) Pos {
	if isSetSource(d.file) {
		return Pos{File: d.file}
	}
	return Pos{File: d.file, Line: n.Line, Col: n.Column}
}

// keyAt is where the key node k was written; a key added by --set belongs
// to that --set.
func (d *decoder) keyAt(k *yaml.Node) Pos {
	if f, ok := d.fileOf[k]; ok {
		return Pos{File: f}
	}
	return d.at(k)
}

func (d *decoder) errorf(n *yaml.Node, path, format string, args ...any) {
	d.errorAt(d.at(n), path, format, args...)
}

func (d *decoder) errorAt(p Pos, path, format string, args ...any) {
	if len(d.errs) < maxKept {
		d.errs = append(d.errs, &Error{Pos: p, Path: path, Msg: fmt.Sprintf(format, args...)})
	} else {
		d.dropped++
	}
	if path != "" {
		d.bad = append(d.bad, path)
	}
}

func isSetSource(file string) bool { return strings.HasPrefix(file, "--set ") }

var scalarDecoderType = reflect.TypeFor[scalarDecoder]()

// nodeDecoder is a value that reads its YAML node itself, for forms the
// generic decoding does not cover (the uncertain: block, whose keys are
// paths).
type nodeDecoder interface {
	decodeNode(d *decoder, n *yaml.Node, path string)
}

var nodeDecoderType = reflect.TypeFor[nodeDecoder]()

// decode decodes n into v (addressable), at the field path path.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	if d.overflow != nil {
		return
	}
	if f, ok := d.fileOf[n]; ok {
		saved := d.file
		d.file = f
		defer func() { d.file = saved }()
	}
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	if d.visits++; d.visits > maxVisits {
		// Reported alone: the other problems are likely its consequences.
		d.overflow = &Error{Pos: d.at(n), Path: path, Msg: fmt.Sprintf("the scenario expands to more than %d values; aliases (*name) and merges (<<) repeat too much of it. Write the repeated parts out, or repeat them less", maxVisits)}
		return
	}
	if isNull(n) {
		// An explicit null leaves the default in place; it is remembered
		// apart, so a null value does not count as given.
		d.pos[path+"#null"] = d.at(n)
		return
	}
	d.pos[path] = d.at(n)
	if v.CanAddr() && v.Addr().Type().Implements(nodeDecoderType) {
		v.Addr().Interface().(nodeDecoder).decodeNode(d, n, path)
		return
	}
	if v.CanAddr() && v.Addr().Type().Implements(scalarDecoderType) {
		if n.Kind != yaml.ScalarNode {
			what, example := valueHint(v.Type())
			d.errorf(n, path, "expected %s, found %s; write one value on the line of its key, such as %s: %s", what, kindName(n), lastPart(path), example)
			return
		}
		if err := v.Addr().Interface().(scalarDecoder).decodeScalar(n); err != nil {
			d.scalarError(n, path, err)
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
			if df, ok := v.Interface().(defaulter); ok {
				df.setDefaults()
			}
		}
		d.decode(n, v.Elem(), path)
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		if keyField(v.Type().Elem()) >= 0 {
			d.decodeKeyed(n, v, path)
		} else {
			d.decodeList(n, v, path)
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.errorf(n, path, "expected a single name or text, found %s; write it on the same line, such as %s: text", kindName(n), lastPart(path))
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		b, ok := parseBool(n)
		if !ok {
			d.errorf(n, path, "expected true or false, found %s; write %s: true or %s: false", describe(n), lastPart(path), lastPart(path))
			return
		}
		v.SetBool(b)
	case reflect.Int:
		d.decodeInt(n, v, path)
	case reflect.Float64:
		if n.Kind != yaml.ScalarNode {
			d.errorf(n, path, "expected a number, found %s; write a number such as 1.5", kindName(n))
			return
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			d.errorf(n, path, "expected a number, found %s; write a number such as 1.5", describe(n))
			return
		}
		v.SetFloat(f)
	default:
		panic(fmt.Sprintf("scenarios: cannot decode into %s", v.Type()))
	}
}

func (d *decoder) decodeInt(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, path, "expected a whole number, found %s; write a number such as 10", kindName(n))
		return
	}
	text := strings.ReplaceAll(n.Value, "_", "")
	i, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(text, 64)
		switch {
		case ferr == nil && f == math.Trunc(f) && math.Abs(f) < 1e15:
			i = int64(f)
		case errors.Is(err, strconv.ErrRange) || ferr == nil && !math.IsNaN(f) && math.Abs(f) >= 1e15:
			i = math.MaxInt64
		default:
			d.errorf(n, path, "expected a whole number, found %s; write a number such as 10", describe(n))
			return
		}
	}
	if i == math.MaxInt64 || v.OverflowInt(i) {
		// Beyond what can be kept to be range-checked later.
		d.errorf(n, path, "%s is far too large for %s; write a realistic number", describe(n), lastPart(path))
		return
	}
	// Everything else is kept as written: the validator knows each
	// field's range and says what it is.
	v.SetInt(i)
}

// valueHint names what a value type is and gives an example, for
// messages.
func valueHint(t reflect.Type) (what, example string) {
	switch t {
	case reflect.TypeFor[Duration]():
		return "a duration", "45s"
	case reflect.TypeFor[Rate]():
		return "a rate", "100/min"
	case reflect.TypeFor[Probability]():
		return "a probability", "0.25"
	case reflect.TypeFor[TimeOfDay]():
		return "a time of day", `"08:00"`
	case reflect.TypeFor[Dist]():
		return "a distribution", "lognormal(mean=3m, cv=1.2)"
	}
	return "a single value", "1"
}

// scalarError reports a value type's parse error. A distribution's error
// points inside the text: the column moves to the offending token when the
// value is written on one line as the file shows it, and the message drops
// the column the parser counted from the start of the text.
func (d *decoder) scalarError(n *yaml.Node, path string, err error) {
	p := d.at(n)
	msg := err.Error()
	var se *models.DistSyntaxError
	if errors.As(err, &se) {
		msg = fmt.Sprintf("invalid distribution %q: %s", se.Text, se.Msg)
		if p.Line > 0 {
			p.Col += d.columnInside(n, se.Text, se.Offset)
		}
	}
	d.errorAt(p, path, "%s", msg)
}

// columnInside is how many columns after the start of scalar n the byte
// offset off of its text sits, or 0 when the file does not show the text as
// is on n's line (escapes, folded lines).
func (d *decoder) columnInside(n *yaml.Node, text string, off int) int {
	off = min(max(off, 0), len(text))
	lead := 0
	switch n.Style {
	case 0:
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		lead = 1
	default:
		return 0
	}
	line := sourceLine(d.src[d.file], n.Line)
	start := byteColumn(line, n.Column) + lead
	if start < 0 || start > len(line) || !strings.HasPrefix(line[start:], text[:off]) {
		return 0
	}
	return lead + utf8.RuneCountInString(text[:off])
}

// sourceLine returns line number n (from 1) of data, or "".
func sourceLine(data []byte, n int) string {
	for i := 1; len(data) > 0; i++ {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		if i == n {
			return strings.TrimSuffix(string(line), "\r")
		}
		data = rest
	}
	return ""
}

// byteColumn converts a column counted in characters from 1 into a byte
// offset of line, or −1 past its end.
func byteColumn(line string, col int) int {
	i := 0
	for c := 1; c < col; c++ {
		if i >= len(line) {
			return -1
		}
		_, size := utf8.DecodeRuneInString(line[i:])
		i += size
	}
	return i
}

// pairs lists the key/value pairs of mapping n, with YAML merge keys
// (<<: *base) expanded. Merged pairs are marked so duplicates are only
// reported among the keys actually written.
func (d *decoder) pairs(n *yaml.Node, path string) (keys, vals []*yaml.Node, merged []bool) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; !isMergeKey(k) {
			keys, vals, merged = append(keys, k), append(vals, n.Content[i+1]), append(merged, false)
		}
	}
	mk, mv, bad := mergedPairs(n, &d.visits)
	for _, b := range bad {
		d.errorf(b, path, "<< merges mappings only; write <<: *name where &name marks a mapping")
	}
	for i := range mk {
		keys, vals, merged = append(keys, mk[i]), append(vals, mv[i]), append(merged, true)
	}
	return keys, vals, merged
}

// mergedPairs lists the pairs mapping n takes from its merge keys, also
// where a merged mapping merges others, leaving out keys n writes itself:
// as YAML says, written keys win, then the merged mappings in order. bad
// lists merge values that are not mappings. Each mapping merged and each
// pair taken counts against budget (the decoder's visits): past maxVisits
// the walk stops, so chains of merges cannot hang the loader.
func mergedPairs(n *yaml.Node, budget *int) (keys, vals, bad []*yaml.Node) {
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; !isMergeKey(k) {
			seen[k.Value] = true
		}
	}
	visited := map[*yaml.Node]bool{n: true}
	var merge func(m *yaml.Node)
	merge = func(m *yaml.Node) {
		for i := 0; i+1 < len(m.Content) && *budget <= maxVisits; i += 2 {
			if !isMergeKey(m.Content[i]) {
				continue
			}
			v := m.Content[i+1]
			for _, src := range mergeSources(v) {
				if src == nil {
					bad = append(bad, v)
					continue
				}
				if visited[src] {
					continue
				}
				visited[src] = true
				*budget++
				for j := 0; j+1 < len(src.Content); j += 2 {
					if k := src.Content[j]; !isMergeKey(k) && !seen[k.Value] {
						*budget++
						seen[k.Value] = true
						keys, vals = append(keys, k), append(vals, src.Content[j+1])
					}
				}
				merge(src)
			}
		}
	}
	merge(n)
	return keys, vals, bad
}

func isMergeKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Tag == "!!merge"
}

// mergeSources lists the mappings a merge key's value names; nil marks a
// value that is not a mapping.
func mergeSources(v *yaml.Node) []*yaml.Node {
	v = resolve(v)
	switch v.Kind {
	case yaml.MappingNode:
		return []*yaml.Node{v}
	case yaml.SequenceNode:
		out := make([]*yaml.Node, len(v.Content))
		for i, m := range v.Content {
			if m = resolve(m); m.Kind == yaml.MappingNode {
				out[i] = m
			}
		}
		return out
	}
	return []*yaml.Node{nil}
}

// resolve follows aliases to the node they name.
func resolve(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	t := v.Type()
	names := fieldNames(t)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "expected a mapping of fields (field: value, one per line), found %s; the fields here are %s", describe(n), list(names))
		return
	}
	keys, vals, merged := d.pairs(n, path)
	// A node takes only the fields of its type: name those when it has one.
	applies := names
	if t == reflect.TypeFor[Node]() {
		if typ := mappingValue(n, "type"); typ != nil && nodeFields[typ.Value] != nil {
			applies = nodeFields[typ.Value]
		}
	}
	seen := map[string]bool{}
	for i, k := range keys {
		key := k.Value
		sub := join(path, key)
		if k.Kind != yaml.ScalarNode {
			d.errorAt(d.keyAt(k), path, "expected a field name, found %s; the fields here are %s", kindName(k), list(names))
			continue
		}
		if seen[key] && !merged[i] {
			d.errorAt(d.keyAt(k), sub, "%q is given twice; keep one", key)
			continue
		}
		seen[key] = true
		idx, ok := fieldIndex(t, key)
		if !ok && len(d.errs) >= maxKept {
			// Only counted: skip the costly suggestion.
			d.dropped++
			continue
		}
		if !ok {
			d.errorAt(d.keyAt(k), sub, "unknown field %q%s; remove it, or use one of the fields here: %s", key, hint(key, applies), list(applies))
			if m := models.Suggest(key, applies); m != "" {
				// The field meant is as good as given: do not also
				// report it missing.
				d.bad = append(d.bad, join(path, m))
			}
			continue
		}
		d.pos[sub+"#key"] = d.keyAt(k)
		d.decode(vals[i], v.Field(idx), sub)
	}
}

// decodeKeyed decodes a mapping of name → value into a slice of structs
// whose key field (tag ivrsim:"key") takes the name, keeping file order.
func (d *decoder) decodeKeyed(n *yaml.Node, v reflect.Value, path string) {
	et := v.Type().Elem()
	kf, vf := keyField(et), valueField(et)
	if n.Kind != yaml.MappingNode {
		example := "NAME: {field: value}, one entry per line"
		if vf >= 0 {
			example = "{NAME: 0.6, OTHER: 0.4}"
		}
		if n.Kind == yaml.SequenceNode && len(n.Content) > 0 {
			if name := mappingValue(resolve(n.Content[0]), "name"); name != nil && name.Kind == yaml.ScalarNode {
				// The list form other tools use: say how it maps.
				example = fmt.Sprintf("each entry under its name, such as %s: followed by its fields, instead of - name: %s", name.Value, name.Value)
			}
		}
		d.errorf(n, path, "expected a mapping of names to entries, found %s; write %s", describe(n), example)
		return
	}
	keys, vals, merged := d.pairs(n, path)
	out := reflect.MakeSlice(v.Type(), 0, len(keys))
	seen := map[string]bool{}
	for i, k := range keys {
		sub := join(path, k.Value)
		if k.Kind != yaml.ScalarNode || k.Value == "" {
			d.errorAt(d.keyAt(k), path, "expected a name, found %s; names are single words such as regular or card_lost", describe(k))
			continue
		}
		if strings.ContainsAny(k.Value, ".=") || strings.TrimSpace(k.Value) != k.Value {
			d.errorAt(d.keyAt(k), sub, "the name %q cannot contain '.', '=' or surrounding blanks, which --set paths use; use - or _ instead", k.Value)
			continue
		}
		if seen[k.Value] && !merged[i] {
			d.errorAt(d.keyAt(k), sub, "%q is defined twice; names must be unique, so rename or remove one", k.Value)
			continue
		}
		seen[k.Value] = true
		e := reflect.New(et)
		if df, ok := e.Interface().(defaulter); ok {
			df.setDefaults()
		}
		e.Elem().Field(kf).SetString(k.Value)
		d.pos[sub+"#key"] = d.keyAt(k)
		if vf >= 0 {
			d.decode(vals[i], e.Elem().Field(vf), sub)
		} else {
			d.decode(vals[i], e.Elem(), sub)
		}
		out = reflect.Append(out, e.Elem())
	}
	v.Set(out)
}

func (d *decoder) decodeList(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, path, "expected a list, found %s; write [a, b] or one '- item' per line", describe(n))
		return
	}
	out := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		e := out.Index(i)
		if e.Kind() == reflect.Struct || e.Kind() == reflect.Pointer {
			if df, ok := e.Addr().Interface().(defaulter); ok {
				df.setDefaults()
			}
		}
		d.decode(item, e, join(path, strconv.Itoa(i)))
	}
	v.Set(out)
}

// keyField is the index of the field tagged ivrsim:"key", or -1.
func keyField(t reflect.Type) int {
	return taggedField(t, "key")
}

// valueField is the index of the field tagged ivrsim:"value", or -1: the
// whole YAML value of a keyed entry decodes into it.
func valueField(t reflect.Type) int {
	return taggedField(t, "value")
}

func taggedField(t reflect.Type, tag string) int {
	if t.Kind() != reflect.Struct {
		return -1
	}
	for i := range t.NumField() {
		if t.Field(i).Tag.Get("ivrsim") == tag {
			return i
		}
	}
	return -1
}

// fieldIndexCache maps a reflect.Type to the index of each YAML key's
// field.
var fieldIndexCache sync.Map

func fieldIndex(t reflect.Type, key string) (int, bool) {
	m, ok := fieldIndexCache.Load(t)
	if !ok {
		idx := map[string]int{}
		for i := range t.NumField() {
			if name := yamlName(t.Field(i)); name != "" {
				idx[name] = i
			}
		}
		m, _ = fieldIndexCache.LoadOrStore(t, idx)
	}
	i, ok := m.(map[string]int)[key]
	return i, ok
}

// fieldNamesCache maps a reflect.Type to its YAML keys; decoding asks for
// them once per mapping.
var fieldNamesCache sync.Map

func fieldNames(t reflect.Type) []string {
	if v, ok := fieldNamesCache.Load(t); ok {
		return v.([]string)
	}
	var names []string
	for i := range t.NumField() {
		if name := yamlName(t.Field(i)); name != "" {
			names = append(names, name)
		}
	}
	fieldNamesCache.Store(t, names)
	return names
}

func yamlName(f reflect.StructField) string {
	tag := f.Tag.Get("yaml")
	name, _, _ := strings.Cut(tag, ",")
	if name == "-" || !f.IsExported() {
		return ""
	}
	return name
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// lastPart is the last key of a field path, for examples in messages.
func lastPart(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	if path == "" {
		return "field"
	}
	return path
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Style == 0 && (n.Value == "" || n.Value == "~" || strings.EqualFold(n.Value, "null"))
}

func parseBool(n *yaml.Node) (bool, bool) {
	if n.Kind != yaml.ScalarNode {
		return false, false
	}
	switch strings.ToLower(n.Value) {
	case "true", "yes", "on":
		return true, true
	case "false", "no", "off":
		return false, true
	}
	return false, false
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "a single value"
	}
	return "nothing"
}

func describe(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		v := n.Value
		if utf8.RuneCountInString(v) > 40 {
			v = string([]rune(v)[:40]) + "…"
		}
		return strconv.Quote(v)
	}
	return kindName(n)
}
