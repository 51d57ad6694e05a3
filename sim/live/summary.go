package live

import (
	"math"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// CallRecord is one call of a load run. Model times are seconds; set-up
// times are wall-clock.
type CallRecord struct {
	Index       uint64        `json:"caller"`
	Attempt     int           `json:"attempt"`
	Segment     string        `json:"segment"`
	Intent      string        `json:"intent"`
	Arrival     float64       `json:"arrival"`
	Code        int           `json:"code"`
	Ringing     time.Duration `json:"-"`
	Setup       time.Duration `json:"-"`
	FirstAudio  time.Duration `json:"-"`
	Outcome     Outcome       `json:"outcome"`
	EndNode     string        `json:"end_node"`
	IVRTime     float64       `json:"ivr_time"`
	Wait        float64       `json:"wait"`
	Talk        float64       `json:"talk"`
	Answered    bool          `json:"answered"`
	Answer      float64       `json:"answer_wait"`
	Digits      int           `json:"dtmf_sent"`
	Unsent      int           `json:"dtmf_unsent"`
	Interrupted bool          `json:"interrupted"`
	Err         string        `json:"error,omitempty"`
}

// Summary accumulates a load run's calls. It is safe for concurrent use.
type Summary struct {
	mu sync.Mutex

	Offered, Blocked, Failed, Connected     int64
	IVRAbandoned, QueueAbandoned, Contained int64
	Resolved, Unresolved, Ended, AgentCalls int64
	Queued, Interruptions, DTMF, NoAudio    int64
	DTMFUnsent                              int64
	IVRTime, Wait, Talk                     float64
	Codes                                   map[int]int64
	Concurrent, ConcurrentMax               int
	LateMax                                 time.Duration
	// Errors are the first few distinct reasons calls failed, counted.
	Errors                     []ErrorCount
	Wall                       time.Duration
	Interrupted                bool
	setup, ringing, firstAudio *hdrhistogram.Histogram
}

func newSummary() *Summary {
	h := func() *hdrhistogram.Histogram { return hdrhistogram.New(1, 600_000_000, 3) } // µs up to 10 min
	return &Summary{Codes: map[int]int64{}, setup: h(), ringing: h(), firstAudio: h()}
}

func (s *Summary) enter() {
	s.mu.Lock()
	s.Offered++
	s.Concurrent++
	s.ConcurrentMax = max(s.ConcurrentMax, s.Concurrent)
	s.mu.Unlock()
}

func (s *Summary) addLate(d time.Duration) {
	s.mu.Lock()
	s.LateMax = max(s.LateMax, d)
	s.mu.Unlock()
}

func (s *Summary) failures() (attempts, failed int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.Offered - int64(s.Concurrent), s.Failed
}

func rec(h *hdrhistogram.Histogram, d time.Duration) {
	_ = h.RecordValue(max(1, d.Microseconds()))
}

func (s *Summary) leave(r *CallRecord) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Concurrent--
	if r.Code != 0 {
		s.Codes[r.Code]++
	}
	switch r.Outcome {
	case OutcomeBlocked:
		s.Blocked++
		return
	case OutcomeFailed:
		if !r.Interrupted || r.Setup == 0 {
			s.Failed++
			s.noteError(r.Err)
			return
		}
	}
	s.Connected++
	rec(s.setup, r.Setup)
	if r.Ringing > 0 {
		rec(s.ringing, r.Ringing)
	}
	if r.FirstAudio >= 0 {
		rec(s.firstAudio, r.FirstAudio)
	} else {
		s.NoAudio++
	}
	if r.Interrupted {
		s.Interruptions++
	}
	s.DTMF += int64(r.Digits)
	s.DTMFUnsent += int64(r.Unsent)
	s.IVRTime += r.IVRTime
	s.Talk += r.Talk
	if r.Wait > 0 || r.Answered || r.Outcome == OutcomeQueueAbandon {
		s.Queued++
	}
	if r.Answered {
		s.AgentCalls++
		s.Wait += r.Answer
	}
	switch r.Outcome {
	case OutcomeIVRAbandon:
		s.IVRAbandoned++
	case OutcomeQueueAbandon:
		s.QueueAbandoned++
	case OutcomeContained:
		s.Contained++
	case OutcomeResolved:
		s.Resolved++
	case OutcomeUnresolved:
		s.Unresolved++
	case OutcomeEnded:
		s.Ended++
	}
}

// maxErrors bounds the distinct failure messages a summary keeps.
const maxErrors = 5

// noteError keeps a failure's message, counted; s.mu is held.
func (s *Summary) noteError(msg string) {
	if msg == "" {
		return
	}
	msg = strings.Join(strings.Fields(msg), " ")
	for i := range s.Errors {
		if s.Errors[i].Message == msg {
			s.Errors[i].Calls++
			return
		}
	}
	if len(s.Errors) < maxErrors {
		s.Errors = append(s.Errors, ErrorCount{Message: msg, Calls: 1})
	}
}

// ErrorCount is a failure message and how many calls failed with it.
type ErrorCount struct {
	Message string `json:"message"`
	Calls   int64  `json:"calls"`
}

func ratio(a, b int64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// pct is the pth percentile of h, which holds microseconds, in seconds.
func pct(h *hdrhistogram.Histogram, p float64) float64 {
	if h.TotalCount() == 0 {
		return math.NaN()
	}
	return float64(h.ValueAtQuantile(p)) / 1e6
}

// Metric is one figure of a load run.
type Metric struct {
	Name string
	// Unit names the unit as machine formats do: "ratio" (a share from 0
	// to 1), "s" (seconds, model time or, for a Wall figure, wall-clock
	// time), "count" or "1/s" (per wall second).
	Unit string
	// Wall marks a wall-clock time, such as a set-up time; the table shows
	// it in milliseconds.
	Wall  bool
	Value float64
	// Definition says what it counts, for the docs and the table.
	Definition string
}

// Metrics are the run's figures: the model's metric names where they apply
// (over contacts that got through, as the simulation defines them), then
// the harness's own.
func (s *Summary) Metrics() []Metric {
	s.mu.Lock()
	defer s.mu.Unlock()
	through := s.Offered - s.Blocked - s.Failed
	rate := math.NaN()
	if s.Wall > 0 {
		rate = float64(s.Offered) / s.Wall.Seconds()
	}
	m := func(name, unit string, v float64, def string) Metric {
		return Metric{Name: name, Unit: unit, Value: v, Definition: def}
	}
	wall := func(name string, v float64, def string) Metric {
		return Metric{Name: name, Unit: unitSeconds, Wall: true, Value: v, Definition: def}
	}
	return []Metric{
		m("offered", unitCount, float64(s.Offered), "calls placed: fresh callers and redials"),
		m("blocked_rate", unitRatio, ratio(s.Blocked, s.Offered), "calls refused busy (486/600) / offered"),
		m("abandon_rate", unitRatio, ratio(s.IVRAbandoned+s.QueueAbandoned, through), "calls the caller hung up before resolution or an agent / calls that got through"),
		m("ivr_abandon_rate", unitRatio, ratio(s.IVRAbandoned, through), "hung up in the IVR / calls that got through"),
		m("queue_abandon_rate", unitRatio, ratio(s.QueueAbandoned, s.Queued), "hung up in a queue / calls that joined a queue"),
		m("containment_rate", unitRatio, ratio(s.Contained, through), "calls the endpoint reported resolved by automation / calls that got through"),
		m("ivr_time", unitSeconds, per(s.IVRTime, through), "mean model seconds in the IVR and with the virtual agent, per call that got through"),
		m("asa", unitSeconds, per(s.Wait, s.AgentCalls), "mean model seconds from joining a queue to an agent, of calls an agent answered (time with the virtual agent included, as the simulation counts it)"),
		wall("setup_p50", pct(s.setup, 50), "INVITE to 200 OK, median"),
		wall("setup_p95", pct(s.setup, 95), "INVITE to 200 OK, 95th percentile"),
		wall("setup_p99", pct(s.setup, 99), "INVITE to 200 OK, 99th percentile"),
		wall("ringing_p95", pct(s.ringing, 95), "INVITE to 180/183, 95th percentile"),
		wall("first_audio_p95", pct(s.firstAudio, 95), "200 OK to the first RTP packet received, 95th percentile"),
		m("failed_rate", unitRatio, ratio(s.Failed, s.Offered), "calls that failed (an error response other than busy, a timeout, a transport error) / offered"),
		m("concurrent_max", unitCount, float64(s.ConcurrentMax), "most calls up at once"),
		m("calls_per_second", unitRate, rate, "calls placed per wall second"),
		m("dtmf_sent", unitCount, float64(s.DTMF), "digits sent"),
		m("dtmf_unsent", unitCount, float64(s.DTMFUnsent), "digits the model chose that the target could not take (no telephone-event in its answer; try --dtmf info)"),
		m("no_audio", unitCount, float64(s.NoAudio), "answered calls that received no RTP"),
		wall("late_max", s.LateMax.Seconds(), "longest delay of a call behind its scheduled time (caps or a slow machine)"),
	}
}

func per(a float64, n int64) float64 {
	if n == 0 {
		return math.NaN()
	}
	return a / float64(n)
}

// FailureCodes lists the final SIP status codes other than 2xx, by count.
func (s *Summary) FailureCodes() [][2]int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out [][2]int64
	for c, n := range s.Codes {
		if c >= 300 {
			out = append(out, [2]int64{int64(c), n})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// ErrorCounts returns the distinct failure messages kept, counted.
func (s *Summary) ErrorCounts() []ErrorCount {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]ErrorCount(nil), s.Errors...)
}
