package sim

import (
	"context"
	"math/rand/v2"
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

// BenchmarkReferenceLoop is the yardstick for BenchmarkErlangA: the same
// M/M/100+M queue (about a million arrivals over 7 days) as a minimal
// hand-written loop — one typed binary heap, lazy abandonment timers, one
// random source, no metrics. The engine's budget is at most twice its time
// per call.
func BenchmarkReferenceLoop(b *testing.B) {
	const (
		lam, mu, theta = 100.0 / 60, 1.0 / 60, 1.0 / 120
		agents         = 100
		horizon        = 7 * 86400.0
	)
	type ev struct {
		t    float64
		kind int32 // 0 service end, 1 patience
		id   int32
	}
	var h []ev
	push := func(e ev) {
		h = append(h, e)
		i := len(h) - 1
		for i > 0 {
			p := (i - 1) / 2
			if h[p].t <= e.t {
				break
			}
			h[i] = h[p]
			i = p
		}
		h[i] = e
	}
	pop := func() ev {
		top := h[0]
		n := len(h) - 1
		last := h[n]
		h = h[:n]
		i := 0
		for {
			c := 2*i + 1
			if c >= n {
				break
			}
			if c+1 < n && h[c+1].t < h[c].t {
				c++
			}
			if h[c].t >= last.t {
				break
			}
			h[i] = h[c]
			i = c
		}
		if n > 0 {
			h[i] = last
		}
		return top
	}
	var calls int64
	for b.Loop() {
		r := rand.New(rand.NewPCG(1, 2))
		h = h[:0]
		waiting := make([]bool, 0, 1<<20)
		var queue []int32
		busy := 0
		next := r.ExpFloat64() / lam
		for next < horizon || len(h) > 0 {
			if len(h) == 0 || (next < horizon && next < h[0].t) {
				t := next
				next += r.ExpFloat64() / lam
				calls++
				id := int32(len(waiting))
				waiting = append(waiting, false)
				if busy < agents {
					busy++
					push(ev{t + r.ExpFloat64()/mu, 0, id})
				} else {
					waiting[id] = true
					queue = append(queue, id)
					push(ev{t + r.ExpFloat64()/theta, 1, id})
				}
				continue
			}
			e := pop()
			if e.kind == 1 {
				waiting[e.id] = false
				continue
			}
			busy--
			for len(queue) > 0 {
				id := queue[0]
				queue = queue[1:]
				if waiting[id] {
					waiting[id] = false
					busy++
					push(ev{e.t + r.ExpFloat64()/mu, 0, id})
					break
				}
			}
		}
	}
	b.ReportMetric(float64(calls)/b.Elapsed().Seconds(), "calls/s")
}
