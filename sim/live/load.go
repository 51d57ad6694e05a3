package live

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/ivrsim/ivrsim/sim"
)

// LoadConfig configures a load run: which callers, how fast, within which
// limits.
type LoadConfig struct {
	Flow        *Flow
	Seed        uint64
	Replication int
	// From and Duration select the callers arriving in [From, From+Duration)
	// of day 1, model seconds.
	From, Duration float64
	// Scale is wall seconds per model second (the time scale).
	Scale float64
	// Thin keeps a share of the callers (keyed by caller, so a smaller
	// share is a subset of a larger one); 1 keeps all.
	Thin float64
	// MaxConcurrent caps the calls up at once; MaxRate the call attempts
	// per wall second. A caller due while a cap holds waits.
	MaxConcurrent int
	MaxRate       float64
	// AbortFailures stops the run once more than this share of at least
	// AbortAfter attempts has failed.
	AbortFailures float64
	AbortAfter    int
	// Drain bounds how long (wall) calls still up after the window may
	// last; they are then hung up.
	Drain time.Duration
	// Record, if set, receives every finished call, from one goroutine at
	// a time.
	Record func(*CallRecord)
	// Progress, if set, receives the run's state after every call.
	Progress func(Progress)
}

// Progress is a load run's state.
type Progress struct {
	Placed, Up, Failed, Blocked int64
	ModelTime                   float64
}

// ErrAborted reports a run stopped by its failure limit.
var ErrAborted = errors.New("failure rate above the limit")

// due is a contact waiting for its time: a fresh caller or a redial.
type due struct {
	at      float64 // model seconds
	caller  sim.Caller
	attempt int
}

type dueHeap []due

func (h dueHeap) Len() int { return len(h) }
func (h dueHeap) Less(i, j int) bool {
	if h[i].at != h[j].at {
		return h[i].at < h[j].at
	}
	return h[i].caller.Index < h[j].caller.Index
}
func (h dueHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *dueHeap) Push(x any)   { *h = append(*h, x.(due)) }
func (h *dueHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// Load runs the scenario's callers against dial in real time and returns
// the summary. It stops placing calls when ctx ends (and hangs up every
// call still up), or with ErrAborted past the failure limit.
func Load(ctx context.Context, cfg LoadConfig, dial Dial) (*Summary, error) {
	if cfg.Scale <= 0 || cfg.MaxConcurrent <= 0 || cfg.MaxRate <= 0 || cfg.Thin <= 0 {
		return nil, fmt.Errorf("time scale, concurrency, rate and scale must be positive")
	}
	l := &loader{cfg: cfg, dial: dial, trust: NewTrust(cfg.Flow.Plan), sum: newSummary(),
		sem: make(chan struct{}, cfg.MaxConcurrent)}
	callCtx, hangAll := context.WithCancel(context.WithoutCancel(ctx))
	defer hangAll()
	l.callCtx = callCtx
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	l.stop = stop
	l.pop = sim.NewPopulation(cfg.Flow.Plan, cfg.Seed, cfg.Replication) // contacts only: read-only
	l.start = time.Now()
	pop := sim.NewPopulation(cfg.Flow.Plan, cfg.Seed, cfg.Replication)
	end := cfg.From + cfg.Duration
	next, more := l.nextFresh(pop, end)
	interval := time.Duration(float64(time.Second) / cfg.MaxRate)
	var last time.Time
	for {
		l.mu.Lock()
		var d due
		switch {
		case len(l.redials) > 0 && (!more || l.redials[0].at < next.at):
			d = heap.Pop(&l.redials).(due)
		case more:
			d = next
			next, more = l.nextFresh(pop, end)
		default:
			if l.live == 0 {
				l.mu.Unlock()
				l.finish()
				return l.sum, l.err
			}
			wake := l.changed()
			l.mu.Unlock()
			select {
			case <-wake:
			case <-runCtx.Done():
			}
			if runCtx.Err() != nil {
				return l.shutdown(hangAll)
			}
			continue
		}
		l.live++ // reserved before the wait, released when the call ends
		l.mu.Unlock()
		if !l.sleepUntil(runCtx, l.wall(d.at)) {
			l.done()
			return l.shutdown(hangAll)
		}
		// The caps: a free line of the harness, then the rate.
		select {
		case l.sem <- struct{}{}:
		case <-runCtx.Done():
			l.done()
			return l.shutdown(hangAll)
		}
		if wait := time.Until(last.Add(interval)); wait > 0 && !l.sleepUntil(runCtx, time.Now().Add(wait)) {
			<-l.sem
			l.done()
			return l.shutdown(hangAll)
		}
		last = time.Now()
		if late := time.Since(l.wall(d.at)); late > 0 {
			l.sum.addLate(late)
		}
		go l.place(d, end)
	}
}

// nextFresh is the next kept fresh caller arriving before end.
func (l *loader) nextFresh(pop *sim.Population, end float64) (due, bool) {
	for {
		c, ok := pop.Next()
		if !ok || c.Arrival >= end {
			return due{}, false
		}
		if c.Arrival >= l.cfg.From && pop.Keep(c.Index, l.cfg.Thin) {
			return due{at: c.Arrival, caller: c}, true
		}
	}
}

type loader struct {
	cfg     LoadConfig
	dial    Dial
	trust   *Trust
	sum     *Summary
	sem     chan struct{}
	start   time.Time
	callCtx context.Context
	stop    context.CancelFunc

	mu      sync.Mutex
	redials dueHeap
	live    int // calls reserved or up
	wake    chan struct{}
	err     error
	pop     *sim.Population // hands out Contacts; never advanced
}

// wall is when model time t falls in this run.
func (l *loader) wall(t float64) time.Time {
	return l.start.Add(scaled(t-l.cfg.From, l.cfg.Scale))
}

func (l *loader) sleepUntil(ctx context.Context, t time.Time) bool {
	d := time.Until(t)
	if d <= 0 {
		return ctx.Err() == nil
	}
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-tm.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// changed returns a channel closed at the next call's end; l.mu is held.
func (l *loader) changed() <-chan struct{} {
	if l.wake == nil {
		l.wake = make(chan struct{})
	}
	return l.wake
}

func (l *loader) done() {
	l.mu.Lock()
	l.live--
	if l.wake != nil {
		close(l.wake)
		l.wake = nil
	}
	l.mu.Unlock()
}

// shutdown hangs up every call still up and waits for them to end.
func (l *loader) shutdown(hangAll context.CancelFunc) (*Summary, error) {
	hangAll()
	for {
		l.mu.Lock()
		n := l.live
		var w <-chan struct{}
		if n > 0 {
			w = l.changed()
		}
		l.mu.Unlock()
		if n == 0 {
			break
		}
		<-w
	}
	l.finish()
	l.sum.Interrupted = l.err == nil
	if l.err != nil {
		return l.sum, l.err
	}
	return l.sum, context.Canceled
}

func (l *loader) finish() { l.sum.Wall = time.Since(l.start) }

// place makes one call and schedules the customer's next try.
func (l *loader) place(d due, end float64) {
	defer l.done()
	defer func() { <-l.sem }()
	p := l.cfg.Flow.Plan
	rec := &CallRecord{Index: d.caller.Index, Attempt: d.attempt, Segment: p.SegmentName(d.caller.Segment),
		Intent: p.IntentName(d.caller.Intent), Arrival: d.at}
	k := l.pop.Contact(d.caller, d.attempt)
	l.sum.enter()
	ctx, cancel := context.WithTimeout(l.callCtx, 32*time.Second)
	call, st, err := l.dial(ctx, CallerID{Index: d.caller.Index, Attempt: d.attempt, Known: true})
	cancel()
	rec.Code, rec.Setup, rec.Ringing = st.Code, st.Answered, st.Ringing
	var out sim.Outcome
	switch {
	case err == nil:
		drainCtx, cancel := l.drainContext(end)
		res := RunCaller(drainCtx, call, l.cfg.Flow, k, l.trust, l.cfg.Scale)
		cancel()
		rec.FirstAudio = call.FirstAudio()
		rec.Outcome, rec.EndNode = res.Outcome, res.EndNode
		rec.IVRTime, rec.Wait, rec.Talk, rec.Answered, rec.Digits, rec.Unsent = res.IVRTime, res.Wait, res.Talk, res.Answered, res.Digits, res.Unsent
		rec.Answer = res.Answer
		rec.Interrupted = res.Interrupted
		switch res.Outcome {
		case OutcomeResolved, OutcomeContained:
			out = sim.OutcomeResolved
		case OutcomeIVRAbandon, OutcomeQueueAbandon:
			out = sim.OutcomeAbandoned
		default:
			out = sim.OutcomeUnresolved
		}
	case st.Code == 486 || st.Code == 600:
		rec.Outcome, out = OutcomeBlocked, sim.OutcomeBlocked
	default:
		rec.Outcome, rec.Err = OutcomeFailed, err.Error()
		out = sim.OutcomeResolved // a failed call is the harness's problem, not a customer's
	}
	l.sum.leave(rec)
	if l.cfg.Progress != nil {
		l.sum.mu.Lock()
		pr := Progress{Placed: l.sum.Offered, Up: int64(l.sum.Concurrent), Failed: l.sum.Failed, Blocked: l.sum.Blocked,
			ModelTime: l.cfg.From + unscaled(time.Since(l.start), l.cfg.Scale)}
		l.sum.mu.Unlock()
		l.cfg.Progress(pr)
	}
	if l.cfg.Record != nil {
		l.mu.Lock()
		l.cfg.Record(rec)
		l.mu.Unlock()
	}
	if rec.Outcome != OutcomeFailed && !rec.Interrupted {
		if again, delay := k.FollowUp(out); again {
			at := l.cfg.From + unscaled(time.Since(l.start), l.cfg.Scale) + delay
			if at < end {
				l.mu.Lock()
				heap.Push(&l.redials, due{at: at, caller: d.caller, attempt: d.attempt + 1})
				l.mu.Unlock()
			}
		}
	}
	l.checkAbort()
}

// drainContext ends a call still up Drain after the window closes.
func (l *loader) drainContext(end float64) (context.Context, context.CancelFunc) {
	if l.cfg.Drain <= 0 {
		return context.WithCancel(l.callCtx)
	}
	return context.WithDeadline(l.callCtx, l.wall(end).Add(l.cfg.Drain))
}

func (l *loader) checkAbort() {
	attempts, failed := l.sum.failures()
	if l.cfg.AbortFailures <= 0 || attempts < int64(max(1, l.cfg.AbortAfter)) {
		return
	}
	if float64(failed) > l.cfg.AbortFailures*float64(attempts) {
		l.mu.Lock()
		if l.err == nil {
			l.err = fmt.Errorf("%w: %d of %d calls failed (limit %.0f%%)", ErrAborted, failed, attempts, 100*l.cfg.AbortFailures)
		}
		l.mu.Unlock()
		l.stop()
	}
}
