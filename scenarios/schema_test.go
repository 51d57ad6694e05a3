package scenarios

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func loadSchema(t *testing.T, flow bool) map[string]any {
	t.Helper()
	b, err := JSONSchema(flow)
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("the schema is not valid JSON: %v", err)
	}
	return s
}

func TestSchemaIsJSON(t *testing.T) {
	for _, flow := range []bool{false, true} {
		s := loadSchema(t, flow)
		if s["$schema"] != SchemaURI {
			t.Errorf("$schema = %v", s["$schema"])
		}
		if _, ok := s["$defs"].(map[string]any); !ok {
			t.Errorf("no $defs")
		}
	}
}

// TestSchemaCoversEveryField checks every field of every type of the format
// appears in the schema with a description, and that no description is
// left for a field that no longer exists.
func TestSchemaCoversEveryField(t *testing.T) {
	defs := loadSchema(t, false)["$defs"].(map[string]any)
	known := map[string]bool{}
	for _, typ := range schemaTypes() {
		def, ok := defs[typ.Name()].(map[string]any)
		if !ok {
			t.Errorf("no definition of %s", typ.Name())
			continue
		}
		if def["description"] == "" || def["description"] == nil {
			t.Errorf("%s has no description", typ.Name())
		}
		if def["additionalProperties"] != false {
			t.Errorf("%s allows unknown keys", typ.Name())
		}
		props := def["properties"].(map[string]any)
		for i := range typ.NumField() {
			f := typ.Field(i)
			key := yamlName(f)
			if key == "" {
				continue
			}
			known[typ.Name()+"."+f.Name] = true
			p, ok := props[key].(map[string]any)
			if !ok {
				t.Errorf("%s.%s (%s) is not in the schema", typ.Name(), f.Name, key)
				continue
			}
			if d, _ := p["description"].(string); d == "" {
				t.Errorf("%s.%s (%s) has no description", typ.Name(), f.Name, key)
			}
		}
		if len(props) != len(fieldNames(typ)) {
			t.Errorf("%s: %d properties for %d fields", typ.Name(), len(props), len(fieldNames(typ)))
		}
	}
	for k := range fieldDescriptions {
		if !known[k] {
			t.Errorf("description of %s, which is not a field", k)
		}
	}
	for k := range fieldConstraints {
		if !known[k] {
			t.Errorf("constraint on %s, which is not a field", k)
		}
	}
}

// TestSchemaPatterns checks the text-form patterns against the parsers:
// whatever ivrsim reads, the editor must accept.
func TestSchemaPatterns(t *testing.T) {
	type check struct {
		pattern string
		parse   func(string) error
		good    []string
		bad     []string
	}
	node := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }
	checks := map[string]check{
		"duration": {PatternDuration, func(s string) error { var d Duration; return d.decodeScalar(node(s)) },
			[]string{"45s", "3m", "1h30m", "90", "1.5h", "250ms", "2d", "0", "1e3", " 45s ", "10min", "5sec"},
			[]string{"1 hour", "5mins", "-3s", "abc", "", "3m-"}},
		"rate": {PatternRate, func(s string) error { var r Rate; return r.decodeScalar(node(s)) },
			[]string{"100/min", "6000/h", "100/30m", "2.5", "2.5/s", "100 / min", "1/day", "30/hour", "7/1h30m"},
			[]string{"100 per minute", "fast", "/min", "-1/min"}},
		"probability": {PatternProbability, func(s string) error { var p Probability; return p.decodeScalar(node(s)) },
			[]string{"25%", "0%", "100%", " 12.5 % "},
			[]string{"25", "abc%", "%", "150%", "100.5%", "-5%"}},
		"time of day": {PatternTimeOfDay, func(s string) error { var d TimeOfDay; return d.decodeScalar(node(s)) },
			[]string{"08:00", "8:00", "23:59:59", "24:00"},
			[]string{"8am", "25:00", "08:60", "0800"}},
		"distribution": {PatternDist, func(s string) error { var d Dist; return d.decodeScalar(node(s)) },
			[]string{"45s", "exponential(mean=2m)", "exp(2m)", "lognormal(mean=3m, cv=1.2)", "gamma(shape=2, scale=90s)",
				"weibull(mean=2m, shape=1.5)", "uniform(10s, 30s)", "empirical(10s, 20s, 35s)", "fixed(45s)", "LogNormal (mu=4.5, sigma=0.9)"},
			[]string{"lognormal", "exponential(mean=2m", "1 hour", "exponentail(mean=4m)", "lognormal(mean=3m)", "gamma(mean=3m, sd=1m)", "normal(mean=3m, sd=1m)"}},
	}
	for name, c := range checks {
		re := regexp.MustCompile(c.pattern)
		for _, s := range c.good {
			if err := c.parse(s); err != nil {
				t.Errorf("%s %q: the parser rejects it: %v", name, s, err)
			}
			if !re.MatchString(s) {
				t.Errorf("%s %q: the schema pattern rejects what ivrsim reads", name, s)
			}
		}
		for _, s := range c.bad {
			if re.MatchString(s) && c.parse(s) != nil {
				t.Errorf("%s %q: the schema pattern accepts what ivrsim rejects", name, s)
			}
		}
	}
}

// schemaChecker is a small JSON Schema checker: the keywords JSONSchema
// writes, enough to hold YAML documents to the schema's structure.
type schemaChecker struct {
	root map[string]any
}

func (c *schemaChecker) check(s map[string]any, v any, at string) []string {
	var errs []string
	fail := func(format string, args ...any) {
		errs = append(errs, at+": "+fmt.Sprintf(format, args...))
	}
	if ref, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		def, ok := c.root["$defs"].(map[string]any)[name].(map[string]any)
		if !ok {
			fail("unresolved $ref %s", ref)
			return errs
		}
		errs = append(errs, c.check(def, v, at)...)
	}
	if typ, ok := s["type"].(string); ok && !hasType(v, typ) {
		fail("expected %s, found %T (%v)", typ, v, v)
		return errs
	}
	if enum, ok := s["enum"].([]any); ok && !slices.ContainsFunc(enum, func(e any) bool { return jsonEqual(e, v) }) {
		fail("%v is not one of %v", v, enum)
	}
	if k, ok := s["const"]; ok && !jsonEqual(k, v) {
		fail("%v is not %v", v, k)
	}
	if p, ok := s["pattern"].(string); ok {
		if str, ok := v.(string); ok && !regexp.MustCompile(p).MatchString(str) {
			fail("%q does not match %s", str, p)
		}
	}
	if x, ok := number(v); ok {
		if m, ok := s["minimum"].(float64); ok && x < m {
			fail("%v is below %v", v, m)
		}
		if m, ok := s["maximum"].(float64); ok && x > m {
			fail("%v is above %v", v, m)
		}
		if m, ok := s["exclusiveMinimum"].(float64); ok && x <= m {
			fail("%v is not above %v", v, m)
		}
	}
	if forms, ok := s["anyOf"].([]any); ok {
		matched := false
		for _, sub := range forms {
			if len(c.check(sub.(map[string]any), v, at)) == 0 {
				matched = true
			}
		}
		if !matched {
			fail("%v matches none of the allowed forms", v)
		}
	}
	for _, sub := range asList(s["allOf"]) {
		sub := sub.(map[string]any)
		if cond, ok := sub["if"].(map[string]any); ok {
			if len(c.check(cond, v, at)) == 0 {
				errs = append(errs, c.check(sub["then"].(map[string]any), v, at)...)
			}
			continue
		}
		errs = append(errs, c.check(sub, v, at)...)
	}
	if items, ok := s["items"].(map[string]any); ok {
		for i, e := range asList(v) {
			errs = append(errs, c.check(items, e, fmt.Sprintf("%s.%d", at, i))...)
		}
	}
	if m, ok := v.(map[string]any); ok {
		props, _ := s["properties"].(map[string]any)
		for _, r := range asList(s["required"]) {
			if _, ok := m[r.(string)]; !ok {
				fail("required key %s is missing", r)
			}
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if pn, ok := s["propertyNames"].(map[string]any); ok {
				errs = append(errs, c.check(pn, k, at+"."+k+" (name)")...)
			}
			if p, ok := props[k].(map[string]any); ok {
				errs = append(errs, c.check(p, m[k], at+"."+k)...)
				continue
			}
			switch ap := s["additionalProperties"].(type) {
			case bool:
				if !ap {
					fail("unknown key %s", k)
				}
			case map[string]any:
				errs = append(errs, c.check(ap, m[k], at+"."+k)...)
			}
		}
	}
	return errs
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

func hasType(v any, typ string) bool {
	switch typ {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "number":
		_, ok := number(v)
		return ok
	case "integer":
		x, ok := number(v)
		return ok && x == math.Trunc(x)
	}
	return false
}

func jsonEqual(a, b any) bool {
	if x, ok := number(a); ok {
		y, ok := number(b)
		return ok && x == y
	}
	return reflect.DeepEqual(a, b)
}

// checkAgainstSchema holds one YAML document to the schema.
func checkAgainstSchema(t *testing.T, flow bool, name string, data []byte) []string {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	s := loadSchema(t, flow)
	c := &schemaChecker{root: s}
	return c.check(s, v, name)
}

// TestScenariosMatchSchema holds the built-in scenarios and the valid
// examples, with their flow files, to the schema.
func TestScenariosMatchSchema(t *testing.T) {
	files := map[string][]byte{}
	flows := map[string][]byte{}
	for _, name := range BuiltinNames() {
		fs, err := BuiltinFiles(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range SortedPaths(fs) {
			if strings.Contains(p, "/") {
				flows["builtin/"+p] = fs[p]
			} else {
				files["builtin/"+p] = fs[p]
			}
		}
	}
	good, _ := filepath.Glob("testdata/good/*.yaml")
	flowFiles, _ := filepath.Glob("testdata/good/*/*.yaml")
	for _, f := range append(good, flowFiles...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if path.Dir(filepath.ToSlash(f)) == "testdata/good" {
			files[f] = data
		} else {
			flows[f] = data
		}
	}
	for name, data := range files {
		for _, e := range checkAgainstSchema(t, false, name, data) {
			t.Error(e)
		}
	}
	for name, data := range flows {
		for _, e := range checkAgainstSchema(t, true, name, data) {
			t.Error(e)
		}
	}
}

// TestSchemaRejects checks the schema catches what an editor should flag.
func TestSchemaRejects(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown key", "arrivals: {rate: 1/s}\nintents: {}\nagents: {}\nsegmnts: {}\n", "unknown key segmnts"},
		{"missing required", "arrivals: {rate: 1/s}\nintents: {}\n", "required key agents"},
		{"wrong type", "arrivals: {rate: 1/s}\nintents: {}\nagents: {a: {count: ten}}\n", "expected integer"},
		{"bad duration", "warmup: 1 hour\narrivals: {rate: 1/s}\nintents: {}\nagents: {}\n", "none of the allowed forms"},
		{"probability range", "arrivals: {rate: 1/s}\nintents: {}\nagents: {}\nsegments: {a: {share: 1.5}}\n", "none of the allowed forms"},
		{"node type", "arrivals: {rate: 1/s}\nintents: {}\nagents: {}\ndesigns: {d: {start: a, nodes: {a: {type: qeue}}}}\n", "is not one of"},
		{"field for another type", "arrivals: {rate: 1/s}\nintents: {}\nagents: {}\ndesigns: {d: {start: a, nodes: {a: {type: end, next: b}}}}\n", "next is not one of"},
		{"name with a dot", "arrivals: {rate: 1/s}\nintents: {a.b: {handle_time: 3m}}\nagents: {}\n", "does not match"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := checkAgainstSchema(t, false, "doc", []byte(tt.yaml))
			if !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, tt.want) }) {
				t.Errorf("want an error containing %q, got %q", tt.want, errs)
			}
		})
	}
}
