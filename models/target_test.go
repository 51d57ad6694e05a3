package models

import (
	"math"
	"testing"
)

func TestTargetMet(t *testing.T) {
	for _, c := range []struct {
		target Target
		value  float64
		want   bool
	}{
		{Target{MetricPWait, "<", 0.3, 0}, 0.3, false},
		{Target{MetricPWait, "<=", 0.3, 0}, 0.3, true},
		{Target{MetricServiceLevel, ">", 0.8, 0}, 0.8, false},
		{Target{MetricServiceLevel, ">=", 0.8, 0}, 0.8, true},
		{Target{MetricServiceLevel, ">=", 0.8, 0}, 0.79, false},
		{Target{MetricASA, "<=", 30, 0}, math.Inf(1), false},
		{Target{MetricASA, "<=", 30, 0}, math.NaN(), false},
		{Target{MetricServiceLevel, ">=", 0, 0}, math.NaN(), false},
	} {
		if got := c.target.Met(c.value); got != c.want {
			t.Errorf("%s met by %g: %v, want %v", c.target, c.value, got, c.want)
		}
	}
}

func TestTargetDirection(t *testing.T) {
	for s, want := range map[Target]bool{
		{MetricServiceLevel, ">=", 0.8, 0}: true, {MetricServiceLevel, ">", 0.8, 0}: true, {MetricServiceLevel, "<=", 0.8, 0}: false,
		{MetricASA, "<=", 30, 0}: true, {MetricASA, ">=", 30, 0}: false, {MetricAbandonRate, "<", 0.1, 0}: true, {MetricPWait, ">", 0.1, 0}: false,
		{MetricOccupancy, "<=", 0.85, 0}: true, {MetricOccupancy, ">=", 0.7, 0}: false, {MetricBlockedRate, "<=", 0.01, 0}: true,
	} {
		if got := s.MetByMoreAgents(); got != want {
			t.Errorf("%s: MetByMoreAgents %v, want %v", s, got, want)
		}
	}
}

func TestWithDefaultWithin(t *testing.T) {
	if got := (Target{MetricServiceLevel, ">=", 0.8, 0}).WithDefaultWithin(20).Within; got != 20 {
		t.Errorf("default not applied: %g", got)
	}
	if got := (Target{MetricServiceLevel, ">=", 0.8, 30}).WithDefaultWithin(20).Within; got != 30 {
		t.Errorf("explicit time overridden: %g", got)
	}
}

func TestPerformanceValue(t *testing.T) {
	p := Performance{PWait: 1, PAbandon: 2, ASA: 3, ServiceLevel: 4, Occupancy: 5}
	for metric, want := range map[string]float64{MetricPWait: 1, MetricAbandonRate: 2, MetricASA: 3, MetricServiceLevel: 4, MetricOccupancy: 5} {
		if got, ok := p.Value(metric); !ok || got != want {
			t.Errorf("Value(%s) = %g, %v", metric, got, ok)
		}
	}
	if _, ok := p.Value(MetricBlockedRate); ok {
		t.Error("Performance has no blocking figure")
	}
}

func TestTargetString(t *testing.T) {
	for tg, want := range map[Target]string{
		{MetricServiceLevel, ">=", 0.8, 20}: "service_level(20s) >= 0.8",
		{MetricASA, "<=", 30, 0}:            "asa <= 30s",
		{MetricBlockedRate, "<=", 0.01, 0}:  "blocked_rate <= 0.01",
	} {
		if got := tg.String(); got != want {
			t.Errorf("%+v: %q, want %q", tg, got, want)
		}
	}
}
