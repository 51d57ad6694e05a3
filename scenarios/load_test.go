package scenarios

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/models"
)

const minimal = `arrivals: {rate: 60/min}
intents: {call: {handle_time: exponential(mean=3m)}}
segments: {everyone: {share: 1, patience: exponential(mean=5m)}}
agents: {team: {count: 20}}
`

func mustParse(t *testing.T, src string, sets ...string) *Scenario {
	t.Helper()
	sc, err := Parse("test.yaml", []byte(src), sets)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func parseErr(t *testing.T, src string, sets ...string) Errors {
	t.Helper()
	_, err := Parse("test.yaml", []byte(src), sets)
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("want Errors, got %v", err)
	}
	return es
}

func TestParseDefaults(t *testing.T) {
	sc := mustParse(t, minimal)
	if sc.Name != "test" || sc.File != "test.yaml" {
		t.Errorf("name %q file %q", sc.Name, sc.File)
	}
	if sc.Version != 1 || sc.Horizon.Days != DefaultDays || sc.ServiceLevel.Within != DefaultServiceLevel {
		t.Errorf("defaults not applied: %+v", sc)
	}
	if sc.Arrivals.Rate.PerSecond() != 1 {
		t.Errorf("rate %v per second", sc.Arrivals.Rate)
	}
	seg := sc.Segments[0]
	if seg.Trust != DefaultPriorTrust || seg.MenuTolerance != DefaultMenuTolerance || seg.Redial.Max != DefaultRedialMax {
		t.Errorf("segment defaults not applied: %+v", seg)
	}
	if p := sc.Positions["agents.team.count"]; p.Line != 4 || p.Col != 24 {
		t.Errorf("position of agents.team.count = %v", p)
	}
	if p := sc.Positions["agents.team#key"]; p.Line != 4 || p.Col != 10 {
		t.Errorf("position of agents.team's name = %v", p)
	}
}

func TestParseKeepsFileOrder(t *testing.T) {
	sc := mustParse(t, `arrivals: {rate: 60/min}
intents:
  zeta: {handle_time: 1m, share: 0.5}
  alpha: {handle_time: 1m, share: 0.5}
agents: {b: {count: 1}, a: {count: 1}}
`)
	if sc.Intents[0].Name != "zeta" || sc.Agents[0].Name != "b" {
		t.Errorf("order lost: %v %v", sc.Intents, sc.Agents)
	}
}

func TestParseNullKeepsDefault(t *testing.T) {
	sc := mustParse(t, minimal+"trust: ~\nwarmup: null\n")
	if sc.Trust.Success != DefaultTrustSuccess {
		t.Errorf("trust = %+v", sc.Trust)
	}
	// A null count is not a count: with staffing it is no conflict.
	mustParse(t, `arrivals: {interval: 1h, start: "08:00", profile: [10, 20]}
intents: {call: {handle_time: 3m}}
agents: {team: {count: ~, staffing: [1, 2]}}
`)
}

func TestParseMergeKeys(t *testing.T) {
	sc, err := Load("testdata/good/flows.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	hurried := sc.Segments[1]
	if hurried.Name != "hurried" || hurried.MenuAccuracy != 0.9 || hurried.Share != 0.3 || hurried.Redial.AfterAbandon != 0.6 {
		t.Errorf("merge not applied: %+v", hurried)
	}
	if got := sc.Designs[0].File; got != filepath.Join("testdata", "good", "flows", "menu.yaml") {
		t.Errorf("design file %q", got)
	}
	if p := sc.Positions["designs.menu.nodes.greet.next"]; !strings.HasSuffix(p.File, "menu.yaml") || p.Line != 4 {
		t.Errorf("position in the flow file = %v", p)
	}
}

func TestLoadBuiltinByName(t *testing.T) {
	for _, name := range BuiltinNames() {
		sc, err := Load(name, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if sc.File != name+".yaml" {
			t.Errorf("%s: file %q", name, sc.File)
		}
	}
	_, err := Load("no-such-scenario", nil)
	if err == nil || !strings.Contains(err.Error(), "built-ins: ") {
		t.Errorf("unknown name: %v", err)
	}
}

func TestLoadUnreadable(t *testing.T) {
	dir := t.TempDir()
	_, err := Load(dir, nil)
	if err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("directory: %v", err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, make([]byte, MaxFileSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(big, nil); err == nil || !strings.Contains(err.Error(), "at most") {
		t.Errorf("big file: %v", err)
	}
}

func TestParseFlowFileNeedsLoad(t *testing.T) {
	es := parseErr(t, minimal+"designs: {menu: {file: flows/menu.yaml}}\n")
	if len(es) != 1 || es[0].Path != "designs.menu.file" || !strings.Contains(es[0].Msg, "loaded from a file") {
		t.Errorf("got %v", es)
	}
}

// TestYAMLErrorPositions checks the line and column given for YAML syntax
// errors, which the YAML library reports without columns and, for some,
// on the wrong line.
func TestYAMLErrorPositions(t *testing.T) {
	tests := []struct {
		src       string
		line, col int
		want      string
	}{
		{"a: 1\nb: [1, 2\nc: 3\n", 2, 4, "not closed"},
		{"a: 1\nb: {x: 1\nc: 3\n", 2, 4, "not closed"},
		{"a: 1\nb:\n  c: 1\n   d: 2\n", 4, 5, "indentation"},
		{"a: b: c\n", 1, 5, "indentation"},
		{"a: 1\nb\nc: 3\n", 2, 1, "followed by ':'"},
		{"a: 1\n\tb: 2\n", 2, 1, "tabs"},
		{"x: @foo\n", 1, 4, "quote it"},
		{"a: 1\nb: \"abc\nc: 3\n", 2, 4, "closing quote"},
		{"a: 1\nb: *nope\n", 2, 4, "&nope"},
		{"a: 1\nb:\n  - 1\n  c: 2\n", 3, 3, "list"},
		{"a: \x01\n", 1, 4, "control character"},
		{"a: \xff\n", 1, 4, "UTF-8"},
		{"a: 1\n---\nb: 2\n", 3, 1, "second YAML document"},
		{"- a\n- b\n", 1, 1, "not a list"},
	}
	for _, tt := range tests {
		es := parseErr(t, tt.src)
		e := es[0]
		if len(es) != 1 || e.Pos.Line != tt.line || e.Pos.Col != tt.col || !strings.Contains(e.Msg, tt.want) {
			t.Errorf("%q: got %v, want line %d col %d and %q", tt.src, es, tt.line, tt.col, tt.want)
		}
	}
}

// TestParseAliasBomb checks a few lines of aliases that expand to billions
// of values are refused (walking them would not end within the test's
// timeout).
func TestParseAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("l0: &l0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [*l%[3]d, *l%[3]d, *l%[3]d, *l%[3]d, *l%[3]d, *l%[3]d, *l%[3]d, *l%[3]d, *l%[3]d, *l%[3]d]\n", i, i, i-1)
	}
	// Agents whose staffing is a huge list, repeated by merge keys.
	b.WriteString("arrivals: {profile: *l9}\nagents: {a: {staffing: *l9}, b: {staffing: *l9}}\n")
	es := parseErr(t, b.String())
	if !strings.Contains(es.Error(), "unknown field") {
		t.Errorf("got %v", es)
	}

	// The same through the levels the decoder walks into: designs of
	// nodes of options, every value a mistake.
	b.Reset()
	b.WriteString(minimal + "x:\n  o: &o [{key: [1], intents: [[1]], next: [1]}, {key: [1], intents: [[1]], next: [1]}]\n")
	b.WriteString("  n: &n {type: [1], options: [*o, *o, *o, *o, *o, *o, *o, *o, *o, *o]}\n")
	b.WriteString("  ns: &ns {" + strings.Repeat("a: *n, ", 1)[:0])
	for i := range 100 {
		fmt.Fprintf(&b, "n%d: *n, ", i)
	}
	b.WriteString("z: *n}\n  d: &d {start: [1], nodes: *ns}\ndesigns: {")
	for i := range 100 {
		fmt.Fprintf(&b, "d%d: *d, ", i)
	}
	b.WriteString("z: *d}\n")
	es = parseErr(t, b.String())
	if len(es) > maxErrors+1 {
		t.Errorf("%d problems reported", len(es))
	}
}

func TestParseSelfReference(t *testing.T) {
	// An anchor used inside itself makes the node tree a cycle.
	es := parseErr(t, "arrivals: &a {rate: 1/s, profile: *a}\nsegments: &s {x: *s}\n")
	if len(es) == 0 {
		t.Fatal("no error")
	}
}

func TestErrorsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString(minimal)
	for i := range 300 {
		fmt.Fprintf(&b, "unknown%d: 1\n", i)
	}
	es := parseErr(t, b.String())
	if len(es) != maxErrors+1 || !strings.Contains(es[maxErrors].Msg, "more problems") {
		t.Errorf("%d problems, last %v", len(es), es[len(es)-1])
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		e    Error
		want string
	}{
		{Error{Pos{"a.yaml", 3, 5}, "x.y", "bad"}, "a.yaml:3:5: x.y: bad"},
		{Error{Pos{"a.yaml", 3, 0}, "", "bad"}, "a.yaml:3: bad"},
		{Error{Pos{"--set x=1", 0, 0}, "x", "bad"}, "--set x=1: x: bad"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	fields := []string{"share", "intents", "patience", "menu_tolerance", "trust", "handle_time", "days"}
	tests := map[string]string{
		"sahre":          "share",
		"Share":          "share",
		"intent":         "intents",
		"pateince":       "patience",
		"menu_tolerence": "menu_tolerance",
		"handel_time":    "handle_time",
		"dyas":           "days",
		"colour":         "",
		"x":              "",
		"trust":          "",
	}
	for in, want := range tests {
		if got := models.Suggest(in, fields); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseChainedMerges(t *testing.T) {
	// calm merges base, and b merges both: keys written win, then the
	// first merged mapping, then what it merges.
	sc := mustParse(t, `arrivals: {rate: 60/min}
intents: {call: {handle_time: 3m}}
segments:
  base: &base {share: 0, patience: 5m, trust: 0.2}
  calm: &calm {<<: *base, share: 0, trust: 0.3}
  a: {<<: *calm, share: 0.5}
  b: {<<: [*calm, *base], share: 0.5, trust: 0.9}
agents: {team: {count: 10}}
`)
	a, b := sc.Segments[2], sc.Segments[3]
	if a.Trust != 0.3 || a.Patience.Mean() != 300 || b.Trust != 0.9 || b.Patience.Mean() != 300 {
		t.Errorf("a %+v\nb %+v", a, b)
	}
}

// TestParseMergeChain checks a long chain of merges, each segment merging
// the one before, is refused rather than walked again for each (which
// would take quadratic time: the test's own timeout is the bound; how
// fast it is refused is measured by BenchmarkParseMergeChain).
func TestParseMergeChain(t *testing.T) {
	var b strings.Builder
	b.WriteString("arrivals: {rate: 60/min}\nintents: {call: {handle_time: 3m}}\nagents: {team: {count: 10}}\nsegments:\n  s0: &s0 {share: 0}\n")
	for i := 1; i < 20000; i++ {
		fmt.Fprintf(&b, "  s%d: &s%d {<<: *s%d, x%d: 1}\n", i, i, i-1, i)
	}
	es := parseErr(t, b.String())
	if !strings.Contains(es.Error(), "expands to more than") {
		t.Errorf("got %.300s", es.Error())
	}
}

func BenchmarkParseMergeChain(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("arrivals: {rate: 60/min}\nintents: {call: {handle_time: 3m}}\nagents: {team: {count: 10}}\nsegments:\n  s0: &s0 {share: 0}\n")
	for i := 1; i < 20000; i++ {
		fmt.Fprintf(&sb, "  s%d: &s%d {<<: *s%d, x%d: 1}\n", i, i, i-1, i)
	}
	data := []byte(sb.String())
	for b.Loop() {
		if _, err := Parse("chain.yaml", data, nil); err == nil {
			b.Fatal("accepted")
		}
	}
}

// TestLoadBuiltinBesideDirectory: a directory named like a built-in does
// not hide the built-in.
func TestLoadBuiltinBesideDirectory(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.Mkdir("bank", 0o755); err != nil {
		t.Fatal(err)
	}
	sc, err := Load("bank", nil)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Name != "bank" || len(sc.Designs) != 2 {
		t.Fatalf("loaded %q with %d designs", sc.Name, len(sc.Designs))
	}
}
