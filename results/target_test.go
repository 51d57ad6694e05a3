package results

import (
	"math"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/models"
)

func TestParseTarget(t *testing.T) {
	for _, c := range []struct {
		in   string
		want models.Target
	}{
		{"service_level >= 0.8", models.Target{Metric: "service_level", Op: ">=", Value: 0.8}},
		{"service_level(20s) >= 0.8", models.Target{Metric: "service_level", Op: ">=", Value: 0.8, Within: 20}},
		{"  service_level(1m) >= 80% ", models.Target{Metric: "service_level", Op: ">=", Value: 0.8, Within: 60}},
		{"service_level( 30 )>0.9", models.Target{Metric: "service_level", Op: ">", Value: 0.9, Within: 30}},
		{"asa <= 30s", models.Target{Metric: "asa", Op: "<=", Value: 30}},
		{"asa < 1m30s", models.Target{Metric: "asa", Op: "<", Value: 90}},
		{"asa <= 45", models.Target{Metric: "asa", Op: "<=", Value: 45}},
		{"abandon_rate <= 0.05", models.Target{Metric: "abandon_rate", Op: "<=", Value: 0.05}},
		{"queue_abandon_rate <= 5%", models.Target{Metric: "abandon_rate", Op: "<=", Value: 0.05}},
		{"p_wait < 0.3", models.Target{Metric: "p_wait", Op: "<", Value: 0.3}},
		{"occupancy <= 85 %", models.Target{Metric: "occupancy", Op: "<=", Value: 0.85}},
		{"blocked_rate <= 0.01", models.Target{Metric: "blocked_rate", Op: "<=", Value: 0.01}},
		{"p_wait <= 0", models.Target{Metric: "p_wait", Op: "<=", Value: 0}},
	} {
		th, err := ParseTarget(c.in)
		if err != nil {
			t.Errorf("ParseTarget(%q): %v", c.in, err)
			continue
		}
		got, ok := th.Analytic()
		if !ok || got != c.want {
			t.Errorf("ParseTarget(%q).Analytic() = %+v, %v; want %+v", c.in, got, ok, c.want)
			continue
		}
		// What models writes, this grammar reads back.
		if c.in != "queue_abandon_rate <= 5%" {
			back, err := ParseTarget(got.String())
			if err != nil {
				t.Errorf("%q → %q: %v", c.in, got.String(), err)
			} else if b, _ := back.Analytic(); b != got {
				t.Errorf("%q → %q → %+v", c.in, got.String(), b)
			}
		}
	}
}

func TestParseTargetErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "does not start with a metric"},
		{"service_level 0.8", "expected an operator"},
		{"service_level == 0.8", "use <, <=, > or >="},
		{"service_level = 0.8", "write == for equality"},
		{">= 0.8", "does not start with a metric"},
		{"sl >= 0.8", "ivrsim calls it service_level"},
		{"p_abandon <= 0.05", "ivrsim calls it abandon_rate"},
		{"blocking <= 0.01", "ivrsim calls it blocked_rate"},
		{"Service_Level >= 0.8", "ivrsim calls it service_level"},
		{"speed <= 3", "unknown metric"},
		{"service_level >=", "missing"},
		{"service_level >= 80", "write 0.8 or 80%"},
		{"service_level >= 1.5", "a share from 0 to 1"},
		{"service_level >= -0.1", "never negative"},
		{"service_level >= 120%", "a share from 0 to 1"},
		{"service_level >= 20s", "write a share"},
		{"service_level >= NaN", "write a share"},
		{"p_wait <= inf", "write a share"},
		{"service_level(0s) >= 0.8", "write it as p_wait"},
		{"service_level(20 >= 0.8", "never closed"},
		{"service_level(20s)x >= 0.8", "in parentheses"},
		{"service_level(soon) >= 0.8", "service-level time"},
		{"service_level(2d) >= 0.8", "service-level time"},
		{"asa(20s) <= 30s", "only service_level takes a time"},
		{"asa <= 30%", "write a duration"},
		{"asa <= fast", "write a duration"},
		{"asa{menu} <= 30s", "leave out {menu}"},
		{"asa ci_high <= 30s", "leave out ci_high"},
		{"wait p(90) <= 30s", "leave out p(90)"},
		{"occupancy <= 0.8 0.9", "write a share"},
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

// TestAnalyticOnlyForPredictedMetrics: a target the formulas cannot
// predict has no analytic form.
func TestAnalyticOnlyForPredictedMetrics(t *testing.T) {
	for _, s := range []string{"fcr >= 0.7", "effort <= 3", "ttr_mean <= 1h"} {
		th, err := ParseTarget(s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if m, ok := th.Analytic(); ok {
			t.Errorf("%q has an analytic form %+v", s, m)
		}
	}
}

func FuzzParseTarget(f *testing.F) {
	for _, s := range []string{
		"service_level >= 0.8", "service_level(20s) >= 80%", "asa <= 30s", "asa < 1m30s",
		"abandon_rate <= 0.05", "p_wait < 0.3", "occupancy <= 85%", "blocked_rate <= 0.01",
		"service_level(1h2m3.5s)>=0.99", "asa <= 1e-05", "p_wait <= 0x1p-3", "", ">=", "sl >= 80",
		"service_level((20s)) >= 0.8", "asa <= 0.1ms", "occupancy <= 1e-320", "asa<-0", "p_wait <= -0%",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		th, err := ParseTarget(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("empty error for %q", s)
			}
			return
		}
		if th.Design != "" || th.Agg != AggMean || th.Op == OpEqual || th.Op == OpNotEqual {
			t.Fatalf("%q: parsed to %+v", s, th)
		}
		if math.IsNaN(th.Value) || math.IsInf(th.Value, 0) || th.Value < 0 || th.Unit == Ratio && th.Value > 1 {
			t.Fatalf("%q: value %g", s, th.Value)
		}
		if th.Within < 0 || th.Within > maxWithin || th.Within != 0 && th.Metric != "service_level" {
			t.Fatalf("%q: within %g", s, th.Within)
		}
		m, ok := th.Analytic()
		if !ok {
			return
		}
		back, err := ParseTarget(m.String())
		if err != nil {
			t.Fatalf("%q → %q does not parse: %v", s, m.String(), err)
		}
		if b, _ := back.Analytic(); b != m {
			t.Fatalf("%q → %q → %+v, want %+v", s, m.String(), b, m)
		}
	})
}
