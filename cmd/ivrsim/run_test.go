package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios/cdr"
)

// cli runs ivrsim in-process and returns its exit code, stdout and stderr.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return cliStreams(t, context.Background(), false, args...)
}

func cliStreams(t *testing.T, ctx context.Context, terminal bool, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := execute(ctx, args, streams{Out: &out, Err: &errb, ErrIsTerminal: terminal})
	return code, out.String(), errb.String()
}

func TestRunJSON(t *testing.T) {
	code, out, errs := cli(t, "run", "erlang-a", "--reps", "3", "--format", "json", "--set", "horizon.days=1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc results.Document
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.SchemaVersion != results.SchemaVersion || doc.Replications != 3 || len(doc.Designs) != 1 {
		t.Fatalf("unexpected document: version %d, %d replications, %d designs", doc.SchemaVersion, doc.Replications, len(doc.Designs))
	}
	for _, name := range []string{"offered", "blocked_rate", "abandon_rate", "p_wait", "asa", "service_level", "occupancy"} {
		e, ok := doc.Designs[0].Metrics[name]
		if !ok || e.N != 3 || !(e.CILow <= e.Mean && e.Mean <= e.CIHigh) {
			t.Errorf("metric %s: %+v", name, e)
		}
	}
	if errs != "" {
		t.Errorf("stderr not empty without a terminal: %q", errs)
	}
}

// TestRunBankDefault: run without a scenario compares the bank's designs,
// with every metric and a paired comparison.
func TestRunBankDefault(t *testing.T) {
	code, out, errs := cli(t, "run", "--reps", "3", "--set", "horizon.days=1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"forced-menu", "queue-preserving-va", "Δ queue-preserving-va", "abandon_rate", "adoption_rate", "cost_per_resolution"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	// The output starts with the verdict, which names every significant
	// loss of the virtual agent, and points to the report.
	first, _, _ := strings.Cut(out, "\n")
	if !strings.HasPrefix(first, "verdict: queue-preserving-va against forced-menu: better on ") || !strings.Contains(out, "--report FILE") {
		t.Errorf("no verdict first:\n%s", out)
	}
	// Every row of the table whose difference is significant and for the
	// worse is named among the losses.
	_, losses, _ := strings.Cut(first, "worse on ")
	named := 0
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 3 || f[len(f)-1] != "*" {
			continue
		}
		m, ok := results.LookupMetric(f[0])
		if !ok || m.Better == results.Neutral {
			continue
		}
		delta := f[len(f)-3] // "−183", "±34", "*" end the row
		up := strings.HasPrefix(delta, "+")
		if up == (m.Better == results.LowerIsBetter) {
			named++
			if !strings.Contains(losses, m.Name+" ") {
				t.Errorf("%s is significantly worse in the table, but the verdict's losses %q lack it", m.Name, losses)
			}
		}
	}
	if named == 0 {
		t.Errorf("no significant loss in the table: the check checked nothing\n%s", out)
	}
}

func TestRunCSV(t *testing.T) {
	code, out, errs := cli(t, "run", "erlang-a", "--reps", "2", "--format", "csv", "--set", "horizon.days=1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "design,base,other,scope,period,metric,unit,statistic,value" {
		t.Fatalf("header %v", rows[0])
	}
	found := map[string]bool{}
	for _, r := range rows[1:] {
		if len(r) != 9 {
			t.Fatalf("row %v has %d fields", r, len(r))
		}
		if r[0] == "direct" && r[3] == "total" && r[7] == "mean" {
			// Every metric says its unit; durations are in seconds.
			want := map[string]string{"abandon_rate": "ratio", "asa": "s", "hold_time": "s", "agent_time": "s", "offered": "count"}
			if u, ok := want[r[5]]; ok {
				if r[6] != u {
					t.Errorf("%s in %q, want %q", r[5], r[6], u)
				}
				found[r[5]] = true
			}
		}
	}
	if len(found) != 5 {
		t.Fatalf("total mean rows found for %v only", found)
	}
}

// TestShardsMergeExactly: four shards merged are byte-identical to the
// unsharded run's JSON.
func TestShardsMergeExactly(t *testing.T) {
	dir := t.TempDir()
	args := []string{"run", "bank", "--reps", "6", "--set", "horizon.days=1", "--seed", "3"}
	code, whole, errs := cli(t, append(args, "--format", "json")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var parts []string
	for i := 1; i <= 4; i++ {
		p := filepath.Join(dir, "part-"+itoa(i)+".json")
		if code, _, errs := cli(t, append(args, "--shard", itoa(i)+"/4", "--out", p)...); code != 0 {
			t.Fatalf("shard %d: exit %d: %s", i, code, errs)
		}
		parts = append(parts, p)
	}
	// Shard order on the command line does not matter.
	parts[0], parts[3] = parts[3], parts[0]
	code, merged, errs := cli(t, append([]string{"merge"}, parts...)...)
	if code != 0 {
		t.Fatalf("merge: exit %d: %s", code, errs)
	}
	if merged != whole {
		t.Fatal("merged shards differ from the unsharded run")
	}
	// A missing shard, a repeated one, or one of another run is refused.
	if code, _, errs := cli(t, "merge", parts[0], parts[1], parts[2]); code != 2 || !strings.Contains(errs, "missing") {
		t.Fatalf("three of four shards: exit %d, %s", code, errs)
	}
	if code, _, errs := cli(t, "merge", parts[0], parts[0], parts[1], parts[2]); code != 2 || !strings.Contains(errs, "twice") {
		t.Fatalf("a repeated shard: exit %d, %s", code, errs)
	}
	other := filepath.Join(dir, "other.json")
	if code, _, errs := cli(t, "run", "bank", "--reps", "6", "--set", "horizon.days=2", "--seed", "3", "--shard", "1/4", "--out", other); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if code, _, errs := cli(t, "merge", other, parts[1], parts[2], parts[3]); code != 2 || !strings.Contains(errs, "different scenario") {
		t.Fatalf("a shard of another scenario: exit %d, %s", code, errs)
	}
}

// TestSweep: a grid of two axes is one document with a point per
// combination, in order.
func TestSweep(t *testing.T) {
	code, _, errs := cli(t, "run", "bank", "--reps", "2", "--set", "horizon.days=1",
		"--sweep", "segments.regular.trust=0.2,0.6", "--sweep", "agents.agents.staffing.10=[5],6", "--format", "json")
	if code == 0 {
		t.Fatalf("a list where a number belongs should fail, got exit 0")
	}
	if code != 2 {
		t.Fatalf("exit %d, want 2: %s", code, errs)
	}
	code, out, errs := cli(t, "run", "bank", "--reps", "2", "--set", "horizon.days=1",
		"--sweep", "segments.regular.trust=0.2,0.6", "--sweep", "lines=4,40,80", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc results.SweepDocument
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Points) != 6 || strings.Join(doc.Sweep, ",") != "segments.regular.trust,lines" {
		t.Fatalf("%d points over %v", len(doc.Points), doc.Sweep)
	}
	if p := doc.Points[1]; p.Values[0].Value != "0.2" || p.Values[1].Value != "40" {
		t.Fatalf("second point %v", p.Values)
	}
	// Fewer lines, more busy signals.
	blocked := func(i int) float64 { return doc.Points[i].Designs[0].Metrics["blocked_rate"].Mean }
	if !(blocked(0) > blocked(2)) {
		t.Fatalf("blocked_rate with 4 lines %.4f, with 80 %.4f", blocked(0), blocked(2))
	}
	// The table has a row per point and design.
	code, out, _ = cli(t, "run", "bank", "--reps", "2", "--set", "horizon.days=1", "--sweep", "lines=20,40")
	if code != 0 || strings.Count(out, "queue-preserving-va") != 2 {
		t.Fatalf("sweep table:\n%s", out)
	}
}

// TestSetValidated: an override is checked like the file, before running.
func TestSetValidated(t *testing.T) {
	for _, tc := range []struct{ set, want string }{
		{"segments.regular.trust=1.5", "not a probability"},
		{"horizon.dayz=3", `unknown field "dayz"`},
		{"segments.nobody.trust=0.5", `no entry "nobody"`},
		{"horizon.days", "key.path=value"},
	} {
		code, out, errs := cli(t, "run", "bank", "--set", tc.set)
		if code != 2 || out != "" || !strings.Contains(errs, tc.want) {
			t.Errorf("--set %s: exit %d, stdout %q, stderr %q; want exit 2 mentioning %q", tc.set, code, out, errs, tc.want)
		}
	}
	if code, _, errs := cli(t, "run", "bank", "--sweep", "segments.regular.trust=0.5,2"); code != 2 || !strings.Contains(errs, "not a probability") {
		t.Errorf("bad sweep value: exit %d: %s", code, errs)
	}
}

func TestRunUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"run", "--reps", "0"},
		{"run", "--reps", "many"},
		{"run", "--format", "xml"},
		{"run", "--shard", "5/4"},
		{"run", "--reps", "auto"},
		{"run", "--precision", "asa=2s"},
		{"run", "--reps", "auto", "--precision", "nonsense=1"},
		{"run", "no-such-scenario"},
		{"run", "a", "b"},
		{"run", "--no-such-flag"},
		{"nonsense"},
	} {
		code, out, errs := cli(t, args...)
		if code != 2 || out != "" || errs == "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and a message", args, code, out, errs)
		}
	}
}

// TestRunEveryProblem: the mistakes in run's flags are reported together,
// one a line, and nothing runs.
func TestRunEveryProblem(t *testing.T) {
	code, out, errs := cli(t, "run", "--reps", "many", "--workers", "-1", "--trace-format", "xml")
	want := "ivrsim: --reps \"many\": use a number of replications from 1 to 100000, or auto\n" +
		"--workers -1: use 1 to 4096, or 0 for one per CPU\n" +
		"--trace-format \"xml\": use jsonl or cdr\n"
	if code != exitUsage || out != "" || errs != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want 2 and %q", code, out, errs, want)
	}
}

// TestAutoReps: with --reps auto the run stops once the interval is narrow
// enough, and equals a plain run of that many replications.
func TestAutoReps(t *testing.T) {
	base := []string{"run", "erlang-a", "--set", "horizon.days=1", "--format", "json"}
	code, out, errs := cli(t, append(base, "--reps", "auto", "--precision", "abandon_rate=0.1pp", "--max-reps", "40")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc results.Document
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	n := doc.Replications
	h := doc.Designs[0].Metrics["abandon_rate"].HalfWidth()
	if n <= 10 || (h > 0.001 && n < 40) {
		t.Fatalf("%d replications, half-width %.5f", n, h)
	}
	_, plain, _ := cli(t, append(base, "--reps", itoa(n))...)
	if plain != out {
		t.Fatalf("--reps auto (%d) differs from --reps %d", n, n)
	}
}

// TestTrace: one JSON line per contact, the same whatever the workers.
func TestTrace(t *testing.T) {
	dir := t.TempDir()
	one, four := filepath.Join(dir, "one.jsonl"), filepath.Join(dir, "four.jsonl")
	for _, c := range []struct{ path, workers string }{{one, "1"}, {four, "4"}} {
		if code, _, errs := cli(t, "run", "bank", "--reps", "3", "--set", "horizon.days=1", "--trace", c.path, "--workers", c.workers); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
	}
	a, _ := os.ReadFile(one)
	b, _ := os.ReadFile(four)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Fatalf("traces differ or are empty (%d and %d bytes)", len(a), len(b))
	}
	lines := strings.Split(strings.TrimSpace(string(a)), "\n")
	var r map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &r); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"design", "rep", "issue", "arrival", "outcome", "path", "effort"} {
		if _, ok := r[k]; !ok {
			t.Errorf("trace record lacks %q: %s", k, lines[0])
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Fatalf("temporary files left: %v", entries)
	}
}

// TestInterrupt: a cancelled run exits 130 and leaves no output file.
func TestInterrupt(t *testing.T) {
	// Before the run starts: nothing is simulated or written.
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	code, _, errs := cliStreams(t, ctx, false, "run", "bank", "--out", filepath.Join(dir, "out.json"), "--trace", filepath.Join(dir, "t.jsonl"))
	if code != 130 || !strings.Contains(errs, "interrupted") {
		t.Fatalf("exit %d, stderr %q; want 130", code, errs)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("files left behind: %v", entries)
	}
}

// TestInterruptMidRun cancels a run while it simulates: once the trace
// being written has records in it. The run must stop with 130 and remove
// every file it had started, the trace's temporary file included.
func TestInterruptMidRun(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type result struct {
		code int
		errs string
	}
	done := make(chan result, 1)
	go func() {
		// Far more work than the test waits for: it is cancelled long
		// before it could finish.
		code, _, errs := cliStreams(t, ctx, false, "run", "bank", "--reps", "1000", "--workers", "2",
			"--out", filepath.Join(dir, "out.json"), "--trace", filepath.Join(dir, "t.jsonl"))
		done <- result{code, errs}
	}()
	started := false
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline) && !started; {
		select {
		case r := <-done:
			t.Fatalf("the run ended before it was interrupted: exit %d, %s", r.code, r.errs)
		case <-time.After(2 * time.Millisecond):
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if info, err := e.Info(); err == nil && info.Size() > 0 {
				started = true
			}
		}
	}
	cancel()
	if !started {
		t.Fatal("no trace record was written within 30s")
	}
	select {
	case r := <-done:
		if r.code != 130 || !strings.Contains(r.errs, "interrupted") {
			t.Fatalf("exit %d, stderr %q; want 130", r.code, r.errs)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the run did not stop within 30s of the interrupt")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("files left behind: %v", entries)
	}
}

// TestProgressOnlyOnTerminal: bars are drawn on a terminal, not with
// --quiet and not when standard error is not a terminal.
func TestProgressOnlyOnTerminal(t *testing.T) {
	args := []string{"run", "erlang-a", "--reps", "2", "--set", "horizon.days=1", "--format", "json"}
	t.Setenv("TERM", "xterm")
	_, _, errs := cliStreams(t, context.Background(), true, args...)
	if !strings.Contains(errs, "reps") {
		t.Errorf("no progress on a terminal: %q", errs)
	}
	if _, _, errs := cliStreams(t, context.Background(), true, append(args, "--quiet")...); errs != "" {
		t.Errorf("progress with --quiet: %q", errs)
	}
	if _, _, errs := cliStreams(t, context.Background(), false, args...); errs != "" {
		t.Errorf("progress without a terminal: %q", errs)
	}
}

// TestTraceCDR: a CDR trace of one design and replication reads back as
// call records, one per contact offered.
func TestTraceCDR(t *testing.T) {
	path := filepath.Join(t.TempDir(), "calls.csv")
	code, out, errs := cli(t, "run", "bank", "--design", "forced-menu", "--reps", "1", "--set", "horizon.days=1",
		"--trace", path, "--trace-format", "cdr", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc results.Document
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	recs, report, err := cdr.ReadFile(path, cdr.NewMapping(), cdr.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The trace holds the warm-up's contacts too; bank has none.
	if offered := doc.Designs[0].Metrics["offered"].Mean; float64(len(recs)) != offered {
		t.Fatalf("%d records read (%+v), %g contacts offered", len(recs), report, offered)
	}
	if code, _, _ := cli(t, "run", "bank", "--trace", path, "--trace-format", "xml"); code != 2 {
		t.Fatalf("unknown trace format: exit %d, want 2", code)
	}
}

// TestRunDesignSubset: --design runs only the named designs, in order.
func TestRunDesignSubset(t *testing.T) {
	code, out, errs := cli(t, "run", "bank", "--design", "queue-preserving-va,forced-menu", "--reps", "2", "--set", "horizon.days=1", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc results.Document
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Designs) != 2 || doc.Designs[0].Name != "queue-preserving-va" || doc.Comparisons[0].Base != "queue-preserving-va" {
		t.Fatalf("designs %v", doc.Designs)
	}
	for _, bad := range [][]string{{"--design", "nope"}, {"--design", "forced-menu,forced-menu"}} {
		if code, _, _ := cli(t, append([]string{"run", "bank"}, bad...)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}
