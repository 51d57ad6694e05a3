package scenarios

import (
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Set is one what-if override, key.path=value.
type Set struct {
	// Path is the field path, one key per element: list entries by index
	// ("arrivals.profile.3"), named entries by name ("segments.regular").
	Path []string
	// Value is YAML text, decoded and checked like the file's own values.
	Value string
}

// ParseSet reads "key.path=value". The value is YAML, so lists
// ("[10, 20]") and quoted text work. Only the form is checked here; the
// path and the value are checked against the scenario when it is loaded.
func ParseSet(s string) (Set, error) {
	set, msg := parseSet(s)
	if msg != "" {
		return Set{}, fmt.Errorf("--set %q: %s", s, msg)
	}
	return set, nil
}

// parseSet is ParseSet with the problem as a bare message.
func parseSet(s string) (Set, string) {
	k, v, ok := strings.Cut(s, "=")
	k = strings.TrimSpace(k)
	if !ok || k == "" {
		return Set{}, "not an override; write key.path=value, such as horizon.days=7"
	}
	if strings.TrimSpace(v) == "" {
		return Set{}, "the value is empty; write key.path=value, such as horizon.days=7 (to unset a field, write key.path=null)"
	}
	parts := strings.Split(k, ".")
	for _, p := range parts {
		if strings.TrimSpace(p) == "" {
			return Set{}, fmt.Sprintf("the key path %q has an empty part; separate keys with single dots, such as segments.regular.trust", k)
		}
	}
	return Set{Path: parts, Value: v}, ""
}

// applySet applies an override to the YAML tree before it is decoded, so an
// overridden value is checked exactly as if it had been in the file. The
// path is checked against the scenario format as it is walked: a typo is
// reported with the fields or entries that exist.
func (d *decoder) applySet(root *yaml.Node, raw string) *Error {
	src := setSource(raw)
	set, msg := parseSet(raw)
	if msg != "" {
		return &Error{Pos: Pos{File: src}, Msg: msg}
	}
	fail := func(i int, format string, args ...any) *Error {
		return &Error{Pos: Pos{File: src}, Path: strings.Join(set.Path[:i+1], "."), Msg: fmt.Sprintf(format, args...)}
	}
	var val yaml.Node
	if err := yaml.Unmarshal([]byte(set.Value), &val); err != nil || len(val.Content) == 0 {
		return fail(len(set.Path)-1, "the value %q is not valid YAML; quote it, such as %s='%s'", set.Value, strings.Join(set.Path, "."), strings.ReplaceAll(set.Value, "'", "''"))
	}
	if dec := yaml.NewDecoder(strings.NewReader(set.Value)); dec.Decode(new(yaml.Node)) == nil {
		var next yaml.Node
		if err := dec.Decode(&next); err != io.EOF {
			return fail(len(set.Path)-1, "the value holds a second YAML document (after ---); give one value, quoting it if it contains ---")
		}
	}
	value := val.Content[0]
	d.fileOf[value] = src

	// Sections the path creates are attached only once the whole path is
	// known to be right, so a failed override leaves the tree as it was.
	var commit []func()
	done := func() *Error {
		for _, f := range commit {
			f()
		}
		return nil
	}
	node := root
	t := reflect.TypeFor[Scenario]()
	for i, key := range set.Path {
		last := i == len(set.Path)-1
		parent := strings.Join(set.Path[:i], ".")
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if isNull(node) {
			// An explicit null is a section left empty: fill it in.
			orig, fresh := node, emptyFor(t)
			commit = append(commit, func() { *orig = *fresh })
			node = fresh
		}
		var child reflect.Type
		mustExist := false
		switch {
		case t.Kind() == reflect.Struct && !reflect.PointerTo(t).Implements(scalarDecoderType):
			idx, ok := fieldIndex(t, key)
			if !ok {
				names := fieldNames(t)
				return fail(i, "unknown field %q%s; use one of the fields here: %s", key, hint(key, names), list(names))
			}
			if t == reflect.TypeFor[Design]() && key == "file" {
				return fail(i, "a design's flow file cannot be changed with --set; edit the scenario, or set the design's fields (start, nodes.NAME...)")
			}
			child = t.Field(idx).Type
		case t.Kind() == reflect.Slice && keyField(t.Elem()) >= 0:
			et := t.Elem()
			if vf := valueField(et); vf >= 0 {
				child = et.Field(vf).Type
			} else {
				child = et
				mustExist = !last
			}
		case t.Kind() == reflect.Slice:
			if node.Kind != yaml.SequenceNode {
				return fail(i, "%s is not a list in the scenario; set the whole list, such as %s=[1, 2, 3]", parent, parent)
			}
			n, err := strconv.Atoi(key)
			if err != nil || n < 0 || n >= len(node.Content) {
				if len(node.Content) == 0 {
					return fail(i, "%q is not an index: the list %s is empty; set the whole list, such as %s=[1, 2, 3]", key, parent, parent)
				}
				return fail(i, "%q is not an index of %s, a list of %d; use an index from 0 to %d, or set the whole list, such as %s=[1, 2, 3]", key, parent, len(node.Content), len(node.Content)-1, parent)
			}
			if last {
				node.Content[n] = value
				return done()
			}
			node = d.own(node, n)
			t = t.Elem()
			continue
		default:
			return fail(i, "%s is a single value and has no field %q; set %s itself, such as %s=...", parent, key, parent, parent)
		}
		if node.Kind != yaml.MappingNode {
			return fail(i, "%s is not a mapping in the scenario; set it whole, such as %s={%s: ...}", parent, parent, key)
		}
		j := d.lookup(node, key)
		if j < 0 {
			if mustExist {
				entries := mappingKeys(node)
				if len(entries) == 0 {
					return fail(i, "no entry %q: %s has none, and --set changes entries but does not create them; add it to the scenario", key, parent)
				}
				return fail(i, "no entry %q in %s%s; use one of %s (--set changes entries but does not create them: to add one, edit the scenario)", key, parent, hint(key, entries), list(entries))
			}
			k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}
			d.fileOf[k] = src
			if last {
				node.Content = append(node.Content, k, value)
				return done()
			}
			next, m := emptyFor(child), node
			d.fileOf[next] = src
			commit = append(commit, func() { m.Content = append(m.Content, k, next) })
			node, t = next, child
			continue
		}
		if last {
			node.Content[j+1] = value
			return done()
		}
		node, t = d.own(node, j+1), child
	}
	return nil
}

// lookup finds key in mapping n and returns the index of the key node, or
// −1. A key that only comes from a merge (<<: *base) is copied into n, so
// the override changes this mapping and not the shared one.
func (d *decoder) lookup(n *yaml.Node, key string) int {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Value == key && !isMergeKey(k) {
			return i
		}
	}
	budget := 0
	keys, vals, _ := mergedPairs(n, &budget)
	for i, k := range keys {
		if k.Value == key {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: n.Line, Column: n.Column}, deepCopy(resolve(vals[i])))
			return len(n.Content) - 2
		}
	}
	return -1
}

// own returns the child at index i of n, first replacing an alias, or an
// anchored value that aliases repeat, by a copy: an override then changes
// this place only, not every place that repeats the anchor.
func (d *decoder) own(n *yaml.Node, i int) *yaml.Node {
	c := n.Content[i]
	if c.Kind != yaml.AliasNode && c.Anchor == "" {
		return c
	}
	cp := deepCopy(resolve(c))
	if f, ok := d.fileOf[c]; ok {
		d.fileOf[cp] = f
	}
	n.Content[i] = cp
	return cp
}

// deepCopy copies the tree under n; aliases inside stay aliases, so the
// copy is never larger than the file.
func deepCopy(n *yaml.Node) *yaml.Node {
	cp := *n
	cp.Anchor = ""
	if n.Kind != yaml.AliasNode {
		cp.Content = make([]*yaml.Node, len(n.Content))
		for i, c := range n.Content {
			cp.Content[i] = deepCopy(c)
		}
	}
	return &cp
}

// emptyFor is an empty section for a value of type t: a list for a plain
// slice, else a mapping.
func emptyFor(t reflect.Type) *yaml.Node {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() == reflect.Slice && keyField(t.Elem()) < 0 {
		return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	}
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
}

func mappingKeys(n *yaml.Node) []string {
	var keys []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		keys = append(keys, n.Content[i].Value)
	}
	return keys
}
