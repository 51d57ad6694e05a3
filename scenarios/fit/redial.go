package fit

import (
	"math"
	"slices"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/scenarios/cdr"
)

// Redial is the fitted behaviour after an abandoned contact, from the
// identified customers' next contacts.
type Redial struct {
	// Fits are the cure-rate fits by delay family, best (lowest AIC)
	// first; nil when the sample is too small.
	Fits []*models.RedialFit
	// Abandoned counts the abandoned contacts of identified customers (the
	// sample), Seen those followed by the customer's next contact the
	// same day.
	Abandoned, Seen int
	// Identified is the share of contacts with a customer id.
	Identified models.Proportion
	// Gaps are the delays seen, for the report's quantiles.
	Gaps []float64
}

// Best is the best fit, or nil.
func (r *Redial) Best() *models.RedialFit {
	if r == nil || len(r.Fits) == 0 {
		return nil
	}
	return r.Fits[0]
}

// abandonedAt is when an abandoned contact hung up, in seconds after its
// arrival.
func abandonedAt(r *cdr.Record) float64 {
	switch {
	case !math.IsNaN(r.QueueEnd):
		return r.QueueEnd
	case !math.IsNaN(r.IVRTime):
		return r.IVRTime
	}
	return 0
}

// fitRedial fits the share of abandoned contacts followed by another
// contact of the same customer, and the delay, watching each until the end
// of its day: the day's end censors the delays not seen.
func (m *Model) fitRedial(recs []cdr.Record) error {
	byCustomer := map[string][]int{}
	identified := 0
	for i := range recs {
		if c := recs[i].Customer; c != "" {
			byCustomer[c] = append(byCustomer[c], i)
			identified++
		}
	}
	rd := &Redial{Identified: models.EstimateProportion(identified, len(recs))}
	m.Redial = rd
	var followed []float64
	for _, idx := range byCustomer {
		slices.SortStableFunc(idx, func(a, b int) int { return recs[a].Arrival.Compare(recs[b].Arrival) })
		for j, i := range idx {
			r := &recs[i]
			if r.Outcome != cdr.Abandoned {
				continue
			}
			rd.Abandoned++
			end := m.seconds(r.Arrival) + abandonedAt(r)
			dayEnd := math.Floor(m.seconds(r.Arrival)/86400+1) * 86400
			window := math.Max(dayEnd-end, 0)
			if j+1 < len(idx) {
				gap := m.seconds(recs[idx[j+1]].Arrival) - end
				if gap < window {
					// A next contact before the hang-up is an overlap of
					// clocks: the customer called again at once.
					rd.Gaps = append(rd.Gaps, math.Max(gap, 0.5))
					rd.Seen++
					continue
				}
			}
			followed = append(followed, window)
		}
	}
	slices.Sort(rd.Gaps)
	if rd.Seen < minRedials {
		return nil
	}
	fits, err := models.FitRedialBest(rd.Gaps, followed)
	if err != nil {
		// Too little or too odd a sample: no redials rather than a
		// guess. The report says so.
		return nil
	}
	rd.Fits = fits
	return nil
}

// expectedRedials spreads the redials the fitted model expects over the
// cells after each abandoned contact: p·(F(cell end) − F(cell start)) of
// each falls in a cell. The simulator adds these itself, so they are taken
// out of the fresh arrivals.
func (m *Model) expectedRedials(recs []cdr.Record) []float64 {
	out := make([]float64, m.Days*m.PerDay)
	best := m.Redial.Best()
	if best == nil {
		return out
	}
	p := best.Share.Value
	sf := best.Delay.SF
	for i := range recs {
		r := &recs[i]
		if r.Outcome != cdr.Abandoned {
			continue
		}
		t := m.seconds(r.Arrival) + abandonedAt(r)
		k := m.cell(t)
		if k < 0 {
			continue
		}
		prev := 1.0
		for ; k < len(out); k++ {
			s := sf(float64(k+1)*m.Interval - t)
			out[k] += p * (prev - s)
			prev = s
			if s < 1e-4 {
				break
			}
		}
	}
	return out
}
