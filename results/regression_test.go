package results

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

func mustTolerance(t *testing.T, s string) Tolerance {
	t.Helper()
	tol, err := ParseTolerance(s)
	if err != nil {
		t.Fatal(err)
	}
	return tol
}

func TestParseTolerance(t *testing.T) {
	tests := []struct {
		in     string
		metric string
		value  float64
	}{
		{"abandon_rate=0.5pp", "abandon_rate", 0.005},
		{"abandon_rate = 0.005", "abandon_rate", 0.005},
		{"asa=5s", "asa", 5},
		{"asa=1m", "asa", 60},
		{"fcr=1pp", "fcr", 0.01},
		{"effort=0.1", "effort", 0.1},
		{"abandon_rate=0", "abandon_rate", 0},
	}
	for _, tt := range tests {
		tol, err := ParseTolerance(tt.in)
		if err != nil || tol.Metric.Name != tt.metric || math.Abs(tol.Value-tt.value) > 1e-15 {
			t.Errorf("%q: got %+v, %v", tt.in, tol, err)
		}
	}
	bad := []struct{ in, want string }{
		{"abandon_rate", "expected metric=value"},
		{"=1pp", "expected metric=value"},
		{"abandon_rat=1pp", `did you mean "abandon_rate"`},
		{"occupancy=1pp", "no better direction"},
		{"abandon_rate=0.5%", "write percentage points, such as abandon_rate=0.5pp"},
		{"asa=fast", "write a duration"},
		{"asa=-1s", "0 or more"},
		{"fcr=-1pp", "0 or more"},
	}
	for _, tt := range bad {
		if _, err := ParseTolerance(tt.in); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: got %v, want %q", tt.in, err, tt.want)
		}
	}
}

// TestPairedRegressionKnown checks the bound against a hand computation:
// differences 1, 1.5, 0.5, 1 have mean 1 and standard deviation √(1/6);
// t(0.95, 3) = 2.353363434801823, so the bound is 1 − 2.3534·√(1/6)/2.
func TestPairedRegressionKnown(t *testing.T) {
	cur := []float64{10, 12, 11, 13}
	prop := []float64{11, 13.5, 11.5, 14}
	bound := 1 - 2.353363434801823*math.Sqrt(1.0/6)/2
	asa := mustTolerance(t, "asa=0.5s")
	r := PairedRegression(asa, cur, prop, 0.05)
	if math.Abs(r.Bound-bound) > 1e-9 || r.Diff != 1 || r.Worsening != 1 || r.N != 4 || r.DF != 3 || r.Pass {
		t.Fatalf("asa, tolerance 0.5s: %+v, want bound %.6f and a failure", r, bound)
	}
	if r := PairedRegression(mustTolerance(t, "asa=0.6s"), cur, prop, 0.05); !r.Pass {
		t.Fatalf("asa, tolerance 0.6s: %+v", r)
	}
	if r := PairedRegression(mustTolerance(t, "effort=0"), cur, prop, 0.05); r.Pass || r.Worsening != 1 {
		t.Fatalf("effort, lower is better: %+v", r)
	}
	// For a metric where higher is better the same rise is an improvement.
	fcr := mustTolerance(t, "fcr=0")
	if r := PairedRegression(fcr, cur, prop, 0.05); !r.Pass || r.Worsening != -1 {
		t.Fatalf("fcr, higher is better: %+v", r)
	}
	if r := PairedRegression(fcr, prop, cur, 0.05); r.Pass || r.Worsening != 1 {
		t.Fatalf("fcr falling: %+v", r)
	}
	// Identical designs differ by exactly zero: no alarm at tolerance 0.
	if r := PairedRegression(mustTolerance(t, "asa=0"), cur, cur, 0.05); !r.Pass || r.Bound != 0 {
		t.Fatalf("identical: %+v", r)
	}
	// Undefined pairs are left out; fewer than two pairs fail.
	r = PairedRegression(asa, []float64{1, math.NaN(), 3}, []float64{2, 5, math.NaN()}, 0.05)
	if r.Pass || r.N != 1 || !strings.Contains(r.Reason, "at least 2") {
		t.Fatalf("one pair: %+v", r)
	}
}

// binomialBounds is the range the count of successes in n trials of
// probability p falls outside with probability at most 2·tail.
func binomialBounds(n int, p, tail float64) (lo, hi int) {
	b := distuv.Binomial{N: float64(n), P: p}
	for lo = 0; b.CDF(float64(lo)) <= tail; lo++ {
	}
	for hi = n; 1-b.CDF(float64(hi-1)) <= tail; hi-- {
	}
	return lo, hi
}

// TestPairedRegressionErrorRate: with normal paired differences the test
// is exact, so over independent trials the count of alarms is binomial
// with the stated rate: α when the true worsening equals the tolerance
// (zero or not), almost never when it is below, nearly always when it is
// far above. Bounds: 99.9% of the binomial(4000, α) distribution.
func TestPairedRegressionErrorRate(t *testing.T) {
	const trials, n = 4000, 5
	rng := rand.New(rand.NewPCG(1, 2))
	alarms := func(tol Tolerance, shift, alpha float64) int {
		count := 0
		cur, prop := make([]float64, n), make([]float64, n)
		for range trials {
			for i := range n {
				cur[i] = 10 + rng.NormFloat64()
				prop[i] = cur[i] + shift + 0.3*rng.NormFloat64()
			}
			if !PairedRegression(tol, cur, prop, alpha).Pass {
				count++
			}
		}
		return count
	}
	zero, half := mustTolerance(t, "asa=0"), mustTolerance(t, "asa=0.5s")
	for _, alpha := range []float64{0.05, 0.01} {
		lo, hi := binomialBounds(trials, alpha, 0.0005)
		if got := alarms(zero, 0, alpha); got < lo || got > hi {
			t.Errorf("α %g, equal designs: %d alarms in %d, want %d to %d", alpha, got, trials, lo, hi)
		}
		if got := alarms(half, 0.5, alpha); got < lo || got > hi {
			t.Errorf("α %g, worse by exactly the tolerance: %d alarms in %d, want %d to %d", alpha, got, trials, lo, hi)
		}
	}
	if got := alarms(half, 0, 0.05); got > trials/100 {
		t.Errorf("equal designs, tolerance 0.5s (5 standard errors): %d alarms in %d", got, trials)
	}
	// Worse by 1s with paired noise 0.3s: the power is essentially 1.
	if got := alarms(zero, 1, 0.05); got < trials*99/100 {
		t.Errorf("worse designs: caught %d of %d", got, trials)
	}
}

// TestWelchRegressionKnown: Welch–Satterthwaite by hand. Baseline mean 10,
// sd 2, n 8; proposed mean 12, sd 1, n 5: variances of the means 0.5 and
// 0.2, df = 0.49/(0.25/7 + 0.04/4) = 10.7188, t(0.95, 10.7188) ≈ 1.8002.
func TestWelchRegressionKnown(t *testing.T) {
	tol := mustTolerance(t, "asa=0")
	base := Estimate{Mean: 10, StdDev: 2, N: 8}
	prop := Estimate{Mean: 12, StdDev: 1, N: 5}
	r := WelchRegression(tol, base, prop, 0.05)
	df := 0.49 / (0.25/7 + 0.04/4)
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(0.95)
	if math.Abs(r.DF-df) > 1e-12 || math.Abs(r.Bound-(2-q*math.Sqrt(0.7))) > 1e-12 || r.Pass || !r.Baseline || r.N != 5 || r.NCurrent != 8 {
		t.Fatalf("%+v; want df %.4f, bound %.4f", r, df, 2-q*math.Sqrt(0.7))
	}
	if math.Abs(q-1.8002) > 5e-4 {
		t.Fatalf("t quantile %.5f", q)
	}
	if r := WelchRegression(mustTolerance(t, "asa=1s"), base, prop, 0.05); !r.Pass {
		t.Fatalf("tolerance 1s: %+v", r)
	}
	if r := WelchRegression(tol, Estimate{Mean: 1, StdDev: math.NaN(), N: 1}, prop, 0.05); r.Pass || !strings.Contains(r.Reason, "the baseline") {
		t.Fatalf("a baseline of one replication: %+v", r)
	}
	if r := WelchRegression(tol, Estimate{Mean: 1, StdDev: 0, N: 3}, Estimate{Mean: 1, StdDev: 0, N: 3}, 0.05); !r.Pass || r.Bound != 0 {
		t.Fatalf("constant and equal: %+v", r)
	}
}

// TestWelchRegressionErrorRate: two independent normal samples with equal
// means and unequal variances and sizes. Welch's test is approximate, but
// for these sizes its true level is within a few thousandths of α, well
// inside the 99.9% binomial bounds of 4000 trials.
func TestWelchRegressionErrorRate(t *testing.T) {
	const trials = 4000
	rng := rand.New(rand.NewPCG(3, 4))
	tol := mustTolerance(t, "asa=0")
	count := 0
	a, b := make([]float64, 10), make([]float64, 6)
	for range trials {
		for i := range a {
			a[i] = 30 + rng.NormFloat64()
		}
		for i := range b {
			b[i] = 30 + 2*rng.NormFloat64()
		}
		if !WelchRegression(tol, EstimateOf(a), EstimateOf(b), 0.05).Pass {
			count++
		}
	}
	lo, hi := binomialBounds(trials, 0.05, 0.0005)
	if count < lo || count > hi {
		t.Fatalf("%d alarms in %d, want %d to %d", count, trials, lo, hi)
	}
}

func TestCompareDesigns(t *testing.T) {
	rs := &RunSet{Replications: 3, Designs: []*DesignRuns{
		testRuns("current", map[string][]float64{"abandon_rate": {0.10, 0.12, 0.11}, "fcr": {0.7, 0.7, 0.7}}),
		testRuns("proposed", map[string][]float64{"abandon_rate": {0.15, 0.17, 0.16}, "fcr": {0.7, 0.7, 0.7}}),
	}}
	tols := []Tolerance{mustTolerance(t, "abandon_rate=1pp"), mustTolerance(t, "fcr=0")}
	rr, err := CompareDesigns(rs, "current", "proposed", tols, 0.05)
	if err != nil {
		t.Fatal(err)
	}
	if len(rr) != 2 || rr[0].Pass || !rr[1].Pass || rr[0].Current != "current" || rr[0].Proposed != "proposed" || math.Abs(rr[0].Diff-0.05) > 1e-12 {
		t.Fatalf("%+v", rr)
	}
	if _, err := CompareDesigns(rs, "current", "nope", tols, 0.05); err == nil {
		t.Fatal("an unknown design compared")
	}
}

// testDocument is the JSON result of a small run.
func testDocument(t *testing.T) []byte {
	t.Helper()
	rs := &RunSet{Scenario: "gate", Seed: 1, Replications: 3, Designs: []*DesignRuns{
		testRuns("current", map[string][]float64{"abandon_rate": {0.10, 0.12, 0.11}, "offered": {100, 110, 90}}),
		testRuns("other", map[string][]float64{"abandon_rate": {0.2, 0.2, 0.2}, "offered": {100, 110, 90}}),
	}}
	b, err := WriteJSON(rs.Document())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadBaseline(t *testing.T) {
	data := testDocument(t)
	doc, err := ReadBaseline(data)
	if err != nil {
		t.Fatal(err)
	}
	e := doc.Designs[0].Metrics["abandon_rate"]
	if doc.Scenario != "gate" || len(doc.Designs) != 2 || e.N != 3 || math.Abs(e.Mean-0.11) > 1e-12 || math.Abs(e.StdDev-0.01) > 1e-12 {
		t.Fatalf("read back %+v", e)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	variant := func(change func(map[string]any)) []byte {
		m := map[string]any{}
		for k, v := range raw {
			m[k] = v
		}
		change(m)
		b, _ := json.Marshal(m)
		return b
	}
	bad := []struct {
		data []byte
		want string
	}{
		{[]byte("not json"), "not an ivrsim result"},
		{[]byte(`{"designs": []}`), "no schema_version"},
		{variant(func(m map[string]any) { m["schema_version"] = 3 }), "schema_version 3, and this ivrsim reads version 2"},
		{variant(func(m map[string]any) { m["kind"] = "partial" }), "merge the shards first"},
		{variant(func(m map[string]any) { delete(m, "designs"); m["sweep"] = []string{"lines"} }), "a sweep"},
		{variant(func(m map[string]any) { m["designs"] = []any{} }), "no designs"},
		{variant(func(m map[string]any) { m["designs"] = "x" }), "not a readable ivrsim result"},
	}
	for _, tt := range bad {
		if _, err := ReadBaseline(tt.data); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%.60s: got %v, want %q", tt.data, err, tt.want)
		}
	}
}

func TestCheckBaseline(t *testing.T) {
	doc, err := ReadBaseline(testDocument(t))
	if err != nil {
		t.Fatal(err)
	}
	tols := []Tolerance{mustTolerance(t, "abandon_rate=1pp")}
	if p := CheckBaseline(doc, "gate", []string{"current", "new"}, tols); len(p) != 0 {
		t.Fatalf("a usable baseline: %v", p)
	}
	tests := []struct {
		scenario string
		designs  []string
		tols     []Tolerance
		want     string
	}{
		{"bank", []string{"current"}, tols, `a run of scenario "gate", and this is "bank"`},
		{"gate", []string{"x", "y"}, tols, "none in common"},
		{"gate", []string{"current"}, []Tolerance{mustTolerance(t, "asa=1s")}, "has asa from 0 replications"},
	}
	for _, tt := range tests {
		p := CheckBaseline(doc, tt.scenario, tt.designs, tt.tols)
		if len(p) != 1 || !strings.Contains(p[0], tt.want) {
			t.Errorf("%s %v: got %q, want %q", tt.scenario, tt.designs, p, tt.want)
		}
	}
	delete(doc.Designs[0].Metrics, "abandon_rate")
	if p := CheckBaseline(doc, "gate", []string{"current"}, tols); len(p) != 1 || !strings.Contains(p[0], "has no metric abandon_rate") {
		t.Fatalf("a metric missing: %q", p)
	}
}

// TestCompareBaseline: each design meets its namesake; a design the
// baseline lacks is listed, not compared.
func TestCompareBaseline(t *testing.T) {
	doc, err := ReadBaseline(testDocument(t))
	if err != nil {
		t.Fatal(err)
	}
	rs := &RunSet{Replications: 3, Designs: []*DesignRuns{
		testRuns("current", map[string][]float64{"abandon_rate": {0.30, 0.32, 0.31}}),
		testRuns("new", map[string][]float64{"abandon_rate": {0.1, 0.1, 0.1}}),
	}}
	rr, missing := CompareBaseline(rs, doc, []Tolerance{mustTolerance(t, "abandon_rate=1pp")}, 0.05)
	if len(rr) != 1 || rr[0].Pass || !rr[0].Baseline || rr[0].Proposed != "current" || len(missing) != 1 || missing[0] != "new" {
		t.Fatalf("%+v, missing %v", rr, missing)
	}
	if math.Abs(rr[0].Diff-0.2) > 1e-12 {
		t.Fatalf("difference %v, want 0.2", rr[0].Diff)
	}
}

func ExampleParseTolerance() {
	tol, _ := ParseTolerance("abandon_rate=0.5pp")
	fmt.Println(tol.Metric.Name, tol.Value)
	_, err := ParseTolerance("occupancy=1pp")
	fmt.Println(err != nil)
	// Output:
	// abandon_rate 0.005
	// true
}

// FuzzParseTolerance: the parser never panics, and what it accepts is a
// gated metric with a finite tolerance of 0 or more.
func FuzzParseTolerance(f *testing.F) {
	for _, s := range []string{"abandon_rate=0.5pp", "asa=5s", "fcr=1pp", "asa=-1s", "occupancy=1", "=", "abandon_rate=5%", "agent_time=2h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tol, err := ParseTolerance(s)
		if err != nil {
			if !strings.Contains(err.Error(), "--tolerance") {
				t.Fatalf("%q: the error does not name the flag: %v", s, err)
			}
			return
		}
		if tol.Metric.Better == Neutral || math.IsNaN(tol.Value) || math.IsInf(tol.Value, 0) || tol.Value < 0 {
			t.Fatalf("%q: accepted %+v", s, tol)
		}
	})
}

// TestSettingsRefuseShareOutOfRange: a tolerance or precision of 5 on a
// share is 500 percentage points, a gate that could never fail; both are
// refused with the hint thresholds give.
func TestSettingsRefuseShareOutOfRange(t *testing.T) {
	for _, c := range []struct {
		parse func(string) error
		in    string
		hint  string
	}{
		{func(s string) error { _, err := ParseTolerance(s); return err }, "abandon_rate=5", "write 0.05 or 5pp"},
		{func(s string) error { _, err := ParseTolerance(s); return err }, "fcr=150pp", "write 0.005 or 0.5pp"},
		{func(s string) error { _, err := ParsePrecision(s); return err }, "abandon_rate=2", "write 0.02 or 2pp"},
	} {
		err := c.parse(c.in)
		if err == nil || !strings.Contains(err.Error(), c.hint) {
			t.Errorf("%q: error %v, want the hint %q", c.in, err, c.hint)
		}
	}
	for _, ok := range []string{"abandon_rate=0.5pp", "abandon_rate=0.005", "asa=5s", "abandon_rate=1"} {
		if _, err := ParseTolerance(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
}
