package sipua

import (
	"context"
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/ivrsim/ivrsim/sim/live"
)

// holdScenario keeps every call in a one-hour prompt: the IVR plays a tone
// and the caller sends silence, RTP both ways, until the caller hangs up.
const holdScenario = `
name: hold
arrivals: {rate: 60/h}
intents:
  any: {handle_time: 3m, share: 1}
agents:
  team: {count: 1}
designs:
  hold:
    start: greet
    nodes:
      greet: {type: prompt, duration: 1h, next: q}
      q: {type: queue}
`

// capacityRig is serve and the harness in one process on loopback, as on
// one machine.
type capacityRig struct {
	srv *Server
	ivr *live.IVR
	d   *Dialer
}

func newCapacityRig(b *testing.B) *capacityRig {
	b.Helper()
	w := newTwin(b, holdScenario)
	srv, ivr := w.serveIVR(b, 1, 9*3600)
	return &capacityRig{srv: srv, ivr: ivr, d: w.dialer(b, srv.Addr(), "udp", false)}
}

// place starts n calls at most rate a second from a few goroutines and
// returns them with their set-up times.
func (r *capacityRig) place(b *testing.B, from, n int, rate float64) ([]*ClientCall, []time.Duration) {
	b.Helper()
	calls := make([]*ClientCall, n)
	setups := make([]time.Duration, n)
	tick := time.NewTicker(time.Duration(float64(time.Second) / rate))
	defer tick.Stop()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		<-tick.C
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			c, st, err := r.d.Call(ctx, live.CallerID{Index: uint64(from + i), Known: true})
			if err != nil {
				errs <- err
				return
			}
			calls[i], setups[i] = c, st.Answered
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatalf("call failed: %v", err)
	}
	return calls, setups
}

func p99(d []time.Duration) time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(0.99*float64(len(s))))]
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse + m.StackInuse
}

// BenchmarkHold500 places 500 calls at 50 set-ups a second and holds them
// for 5 s with RTP flowing both ways. It reports set-up p99, the RTP
// packets each side received per call per second (50 is all of them), and
// memory per live call, both sides together.
func BenchmarkHold500(b *testing.B) {
	const n, rate, hold = 500, 50.0, 5 * time.Second
	for range b.N {
		r := newCapacityRig(b)
		before := heapInUse()
		calls, setups := r.place(b, 0, n, rate)
		mem := float64(heapInUse()-before) / n
		if c := r.ivr.Counts(); c.Active != n {
			b.Fatalf("the IVR holds %d calls, want %d", c.Active, n)
		}
		var sent0, recv0 int64
		for _, c := range calls {
			s, rv := c.Packets()
			sent0, recv0 = sent0+s, recv0+rv
		}
		cpu0 := cpuTime()
		time.Sleep(hold)
		cpu := cpuTime() - cpu0
		var sent1, recv1 int64
		for _, c := range calls {
			s, rv := c.Packets()
			sent1, recv1 = sent1+s, recv1+rv
		}
		for _, c := range calls {
			c.HangUp()
		}
		perCall := func(d int64) float64 { return float64(d) / n / hold.Seconds() }
		b.ReportMetric(float64(p99(setups).Microseconds())/1000, "setup-p99-ms")
		b.ReportMetric(perCall(recv1-recv0), "rtp-in/call/s")
		b.ReportMetric(perCall(sent1-sent0), "rtp-out/call/s")
		b.ReportMetric(mem/1024, "KiB/call")
		// CPU per held call, both sides: what the hold costs however busy
		// the machine is with other work.
		b.ReportMetric(100*cpu.Seconds()/hold.Seconds()/n, "%core/call")
	}
}

// BenchmarkSetupRate places calls as fast as 8 goroutines can (each hung up
// at once) and reports set-ups per second and the set-up p99.
func BenchmarkSetupRate(b *testing.B) {
	r := newCapacityRig(b)
	var mu sync.Mutex
	var setups []time.Duration
	b.ResetTimer()
	start := time.Now()
	b.SetParallelism(4)
	var next uint64
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			mu.Lock()
			k := next
			next++
			mu.Unlock()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			c, st, err := r.d.Call(ctx, live.CallerID{Index: k, Known: true})
			cancel()
			if err != nil {
				b.Errorf("call: %v", err)
				return
			}
			c.HangUp()
			mu.Lock()
			setups = append(setups, st.Answered)
			mu.Unlock()
		}
	})
	el := time.Since(start)
	b.ReportMetric(float64(len(setups))/el.Seconds(), "setups/s")
	b.ReportMetric(float64(p99(setups).Microseconds())/1000, "setup-p99-ms")
}

// BenchmarkRamp adds calls in steps of 250 (at 100 set-ups a second), all
// held with RTP both ways, until a step's set-up p99 passes 200 ms or 4000
// calls are up; it reports the most calls held with the p99 still under.
func BenchmarkRamp(b *testing.B) {
	const step, rate, limit, most = 250, 100.0, 200 * time.Millisecond, 4000
	for range b.N {
		r := newCapacityRig(b)
		var all []*ClientCall
		best := 0
		var last time.Duration
		for len(all) < most {
			calls, setups := r.place(b, len(all), step, rate)
			all = append(all, calls...)
			last = p99(setups)
			if last > limit {
				break
			}
			best = len(all)
		}
		for _, c := range all {
			c.HangUp()
		}
		b.ReportMetric(float64(best), "calls-held")
		b.ReportMetric(float64(last.Microseconds())/1000, "last-step-p99-ms")
	}
}
