package sim

import (
	"fmt"
	"math"
	"slices"
)

// GroupNames lists the plan's agent groups in scenario order.
func (p *Plan) GroupNames() []string {
	names := make([]string, len(p.groups))
	for g, gp := range p.groups {
		names[g] = gp.name
	}
	return names
}

// Staffing returns the agents of each group (in GroupNames order) per
// reported interval of the day, as the scenario's staffing lists give them.
func (p *Plan) Staffing() [][]int {
	out := make([][]int, len(p.groups))
	w0, n := p.Layout.WindowStart, p.Layout.WindowIntervals
	for g, gp := range p.groups {
		out[g] = slices.Clone(gp.staffing[w0 : w0+n])
	}
	return out
}

// Lines is the plan's number of lines; 0 means unlimited.
func (p *Plan) Lines() int { return p.lines }

// WithStaffing returns a copy of p with the agents of every group replaced:
// staffing[g][i] agents of group g (in GroupNames order) in the i-th
// reported interval of each day, and none outside the reported window —
// exactly what a scenario giving these staffing lists (and no weekday
// staffing) compiles to. lines
// replaces the number of lines (0: unlimited). p is not changed.
func (p *Plan) WithStaffing(staffing [][]int, lines int) (*Plan, error) {
	if len(staffing) != len(p.groups) {
		return nil, fmt.Errorf("staffing for %d groups; the plan has %d", len(staffing), len(p.groups))
	}
	if lines < 0 {
		return nil, fmt.Errorf("%d lines: use 0 (unlimited) or more", lines)
	}
	w0, n := p.Layout.WindowStart, p.Layout.WindowIntervals
	q := *p
	q.lines = lines
	q.groups = slices.Clone(p.groups)
	for g := range q.groups {
		if len(staffing[g]) != n {
			return nil, fmt.Errorf("group %q: %d staffing values; the day has %d reported intervals", p.groups[g].name, len(staffing[g]), n)
		}
		day := make([]int, len(p.groups[g].staffing))
		for i, v := range staffing[g] {
			if v < 0 {
				return nil, fmt.Errorf("group %q: %d agents in interval %d", p.groups[g].name, v, i)
			}
			day[w0+i] = v
		}
		q.groups[g].staffing = day
		// One staffing for every day: weekday staffing would override it.
		q.groups[g].dayStaffing = nil
	}
	return &q, nil
}

// withServiceLevelTime returns a copy of p whose service_level metric
// counts answers within sec seconds.
func (p *Plan) withServiceLevelTime(sec float64) *Plan {
	q := *p
	q.slWithin = sec
	return &q
}

// groupLoad is what the Erlang formulas know of an agent group: the fresh
// contacts whose intent it serves first, per second in each reported
// interval of an average day, their mean handle time plus wrap-up, and the
// mean patience of the callers behind them.
type groupLoad struct {
	rate     []float64
	aht      float64
	patience float64 // +Inf when some callers never hang up
	costHour float64
}

// groupLoads derives the Erlang inputs of every group from the plan. They
// are the planner's view: fresh arrivals routed by intent to each intent's
// home group, without redials, repeats, containment or the design's effect
// on handle times, which only the simulation counts.
func (p *Plan) groupLoads() []groupLoad {
	dayFactor := 0.0
	for _, f := range p.dayFactors {
		dayFactor += f
	}
	dayFactor /= float64(len(p.dayFactors))
	loads := make([]groupLoad, len(p.groups))
	w0 := p.Layout.WindowStart
	for g := range p.groups {
		gl := &loads[g]
		gl.costHour = p.groups[g].costSec * 3600
		if math.IsNaN(gl.costHour) {
			gl.costHour = 0 // no costs given: plans are compared in agent hours only
		}
		share, handle := 0.0, 0.0
		for i, in := range p.intents {
			if in.home != g {
				continue
			}
			w := p.intentShare(i)
			share += w
			if in.handle != nil {
				handle += w * in.handle.Mean()
			}
		}
		if share > 0 {
			gl.aht = handle / share
		}
		if w := p.groups[g].wrapup; w != nil {
			gl.aht += w.Mean()
		}
		gl.patience = p.meanPatience(g)
		gl.rate = make([]float64, p.Layout.WindowIntervals)
		for k := range gl.rate {
			gl.rate[k] = p.dayRates[w0+k] * dayFactor * share
		}
	}
	return loads
}

// meanPatience is the mean patience of the callers whose intents group g
// serves first, weighted by their share of fresh contacts.
func (p *Plan) meanPatience(g int) float64 {
	sum, weight, prevSeg := 0.0, 0.0, 0.0
	for s, seg := range p.segments {
		ws := p.segmentCum[s] - prevSeg
		prevSeg = p.segmentCum[s]
		prev := 0.0
		for i, in := range p.intents {
			share := seg.intentCum[i] - prev
			prev = seg.intentCum[i]
			w := ws * share
			if in.home != g || w <= 0 {
				continue
			}
			if seg.patience == nil {
				return math.Inf(1)
			}
			sum += w * seg.patience.Mean()
			weight += w
		}
	}
	if weight == 0 {
		return math.Inf(1)
	}
	return sum / weight
}

// expectedFresh is the expected number of fresh contacts counted in each
// reported interval of the day, summed over the days: the arrival rate
// times the time of the interval after the warm-up. Day and interval
// busyness are gamma factors with mean 1, so they leave it unchanged. The
// staffing search uses it as the known mean of a control variate.
func (p *Plan) expectedFresh() []float64 {
	l := p.Layout
	perDay := l.IntervalsPerDay()
	out := make([]float64, l.WindowIntervals)
	for d := range l.Days {
		for k := range out {
			i := l.WindowStart + k
			t0 := float64(d*perDay+i) * l.Interval
			t1 := min(t0+l.Interval, p.horizon)
			if span := t1 - max(t0, p.warmup); span > 0 {
				out[k] += p.rateOn(d, i) * p.dayFactors[d] * span
			}
		}
	}
	return out
}
