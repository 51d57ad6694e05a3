package fit

import (
	"fmt"
	"strconv"
	"time"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/scenarios/cdr"
)

// Period is the days of records a backtest compares with a simulation of
// them: From to To, both included. From is the simulation's day 1, so each
// simulated day has the weekday of the records' day.
type Period struct{ From, To time.Time }

// BacktestPeriod is the period from to to of recs; a zero from or to
// stands for the records' first or last date. It fails when no day is left
// between them.
func BacktestPeriod(recs []cdr.Record, from, to time.Time) (Period, error) {
	first, last := cdr.Dates(recs)
	if from.IsZero() {
		from = first
	}
	if to.IsZero() {
		to = last
	}
	if to.Before(from) {
		return Period{}, fmt.Errorf("no days to compare: the records run from %s to %s", first.Format(scenarios.DateLayout), last.Format(scenarios.DateLayout))
	}
	return Period{From: from, To: to}, nil
}

// Days is the number of days in p.
func (p Period) Days() int { return int(p.To.Sub(p.From).Hours()/24) + 1 }

// end is the first instant after p.
func (p Period) end() time.Time { return p.From.Add(time.Duration(p.Days()) * 24 * time.Hour) }

// Sets are the scenario overrides that simulate p: day 1 on From, and as
// many days as p has.
func (p Period) Sets() []string {
	return []string{"horizon.start=" + p.From.Format(scenarios.DateLayout), "horizon.days=" + strconv.Itoa(p.Days())}
}

// Dates name p's days, such as "2024-03-04 Mon".
func (p Period) Dates() []string {
	dates := make([]string, p.Days())
	for d := range dates {
		dates[d] = p.From.AddDate(0, 0, d).Format("2006-01-02 Mon")
	}
	return dates
}

// Compared returns the records a simulation of p with scenario sc is
// compared with: those of p's days, less those that arrived during sc's
// warm-up, since the simulation leaves its warm-up out of every count.
func (p Period) Compared(recs []cdr.Record, sc *scenarios.Scenario) []cdr.Record {
	warm := p.From.Add(time.Duration(sc.Warmup.Seconds() * float64(time.Second)))
	return cdr.ArrivedBetween(recs, warm, p.end())
}

// Observe counts the records compared with a simulation of p (see
// Compared) into the cells of layout l, as the simulation counts its own
// contacts (see Observe); occupancy divides their agent time by the
// staffing sc schedules. sc is the scenario as simulated, loaded with
// p.Sets.
func (p Period) Observe(recs []cdr.Record, sc *scenarios.Scenario, l results.Layout) []results.Counters {
	return Observe(p.Compared(recs, sc), p.From, l, sc.ServiceLevel.Within.Seconds(), Staffed(sc, l))
}
