package fit

import (
	"fmt"
	"math"
	"slices"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/scenarios/cdr"
)

// Resolution is the time resolution assumed for durations of 0: the
// records' clocks tick in seconds, so a wait or talk of "0 s" lasted
// somewhere under one, and is taken as half a second.
const Resolution = 0.5

// Segment is one caller segment as the records show it.
type Segment struct {
	Name  string
	Share models.Proportion
	// Intents is the intent mix: contacts per intent.
	Intents  map[string]int
	Contacts int
	// IVRAbandon is the share of the contacts that hung up in the IVR.
	IVRAbandon models.Proportion
	// Patience are the fits of the patience of queued contacts, best
	// first: abandoned ones observed it, answered ones are censored at
	// their wait. Pooled is set when the segment had too few abandonments
	// of its own and the fits are everyone's.
	Patience []*models.DurationFit
	Pooled   bool
	// Queue is the sample behind the fit.
	Queue QueueSample
}

// QueueSample summarises the queue waits behind a patience fit.
type QueueSample struct {
	Queued, Abandoned, Answered int
	// NaiveMean is the mean wait of the abandoned: what patience is often
	// taken to be, and biased low (the patient ones were answered first).
	NaiveMean float64
	// KMMedian is the Kaplan–Meier median patience (NaN when the curve
	// stays above one half).
	KMMedian float64
	KM       []models.KMStep
}

// Intent is one reason for calling as the records show it.
type Intent struct {
	Name     string
	Contacts int
	// Handle are the fits of the agents' talk time, best first; Pooled
	// when the intent had too few served contacts and the fits are
	// everyone's.
	Handle  []*models.DurationFit
	Pooled  bool
	Served  int
	Zeros   int // served contacts whose talk time was recorded as 0
	Missing int // served contacts without a talk time
}

// fitBehaviour fits segments, intents, handle times, patience and the IVR.
func (m *Model) fitBehaviour(recs []cdr.Record) error {
	segs := map[string]*Segment{}
	intents := map[string]*Intent{}
	gotThrough := map[string]int{}
	ivrAb := map[string]int{}
	for i := range recs {
		r := &recs[i]
		sn, in := name(r.Segment, "callers"), name(r.Intent, "call")
		s := segs[sn]
		if s == nil {
			s = &Segment{Name: sn, Intents: map[string]int{}}
			segs[sn] = s
		}
		s.Contacts++
		s.Intents[in]++
		if intents[in] == nil {
			intents[in] = &Intent{Name: in}
		}
		intents[in].Contacts++
		// While the queue is closed every caller hangs up in the IVR; the
		// model says so through the hours, so the share of callers who
		// choose to hang up there is taken from the open hours.
		if !m.openAtQueue(r) {
			continue
		}
		if r.Outcome != cdr.Blocked {
			gotThrough[sn]++
		}
		if r.IVRAbandoned() {
			ivrAb[sn]++
		}
	}
	for _, sn := range sortedKeys(segs) {
		s := segs[sn]
		s.Share = models.EstimateProportion(s.Contacts, len(recs))
		s.IVRAbandon = models.EstimateProportion(ivrAb[sn], gotThrough[sn])
		m.Segments = append(m.Segments, s)
	}
	for _, in := range sortedKeys(intents) {
		m.Intents = append(m.Intents, intents[in])
	}

	// Handle times per intent, pooled where the sample is small.
	var all []float64
	byIntent := map[string][]float64{}
	for i := range recs {
		r := &recs[i]
		if r.Outcome != cdr.Served {
			continue
		}
		in := intents[name(r.Intent, "call")]
		in.Served++
		h := r.HandleTime()
		switch {
		case math.IsNaN(h):
			in.Missing++
			continue
		case h <= 0:
			in.Zeros++
			h = Resolution
		}
		byIntent[in.Name] = append(byIntent[in.Name], h)
		all = append(all, h)
	}
	if len(all) < 2 {
		return fmt.Errorf("%d served contacts with a talk time; a handle time needs at least 2", len(all))
	}
	pooled, err := models.FitBest(all, nil)
	if err != nil {
		return fmt.Errorf("handle time: %w", err)
	}
	for _, in := range m.Intents {
		xs := byIntent[in.Name]
		if len(xs) >= minHandleSample {
			if fits, err := models.FitBest(xs, nil); err == nil {
				in.Handle = fits
				continue
			}
		}
		in.Handle, in.Pooled = pooled, true
	}

	// Patience per segment, pooled where the abandonments are few.
	samples := map[string]*waits{}
	everyone := &waits{}
	for i := range recs {
		r := &recs[i]
		if !r.Queued() {
			continue
		}
		sn := name(r.Segment, "callers")
		if samples[sn] == nil {
			samples[sn] = &waits{}
		}
		w := r.Wait()
		if math.IsNaN(w) {
			continue
		}
		samples[sn].add(r, w)
		everyone.add(r, w)
	}
	var pooledPatience []*models.DurationFit
	if len(everyone.events) >= 2 {
		pooledPatience, _ = models.FitBest(everyone.events, everyone.censored)
	}
	for _, s := range m.Segments {
		w := samples[s.Name]
		if w == nil {
			w = &waits{}
		}
		s.Queue = w.summary()
		if len(w.events) >= minPatienceEvents {
			if fits, err := models.FitBest(w.events, w.censored); err == nil {
				s.Patience = fits
				continue
			}
		}
		s.Patience, s.Pooled = pooledPatience, true
	}

	// Time in the IVR, of the contacts that went on to the queue.
	var ivr []float64
	for i := range recs {
		r := &recs[i]
		if math.IsNaN(r.IVRTime) || r.IVRAbandoned() || r.Outcome == cdr.Blocked {
			continue
		}
		ivr = append(ivr, math.Max(r.IVRTime, Resolution))
	}
	m.IVRCount = len(ivr)
	if len(ivr) >= 2 {
		m.IVR, _ = models.FitBest(ivr, nil)
	}
	// Time in the IVR of those who hung up there, while the queue was open.
	var hung []float64
	for i := range recs {
		r := &recs[i]
		if r.IVRAbandoned() && !math.IsNaN(r.IVRTime) && m.openAtQueue(r) {
			hung = append(hung, math.Max(r.IVRTime, Resolution))
		}
	}
	m.IVRHangupCount = len(hung)
	if len(hung) >= minPatienceEvents {
		m.IVRHangup, _ = models.FitBest(hung, nil)
	}
	m.fitLines(recs)
	return nil
}

// waits collects queue waits: the abandoned ones observe patience, the
// others are censored at their wait.
type waits struct {
	events, censored []float64
	answered         int
}

func (w *waits) add(r *cdr.Record, wait float64) {
	if r.QueueAbandoned() {
		w.events = append(w.events, math.Max(wait, Resolution))
		return
	}
	if r.Outcome == cdr.Served {
		w.answered++
	}
	w.censored = append(w.censored, wait)
}

func (w *waits) summary() QueueSample {
	q := QueueSample{
		Queued: len(w.events) + len(w.censored), Abandoned: len(w.events), Answered: w.answered,
		NaiveMean: math.NaN(), KMMedian: math.NaN(),
	}
	if len(w.events) > 0 {
		q.NaiveMean = total(w.events) / float64(len(w.events))
		q.KM = models.KaplanMeier(w.events, w.censored)
		q.KMMedian = models.KMQuantile(q.KM, 0.5)
	}
	return q
}

// fitLines sets the lines to the most contacts in the system at once when
// the records show busy signals: the centre was full then.
func (m *Model) fitLines(recs []cdr.Record) {
	if m.Outcomes[cdr.Blocked] == 0 {
		return
	}
	type ev struct {
		t float64
		d int
	}
	var evs []ev
	for i := range recs {
		r := &recs[i]
		if r.Outcome == cdr.Blocked {
			continue
		}
		t := m.seconds(r.Arrival)
		evs = append(evs, ev{t, 1}, ev{t + r.End(), -1})
	}
	slices.SortFunc(evs, func(a, b ev) int {
		if a.t != b.t {
			if a.t < b.t {
				return -1
			}
			return 1
		}
		return a.d - b.d
	})
	level := 0
	for _, e := range evs {
		level += e.d
		m.Lines = max(m.Lines, level)
	}
}
