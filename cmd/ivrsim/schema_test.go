package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSchemaCommand(t *testing.T) {
	for _, tt := range []struct {
		args  []string
		title string
	}{
		{[]string{"schema"}, "ivrsim scenario"},
		{[]string{"schema", "--flow"}, "ivrsim flow file"},
	} {
		code, out, errOut := ivrsim(t, tt.args...)
		if code != exitOK || errOut != "" {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var s map[string]any
		if err := json.Unmarshal([]byte(out), &s); err != nil {
			t.Fatalf("not JSON: %v", err)
		}
		if s["$schema"] != "https://json-schema.org/draft/2020-12/schema" || s["title"] != tt.title {
			t.Errorf("$schema %v, title %v", s["$schema"], s["title"])
		}
	}
}

func TestSchemaOut(t *testing.T) {
	file := filepath.Join(t.TempDir(), "ivrsim.schema.json")
	code, out, errOut := ivrsim(t, "schema", "--out", file)
	if code != exitOK || out != "" || errOut != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	_, want, _ := ivrsim(t, "schema")
	got, err := os.ReadFile(file)
	if err != nil || string(got) != want {
		t.Errorf("file differs from standard output: %v", err)
	}
	if code, _, _ := ivrsim(t, "schema", "--out", filepath.Join(t.TempDir(), "no", "dir", "x.json")); code != exitUsage {
		t.Errorf("a file in a missing folder: exit %d, want 2", code)
	}
	if code, _, _ := ivrsim(t, "schema", "extra"); code != exitUsage {
		t.Errorf("extra argument: exit %d", code)
	}
}

func TestSchemaHelp(t *testing.T) {
	_, out, _ := ivrsim(t, "schema", "--help")
	for _, want := range []string{"# yaml-language-server: $schema=./ivrsim.schema.json", "yaml.schemas", "--flow"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q", want)
		}
	}
}
