package models

import (
	"math"
	"strings"
	"testing"
)

func TestParseTarget(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Target
	}{
		{"service_level >= 0.8", Target{MetricServiceLevel, ">=", 0.8, 0}},
		{"service_level(20s) >= 0.8", Target{MetricServiceLevel, ">=", 0.8, 20}},
		{"  Service_Level ( 1m ) >= 80% ", Target{MetricServiceLevel, ">=", 0.8, 60}},
		{"service_level(30)>0.9", Target{MetricServiceLevel, ">", 0.9, 30}},
		{"asa <= 30s", Target{MetricASA, "<=", 30, 0}},
		{"asa < 1m30s", Target{MetricASA, "<", 90, 0}},
		{"asa <= 45", Target{MetricASA, "<=", 45, 0}},
		{"p_abandon <= 0.05", Target{MetricPAbandon, "<=", 0.05, 0}},
		{"p_abandon =< 5%", Target{MetricPAbandon, "<=", 0.05, 0}},
		{"p_wait < 0.3", Target{MetricPWait, "<", 0.3, 0}},
		{"occupancy <= 85%", Target{MetricOccupancy, "<=", 0.85, 0}},
		{"occupancy <= 85 %", Target{MetricOccupancy, "<=", 0.85, 0}},
		{"blocking <= 0.01", Target{MetricBlocking, "<=", 0.01, 0}},
		{"service_level => 1", Target{MetricServiceLevel, ">=", 1, 0}},
		{"p_wait <= 0", Target{MetricPWait, "<=", 0, 0}},
	} {
		got, err := ParseTarget(c.in)
		if err != nil {
			t.Errorf("ParseTarget(%q): %v", c.in, err)
			continue
		}
		if got != c.want {
			t.Errorf("ParseTarget(%q) = %+v, want %+v", c.in, got, c.want)
		}
		back, err := ParseTarget(got.String())
		if err != nil || back != got {
			t.Errorf("%q → %q → %+v, %v", c.in, got.String(), back, err)
		}
	}
}

func TestParseTargetErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "no comparison"},
		{"service_level 0.8", "no comparison"},
		{"service_level == 0.8", `unknown comparison "=="`},
		{"service_level = 0.8", `unknown comparison "="`},
		{"service_level != 0.8", "unknown comparison"},
		{">= 0.8", "names no metric"},
		{"sl >= 0.8", "did you mean service_level?"},
		{"abandon_rate <= 0.05", "did you mean p_abandon?"},
		{"speed <= 3", "use one of service_level, asa"},
		{"service_level >=", "no value"},
		{"service_level >= 80", "did you mean 80%?"},
		{"service_level >= 1.5", "between 0 and 1"},
		{"service_level >= -0.1", "between 0 and 1"},
		{"service_level >= 120%", "between 0% and 100%"},
		{"service_level >= 20s", "a share of calls, not a time"},
		{"service_level >= high", "not a number"},
		{"service_level >= NaN", "not a number"},
		{"p_wait <= inf", "not a number"},
		{"service_level(0s) >= 0.8", "write it as p_wait"},
		{"service_level(20 >= 0.8", "in parentheses"},
		{"service_level(20s)x >= 0.8", "in parentheses"},
		{"service_level(soon) >= 0.8", "service-level time"},
		{"service_level(-5s) >= 0.8", "cannot be negative"},
		{"asa(20s) <= 30s", "only service_level takes a time"},
		{"asa <= 30%", "asa is a time"},
		{"asa <= fast", "invalid duration"},
		{"asa <= -3s", "cannot be negative"},
		{"asa <= 1e12", "not a plausible wait"},
		{"occupancy <= 0.8 0.9", "not a number"},
	} {
		_, err := ParseTarget(c.in)
		if err == nil {
			t.Errorf("ParseTarget(%q) accepted it", c.in)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseTarget(%q) error %q, want it to mention %q", c.in, err, c.want)
		}
	}
}

func TestTargetMet(t *testing.T) {
	for _, c := range []struct {
		target string
		value  float64
		want   bool
	}{
		{"p_wait < 0.3", 0.3, false},
		{"p_wait <= 0.3", 0.3, true},
		{"service_level > 0.8", 0.8, false},
		{"service_level >= 0.8", 0.8, true},
		{"service_level >= 0.8", 0.79, false},
		{"asa <= 30s", math.Inf(1), false},
		{"asa <= 30s", math.NaN(), false},
		{"service_level >= 0", math.NaN(), false},
	} {
		if got := mustTarget(t, c.target).Met(c.value); got != c.want {
			t.Errorf("%s met by %g: %v, want %v", c.target, c.value, got, c.want)
		}
	}
}

func TestTargetDirection(t *testing.T) {
	for s, want := range map[string]bool{
		"service_level >= 0.8": true, "service_level > 0.8": true, "service_level <= 0.8": false,
		"asa <= 30s": true, "asa >= 30s": false, "p_abandon < 0.1": true, "p_wait > 0.1": false,
		"occupancy <= 0.85": true, "occupancy >= 0.7": false, "blocking <= 0.01": true,
	} {
		if got := mustTarget(t, s).MetByMoreAgents(); got != want {
			t.Errorf("%s: MetByMoreAgents %v, want %v", s, got, want)
		}
	}
}

func TestWithDefaultWithin(t *testing.T) {
	if got := mustTarget(t, "service_level >= 0.8").WithDefaultWithin(20).Within; got != 20 {
		t.Errorf("default not applied: %g", got)
	}
	if got := mustTarget(t, "service_level(30s) >= 0.8").WithDefaultWithin(20).Within; got != 30 {
		t.Errorf("explicit time overridden: %g", got)
	}
}

func TestPerformanceValue(t *testing.T) {
	p := Performance{PWait: 1, PAbandon: 2, ASA: 3, ServiceLevel: 4, Occupancy: 5}
	for metric, want := range map[string]float64{MetricPWait: 1, MetricPAbandon: 2, MetricASA: 3, MetricServiceLevel: 4, MetricOccupancy: 5} {
		if got, ok := p.Value(metric); !ok || got != want {
			t.Errorf("Value(%s) = %g, %v", metric, got, ok)
		}
	}
	if _, ok := p.Value(MetricBlocking); ok {
		t.Error("Performance has no blocking figure")
	}
}

func FuzzParseTarget(f *testing.F) {
	for _, s := range []string{
		"service_level >= 0.8", "service_level(20s) >= 80%", "asa <= 30s", "asa < 1m30s",
		"p_abandon <= 0.05", "p_wait < 0.3", "occupancy <= 85%", "blocking <= 0.01",
		"service_level(1h2m3.5s)=>0.99", "asa <= 1e-05", "p_wait <= 0x1p-3", "", ">=", "sl >= 80",
		"service_level((20s)) >= 0.8", "asa <= 0.1ms", "occupancy <= 1e-320", "AsA<-0", "p_wait <= -0%",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tg, err := ParseTarget(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("empty error for %q", s)
			}
			return
		}
		if !isTargetMetric(tg.Metric) {
			t.Fatalf("%q: unknown metric %q accepted", s, tg.Metric)
		}
		switch tg.Op {
		case "<", "<=", ">", ">=":
		default:
			t.Fatalf("%q: operator %q", s, tg.Op)
		}
		if math.IsNaN(tg.Value) || math.IsInf(tg.Value, 0) || tg.Value < 0 {
			t.Fatalf("%q: value %g", s, tg.Value)
		}
		if tg.Metric != MetricASA && tg.Value > 1 {
			t.Fatalf("%q: share %g above 1", s, tg.Value)
		}
		if tg.Within < 0 || math.IsNaN(tg.Within) || math.IsInf(tg.Within, 0) || tg.Within != 0 && tg.Metric != MetricServiceLevel {
			t.Fatalf("%q: within %g", s, tg.Within)
		}
		back, err := ParseTarget(tg.String())
		if err != nil {
			t.Fatalf("%q → %q does not parse: %v", s, tg.String(), err)
		}
		if back != tg {
			t.Fatalf("%q → %q → %+v, want %+v", s, tg.String(), back, tg)
		}
	})
}
