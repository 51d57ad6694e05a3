package models

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// metC and metA evaluate a target the way a user would, through the public
// calculators, independently of the search's table of Erlang B values.
func metC(tg Target, rate, aht float64, n int) bool {
	p := ErlangCPerformance(rate, aht, n, tg.Within)
	if !p.Stable {
		return false
	}
	v, _ := p.Value(tg.Metric)
	return tg.Met(v)
}

func metA(tg Target, rate, aht, patience float64, n int) bool {
	v, _ := ErlangAPerformance(rate, aht, patience, n, tg.Within).Value(tg.Metric)
	return tg.Met(v)
}

var staffingTargets = []Target{
	{MetricServiceLevel, ">=", 0.8, 20.0},
	{MetricServiceLevel, ">", 0.95, 15.0},
	{MetricServiceLevel, ">=", 0.99, 180.0},
	{MetricASA, "<=", 30.0, 0},
	{MetricASA, "<", 2.0, 0},
	{MetricPWait, "<=", 0.3, 0},
	{MetricPWait, "<", 0.01, 0},
	{MetricOccupancy, "<=", 0.85, 0},
	{MetricOccupancy, "<", 0.5, 0},
}

func TestStaffErlangCExactMinimum(t *testing.T) {
	for _, load := range []float64{0.2, 3, 10, 47.5, 300, 1000} {
		for _, s := range staffingTargets {
			tg := s
			rate := load / 180
			n, err := StaffErlangC(rate, 180, tg)
			if err != nil {
				t.Errorf("load %g, %s: %v", load, s, err)
				continue
			}
			if !metC(tg, rate, 180, n) || metC(tg, rate, 180, n-1) {
				t.Errorf("load %g, %s: got %d agents, but %d meets it: %v, %d meets it: %v",
					load, s, n, n, metC(tg, rate, 180, n), n-1, metC(tg, rate, 180, n-1))
			}
			// A linear scan from the first stable staffing agrees.
			scan := int(load) + 1
			for !metC(tg, rate, 180, scan) {
				scan++
			}
			if scan != n {
				t.Errorf("load %g, %s: search found %d, a linear scan %d", load, s, n, scan)
			}
		}
	}
}

func TestStaffErlangAExactMinimum(t *testing.T) {
	targets := append([]Target{{MetricAbandonRate, "<=", 0.05, 0}, {MetricAbandonRate, "<", 0.001, 0}}, staffingTargets...)
	for _, load := range []float64{0.2, 3, 10, 47.5, 300, 1000} {
		for _, patience := range []float64{30, 180, 900} {
			for _, s := range targets {
				tg := s
				rate := load / 180
				n, err := StaffErlangA(rate, 180, patience, tg)
				if err != nil {
					t.Errorf("load %g patience %g, %s: %v", load, patience, s, err)
					continue
				}
				if !metA(tg, rate, 180, patience, n) || n > 1 && metA(tg, rate, 180, patience, n-1) {
					t.Errorf("load %g patience %g, %s: got %d agents; %d meets it: %v, %d meets it: %v", load, patience, s, n,
						n, metA(tg, rate, 180, patience, n), n-1, metA(tg, rate, 180, patience, n-1))
				}
				if load <= 50 {
					scan := 1
					for !metA(tg, rate, 180, patience, scan) {
						scan++
					}
					if scan != n {
						t.Errorf("load %g patience %g, %s: search found %d, a linear scan %d", load, patience, s, n, scan)
					}
				}
			}
		}
	}
}

func TestStaffLarge(t *testing.T) {
	tg := Target{MetricServiceLevel, ">=", 0.8, 20.0}
	for _, load := range []float64{5000, 9500} {
		rate := load / 180
		n, err := StaffErlangC(rate, 180, tg)
		if err != nil || !metC(tg, rate, 180, n) || metC(tg, rate, 180, n-1) {
			t.Errorf("Erlang C load %g: %d, %v", load, n, err)
		}
		n, err = StaffErlangA(rate, 180, 300, tg)
		if err != nil || !metA(tg, rate, 180, 300, n) || metA(tg, rate, 180, 300, n-1) {
			t.Errorf("Erlang A load %g: %d, %v", load, n, err)
		}
	}
}

func TestStaffErlangB(t *testing.T) {
	for _, c := range []struct {
		load   float64
		target Target
		want   int
	}{
		{10, Target{MetricBlockedRate, "<=", 0.01, 0}, 18},     // Erlang B tables: 18 lines carry 10.44 E at 1%
		{84.06, Target{MetricBlockedRate, "<=", 0.01, 0}, 100}, // 100 lines carry 84.06 E at 1%
		{4.46, Target{MetricBlockedRate, "<=", 0.01, 0}, 10},
		{0, Target{MetricBlockedRate, "<=", 0.01, 0}, 1},
		{1000, Target{MetricBlockedRate, "<", 0.001, 0}, 0}, // checked against the definition below
	} {
		got, err := StaffErlangB(c.load, c.target)
		if err != nil {
			t.Errorf("load %g, %s: %v", c.load, c.target, err)
			continue
		}
		tg := c.target
		if !tg.Met(ErlangB(c.load, got)) || got > 1 && tg.Met(ErlangB(c.load, got-1)) {
			t.Errorf("load %g, %s: %d lines is not the smallest that meets it", c.load, c.target, got)
		}
		if c.want != 0 && got != c.want {
			t.Errorf("load %g, %s: %d lines, want %d", c.load, c.target, got, c.want)
		}
	}
}

func TestStaffNoLoad(t *testing.T) {
	tg := Target{MetricServiceLevel, ">=", 0.8, 20.0}
	if n, err := StaffErlangC(0, 180, tg); n != 1 || err != nil {
		t.Errorf("Erlang C, no calls: %d, %v", n, err)
	}
	if n, err := StaffErlangA(0, 180, 60, tg); n != 1 || err != nil {
		t.Errorf("Erlang A, no calls: %d, %v", n, err)
	}
}

func TestStaffErrors(t *testing.T) {
	sl := Target{MetricServiceLevel, ">=", 0.8, 20.0}
	for _, c := range []struct {
		name string
		err  func() error
		want string
	}{
		{"unreachable abandonment", func() error {
			_, err := StaffErlangA(2e5/180, 180, 600, Target{MetricAbandonRate, "<=", 0.01, 0})
			return err
		}, "no staffing of up to 100000"},
		{"unreachable asa", func() error { _, err := StaffErlangA(3e5/180, 180, 60, Target{MetricASA, "<=", 1.0, 0}); return err }, "cannot be reached"},
		{"wrong direction", func() error { _, err := StaffErlangC(1, 180, Target{MetricServiceLevel, "<=", 0.8, 20.0}); return err }, "fewer agents"},
		{"wrong direction occupancy", func() error { _, err := StaffErlangA(1, 180, 60, Target{MetricOccupancy, ">=", 0.7, 0}); return err }, "occupancy <= 0.7"},
		{"blocking for agents", func() error { _, err := StaffErlangC(1, 180, Target{MetricBlockedRate, "<=", 0.01, 0}); return err }, "Erlang B"},
		{"not blocking for lines", func() error { _, err := StaffErlangB(10, sl); return err }, "only predicts blocked_rate"},
		{"no service-level time", func() error { _, err := StaffErlangC(1, 180, Target{MetricServiceLevel, ">=", 0.8, 0}); return err }, "answered within"},
		{"load beyond the cap", func() error { _, err := StaffErlangC(MaxAgents, 2, sl); return err }, "more than 100000"},
		{"bad handle time", func() error { _, err := StaffErlangC(1, 0, sl); return err }, "handle time"},
		{"bad patience", func() error { _, err := StaffErlangA(1, 180, -1, sl); return err }, "patience"},
	} {
		err := c.err()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", c.name, err, c.want)
		}
	}
}

func TestSmallestMeetingGuessAnywhere(t *testing.T) {
	tg := Target{MetricPWait, "<=", 0.5, 0}
	// Metrics of every shape: a step, a straight line, a steep curve.
	shapes := map[string]func(n, threshold int) float64{
		"step": func(n, threshold int) float64 {
			if n >= threshold {
				return 0
			}
			return 1
		},
		"linear": func(n, threshold int) float64 { return 0.5 + float64(threshold-n)*1e-3 },
		"steep":  func(n, threshold int) float64 { return 0.5 * math.Exp(float64(threshold-n)) },
	}
	for name, shape := range shapes {
		for _, threshold := range []int{1, 2, 3, 17, 1000, MaxAgents} {
			for _, guess := range []int{1, 2, 16, 17, 18, 999, 5000, MaxAgents} {
				calls := 0
				got, err := smallestMeeting(tg, 1, guess, 1+guess%7, func(n int) float64 { calls++; return shape(n, threshold) })
				if err != nil || got != threshold {
					t.Errorf("%s, threshold %d guess %d: got %d, %v", name, threshold, guess, got, err)
				}
				if calls > 80 {
					t.Errorf("%s, threshold %d guess %d: %d evaluations", name, threshold, guess, calls)
				}
			}
		}
	}
	if _, err := smallestMeeting(tg, 1, 5, 1, func(int) float64 { return 1 }); err == nil {
		t.Error("a target nobody meets should be an error")
	}
}

func BenchmarkStaffing(b *testing.B) {
	sl := Target{MetricServiceLevel, ">=", 0.8, 20.0}
	for _, load := range []float64{1000, 10000} {
		rate := load / 180
		b.Run(fmt.Sprintf("ErlangC/load=%g", load), func(b *testing.B) {
			for b.Loop() {
				if _, err := StaffErlangC(rate, 180, sl); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "searches/s")
		})
		b.Run(fmt.Sprintf("ErlangA/load=%g", load), func(b *testing.B) {
			for b.Loop() {
				if _, err := StaffErlangA(rate, 180, 300, sl); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "searches/s")
		})
	}
}
