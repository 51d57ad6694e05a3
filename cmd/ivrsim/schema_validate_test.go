package main

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// compileSchema compiles what ivrsim schema prints with a JSON Schema
// validator (draft 2020-12), as an editor would use it.
func compileSchema(t *testing.T, args ...string) *jsonschema.Schema {
	t.Helper()
	code, out, errs := ivrsim(t, append([]string{"schema"}, args...)...)
	if code != exitOK {
		t.Fatalf("schema: exit %d: %s", code, errs)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	id := doc.(map[string]any)["$id"].(string)
	c := jsonschema.NewCompiler()
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(id)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return s
}

// yamlInstance reads a YAML document as the JSON value an editor's
// language server checks.
func yamlInstance(t *testing.T, name string, data []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// readmeFirstExample is the first YAML block of the README: the scenario
// format's example.
func readmeFirstExample(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindSubmatch(data)
	if m == nil {
		t.Fatal("the README has no yaml block")
	}
	return m[1]
}

// TestSchemaValidates: by a real JSON Schema validator, the README's first
// example, every built-in scenario and every flow file is valid, and the
// schema has its $id.
func TestSchemaValidates(t *testing.T) {
	scenario, flow := compileSchema(t), compileSchema(t, "--flow")
	if scenario.ID != scenarios.SchemaID || flow.ID != scenarios.FlowSchemaID {
		t.Errorf("$id %q and %q", scenario.ID, flow.ID)
	}
	readme := readmeFirstExample(t)
	if !bytes.Contains(readme, []byte("designs:")) {
		t.Fatalf("the README's first yaml block is not a scenario:\n%s", readme)
	}
	if err := scenario.Validate(yamlInstance(t, "README", readme)); err != nil {
		t.Errorf("the README's first example: %v", err)
	}
	n := 0
	for _, name := range scenarios.BuiltinNames() {
		files, err := scenarios.BuiltinFiles(name)
		if err != nil {
			t.Fatal(err)
		}
		for p, data := range files {
			s := scenario
			if strings.Contains(p, "/") {
				s = flow
			}
			if err := s.Validate(yamlInstance(t, p, data)); err != nil {
				t.Errorf("built-in %s, %s: %v", name, p, err)
			}
			n++
		}
	}
	if n < len(scenarios.BuiltinNames()) {
		t.Fatalf("only %d files checked", n)
	}
}

// TestSchemaRejectsMistakes: what an editor should flag is invalid by the
// schema: a misspelt distribution family, a family without its parameters,
// a threshold on no metric, a percentage over 100%; and the right forms
// of each are valid.
func TestSchemaRejectsMistakes(t *testing.T) {
	s := compileSchema(t)
	base := "arrivals: {rate: 1/s}\nintents: {call: {handle_time: 3m}}\nagents: {team: {count: 1}}\n"
	tests := []struct {
		name, yaml string
		valid      bool
	}{
		{"patience", "segments: {a: {share: 1, patience: exponential(mean=4m)}}", true},
		{"misspelt family", "segments: {a: {share: 1, patience: exponentail(mean=4m)}}", false},
		{"family without cv", "segments: {a: {share: 1, patience: 'lognormal(mean=4m)'}}", false},
		{"unknown parameter", "segments: {a: {share: 1, patience: 'gamma(mean=4m, sd=1m)'}}", false},
		{"parameters in any order", "segments: {a: {share: 1, patience: 'Gamma (cv=0.5, mean=4m)'}}", true},
		{"positional", "segments: {a: {share: 1, patience: 'uniform(10s, 30s)'}}", true},
		{"metric threshold", "thresholds: {abandon_rate: ['< 8%']}", true},
		{"design threshold", "thresholds: {'abandon_rate{queue-preserving-va}': ['< 8%']}", true},
		{"percentile target", "thresholds: {wait: ['p(90) < 2m']}", true},
		{"unknown threshold key", "thresholds: {abandonment_rate: ['< 8%']}", false},
		{"threshold on a prefix", "thresholds: {abandon_rate_total: ['< 8%']}", false},
		{"percentage", "segments: {a: {share: 1, trust: 40%}}", true},
		{"100 percent", "segments: {a: {share: 1, trust: 100%}}", true},
		{"150 percent", "segments: {a: {share: 1, trust: 150%}}", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := base + tt.yaml + "\n"
			err := s.Validate(yamlInstance(t, tt.name, []byte(doc)))
			if (err == nil) != tt.valid {
				t.Errorf("valid %v, want %v: %v\n%s", err == nil, tt.valid, err, doc)
			}
			// The schema agrees with the loader on these.
			_, lerr := scenarios.Parse("doc.yaml", []byte(doc), nil)
			if tt.valid && lerr != nil {
				t.Errorf("the schema accepts what ivrsim rejects: %v", lerr)
			}
		})
	}
}
