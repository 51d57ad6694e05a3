package sim

import (
	"math"

	"github.com/ivrsim/ivrsim/scenarios"
)

// dayHours are a group's opening hours on one day, in seconds from that
// day's midnight; open == close is a day the queue stays shut.
type dayHours struct {
	open, close float64
}

// compileHours expands a group's opening hours over the horizon's days, or
// returns nil for a queue that is always open.
func compileHours(sc *scenarios.Scenario, g scenarios.Group) []dayHours {
	if len(g.Hours) == 0 {
		return nil
	}
	out := make([]dayHours, sc.Horizon.Days)
	for d := range out {
		date, dated := sc.DayDate(d)
		open, close, ok := g.HoursOn(date.Weekday(), dated)
		if !ok {
			open, close = 0, 86400
		}
		out[d] = dayHours{open, close}
	}
	return out
}

// closed reports whether group g's queue is closed at time t. After the
// horizon the last day's hours repeat.
func (p *Plan) closed(g int, t float64) bool {
	h := p.groups[g].hours
	if h == nil {
		return false
	}
	d := int(math.Floor(t / 86400))
	d = min(max(d, 0), len(h)-1)
	tod := t - float64(d)*86400
	return tod < h[d].open || tod >= h[d].close
}

// toldClosed ends a contact that reached a closed queue: the caller hears
// that the centre is closed and hangs up in the IVR, never waiting; they
// may call again as after any hang-up.
func (e *engine) toldClosed(s int32) {
	e.finish(s, outcomeIVRAbandon, false)
}
