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
