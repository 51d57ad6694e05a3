package results

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ivrsim/ivrsim/models"
)

// erlangInputs are the values of a query without problems.
type erlangInputs struct {
	load     float64 // Erlangs
	aht      float64 // seconds; 1 for a load given in Erlangs to Erlang B
	patience float64 // seconds; +Inf but for Erlang A
	within   float64 // seconds
	size     int     // lines or agents, when no target is given
	target   models.Target
	// hasTarget says the query asks for the fewest lines or agents that
	// meet target.
	hasTarget bool
}

// erlangReader reads the inputs of a query, collecting every problem.
type erlangReader struct {
	q    ErlangQuery
	n    ErlangNames
	errs []error
}

func (r *erlangReader) errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Errorf(format, args...))
}

// read interprets the query's inputs. An input whose value depends on
// another that has a problem (a rate needs the handle time to make a
// load) is checked as far as it can be, so each problem is reported once.
func (q ErlangQuery) read() (erlangInputs, []error) {
	in := erlangInputs{patience: math.Inf(1)}
	if q.Model != "b" && q.Model != "c" && q.Model != "a" {
		return in, []error{unknownErlangModel(q.Model)}
	}
	r := &erlangReader{q: q, n: q.Names.orDefaults(q.Model)}
	ahtOK := r.handleTime(&in)
	r.offeredLoad(&in, ahtOK)
	if q.Model == "a" {
		in.patience, _ = r.positiveDuration(r.n.Patience, q.Patience, "the mean time callers wait before hanging up", "2m")
	} else if q.Patience != "" {
		r.errorf("%s is the patience of callers who hang up: only erlang a takes it; leave it out", r.n.Patience)
	}
	r.sizeOrTarget(&in)
	if q.Model == "b" {
		if q.Within != "" {
			r.errorf("%s: erlang b has no queue, so no service level; leave it out", r.n.Within)
		}
	} else {
		r.serviceLevelTime(&in)
	}
	return in, r.errs
}

// handleTime reads the mean handle time into in.aht and reports whether
// it is usable. Erlang B takes a load in Erlangs alone, or a rate with the
// mean holding time.
func (r *erlangReader) handleTime(in *erlangInputs) bool {
	q, n := r.q, r.n
	if q.Model != "b" {
		var ok bool
		in.aht, ok = r.positiveDuration(n.AHT, q.AHT, "the mean handle time", "180s")
		return ok
	}
	switch {
	case q.Rate != "" && q.Load == "" && q.AHT == "":
		r.errorf("%s needs %s, the mean holding time, to make a load (e.g. %s %s %s 3m), or give %s in Erlangs", n.Rate, n.AHT, n.Rate, q.Rate, n.AHT, n.Load)
		return false
	case q.Load != "" && q.AHT != "":
		r.errorf("%s is only needed with %s; with %s (in Erlangs) leave it out", n.AHT, n.Rate, n.Load)
		return false
	case q.AHT != "":
		var ok bool
		in.aht, ok = r.positiveDuration(n.AHT, q.AHT, "the mean holding time", "180s")
		return ok
	}
	in.aht = 1 // a load in Erlangs needs no time
	return true
}

// offeredLoad reads exactly one of the load and the rate into in.load, in
// Erlangs; a rate makes a load only with a usable handle time.
func (r *erlangReader) offeredLoad(in *erlangInputs, ahtOK bool) {
	q, n := r.q, r.n
	switch {
	case q.Load != "" && q.Rate != "":
		r.errorf("give either %s (Erlangs) or %s (calls per period), not both", n.Load, n.Rate)
	case q.Load == "" && q.Rate == "":
		r.errorf("say how much traffic is offered: %s 100/30m (calls per period) or %s 10 (Erlangs)", n.Rate, n.Load)
	case q.Rate != "":
		rate, err := models.ParseRate(q.Rate)
		if err != nil {
			r.errorf("%s: %v", n.Rate, err)
		} else if ahtOK {
			in.load = r.checkLoad(rate * in.aht)
		}
	default:
		load, err := strconv.ParseFloat(strings.TrimSpace(q.Load), 64)
		switch {
		case err != nil || math.IsNaN(load) || math.IsInf(load, 0):
			r.errorf("%s %q is not a number: give the offered load in Erlangs, e.g. %s 12.5", n.Load, q.Load, n.Load)
		case load < 0:
			r.errorf("%s %s is negative: the offered load is a number of Erlangs ≥ 0", n.Load, q.Load)
		default:
			in.load = r.checkLoad(load)
		}
	}
}

// checkLoad rejects loads no staffing within the calculators' range could
// serve, before any work is done.
func (r *erlangReader) checkLoad(load float64) float64 {
	if load > 10*models.MaxAgents {
		r.errorf("an offered load of %s Erlangs is beyond what %d agents or lines could carry; check the rate and its period", FormatLoad(load), models.MaxAgents)
	}
	return load
}

// sizeOrTarget requires exactly one of the size and the target, and reads
// each that is given.
func (r *erlangReader) sizeOrTarget(in *erlangInputs) {
	q, n := r.q, r.n
	what, example := "agents", "'service_level >= 0.8'"
	if q.Model == "b" {
		what, example = "lines", "'blocked_rate <= 0.01'"
	}
	switch {
	case q.Size != "" && q.Target != "":
		r.errorf("give either %s (to evaluate them) or %s (to find how many %s are needed), not both", n.Size, n.Target, what)
	case q.Size == "" && q.Target == "":
		r.errorf("say how many %s there are (%s 25) or what to staff for (%s %s)", what, n.Size, n.Target, example)
	}
	if q.Size != "" {
		in.size = r.count(n.Size, q.Size)
	}
	if q.Target != "" {
		in.target, in.hasTarget = r.target()
	}
}

// count reads a number of lines or agents.
func (r *erlangReader) count(name, s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	switch {
	case err != nil:
		r.errorf("%s %q is not a whole number: write e.g. %s 25", name, s, name)
	case n < 0:
		r.errorf("%s %d is negative: give 0 or more", name, n)
	case n > models.MaxAgents:
		r.errorf("%s %d is more than %d, the most the calculator handles", name, n, models.MaxAgents)
	}
	return n
}

// positiveDuration reads a required time longer than zero; what says what
// it is and example shows a valid value.
func (r *erlangReader) positiveDuration(name, s, what, example string) (float64, bool) {
	if s == "" {
		r.errorf("%s is required: %s, e.g. %s %s", name, what, name, example)
		return 0, false
	}
	d, err := models.ParseDuration(s)
	switch {
	case err != nil:
		r.errorf("%s: %v", name, err)
	case d == 0:
		r.errorf("%s must be longer than 0s: %s, e.g. %s %s", name, what, name, example)
	case d > models.MaxDuration:
		r.errorf("%s %s is longer than a year, the longest duration ivrsim takes: %s, e.g. %s %s", name, s, what, name, example)
	default:
		return d, true
	}
	return 0, false
}

// target reads the target in the grammar of every ivrsim target and checks
// that the model predicts its metric.
func (r *erlangReader) target() (models.Target, bool) {
	s, name, model := r.q.Target, r.n.Target, r.q.Model
	th, err := ParseTarget(s)
	if err != nil {
		r.errorf("%s: %v", name, err)
		return models.Target{}, false
	}
	t, ok := th.Analytic()
	switch {
	case !ok:
		r.errorf("%s %q: the Erlang formulas do not predict %s; use one of %s", name, s, th.Metric, strings.Join(AnalyticMetrics, ", "))
	case model == "b" && t.Metric != models.MetricBlockedRate:
		r.errorf("%s %q: erlang b only predicts blocked_rate; write e.g. %s 'blocked_rate <= 0.01'", name, s, name)
	case model != "b" && t.Metric == models.MetricBlockedRate:
		r.errorf("%s %q: blocked_rate depends on lines, not agents; use erlang b", name, s)
	case model == "c" && t.Metric == models.MetricAbandonRate:
		r.errorf("%s %q: erlang c assumes callers never hang up; use erlang a with %s to staff for abandonment", name, s, r.n.Patience)
	default:
		return t, true
	}
	return models.Target{}, false
}

// serviceLevelTime reads the time the service level is measured within
// into in.within: the target's own (service_level(30s) >= …), else the
// query's, else the default; a target and a time that differ are a
// problem.
func (r *erlangReader) serviceLevelTime(in *erlangInputs) {
	q, n := r.q, r.n
	text := q.Within
	if text == "" {
		text = DefaultErlangWithin
	}
	within, err := models.ParseDuration(text)
	switch {
	case err != nil:
		r.errorf("%s: %v", n.Within, err)
	case in.target.Within == 0:
		in.within = within
	case q.Within != "" && in.target.Within != within:
		r.errorf("the target's time (%s) and %s %s disagree: give the time once", models.FormatDuration(in.target.Within), n.Within, q.Within)
	default:
		in.within = in.target.Within
	}
}
