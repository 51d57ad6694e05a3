package fit

import (
	"math"
	"slices"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/scenarios/cdr"
)

// BreakGap is the longest pause between two calls of one agent that still
// counts as the agent being on duty: a longer one is a break or the end of
// a shift. It is a definition, not a fitted value; idle time within a
// shift only counts while nobody waited (see fitPresence), so the
// estimate depends little on it.
const BreakGap = 1800

// Agents is what the records say about the agents beyond talk time, when
// they name the agent of each call.
type Agents struct {
	// Named counts the served contacts that name their agent; Names the
	// distinct agents.
	Named, Names int
	// Intent is the intent whose waits the estimators read (see
	// mainIntent): while its callers wait, every agent available is busy.
	Intent string
	// Wrapup are the fits of the wrap-up / inter-call time, best first,
	// from the calls that ended while callers waited: an agent free then
	// takes one at once, so the gap to the agent's next call is the
	// wrap-up when that call began while callers still waited; when the
	// queue emptied first, the wrap-up lasted at least until then
	// (censored). Nil when the records name no agents or hold too few
	// such gaps.
	Wrapup []*models.DurationFit
	// WrapupMedian is the sample median of the observed gaps;
	// WrapupCensored counts the censored ones.
	WrapupMedian   float64
	WrapupCensored int
	// Presence is, per cell, the agents on duty averaged over the
	// interval (see fitPresence).
	Presence []float64
}

// minWrapups is the fewest gaps a wrap-up fit needs.
const minWrapups = 30

// fitAgents estimates wrap-up and the agents on duty from the agents' own
// records.
func (m *Model) fitAgents(recs []cdr.Record, w *waiting) {
	calls := m.agentCalls(recs)
	a := &m.Agents
	a.Names = len(calls)
	if a.Names == 0 {
		return
	}
	var gaps, censored []float64
	for _, cs := range calls {
		a.Named += len(cs)
		for i := 0; i+1 < len(cs); i++ {
			end, next := cs[i].end, cs[i+1].start
			until := w.until(end)
			switch {
			case math.IsNaN(until) || next < end:
			case next <= until+Resolution:
				gaps = append(gaps, math.Max(next-end, Resolution))
			default:
				censored = append(censored, math.Max(until-end, Resolution))
			}
		}
	}
	a.WrapupCensored = len(censored)
	if len(gaps) >= minWrapups {
		a.Wrapup, _ = models.FitBest(gaps, censored)
		slices.Sort(gaps)
		a.WrapupMedian = gaps[len(gaps)/2]
	}
	m.fitPresence(calls, w)
}

// fitPresence counts the agents on duty per cell. An agent is on duty
// during their calls and the wrap-up after each (its fitted mean, or the
// gap if shorter); between two calls less than BreakGap apart they are on
// duty, idle, while nobody waited — while callers waited an agent on duty
// would have taken one, so during those stretches the agent was away or
// on other work and does not count. Agents who never took a call leave no
// trace and are not counted.
func (m *Model) fitPresence(calls map[string][]call, w *waiting) {
	n := m.Days * m.PerDay
	pres := make([]float64, n)
	wrap := 0.0
	if len(m.Agents.Wrapup) > 0 {
		wrap = m.Agents.Wrapup[0].Mean.Value
	}
	add := func(lo, hi float64) { m.spread(pres, lo, hi) }
	for _, name := range sortedKeys(calls) {
		cs := calls[name]
		for i, c := range cs {
			add(c.start, c.end)
			gap := math.Inf(1)
			if i+1 < len(cs) {
				gap = cs[i+1].start - c.end
			}
			if gap <= 0 {
				continue
			}
			add(c.end, c.end+math.Min(gap, wrap))
			if gap > wrap && gap <= BreakGap {
				w.empty(c.end+wrap, cs[i+1].start, add)
			}
		}
	}
	for k := range pres {
		pres[k] /= m.Interval
	}
	m.Agents.Presence = pres
}
