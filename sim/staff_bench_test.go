package sim

import (
	"context"
	"testing"

	"github.com/ivrsim/ivrsim/scenarios"
)

// BenchmarkStaff48 staffs a 48-interval day of bank-like size: the bank
// scenario's callers, flows and five days, with a round-the-clock profile
// of about 1,500 contacts a day, for an 80/20 service level.
func BenchmarkStaff48(b *testing.B) {
	sc, err := scenarios.LoadBuiltin("bank", nil)
	if err != nil {
		b.Fatal(err)
	}
	night := []float64{5, 4, 3, 3, 2, 2, 2, 2, 3, 4, 6, 9, 12, 14}
	sc.Arrivals.Start = 0
	sc.Arrivals.Profile = append(append([]float64{}, night...), sc.Arrivals.Profile...)
	sc.Agents[0].Staffing = ones(48)
	p, err := Compile(sc, "forced-menu")
	if err != nil {
		b.Fatal(err)
	}
	tg, err := ParseStaffTarget("service_level(20s) >= 0.8")
	if err != nil {
		b.Fatal(err)
	}
	sims := 0
	for b.Loop() {
		res, err := Staff(context.Background(), p, StaffOptions{Targets: []StaffTarget{tg}, Seed: 1, Replications: 20})
		if err != nil {
			b.Fatal(err)
		}
		sims = res.Simulations
	}
	b.ReportMetric(float64(sims), "simulations/op")
}

// BenchmarkStaffErlangA staffs the built-in erlang-a scenario (M/M/100+M,
// 48 half-hours, 46 judged) for an 80/20 service level, as
// "ivrsim staff erlang-a --target 'service_level(20s) >= 0.8'" does. The
// exact answer is 93 agents in every judged interval; the benchmark reports
// how many intervals got another answer (wrong-intervals/op; 0 is right).
func BenchmarkStaffErlangA(b *testing.B) {
	sc, err := scenarios.LoadBuiltin("erlang-a", nil)
	if err != nil {
		b.Fatal(err)
	}
	p, err := Compile(sc, DirectDesign)
	if err != nil {
		b.Fatal(err)
	}
	tg, err := ParseStaffTarget("service_level(20s) >= 0.8")
	if err != nil {
		b.Fatal(err)
	}
	sims, wrong := 0, 0
	for b.Loop() {
		res, err := Staff(context.Background(), p, StaffOptions{Targets: []StaffTarget{tg}, Seed: 1, Replications: 20})
		if err != nil {
			b.Fatal(err)
		}
		sims, wrong = res.Simulations, 0
		for _, r := range res.Intervals {
			if r.Judged && r.Agents != 93 {
				wrong++
			}
		}
	}
	b.ReportMetric(float64(sims), "simulations/op")
	b.ReportMetric(float64(wrong), "wrong-intervals/op")
}
