package scenarios

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// watchdog crashes the fuzzing worker when one input takes far longer
// than any scenario should, so the fuzzer records it as a failure: the
// loader must never hang.
func watchdog(input ...any) func() bool {
	return time.AfterFunc(10*time.Second, func() {
		panic(fmt.Sprintf("Parse took over 10s on %q", input))
	}).Stop
}

// seedScenarios adds the built-ins, the valid examples and every bad case
// to a fuzz corpus.
func seedScenarios(f *testing.F, add func(data []byte)) {
	for _, name := range BuiltinNames() {
		files, err := BuiltinFiles(name)
		if err != nil {
			f.Fatal(err)
		}
		add(files[name+".yaml"])
	}
	for _, pattern := range []string{"testdata/good/*.yaml", "testdata/bad/*.yaml"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			add(data)
		}
	}
	add([]byte("a: &a [*a, *a]\nb: &b [*a, *a]\narrivals: {profile: *b}\n"))
	add([]byte("segments: {a: &s {share: 1, <<: *s}}\n"))
}

// checkParse holds one Parse result to the loader's promises.
func checkParse(t *testing.T, sc *Scenario, err error) {
	t.Helper()
	if err == nil {
		if sc == nil {
			t.Fatal("nil scenario and nil error")
		}
		return
	}
	if sc != nil {
		t.Fatal("a scenario returned with an error")
	}
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("error %T is not Errors: %v", err, err)
	}
	if len(es) == 0 {
		t.Fatal("empty Errors")
	}
	for _, e := range es {
		if e.Pos.File == "" {
			t.Fatalf("problem without a file: %v", e)
		}
		if e.Msg == "" {
			t.Fatalf("problem without a message: %v", e)
		}
	}
}

// FuzzParse checks Parse never panics or hangs, and always returns either
// a scenario or positioned Errors.
func FuzzParse(f *testing.F) {
	seedScenarios(f, func(data []byte) { f.Add(data) })
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog(data)()
		sc, err := Parse("fuzz.yaml", data, nil)
		checkParse(t, sc, err)
	})
}

// FuzzParseSet fuzzes --set overrides applied to valid scenarios: the
// path walk, the YAML of the value, and decoding of what it built.
func FuzzParseSet(f *testing.F) {
	base, err := os.ReadFile("testdata/good/bank.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		"horizon.days=7", "segments.regular.trust=0.2", "arrivals.profile.3=10", "arrivals.profile=[1, 2]",
		"designs.forced-menu.nodes.menu.options.0.next=ss", "agents.retail.count=1e9", "warmup=null",
		"designs.queue-preserving-va.nodes.q.callback.over=3m", "segments.regular.intents.balance=1",
		"horizon=~", "trust={success: 0.1}", "x.y.z=1", "arrivals.profile.x=1", "a=", "=b", "k=[",
	} {
		f.Add(base, s, "")
		f.Add([]byte("arrivals: ~\nintents: {c: {handle_time: 1m}}\nagents: {a: {count: 1}}\n"), s, "arrivals.rate=1/s")
	}
	f.Fuzz(func(t *testing.T, data []byte, set1, set2 string) {
		if _, err := ParseSet(set1); err == nil {
			// ParseSet accepts only what applySet can try.
			if !strings.Contains(set1, "=") {
				t.Fatalf("ParseSet accepted %q", set1)
			}
		}
		defer watchdog(data, set1, set2)()
		sc, err := Parse("fuzz.yaml", data, []string{set1, set2})
		checkParse(t, sc, err)
	})
}

// FuzzLoadIncludes loads a scenario whose design is in a flow file, both
// fuzzed, with a fuzzed file: path: never a panic or a hang, positioned
// errors, nothing read outside the scenario's folder, and never a quote
// of a file that is not a flow.
func FuzzLoadIncludes(f *testing.F) {
	flow := []byte("start: q\nnodes:\n  q: {type: queue, group: team}\n")
	for _, p := range []string{"flows/a.yaml", "../secret.env", "/etc/passwd", "flows/../flows/a.yaml", "secret.env", "flows", "", "flows/a.yaml\x00"} {
		f.Add([]byte(minimal), p, flow)
		f.Add([]byte(minimal), p, []byte("SECRETVALUE=1\n"))
	}
	f.Add([]byte(minimal+"designs: {b: {file: flows/a.yaml}}\n"), "flows/a.yaml", []byte("start: *x\n"))
	f.Fuzz(func(t *testing.T, data []byte, path string, flowData []byte) {
		if strings.Contains(string(data), "SECRET") || strings.Contains(path, "SECRET") {
			return
		}
		root := t.TempDir()
		dir := filepath.Join(root, "sc")
		for _, d := range []string{dir, filepath.Join(dir, "flows")} {
			if err := os.Mkdir(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(root, "secret.env"), []byte("SECRETVALUE=outside\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "flows", "a.yaml"), flowData, 0o644); err != nil {
			t.Fatal(err)
		}
		src := append(append([]byte{}, data...), []byte("\ndesigns: {a: {file: "+strconv.Quote(path)+"}}\n")...)
		file := filepath.Join(dir, "s.yaml")
		if err := os.WriteFile(file, src, 0o644); err != nil {
			t.Fatal(err)
		}
		defer watchdog(src, path, flowData)()
		sc, err := Load(file, nil)
		if err != nil && strings.Contains(err.Error(), "SECRETVALUE") {
			t.Fatalf("the error quotes a file that is not a flow: %v", err)
		}
		if sc != nil {
			for _, d := range sc.Designs {
				if d.File != "" && !strings.HasPrefix(d.File, dir+string(filepath.Separator)) {
					t.Fatalf("design %q read %s, outside %s", d.Name, d.File, dir)
				}
			}
		}
		checkParse(t, sc, err)
	})
}
