package sim

import (
	"context"
	"testing"

	"github.com/ivrsim/ivrsim/scenarios"
)

// BenchmarkErlangA runs M/M/100+M (100 calls a minute, 1-minute service,
// 2-minute patience, 100 agents) for about a million arrivals per
// replication, on one core, and reports simulated calls per second.
func BenchmarkErlangA(b *testing.B) {
	sc, err := scenarios.LoadBuiltin("erlang-a", []string{"horizon.days=7", "warmup=0"})
	if err != nil {
		b.Fatal(err)
	}
	benchmarkScenario(b, sc, DirectDesign)
}

func benchmarkScenario(b *testing.B, sc *scenarios.Scenario, design string) {
	p, err := Compile(sc, design)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var calls int64
	rep := 0
	for b.Loop() {
		_, n, err := Replicate(context.Background(), p, 1, rep, nil)
		if err != nil {
			b.Fatal(err)
		}
		calls += n
		rep++
	}
	b.ReportMetric(float64(calls)/b.Elapsed().Seconds(), "calls/s")
	b.ReportMetric(float64(calls)/float64(b.N), "calls/op")
}

// BenchmarkBank runs the built-in bank scenario (menus, forced
// self-service, the queue-preserving virtual agent) per design.
func BenchmarkBank(b *testing.B) {
	benchmarkBuiltin(b, "bank")
}

// BenchmarkTelco runs the built-in telco scenario (many intents and skills,
// misroutes and transfers) per design.
func BenchmarkTelco(b *testing.B) {
	benchmarkBuiltin(b, "telco")
}

func benchmarkBuiltin(b *testing.B, name string) {
	sc, err := scenarios.LoadBuiltin(name, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range DesignNames(sc) {
		b.Run(d, func(b *testing.B) { benchmarkScenario(b, sc, d) })
	}
}
