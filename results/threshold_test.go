package results

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestParseThreshold covers every form: the default mean, ci_low, ci_high,
// p(N), durations, percentages, a design in braces, every operator.
func TestParseThreshold(t *testing.T) {
	tests := []struct {
		target, expr string
		metric       string
		design       string
		agg          Aggregation
		pct          float64
		op           Operator
		value        float64
	}{
		{"abandon_rate", "< 0.1", "abandon_rate", "", AggMean, 0, OpLess, 0.1},
		{"abandon_rate", "mean < 8%", "abandon_rate", "", AggMean, 0, OpLess, 0.08},
		{"abandon_rate", "ci_high < 12%", "abandon_rate", "", AggCIHigh, 0, OpLess, 0.12},
		{"fcr", "ci_low >= 70%", "fcr", "", AggCILow, 0, OpGreaterEqual, 0.7},
		{"asa", "mean < 45s", "asa", "", AggMean, 0, OpLess, 45},
		{"asa", "<= 1m30s", "asa", "", AggMean, 0, OpLessEqual, 90},
		{"asa", "< 30", "asa", "", AggMean, 0, OpLess, 30},
		{"wait", "p(90) < 2m", "wait", "", AggPercentile, 90, OpLess, 120},
		{"ttr", "p(99.9)<=1h", "ttr", "", AggPercentile, 99.9, OpLessEqual, 3600},
		{"wait", "p( 50 ) > 0s", "wait", "", AggPercentile, 50, OpGreater, 0},
		{"adoption_rate{queue-preserving-va}", "> 0.5", "adoption_rate", "queue-preserving-va", AggMean, 0, OpGreater, 0.5},
		{"service_level", ">= 80%", "service_level", "", AggMean, 0, OpGreaterEqual, 0.8},
		{"offered", "== 0", "offered", "", AggMean, 0, OpEqual, 0},
		{"blocked_rate", "!= 1", "blocked_rate", "", AggMean, 0, OpNotEqual, 1},
		{"effort", "ci_high<2.5", "effort", "", AggCIHigh, 0, OpLess, 2.5},
		{"agent_time", "< 100h", "agent_time", "", AggMean, 0, OpLess, 360000},
		{"cost_per_resolution", "< 3.5", "cost_per_resolution", "", AggMean, 0, OpLess, 3.5},
	}
	for _, tt := range tests {
		th, err := ParseThreshold(tt.target, tt.expr)
		if err != nil {
			t.Errorf("%s %q: %v", tt.target, tt.expr, err)
			continue
		}
		if th.Metric != tt.metric || th.Design != tt.design || th.Agg != tt.agg || th.Percentile != tt.pct || th.Op != tt.op || math.Abs(th.Value-tt.value) > 1e-12 {
			t.Errorf("%s %q: got %+v", tt.target, tt.expr, th)
		}
		if th.Expr != strings.TrimSpace(tt.expr) || th.Target != tt.target {
			t.Errorf("%s %q: the text as written is lost: %q %q", tt.target, tt.expr, th.Target, th.Expr)
		}
	}
}

// TestParseThresholdLine: the one-line form of --threshold, with and
// without blanks, and a design whose name has blanks.
func TestParseThresholdLine(t *testing.T) {
	tests := []struct {
		line   string
		target string
		expr   string
		design string
	}{
		{"abandon_rate < 0.08", "abandon_rate", "< 0.08", ""},
		{"abandon_rate<0.08", "abandon_rate", "<0.08", ""},
		{"  abandon_rate{forced-menu} ci_high < 10%", "abandon_rate{forced-menu}", "ci_high < 10%", "forced-menu"},
		{"wait p(90) < 2m", "wait", "p(90) < 2m", ""},
		{"asa{my design} < 5s", "asa{my design}", "< 5s", "my design"},
		{"asa{a<b} >= 1s", "asa{a<b}", ">= 1s", "a<b"},
	}
	for _, tt := range tests {
		th, err := ParseThresholdLine(tt.line)
		if err != nil {
			t.Errorf("%q: %v", tt.line, err)
			continue
		}
		if th.Target != tt.target || th.Expr != tt.expr || th.Design != tt.design {
			t.Errorf("%q: target %q, expression %q, design %q", tt.line, th.Target, th.Expr, th.Design)
		}
	}
}

// TestParseThresholdErrors: each mistake is named, says how to fix it and
// points at the right place.
func TestParseThresholdErrors(t *testing.T) {
	tests := []struct {
		line     string
		offset   int
		inTarget bool
		want     string
	}{
		{"abandon_rat < 0.1", 0, true, `unknown metric "abandon_rat" (did you mean "abandon_rate"?)`},
		{"", 0, true, "does not start with a metric"},
		{"< 0.1", 0, true, "does not start with a metric"},
		{"abandon_rate", 12, false, "the expression is empty"},
		{"abandon_rate < ", 15, false, "the value after < is missing"},
		{"abandon_rate ci_high", 20, false, "the operator and value are missing"},
		{"abandon_rate = 0.1", 13, false, "write == for equality"},
		{"abandon_rate === 0.1", 13, false, "write == for equality"},
		{"abandon_rate =< 0.1", 13, false, "write <="},
		{"abandon_rate ≤ 0.1", 13, false, "write <="},
		{"abandon_rate avg < 0.1", 13, false, "(write mean)"},
		{"abandon_rate mea < 0.1", 13, false, `(did you mean "mean"?)`},
		{"wait med < 1m", 5, false, "write p(50)"},
		{"abandon_rate p(90) < 0.1", 13, false, "p(N) applies to the distributions wait and ttr"},
		{"wait < 2m", 5, false, "wait is a distribution"},
		{"ttr mean < 2m", 4, false, "use the metric ttr_mean"},
		{"wait p(101) < 2m", 7, false, "from 0 to 100"},
		{"wait p(x) < 2m", 7, false, "from 0 to 100"},
		{"wait p(90 < 2m", 6, false, "never closed"},
		{"wait p90 < 2m", 5, false, "write p(90)"},
		{"wait p < 2m", 6, false, "write p(90)"},
		{"abandon_rate < 8pp", 15, false, "pp (percentage points) is for differences"},
		{"abandon_rate < 8", 15, false, "write 0.08 or 8%"},
		{"abandon_rate < 800", 15, false, "write 0.08 or 8%"},
		{"abandon_rate < 150%", 15, false, "a share from 0 to 1 (0% to 100%); write 0.08 or 8%"},
		{"asa < fast", 6, false, "write a duration such as 45s"},
		{"asa < -5s", 6, false, "never negative"},
		{"abandon_rate < 0.1 0.2", 15, false, "write a share"},
		{"abandon_rate{} < 0.1", 12, true, "the braces name no design"},
		{"abandon_rate{x < 0.1", 12, true, "never closed"},
		{"abandon_rate{x}y < 0.1", 15, true, "nothing may follow"},
		{"abandon_rate{a{b} < 0.1", 12, true, "one design per threshold"},
		{"abandon_rate} < 0.1", 12, true, "a } without {"},
		{"{x} < 0.1", 0, true, "names no metric"},
	}
	for _, tt := range tests {
		_, err := ParseThresholdLine(tt.line)
		var te *ThresholdError
		if !errors.As(err, &te) {
			t.Errorf("%q: got %v, want a ThresholdError", tt.line, err)
			continue
		}
		if !strings.Contains(te.Msg, tt.want) || te.Offset != tt.offset || te.InTarget != tt.inTarget || te.Text != tt.line {
			t.Errorf("%q: got %q at %d (in target %v), want %q at %d (in target %v)", tt.line, te.Msg, te.Offset, te.InTarget, tt.want, tt.offset, tt.inTarget)
		}
	}
}

// TestParseThresholdOffsets: in the scenario form the offset counts in the
// target or in the expression, whichever is wrong.
func TestParseThresholdOffsets(t *testing.T) {
	_, err := ParseThreshold("abandon_rate", "  ci_hgh < 10%")
	var te *ThresholdError
	if !errors.As(err, &te) || te.InTarget || te.Offset != 2 || !strings.Contains(te.Msg, `did you mean "ci_high"`) {
		t.Fatalf("got %#v", err)
	}
	_, err = ParseThreshold("asa{x", "< 5s")
	if !errors.As(err, &te) || !te.InTarget || te.Offset != 3 {
		t.Fatalf("got %#v", err)
	}
}

func TestCheckDesign(t *testing.T) {
	th, err := ParseThresholdLine("asa{forced-mneu} < 45s")
	if err != nil {
		t.Fatal(err)
	}
	err = th.CheckDesign([]string{"forced-menu", "queue-preserving-va"})
	var te *ThresholdError
	if !errors.As(err, &te) || te.Offset != 4 || !strings.Contains(te.Msg, `no design "forced-mneu" (did you mean "forced-menu"?)`) {
		t.Fatalf("got %v", err)
	}
	if err := th.CheckDesign([]string{"forced-mneu"}); err != nil {
		t.Fatal(err)
	}
	all, _ := ParseThresholdLine("asa < 45s")
	if err := all.CheckDesign(nil); err != nil {
		t.Fatalf("a threshold on every design: %v", err)
	}
}

func TestOperatorHolds(t *testing.T) {
	tests := []struct {
		op            Operator
		less, eq, grt bool // does 1 op 2, 2 op 2, 3 op 2 hold
	}{
		{OpLess, true, false, false},
		{OpLessEqual, true, true, false},
		{OpGreater, false, false, true},
		{OpGreaterEqual, false, true, true},
		{OpEqual, false, true, false},
		{OpNotEqual, true, false, true},
	}
	for _, tt := range tests {
		if got := [3]bool{tt.op.Holds(1, 2), tt.op.Holds(2, 2), tt.op.Holds(3, 2)}; got != [3]bool{tt.less, tt.eq, tt.grt} {
			t.Errorf("%s: got %v", tt.op, got)
		}
		if tt.op.Holds(math.NaN(), 2) {
			t.Errorf("%s holds of NaN", tt.op)
		}
	}
}

// testRuns makes the runs of a design whose replications have the given
// values of some metrics; every other metric is undefined.
func testRuns(name string, values map[string][]float64) *DesignRuns {
	d := NewDesignRuns(name)
	n := 0
	for _, v := range values {
		n = max(n, len(v))
	}
	for r := range n {
		total := make([]float64, len(Metrics))
		for i := range total {
			total[i] = math.NaN()
		}
		for m, v := range values {
			total[metricIndex[m]] = v[r]
		}
		d.Reps = append(d.Reps, RepResult{Rep: r, Total: total})
	}
	return d
}

// TestThresholdEvaluate: the value compared is the aggregation asked for,
// and an undefined value fails, saying why.
func TestThresholdEvaluate(t *testing.T) {
	d := testRuns("menu", map[string][]float64{
		"abandon_rate": {0.10, 0.12, 0.14},
		"asa":          {math.NaN(), math.NaN(), math.NaN()},
		"fcr":          {0.7, math.NaN(), math.NaN()},
		// No costs given: the cost metric is undefined throughout.
		"cost_per_resolution": {math.NaN(), math.NaN(), math.NaN()},
	})
	for s := 1; s <= 100; s++ {
		record(d.Wait, float64(s)) // waits of 1 to 100 seconds
	}
	e := EstimateOf([]float64{0.10, 0.12, 0.14})
	tests := []struct {
		line     string
		observed float64
		pass     bool
		reason   string
	}{
		{"abandon_rate < 0.13", 0.12, true, ""},
		{"abandon_rate < 12%", 0.12, false, ""},
		{"abandon_rate <= 12%", 0.12, true, ""},
		{"abandon_rate ci_high < 0.13", e.CIHigh, false, ""},
		{"abandon_rate ci_low > 0.05", e.CILow, true, ""},
		{"abandon_rate ci_low > 0.1", e.CILow, false, ""},
		{"wait p(90) <= 91s", 90, true, ""},
		{"wait p(90) < 89s", 90, false, ""},
		{"wait p(50) > 49s", 50, true, ""},
		{"asa < 45s", math.NaN(), false, "undefined in every replication"},
		{"fcr ci_low > 0.5", math.NaN(), false, "needs at least 2 replications where fcr is defined; it is defined in 1"},
		{"fcr > 0.5", 0.7, true, ""},
		{"cost_per_resolution < 5", math.NaN(), false, "the scenario gives no costs"},
		{"ttr p(50) < 1h", math.NaN(), false, "the ttr distribution is empty: no issue was resolved"},
	}
	for _, tt := range tests {
		th, err := ParseThresholdLine(tt.line)
		if err != nil {
			t.Fatalf("%q: %v", tt.line, err)
		}
		r := th.Evaluate(d)
		// Percentiles come from histograms with 3 significant digits.
		same := math.IsNaN(r.Observed) && math.IsNaN(tt.observed) || math.Abs(r.Observed-tt.observed) <= 1e-3*tt.observed+1e-12
		if !same || r.Pass != tt.pass || !strings.Contains(r.Reason, tt.reason) || (tt.reason == "") != (r.Reason == "") {
			t.Errorf("%q: observed %v, pass %v, reason %q; want %v, %v, %q", tt.line, r.Observed, r.Pass, r.Reason, tt.observed, tt.pass, tt.reason)
		}
		if r.Design != "menu" {
			t.Errorf("%q: design %q", tt.line, r.Design)
		}
	}
}

// TestEvaluateThresholds: a threshold without a design applies to every
// design, one with a design to that design only, in order.
func TestEvaluateThresholds(t *testing.T) {
	rs := &RunSet{Replications: 2, Designs: []*DesignRuns{
		testRuns("a", map[string][]float64{"abandon_rate": {0.1, 0.1}}),
		testRuns("b", map[string][]float64{"abandon_rate": {0.3, 0.3}}),
	}}
	var ths []Threshold
	for _, line := range []string{"abandon_rate < 0.2", "abandon_rate{b} > 0.2", "abandon_rate{c} > 0.2"} {
		th, err := ParseThresholdLine(line)
		if err != nil {
			t.Fatal(err)
		}
		ths = append(ths, th)
	}
	var got []string
	for _, r := range EvaluateThresholds(rs, ths) {
		got = append(got, fmt.Sprintf("%s/%s/%v", r.Threshold.Target, r.Design, r.Pass))
	}
	want := "abandon_rate/a/true abandon_rate/b/false abandon_rate{b}/b/true abandon_rate{c}/c/false"
	if strings.Join(got, " ") != want {
		t.Fatalf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
}

func ExampleParseThresholdLine() {
	th, err := ParseThresholdLine("abandon_rate{forced-menu} ci_high < 10%")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(th.Metric, th.Design, th.AggregationName(), th.Op, th.Value)
	_, err = ParseThresholdLine("wait < 2m")
	fmt.Println(err)
	// Output:
	// abandon_rate forced-menu ci_high < 0.1
	// "< 2m": wait is a distribution, read by percentile: write p(N), such as p(90) < 2m (for the mean, use the metric asa)
}

// FuzzParseThreshold: the parser never panics, places its errors inside
// the text, and what it accepts prints in a form it reads back the same.
func FuzzParseThreshold(f *testing.F) {
	for _, s := range []string{
		"abandon_rate < 0.08", "abandon_rate{forced-menu} ci_high < 10%", "wait p(90) < 2m",
		"ttr p(99.9)<=1h", "asa mean >= 45s", "fcr ci_low != 70%", "offered == 0", "agent_time < 100h",
		"abandon_rate{x", "wait p(90 < 1m", "asa < -5s", "abandon_rate === 1", "{}", "p()", "asa{a<b} < 1s",
		"abandon_rate < 0x1p-2", "asa < 1e308", "wait p(1e-5) > 0",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		th, err := ParseThresholdLine(s)
		if err != nil {
			var te *ThresholdError
			if !errors.As(err, &te) {
				t.Fatalf("%q: error of type %T", s, err)
			}
			if te.Offset < 0 || te.Offset > len(s) || te.Text != s || te.Msg == "" {
				t.Fatalf("%q: error %+v", s, te)
			}
			return
		}
		back, err := ParseThresholdLine(th.String())
		if err != nil {
			t.Fatalf("%q prints as %q, which does not parse: %v", s, th.String(), err)
		}
		if back.Metric != th.Metric || back.Design != th.Design || back.Agg != th.Agg || back.Percentile != th.Percentile ||
			back.Op != th.Op || back.Value != th.Value || back.Unit != th.Unit || back.Target != th.Target {
			t.Fatalf("%q → %q reads back as %+v, not %+v", s, th.String(), back, th)
		}
		same, err := ParseThreshold(th.Target, th.Expr)
		if err != nil || same != th {
			t.Fatalf("%q: the scenario form gives %+v, %v; the line form %+v", s, same, err, th)
		}
	})
}
