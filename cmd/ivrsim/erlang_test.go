package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/results"
)

// runCLI runs ivrsim in-process and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errBuf bytes.Buffer
	code = execute(context.Background(), args, streams{Out: &out, Err: &errBuf})
	return code, out.String(), errBuf.String()
}

// runJSON runs a command that must succeed and decodes its JSON output.
func runJSON(t *testing.T, args ...string) map[string]any {
	t.Helper()
	code, out, errOut := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("ivrsim %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	for _, bad := range []string{"NaN", "Inf"} {
		if strings.Contains(out, bad) {
			t.Fatalf("ivrsim %s printed %s:\n%s", strings.Join(args, " "), bad, out)
		}
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("ivrsim %s: output is not JSON: %v\n%s", strings.Join(args, " "), err, out)
	}
	return m
}

func wantNumber(t *testing.T, m map[string]any, key string, want float64) {
	t.Helper()
	got, ok := m[key].(float64)
	if !ok {
		t.Errorf("%s = %v (%T), want the number %v", key, m[key], m[key], want)
		return
	}
	// encoding/json writes the shortest form that reads back exactly.
	if got != want {
		t.Errorf("%s = %.17g, want %.17g", key, got, want)
	}
}

func TestErlangCJSON(t *testing.T) {
	m := runJSON(t, "erlang", "c", "--rate", "100/30m", "--aht", "3m", "--agents", "14", "--within", "20s", "--json")
	p := models.ErlangCPerformance(100.0/1800, 180, 14, 20)
	wantNumber(t, m, "agents", 14)
	wantNumber(t, m, "load", p.Load)
	wantNumber(t, m, "within", 20)
	wantNumber(t, m, "p_wait", p.PWait)
	wantNumber(t, m, "asa", p.ASA)
	wantNumber(t, m, "service_level", p.ServiceLevel)
	wantNumber(t, m, "occupancy", p.Occupancy)
	if _, ok := m["abandon_rate"]; ok {
		t.Error("erlang c printed abandon_rate")
	}
	if _, ok := m["note"]; ok {
		t.Error("a stable queue got a note")
	}
}

func TestErlangCLoadFlag(t *testing.T) {
	// --load is the rate times the handle time.
	m := runJSON(t, "erlang", "c", "--load", "10", "--aht", "180s", "--agents", "12", "--json")
	p := models.ErlangCPerformance(10.0/180, 180, 12, 20)
	wantNumber(t, m, "p_wait", p.PWait)
	wantNumber(t, m, "asa", p.ASA)
	wantNumber(t, m, "service_level", p.ServiceLevel)
}

func TestErlangAJSON(t *testing.T) {
	m := runJSON(t, "erlang", "a", "--rate", "100/min", "--aht", "1m", "--patience", "2m", "--agents", "100", "--within", "20s", "--json")
	p := models.ErlangAPerformance(100.0/60, 60, 120, 100, 20)
	wantNumber(t, m, "agents", 100)
	wantNumber(t, m, "p_wait", p.PWait)
	wantNumber(t, m, "abandon_rate", p.PAbandon)
	wantNumber(t, m, "asa", p.ASA)
	wantNumber(t, m, "service_level", p.ServiceLevel)
	wantNumber(t, m, "occupancy", p.Occupancy)
	if m["model"] != "erlang_a" {
		t.Errorf("model = %v", m["model"])
	}
}

func TestErlangBJSON(t *testing.T) {
	m := runJSON(t, "erlang", "b", "--load", "10", "--lines", "10", "--json")
	wantNumber(t, m, "lines", 10)
	wantNumber(t, m, "blocked_rate", models.ErlangB(10, 10))
	// --rate with --aht makes the same load.
	m = runJSON(t, "erlang", "b", "--rate", "200/h", "--aht", "3m", "--lines", "10", "--json")
	wantNumber(t, m, "blocked_rate", models.ErlangB(200.0/3600*180, 10))
}

func TestErlangJSONKeyOrder(t *testing.T) {
	code, out, errs := runCLI(t, "erlang", "a", "--load", "10", "--aht", "3m", "--patience", "2m", "--target", "service_level(15s) >= 80%", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	keys := []string{"schema_version", "ivrsim_version", "model", "agents", "load", "within", "p_wait", "abandon_rate", "asa", "service_level", "occupancy", "target"}
	last := -1
	for _, k := range keys {
		i := strings.Index(out, `"`+k+`":`)
		switch {
		case i < 0:
			t.Fatalf("key %q missing from\n%s", k, out)
		case i <= last:
			t.Fatalf("key %q out of order in\n%s", k, out)
		}
		last = i
	}
	// The same command prints the same bytes.
	_, again, _ := runCLI(t, "erlang", "a", "--load", "10", "--aht", "3m", "--patience", "2m", "--target", "service_level(15s) >= 80%", "--json")
	if again != out {
		t.Error("output differs between two identical runs")
	}
}

func TestErlangTable(t *testing.T) {
	code, out, errOut := runCLI(t, "erlang", "c", "--rate", "100/30m", "--aht", "3m", "--agents", "14")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := `model          Erlang C (M/M/N)
agents         14
load           10 Erlangs
p_wait         17.41%
asa            7.8 s
service_level  88.84% within 20s
occupancy      71.43%
`
	if out != want {
		t.Errorf("table:\n%s\nwant:\n%s", out, want)
	}

	_, out, _ = runCLI(t, "erlang", "a", "--rate", "100/30m", "--aht", "3m", "--patience", "2m", "--agents", "10")
	for _, line := range []string{"model          Erlang A (M/M/N+M)", "abandon_rate   13.75%", "asa            14.6 s", "service_level  63.99% within 20s"} {
		if !strings.Contains(out, line+"\n") {
			t.Errorf("erlang a table lacks %q:\n%s", line, out)
		}
	}

	_, out, _ = runCLI(t, "erlang", "b", "--load", "10", "--target", "blocked_rate <= 1%")
	for _, line := range []string{"lines         18  (the fewest lines meeting blocked_rate <= 0.01)", "blocked_rate  0.71%"} {
		if !strings.Contains(out, line+"\n") {
			t.Errorf("erlang b table lacks %q:\n%s", line, out)
		}
	}
}

func TestErlangTarget(t *testing.T) {
	// Erlang C for a service level: the same answer as the library, and
	// the figures of that staffing.
	m := runJSON(t, "erlang", "c", "--load", "10", "--aht", "180s", "--target", "service_level >= 0.8", "--within", "20s", "--json")
	tg := analyticTarget(t, "service_level(20s) >= 0.8")
	n, err := models.StaffErlangC(10.0/180, 180, tg)
	if err != nil {
		t.Fatal(err)
	}
	wantNumber(t, m, "agents", float64(n))
	wantNumber(t, m, "service_level", models.ErlangCPerformance(10.0/180, 180, n, 20).ServiceLevel)
	if m["target"] != "service_level(20s) >= 0.8" {
		t.Errorf("target = %v", m["target"])
	}

	// The time may be written in the target instead of --within.
	m = runJSON(t, "erlang", "a", "--rate", "100/30m", "--aht", "3m", "--patience", "2m", "--target", "service_level(30s) >= 90%", "--json")
	tg = analyticTarget(t, "service_level(30s) >= 0.9")
	n, _ = models.StaffErlangA(100.0/1800, 180, 120, tg)
	wantNumber(t, m, "agents", float64(n))
	wantNumber(t, m, "within", 30)

	// Other metrics, Erlang A.
	for _, c := range []string{"asa <= 30s", "abandon_rate <= 0.05", "p_wait <= 30%", "occupancy <= 0.85"} {
		m = runJSON(t, "erlang", "a", "--rate", "6000/h", "--aht", "4m", "--patience", "3m", "--target", c, "--json")
		tg = analyticTarget(t, c)
		n, err = models.StaffErlangA(6000.0/3600, 240, 180, tg)
		if err != nil {
			t.Fatal(err)
		}
		wantNumber(t, m, "agents", float64(n))
		if m["target"] != tg.String() {
			t.Errorf("%s: target = %v", c, m["target"])
		}
	}

	// Erlang B for lines.
	m = runJSON(t, "erlang", "b", "--load", "10", "--target", "blocked_rate <= 0.01", "--json")
	wantNumber(t, m, "lines", 18)
}

func TestErlangUnstableNote(t *testing.T) {
	m := runJSON(t, "erlang", "c", "--load", "10", "--aht", "3m", "--agents", "10", "--json")
	if v, ok := m["asa"]; !ok || v != nil {
		t.Errorf("asa = %v (present %v), want null", v, ok)
	}
	note, _ := m["note"].(string)
	if !strings.Contains(note, "grows without bound") {
		t.Errorf("note = %q", note)
	}
	wantNumber(t, m, "p_wait", 1)
	wantNumber(t, m, "service_level", 0)
	wantNumber(t, m, "occupancy", 1)

	code, out, _ := runCLI(t, "erlang", "c", "--load", "10", "--aht", "3m", "--agents", "9")
	if code != 0 || !strings.Contains(out, "asa            no finite value\n") || !strings.Contains(out, "note: the queue grows without bound") {
		t.Errorf("exit %d, table:\n%s", code, out)
	}

	// Erlang A with no agents: nobody is answered.
	m = runJSON(t, "erlang", "a", "--load", "10", "--aht", "3m", "--patience", "1m", "--agents", "0", "--json")
	if m["asa"] != nil || !strings.Contains(m["note"].(string), "no call is answered") {
		t.Errorf("no agents: %v", m)
	}
	wantNumber(t, m, "abandon_rate", 1)
}

func TestErlangUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"erlang", "c", "--load", "10", "--aht", "3m"}, "say how many agents"},
		{[]string{"erlang", "c", "--load", "10", "--aht", "3m", "--agents", "12", "--target", "asa <= 30s"}, "not both"},
		{[]string{"erlang", "c", "--load", "10", "--rate", "1/s", "--aht", "3m", "--agents", "12"}, "either --load"},
		{[]string{"erlang", "c", "--aht", "3m", "--agents", "12"}, "how much traffic"},
		{[]string{"erlang", "c", "--load", "-1", "--aht", "3m", "--agents", "12"}, "negative"},
		{[]string{"erlang", "c", "--load", "ten", "--aht", "3m", "--agents", "12"}, "not a number"},
		{[]string{"erlang", "c", "--load", "NaN", "--aht", "3m", "--agents", "12"}, "not a number"},
		{[]string{"erlang", "c", "--rate", "-5/min", "--aht", "3m", "--agents", "12"}, "cannot be negative"},
		{[]string{"erlang", "c", "--rate", "5/fortnight", "--aht", "3m", "--agents", "12"}, "unknown period"},
		{[]string{"erlang", "c", "--load", "10", "--agents", "12"}, "--aht is required"},
		{[]string{"erlang", "c", "--load", "10", "--aht", "0", "--agents", "12"}, "longer than 0s"},
		{[]string{"erlang", "c", "--load", "10", "--aht", "soon", "--agents", "12"}, "--aht: invalid duration"},
		{[]string{"erlang", "c", "--load", "10", "--aht", "3m", "--agents", "-2"}, "negative"},
		{[]string{"erlang", "c", "--load", "10", "--aht", "3m", "--agents", "12.5"}, "not a whole number"},
		{[]string{"erlang", "c", "--load", "10", "--aht", "3m", "--agents", "100001"}, "more than 100000"},
		{[]string{"erlang", "c", "--load", "10", "--aht", "3m", "--agents", "12", "--within", "-5s"}, "cannot be negative"},
		{[]string{"erlang", "c", "--load", "1e9", "--aht", "3m", "--agents", "12"}, "beyond what 100000"},
		{[]string{"erlang", "c", "--load", "10", "--aht", "3m", "--target", "abandon_rate <= 0.05"}, "use erlang a"},
		{[]string{"erlang", "a", "--load", "10", "--aht", "3m", "--patience", "1e300h", "--agents", "12"}, "longer than a year"},
		{[]string{"erlang", "c", "--rate", "1/h", "--aht", "400d", "--agents", "12"}, "longer than a year"},
		{[]string{"erlang", "c", "--load", "10", "--aht", "3m", "--target", "blocked_rate <= 0.05"}, "use erlang b"},
		{[]string{"erlang", "c", "--load", "10", "--aht", "3m", "--target", "service_level >= 80"}, "write 0.8 or 80%"},
		{[]string{"erlang", "c", "--load", "10", "--aht", "3m", "--target", "service_level <= 0.8"}, "fewer agents"},
		{[]string{"erlang", "c", "--load", "10", "--aht", "3m", "--target", "service_level(30s) >= 0.8", "--within", "20s"}, "disagree"},
		{[]string{"erlang", "a", "--load", "10", "--aht", "3m", "--agents", "12"}, "--patience is required"},
		{[]string{"erlang", "a", "--load", "10", "--aht", "3m", "--patience", "0s", "--agents", "12"}, "longer than 0s"},
		{[]string{"erlang", "a", "--load", "200000", "--aht", "3m", "--patience", "1h", "--target", "abandon_rate <= 0.01"}, "no staffing of up to 100000"},
		{[]string{"erlang", "b", "--load", "10"}, "say how many lines"},
		{[]string{"erlang", "b", "--rate", "10/min", "--lines", "3"}, "--rate needs --aht"},
		{[]string{"erlang", "b", "--load", "10", "--aht", "3m", "--lines", "3"}, "only needed with --rate"},
		{[]string{"erlang", "b", "--load", "10", "--target", "asa <= 30s"}, "only predicts blocked_rate"},
		{[]string{"erlang", "b", "--load", "10", "--lines", "3", "--bogus"}, "unknown flag"},
		{[]string{"erlang", "x"}, `unknown model "x"`},
		{[]string{"erlang", "c", "extra", "--load", "10", "--aht", "3m", "--agents", "12"}, `takes flags only, not "extra"`},
	} {
		code, out, errOut := runCLI(t, c.args...)
		if code != exitUsage {
			t.Errorf("ivrsim %s: exit %d, want %d (stderr %q)", strings.Join(c.args, " "), code, exitUsage, errOut)
			continue
		}
		if !strings.Contains(errOut, c.want) {
			t.Errorf("ivrsim %s: error %q, want it to mention %q", strings.Join(c.args, " "), errOut, c.want)
		}
		if out != "" {
			t.Errorf("ivrsim %s: wrote %q to standard output on error", strings.Join(c.args, " "), out)
		}
	}
}

// TestErlangEveryProblem: several mistakes are reported at once, one a
// line, each naming its flag.
func TestErlangEveryProblem(t *testing.T) {
	code, out, errOut := runCLI(t, "erlang", "c", "--load", "x", "--aht", "y", "--agents", "z", "--format", "csv")
	want := `ivrsim: the flags have 4 problems:
--format "csv": the calculators print table or json
--aht: invalid duration "y": expected a number at "y"; write 45s, 3m or 1h30m
--load "x" is not a number: give the offered load in Erlangs, e.g. --load 12.5
--agents "z" is not a whole number: write e.g. --agents 25
`
	if code != exitUsage || out != "" || errOut != want {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant:\n%s", code, out, errOut, want)
	}
}

func TestErlangHelp(t *testing.T) {
	code, out, _ := runCLI(t, "erlang")
	if code != 0 || !strings.Contains(out, "erlang c") {
		t.Errorf("ivrsim erlang: exit %d\n%s", code, out)
	}
	for _, model := range []string{"b", "c", "a"} {
		code, out, _ := runCLI(t, "erlang", model, "--help")
		if code != 0 || !strings.Contains(out, "Exit codes:") || !strings.Contains(out, "ivrsim help exit-codes") {
			t.Errorf("ivrsim erlang %s --help: exit %d, no exit codes in\n%s", model, code, out)
		}
	}
}

// analyticTarget reads a target as erlang does.
func analyticTarget(t *testing.T, s string) models.Target {
	t.Helper()
	th, err := results.ParseTarget(s)
	if err != nil {
		t.Fatal(err)
	}
	tg, ok := th.Analytic()
	if !ok {
		t.Fatalf("%q has no analytic form", s)
	}
	return tg
}
