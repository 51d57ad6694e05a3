package models

import (
	"fmt"
	"math"
	"testing"
)

func TestErlangBPublished(t *testing.T) {
	// Values from standard Erlang B tables.
	cases := []struct {
		load  float64
		lines int
		want  float64
		tol   float64
	}{
		{1, 1, 0.5, 1e-15},
		{2, 2, 0.4, 1e-15},
		{10, 10, 0.2146, 5e-5},
		{4.46, 10, 0.01, 5e-5},    // 10 lines carry 4.46 E at 1% blocking
		{84.06, 100, 0.01, 1e-5},  // 100 lines carry 84.06 E at 1%
		{10.437, 18, 0.01, 1e-5},  // 18 lines carry 10.437 E at 1%
		{0, 5, 0, 0},              // no traffic, no blocking
		{3, 0, 1, 0},              // no lines, everything blocked
		{1, 1000, 0, 1e-300},      // underflows cleanly to (almost) 0
		{5000, 10000, 0, 1e-300},  // far more lines than load
		{10000, 5000, 0.5, 1e-3},  // overload: B ≈ 1 − N/a
		{1e6, 1, 1 - 1e-6, 1e-11}, // one line, huge load
	}
	for _, c := range cases {
		got := ErlangB(c.load, c.lines)
		if math.Abs(got-c.want) > c.tol || math.IsNaN(got) {
			t.Errorf("ErlangB(%g, %d) = %.10g, want %g ± %g", c.load, c.lines, got, c.want, c.tol)
		}
	}
}

func TestErlangCPublished(t *testing.T) {
	// 2 Erlangs on 3 agents: C = 4/9 exactly.
	if got := ErlangC(2, 3); math.Abs(got-4.0/9) > 1e-15 {
		t.Errorf("ErlangC(2, 3) = %.17g, want 4/9", got)
	}
	// The classic worked example: 100 calls per half hour, 3-minute
	// handle time (10 Erlangs), 14 agents, 80/20 target: P(wait) 17.4%,
	// ASA 7.8 s, 88.8% answered within 20 s, occupancy 71.4%.
	p := ErlangCPerformance(100.0/1800, 180, 14, 20)
	for _, c := range []struct {
		name      string
		got, want float64
		tol       float64
	}{
		{"PWait", p.PWait, 0.1741, 1e-4},
		{"ASA", p.ASA, 7.84, 0.01},
		{"ServiceLevel", p.ServiceLevel, 0.8884, 1e-4},
		{"Occupancy", p.Occupancy, 10.0 / 14, 1e-15},
	} {
		if math.Abs(c.got-c.want) > c.tol {
			t.Errorf("%s = %.6g, want %g ± %g", c.name, c.got, c.want, c.tol)
		}
	}
	if !p.Stable || p.PAbandon != 0 || p.MeanWait != p.ASA {
		t.Errorf("unexpected %+v", p)
	}
}

// noNaN fails on any NaN field except those listed as allowed.
func noNaN(t *testing.T, p Performance, allowed ...string) {
	t.Helper()
	fields := map[string]float64{
		"PWait": p.PWait, "PAbandon": p.PAbandon, "ASA": p.ASA, "MeanWait": p.MeanWait,
		"PWaitAnswered": p.PWaitAnswered, "ServiceLevel": p.ServiceLevel, "Occupancy": p.Occupancy,
	}
	for _, a := range allowed {
		delete(fields, a)
	}
	for name, v := range fields {
		if math.IsNaN(v) {
			t.Errorf("%s is NaN in %+v", name, p)
		}
	}
	for name, v := range map[string]float64{"PWait": p.PWait, "PAbandon": p.PAbandon, "ServiceLevel": p.ServiceLevel, "Occupancy": p.Occupancy} {
		if v < 0 || v > 1 {
			t.Errorf("%s = %g outside [0, 1] in %+v", name, v, p)
		}
	}
	if p.ASA < 0 || p.MeanWait < 0 {
		t.Errorf("negative wait in %+v", p)
	}
}

func TestErlangCUnstable(t *testing.T) {
	for _, c := range []struct {
		load   float64
		agents int
	}{{10, 10}, {10, 5}, {10.5, 10}, {5000, 4999}, {1, 1}, {1e-9, 0}, {3, 0}} {
		p := ErlangCPerformance(c.load/180, 180, c.agents, 20)
		noNaN(t, p)
		if p.Stable || p.PWait != 1 || !math.IsInf(p.ASA, 1) || !math.IsInf(p.MeanWait, 1) || p.ServiceLevel != 0 {
			t.Errorf("load %g, %d agents: want an unstable queue, got %+v", c.load, c.agents, p)
		}
		wantOcc := 1.0
		if c.agents == 0 {
			wantOcc = 0
		}
		if p.Occupancy != wantOcc {
			t.Errorf("load %g, %d agents: occupancy %g, want %g", c.load, c.agents, p.Occupancy, wantOcc)
		}
		if got := ErlangC(c.load, c.agents); got != 1 {
			t.Errorf("ErlangC(%g, %d) = %g, want 1", c.load, c.agents, got)
		}
	}
	// Just above the load the queue is stable again, with a long but finite wait.
	p := ErlangCPerformance(10.0/180, 180, 11, 20)
	if !p.Stable || math.IsInf(p.ASA, 0) || p.PWait >= 1 {
		t.Errorf("11 agents for 10 E should be stable: %+v", p)
	}
}

func TestNoLoad(t *testing.T) {
	for _, agents := range []int{1, 2, 100, 10000} {
		c := ErlangCPerformance(0, 180, agents, 20)
		a := ErlangAPerformance(0, 180, 60, agents, 20)
		for _, p := range []Performance{c, a} {
			noNaN(t, p)
			if !p.Stable || p.PWait != 0 || p.PAbandon != 0 || p.ASA != 0 || p.ServiceLevel != 1 || p.Occupancy != 0 {
				t.Errorf("%d agents, no calls: %+v", agents, p)
			}
		}
	}
	if got := ErlangC(0, 3); got != 0 {
		t.Errorf("ErlangC(0, 3) = %g", got)
	}
}

func TestErlangANoAgents(t *testing.T) {
	for _, rate := range []float64{0, 0.1, 100} {
		p := ErlangAPerformance(rate, 180, 90, 0, 20)
		noNaN(t, p, "ASA", "PWaitAnswered")
		if !p.Stable || p.PWait != 1 || p.PAbandon != 1 || p.ServiceLevel != 0 || p.Occupancy != 0 || p.MeanWait != 90 {
			t.Errorf("rate %g, no agents: %+v", rate, p)
		}
		if !math.IsNaN(p.ASA) || !math.IsNaN(p.PWaitAnswered) {
			t.Errorf("rate %g, no agents: ASA %g and PWaitAnswered %g should be NaN (no call is answered)", rate, p.ASA, p.PWaitAnswered)
		}
	}
}

// TestErlangAExtremes runs the calculator where the integrals are hardest
// (tiny and huge x and y, N far below and far above the load) and checks
// that every figure is a sane number and the identities hold.
func TestErlangAExtremes(t *testing.T) {
	for _, agents := range []int{1, 2, 10, 100, 1000, 10000, MaxAgents} {
		for _, load := range []float64{1e-6, 0.5, 10, 999, 5000, 20000} {
			for _, patience := range []float64{1e-300, 1e-90, 0.01, 18, 180, 1800, 1e7, 1e100, 1e300} {
				for _, within := range []float64{0, 1e-6, 20, 1e5} {
					p := ErlangAPerformance(load/180, 180, patience, agents, within)
					name := fmt.Sprintf("N=%d a=%g patience=%g t=%g", agents, load, patience, within)
					noNaN(t, p)
					checkIdentities(t, name, p, patience)
					if t.Failed() {
						return
					}
				}
			}
		}
	}
}

// checkIdentities checks relations between the figures that hold for any
// M/M/N+M queue with at least one agent.
func checkIdentities(t *testing.T, name string, p Performance, patience float64) {
	t.Helper()
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-12+1e-9*math.Abs(b) }
	answered := 1 - p.PAbandon
	// Waiting = abandoning + answered after a wait.
	if !near(p.PWait, p.PAbandon+answered*p.PWaitAnswered) {
		t.Errorf("%s: PWait %g ≠ PAbandon %g + answered·PWaitAnswered %g", name, p.PWait, p.PAbandon, answered*p.PWaitAnswered)
	}
	if !near(p.MeanWait, p.PAbandon*patience) {
		t.Errorf("%s: MeanWait %g ≠ PAbandon·patience %g", name, p.MeanWait, p.PAbandon*patience)
	}
	if !near(p.Occupancy, math.Min(1, p.Load/float64(p.Agents)*answered)) {
		t.Errorf("%s: Occupancy %g ≠ answered load / agents %g", name, p.Occupancy, p.Load/float64(p.Agents)*answered)
	}
	if p.Within == 0 && !near(p.ServiceLevel, 1-p.PWait) {
		t.Errorf("%s: service level within 0s %g ≠ 1 − PWait %g", name, p.ServiceLevel, 1-p.PWait)
	}
	if p.ServiceLevel > answered+1e-13 {
		t.Errorf("%s: service level %g above the answered share %g", name, p.ServiceLevel, answered)
	}
	// (ASA may underflow to 0 while PWaitAnswered does not: with a
	// patience of 1e−300 s the waits of answered calls are that short.)
	if p.ASA > 0 && p.PWaitAnswered == 0 || p.ASA == 0 && p.PWaitAnswered*patience > 1e-250 {
		t.Errorf("%s: ASA %g and PWaitAnswered %g disagree", name, p.ASA, p.PWaitAnswered)
	}
}

func TestErlangAIdentitiesGrid(t *testing.T) {
	for _, agents := range []int{1, 3, 30, 300} {
		for _, ratio := range []float64{0.2, 0.8, 1, 1.25, 3} {
			for _, patience := range []float64{18, 180, 1800} {
				for _, within := range []float64{0, 20, 600} {
					p := ErlangAPerformance(ratio*float64(agents)/180, 180, patience, agents, within)
					checkIdentities(t, fmt.Sprintf("N=%d ρ=%g patience=%g t=%g", agents, ratio, patience, within), p, patience)
				}
			}
		}
	}
}

func TestErlangAServiceLevelLimits(t *testing.T) {
	// Within a very long time every answered call is counted; within 0,
	// only those answered at once.
	p := ErlangAPerformance(1, 180, 120, 170, 1e7)
	if math.Abs(p.ServiceLevel-(1-p.PAbandon)) > 1e-13 {
		t.Errorf("SL(∞) = %.15g, want 1 − PAbandon = %.15g", p.ServiceLevel, 1-p.PAbandon)
	}
	p0 := ErlangAPerformance(1, 180, 120, 170, 0)
	if math.Abs(p0.ServiceLevel-(1-p0.PWait)) > 1e-13 {
		t.Errorf("SL(0) = %.15g, want 1 − PWait = %.15g", p0.ServiceLevel, 1-p0.PWait)
	}
	// The service level grows with the time allowed.
	prev := -1.0
	for _, within := range []float64{0, 0.001, 1, 5, 20, 60, 300, 3600} {
		sl := ErlangAPerformance(1, 180, 120, 170, within).ServiceLevel
		if sl < prev {
			t.Errorf("service level fell from %g to %g at %gs", prev, sl, within)
		}
		prev = sl
	}
}

func TestErlangAInfinitePatienceIsErlangC(t *testing.T) {
	for _, agents := range []int{5, 12, 100} {
		c := ErlangCPerformance(10.0/180, 180, agents, 20)
		a := ErlangAPerformance(10.0/180, 180, math.Inf(1), agents, 20)
		if a != c {
			t.Errorf("%d agents: Erlang A with infinite patience %+v ≠ Erlang C %+v", agents, a, c)
		}
		// Very patient callers come close to Erlang C when it is stable.
		if c.Stable {
			near := ErlangAPerformance(10.0/180, 180, 1e9, agents, 20)
			for _, f := range [][2]float64{{near.PWait, c.PWait}, {near.ASA, c.ASA}, {near.ServiceLevel, c.ServiceLevel}} {
				if math.Abs(f[0]-f[1]) > 1e-4*f[1] {
					t.Errorf("%d agents: patience 1e9 gives %g, Erlang C %g", agents, f[0], f[1])
				}
			}
		}
	}
}

// TestMonotoneInAgents checks the assumption staffing relies on: every
// figure moves one way as agents are added.
func TestMonotoneInAgents(t *testing.T) {
	type model struct {
		name string
		perf func(rate float64, agents int) Performance
	}
	models := []model{
		{"C", func(rate float64, n int) Performance { return ErlangCPerformance(rate, 180, n, 20) }},
		{"A short patience", func(rate float64, n int) Performance { return ErlangAPerformance(rate, 180, 30, n, 20) }},
		{"A patience=aht", func(rate float64, n int) Performance { return ErlangAPerformance(rate, 180, 180, n, 20) }},
		{"A long patience", func(rate float64, n int) Performance { return ErlangAPerformance(rate, 180, 3600, n, 20) }},
	}
	for _, m := range models {
		for _, load := range []float64{0.3, 4, 37, 250, 1200} {
			rate := load / 180
			prev := m.perf(rate, 1)
			top := int(2*load) + 40
			for n := 2; n <= top; n++ {
				p := m.perf(rate, n)
				if !p.Stable {
					prev = p
					continue
				}
				name := fmt.Sprintf("%s load %g: %d→%d agents", m.name, load, n-1, n)
				// Figures that have reached 0 or 1 to the last bit may
				// wobble by an ulp; anything more is a real reversal.
				up := func(a, b float64) bool { return a > b*(1+1e-14) }
				if up(p.PWait, prev.PWait) || up(p.PAbandon, prev.PAbandon) || up(p.ASA, prev.ASA) ||
					up(prev.ServiceLevel, p.ServiceLevel) || up(p.Occupancy, prev.Occupancy) || up(p.MeanWait, prev.MeanWait) {
					t.Errorf("%s: not monotone:\n%+v\n%+v", name, prev, p)
					break
				}
				prev = p
			}
		}
	}
	for _, load := range []float64{0.5, 10, 300} {
		for n := 1; n < 2*int(load)+20; n++ {
			if ErlangB(load, n+1) > ErlangB(load, n) {
				t.Errorf("Erlang B load %g: blocking grows from %d to %d lines", load, n, n+1)
			}
		}
	}
}

func TestExpTail(t *testing.T) {
	// Compare the series and the direct form where both are accurate.
	for _, d := range []float64{-0.0999, -0.05, 0.0999, 0.1, -0.1, 3, -3} {
		g, em1 := expTail(d)
		wantEm1 := math.Expm1(-d)
		wantG := math.Exp(-d) - 1 + d
		if math.Abs(g-wantG) > 1e-12*wantG || math.Abs(em1-wantEm1) > 1e-15*math.Abs(wantEm1) {
			t.Errorf("expTail(%g) = %.17g, %.17g; want %.17g, %.17g", d, g, em1, wantG, wantEm1)
		}
	}
	// Where the direct form cancels, the leading terms of the series are
	// the reference.
	for _, d := range []float64{1e-3, -2e-3, 1e-8} {
		want := d*d/2 - d*d*d/6 + d*d*d*d/24 - d*d*d*d*d/120 + d*d*d*d*d*d/720
		if g, em1 := expTail(d); math.Abs(g-want) > 1e-14*want || math.Abs(em1-math.Expm1(-d)) > 1e-15*math.Abs(d) {
			t.Errorf("expTail(%g) = %.17g, %.17g; want %.17g, %.17g", d, g, em1, want, math.Expm1(-d))
		}
	}
}

func TestLegendreRule(t *testing.T) {
	// The 12-point rule integrates x^k exactly up to degree 23.
	for k := 0; k <= 23; k++ {
		sum := 0.0
		for i, x := range glNodes {
			sum += glWeights[i] * math.Pow(x, float64(k))
		}
		want := 0.0
		if k%2 == 0 {
			want = 2 / float64(k+1)
		}
		if math.Abs(sum-want) > 1e-14 {
			t.Errorf("∫x^%d = %.17g, want %.17g", k, sum, want)
		}
	}
}

func BenchmarkErlangAPerformance(b *testing.B) {
	for _, c := range []struct {
		agents int
		load   float64
	}{{10, 8}, {100, 95}, {1000, 1000}, {10000, 9800}} {
		b.Run(fmt.Sprintf("N=%d", c.agents), func(b *testing.B) {
			for b.Loop() {
				ErlangAPerformance(c.load/180, 180, 120, c.agents, 20)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "evals/s")
		})
	}
}

func BenchmarkErlangCPerformance(b *testing.B) {
	for _, agents := range []int{100, 10000} {
		b.Run(fmt.Sprintf("N=%d", agents), func(b *testing.B) {
			for b.Loop() {
				ErlangCPerformance(0.98*float64(agents)/180, 180, agents, 20)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "evals/s")
		})
	}
}

// FuzzErlangPerformance checks that any input within the preconditions
// gives sane figures: no NaN (but for the documented no-agent case), no
// probability outside [0, 1], no negative wait.
func FuzzErlangPerformance(f *testing.F) {
	f.Add(100.0/1800, 180.0, 120.0, uint32(14), 20.0)
	f.Add(1e-9, 1e-9, 1e9, uint32(1), 0.0)
	f.Add(1e6, 3600.0, 1e-6, uint32(MaxAgents), 1e6)
	f.Fuzz(func(t *testing.T, rate, aht, patience float64, agents uint32, within float64) {
		rate, aht, patience, within = math.Abs(rate), math.Abs(aht), math.Abs(patience), math.Abs(within)
		n := int(agents % (MaxAgents + 1))
		load := rate * aht
		if !(aht > 0) || !(patience > 0) || math.IsInf(rate+aht+within, 0) || math.IsNaN(rate+aht+patience+within) || load > 10*MaxAgents {
			t.Skip()
		}
		c := ErlangCPerformance(rate, aht, n, within)
		noNaN(t, c)
		a := ErlangAPerformance(rate, aht, patience, n, within)
		if n == 0 {
			noNaN(t, a, "ASA", "PWaitAnswered")
		} else {
			noNaN(t, a)
		}
		if b := ErlangB(load, n); !(b >= 0 && b <= 1) {
			t.Errorf("ErlangB(%g, %d) = %g", load, n, b)
		}
	})
}
