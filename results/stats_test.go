package results

import (
	"encoding/json"
	"math"
	"testing"
)

func TestEstimateOf(t *testing.T) {
	// Mean 5, sample sd sqrt(2.5); t(0.975, 4) = 2.7764451051977987.
	e := EstimateOf([]float64{3, 4, 5, 6, 7})
	h := 2.7764451051977987 * math.Sqrt(2.5) / math.Sqrt(5)
	if e.N != 5 || e.Mean != 5 || math.Abs(e.StdDev-math.Sqrt(2.5)) > 1e-15 || math.Abs(e.HalfWidth()-h) > 1e-12 {
		t.Fatalf("got %+v, want mean 5, sd %.6f, half-width %.6f", e, math.Sqrt(2.5), h)
	}
	// Undefined values are left out, and N says so.
	e = EstimateOf([]float64{1, math.NaN(), 3})
	if e.N != 2 || e.Mean != 2 {
		t.Fatalf("with a NaN: %+v", e)
	}
	if e := EstimateOf([]float64{4}); e.N != 1 || e.Mean != 4 || !math.IsNaN(e.CILow) {
		t.Fatalf("one value: %+v", e)
	}
	if e := EstimateOf(nil); e.N != 0 || !math.IsNaN(e.Mean) {
		t.Fatalf("no values: %+v", e)
	}
}

func TestPairedDifference(t *testing.T) {
	base := []float64{10, 12, 11, 13}
	other := []float64{11, 13.5, 11.5, 14}
	d := PairedDifference(base, other)
	if math.Abs(d.Diff-1) > 1e-12 || !d.Significant || d.CILow <= 0 {
		t.Fatalf("%+v", d)
	}
	same := PairedDifference(base, base)
	if same.Diff != 0 || same.Significant {
		t.Fatalf("identical designs: %+v", same)
	}
	// A pair with an undefined side does not count.
	d = PairedDifference([]float64{1, math.NaN(), 3}, []float64{2, 5, 4})
	if d.N != 2 || d.Diff != 1 {
		t.Fatalf("%+v", d)
	}
}

// TestEstimateJSON: estimates and differences round-trip, undefined values
// as null.
func TestEstimateJSON(t *testing.T) {
	in := MetricEstimates{"asa": EstimateOf([]float64{1, 2, 3}), "fcr": EstimateOf([]float64{0.5})}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"fcr":{"mean":0.5,"ci_low":null,"ci_high":null,"stddev":null,"n":1},"asa":`; string(b[:len(want)]) != want {
		t.Fatalf("order or nulls wrong: %s", b)
	}
	var out map[string]Estimate
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if out["asa"] != in["asa"] || !math.IsNaN(out["fcr"].CILow) {
		t.Fatalf("round trip: %+v", out)
	}
}

func TestParseValue(t *testing.T) {
	abandon, _ := LookupMetric("abandon_rate")
	asa, _ := LookupMetric("asa")
	effort, _ := LookupMetric("effort")
	for _, c := range []struct {
		m    Metric
		in   string
		want float64
	}{
		{abandon, "0.08", 0.08}, {abandon, "8%", 0.08}, {abandon, "0.5pp", 0.005},
		{asa, "45s", 45}, {asa, "2m", 120}, {asa, "30", 30}, {asa, "-5s", -5},
		{effort, "2.5", 2.5},
	} {
		got, err := ParseValue(c.m, c.in)
		if err != nil || math.Abs(got-c.want) > 1e-15 {
			t.Errorf("ParseValue(%s, %q) = %v, %v; want %v", c.m.Name, c.in, got, err, c.want)
		}
	}
	for _, c := range []struct {
		m  Metric
		in string
	}{{abandon, "lots"}, {asa, "soon"}, {effort, "5s"}, {abandon, "NaN"}} {
		if _, err := ParseValue(c.m, c.in); err == nil {
			t.Errorf("ParseValue(%s, %q) accepted", c.m.Name, c.in)
		}
	}
}

func TestFormat(t *testing.T) {
	for _, c := range []struct {
		u    Unit
		v    float64
		want string
	}{
		{Ratio, 0.1234, "12.3%"}, {Seconds, 42.25, "42.2s"}, {Seconds, 1500, "25.0m"},
		{Seconds, 400000, "111.1h"}, {Count, 1234567, "1,234,567"}, {Count, -1234, "−1,234"},
		{Score, 2.456, "2.46"}, {Ratio, math.NaN(), "—"},
	} {
		if got := FormatValue(c.u, c.v); got != c.want {
			t.Errorf("FormatValue(%v, %v) = %q, want %q", c.u, c.v, got, c.want)
		}
	}
	if got := FormatSpread(Ratio, -0.031, 0, true); got != "−3.1pp" {
		t.Errorf("spread %q", got)
	}
}

func TestShardReplications(t *testing.T) {
	seen := map[int]bool{}
	for i := 1; i <= 4; i++ {
		id, err := ParseShard(itoa(i) + "/4")
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range id.Replications(10) {
			if seen[r] {
				t.Fatalf("replication %d in two shards", r)
			}
			seen[r] = true
		}
	}
	if len(seen) != 10 {
		t.Fatalf("shards cover %d of 10 replications", len(seen))
	}
	for _, bad := range []string{"0/4", "5/4", "1/0", "a/b", "1/4/2", "1/4x", ""} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q) accepted", bad)
		}
	}
}

func itoa(n int) string { return string(rune('0' + n)) }

func TestOneSidedBounds(t *testing.T) {
	cases := []struct {
		name      string
		values    []float64
		conf      float64
		low, high float64
	}{
		// Mean 2, sd √(2/3), n 4: t(0.95, 3) = 2.353363.
		{"95%", []float64{1, 2, 2, 3}, 0.95, 2 - 2.353363*math.Sqrt(2.0/3)/2, 2 + 2.353363*math.Sqrt(2.0/3)/2},
		{"constant", []float64{5, 5, 5}, 0.99, 5, 5},
		{"one value", []float64{5}, 0.95, math.NaN(), math.NaN()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lo, hi := EstimateOf(c.values).OneSidedBounds(c.conf)
			near := func(a, b float64) bool { return math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) < 1e-5 }
			if !near(lo, c.low) || !near(hi, c.high) {
				t.Errorf("bounds %g, %g; want %g, %g", lo, hi, c.low, c.high)
			}
		})
	}
	// A one-sided bound is closer to the mean than the two-sided interval
	// at the same confidence, and moves away as the confidence grows.
	e := EstimateOf([]float64{1, 4, 2, 8, 5, 7})
	lo95, hi95 := e.OneSidedBounds(0.95)
	lo999, _ := e.OneSidedBounds(0.999)
	if !(e.CILow < lo95 && hi95 < e.CIHigh && lo999 < lo95) {
		t.Errorf("bounds out of order: two-sided [%g, %g], one-sided 95%% [%g, %g], 99.9%% low %g", e.CILow, e.CIHigh, lo95, hi95, lo999)
	}
}
