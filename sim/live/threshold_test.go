package live

import (
	"math"
	"strings"
	"testing"
)

func TestParseThreshold(t *testing.T) {
	tests := []struct {
		in     string
		metric string
		op     string
		value  float64
		err    string
	}{
		{in: "setup_p95 < 200ms", metric: "setup_p95", op: "<", value: 200},
		{in: "setup_p99<=0.05s", metric: "setup_p99", op: "<=", value: 50},
		{in: "setup_p50 < 12", metric: "setup_p50", op: "<", value: 12},
		{in: "abandon_rate <= 8%", metric: "abandon_rate", op: "<=", value: 0.08},
		{in: "failed_rate == 0", metric: "failed_rate", op: "==", value: 0},
		{in: "asa < 2m", metric: "asa", op: "<", value: 120},
		{in: "concurrent_max >= 500", metric: "concurrent_max", op: ">=", value: 500},
		{in: "setup_p95 200ms", err: "no comparison"},
		{in: "setup_p95 => 200ms", err: "unknown comparison"},
		{in: "setup_p97 < 200ms", err: "unknown metric"},
		{in: "abandon_rate < lots", err: "a share"},
		{in: "setup_p95 < 2 parsecs", err: "a time"},
		{in: "setup_p95 <", err: "no value"},
		{in: "concurrent_max > NaN", err: "a number"},
	}
	for _, tc := range tests {
		got, err := ParseThreshold(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want one saying %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if got.Metric != tc.metric || got.Op != tc.op || math.Abs(got.Value-tc.value) > 1e-12 {
			t.Errorf("%q: got %s %s %v, want %s %s %v", tc.in, got.Metric, got.Op, got.Value, tc.metric, tc.op, tc.value)
		}
	}
}

func TestThresholdHolds(t *testing.T) {
	th, _ := ParseThreshold("setup_p95 < 200ms")
	if !th.Holds(199.9) || th.Holds(200) || th.Holds(math.NaN()) {
		t.Error("setup_p95 < 200ms judged wrongly")
	}
}

func FuzzParseThreshold(f *testing.F) {
	for _, s := range []string{"setup_p95 < 200ms", "abandon_rate <= 8%", "asa>=1m", "x", "<", "failed_rate != 0.1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		th, err := ParseThreshold(s)
		if err != nil {
			return
		}
		if _, ok := metricUnits()[th.Metric]; !ok {
			t.Fatalf("%q parsed with unknown metric %q", s, th.Metric)
		}
		if math.IsNaN(th.Value) || math.IsInf(th.Value, 0) {
			t.Fatalf("%q parsed to a non-finite value", s)
		}
	})
}
