package live

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/results"
)

func TestParseThreshold(t *testing.T) {
	tests := []struct {
		in     string
		metric string
		op     results.Operator
		value  float64
	}{
		{"setup_p95 < 200ms", "setup_p95", results.OpLess, 0.2},
		{"setup_p95 < 0.2", "setup_p95", results.OpLess, 0.2},
		{"setup_p99<=0.05s", "setup_p99", results.OpLessEqual, 0.05},
		{"setup_p50 < 12", "setup_p50", results.OpLess, 12},
		{"late_max <= 1.5s", "late_max", results.OpLessEqual, 1.5},
		{"abandon_rate <= 8%", "abandon_rate", results.OpLessEqual, 0.08},
		{"abandon_rate <= 0.08", "abandon_rate", results.OpLessEqual, 0.08},
		{"failed_rate == 0", "failed_rate", results.OpEqual, 0},
		{"failed_rate != 0.1", "failed_rate", results.OpNotEqual, 0.1},
		{"asa < 2m", "asa", results.OpLess, 120},
		{"  ivr_time > 45 ", "ivr_time", results.OpGreater, 45},
		{"concurrent_max >= 500", "concurrent_max", results.OpGreaterEqual, 500},
		{"calls_per_second > 2.5", "calls_per_second", results.OpGreater, 2.5},
	}
	for _, tc := range tests {
		got, err := ParseThreshold(tc.in)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if got.Metric != tc.metric || got.Op != tc.op || math.Abs(got.Value-tc.value) > 1e-12 || got.Text != strings.TrimSpace(tc.in) {
			t.Errorf("%q: got %s %s %v (%q), want %s %s %v", tc.in, got.Metric, got.Op, got.Value, got.Text, tc.metric, tc.op, tc.value)
		}
	}
}

// TestParseThresholdErrors: every mistake is named, says how to fix it and
// points at where it is, in the words of ivrsim's other thresholds.
func TestParseThresholdErrors(t *testing.T) {
	tests := []struct {
		in       string
		offset   int
		inTarget bool
		msg      string
	}{
		{"setup_p95 200ms", 10, false, `"200ms": expected an operator (<, <=, >, >=, == or !=) at "200ms"`},
		{"setup_p95 => 200ms", 10, false, `"=> 200ms": expected an operator (<, <=, >, >=, == or !=) at "=> 200ms"; write >=`},
		{"setup_p95 = 200ms", 10, false, "; write == for equality"},
		{"setup_p95 ≤ 200ms", 10, false, "; write <="},
		{"setup_p97 < 200ms", 0, true, `unknown metric "setup_p97" (did you mean "setup_p95"?); use one of offered, blocked_rate,`},
		{"< 200ms", 0, true, `"< 200ms" does not start with a metric; write metric operator value, such as 'setup_p95 < 200ms'`},
		{"setup_p95", 9, false, `"setup_p95": the operator and value are missing`},
		{"setup_p95 <", 11, false, `"<": the value after < is missing; write 'setup_p95 < 200ms'`},
		{"abandon_rate < lots", 15, false, `"< lots": "lots" is not a value of abandon_rate; write a share such as 0.08 or 8%`},
		{"abandon_rate < 8", 15, false, `"< 8": abandon_rate is a share from 0 to 1 (0% to 100%); write 0.08 or 8%`},
		{"abandon_rate < 150%", 15, false, "a share from 0 to 1 (0% to 100%); write 0.08 or 8%"},
		{"abandon_rate < 1pp", 15, false, "pp (percentage points) is for differences"},
		{"setup_p95 < 2 parsecs", 12, false, `"2 parsecs" is not a value of setup_p95; write a duration such as 45s or 2m`},
		{"setup_p95 < -5ms", 12, false, "setup_p95 is never negative; write a value of 0 or more"},
		{"setup_p95 < 1e400", 12, false, "write a duration such as 45s or 2m"},
		{"setup_p95 < NaN", 12, false, "write a duration such as 45s or 2m"},
		{"concurrent_max > NaN", 17, false, `"NaN" is not a value of concurrent_max; write a number`},
		{"concurrent_max > -1", 17, false, "never negative"},
	}
	for _, tc := range tests {
		_, err := ParseThreshold(tc.in)
		var te *results.ThresholdError
		if !errors.As(err, &te) {
			t.Errorf("%q: got %v, want a ThresholdError", tc.in, err)
			continue
		}
		if !strings.Contains(te.Msg, tc.msg) || te.Offset != tc.offset || te.InTarget != tc.inTarget || te.Text != tc.in {
			t.Errorf("%q: got %q at %d (in target %v), want %q at %d (in target %v)", tc.in, te.Msg, te.Offset, te.InTarget, tc.msg, tc.offset, tc.inTarget)
		}
	}
}

// TestThresholdsSpeakAsRun: a threshold on a figure both the harness and
// ivrsim run report reads, and fails, exactly as run's --threshold does.
func TestThresholdsSpeakAsRun(t *testing.T) {
	for _, s := range []string{"abandon_rate <= 8%", "asa < 2m", "asa < 45", "abandon_rate < 8", "abandon_rate =< 0.1",
		"asa < -5s", "abandon_rate < 2pp", "asa < soon", "blocked_rate === 0"} {
		live, lerr := ParseThreshold(s)
		run, rerr := results.ParseThresholdLine(s)
		switch {
		case (lerr == nil) != (rerr == nil):
			t.Errorf("%q: load says %v, run says %v", s, lerr, rerr)
		case lerr != nil && lerr.Error() != rerr.Error():
			t.Errorf("%q: load says %q, run says %q", s, lerr, rerr)
		case lerr == nil && (live.Op != run.Op || live.Value != run.Value || live.Unit != run.Unit):
			t.Errorf("%q: load reads %s %v, run %s %v", s, live.Op, live.Value, run.Op, run.Value)
		}
	}
}

func TestThresholdHolds(t *testing.T) {
	th, err := ParseThreshold("setup_p95 < 200ms")
	if err != nil {
		t.Fatal(err)
	}
	if !th.Holds(0.1999) || th.Holds(0.2) || th.Holds(math.NaN()) {
		t.Error("setup_p95 < 200ms judged wrongly")
	}
}

func FuzzParseThreshold(f *testing.F) {
	for _, s := range []string{"setup_p95 < 200ms", "abandon_rate <= 8%", "asa>=1m", "x", "<", "failed_rate != 0.1", "late_max < 0.5"} {
		f.Add(s)
	}
	units := map[string]results.Unit{}
	for _, m := range Vocabulary().Metrics {
		units[m.Name] = m.Unit
	}
	f.Fuzz(func(t *testing.T, s string) {
		th, err := ParseThreshold(s)
		if err != nil {
			var te *results.ThresholdError
			if !errors.As(err, &te) || te.Offset < 0 || te.Offset > len(s) {
				t.Fatalf("%q: error %v does not point into the text", s, err)
			}
			return
		}
		u, ok := units[th.Metric]
		switch {
		case !ok:
			t.Fatalf("%q parsed with unknown metric %q", s, th.Metric)
		case u != th.Unit:
			t.Fatalf("%q parsed with unit %v, want %v", s, th.Unit, u)
		case math.IsNaN(th.Value) || math.IsInf(th.Value, 0) || th.Value < 0:
			t.Fatalf("%q parsed to %v, outside every metric's range", s, th.Value)
		case u == results.Ratio && th.Value > 1:
			t.Fatalf("%q parsed to a share %v above 1", s, th.Value)
		}
	})
}
