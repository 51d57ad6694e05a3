package results

import (
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/models"
)

// cliNames are the names the command line gives the inputs.
func cliNames(size string) ErlangNames {
	return ErlangNames{Load: "--load", Rate: "--rate", AHT: "--aht", Patience: "--patience", Within: "--within", Size: size, Target: "--target"}
}

// TestErlangQueryOneProblem: a query with one problem gets one message,
// naming the input as the caller does.
func TestErlangQueryOneProblem(t *testing.T) {
	c := ErlangQuery{Model: "c", Load: "10", AHT: "3m", Size: "12", Names: cliNames("--agents")}
	a := c
	a.Model, a.Patience = "a", "2m"
	b := ErlangQuery{Model: "b", Load: "10", Size: "3", Names: cliNames("--lines")}
	with := func(q ErlangQuery, change func(*ErlangQuery)) ErlangQuery { change(&q); return q }
	for _, tc := range []struct {
		q    ErlangQuery
		want string
	}{
		{with(c, func(q *ErlangQuery) { q.Size = "" }), "say how many agents there are (--agents 25) or what to staff for (--target 'service_level >= 0.8')"},
		{with(c, func(q *ErlangQuery) { q.Target = "asa <= 30s" }), "give either --agents (to evaluate them) or --target (to find how many agents are needed), not both"},
		{with(c, func(q *ErlangQuery) { q.Rate = "1/s" }), "give either --load (Erlangs) or --rate (calls per period), not both"},
		{with(c, func(q *ErlangQuery) { q.Load = "" }), "say how much traffic is offered: --rate 100/30m (calls per period) or --load 10 (Erlangs)"},
		{with(c, func(q *ErlangQuery) { q.Load = "-1" }), "--load -1 is negative: the offered load is a number of Erlangs ≥ 0"},
		{with(c, func(q *ErlangQuery) { q.Load = "NaN" }), `--load "NaN" is not a number: give the offered load in Erlangs, e.g. --load 12.5`},
		{with(c, func(q *ErlangQuery) { q.Load = "1e9" }), "an offered load of 1e+09 Erlangs is beyond what 100000 agents or lines could carry; check the rate and its period"},
		{with(c, func(q *ErlangQuery) { q.Load, q.Rate = "", "10000/s" }), "an offered load of 1.8e+06 Erlangs is beyond what 100000 agents or lines could carry"},
		{with(c, func(q *ErlangQuery) { q.Load, q.Rate = "", "5/fortnight" }), "--rate: "},
		{with(c, func(q *ErlangQuery) { q.AHT = "" }), "--aht is required: the mean handle time, e.g. --aht 180s"},
		{with(c, func(q *ErlangQuery) { q.AHT = "0" }), "--aht must be longer than 0s: the mean handle time, e.g. --aht 180s"},
		{with(c, func(q *ErlangQuery) { q.AHT = "400d" }), "--aht 400d is longer than a year, the longest duration ivrsim takes"},
		{with(c, func(q *ErlangQuery) { q.Size = "12.5" }), `--agents "12.5" is not a whole number: write e.g. --agents 25`},
		{with(c, func(q *ErlangQuery) { q.Size = "-2" }), "--agents -2 is negative: give 0 or more"},
		{with(c, func(q *ErlangQuery) { q.Size = "100001" }), "--agents 100001 is more than 100000, the most the calculator handles"},
		{with(c, func(q *ErlangQuery) { q.Within = "-5s" }), "--within: "},
		{with(c, func(q *ErlangQuery) { q.Size, q.Target = "", "abandon_rate <= 0.05" }), `--target "abandon_rate <= 0.05": erlang c assumes callers never hang up; use erlang a with --patience to staff for abandonment`},
		{with(c, func(q *ErlangQuery) { q.Size, q.Target = "", "blocked_rate <= 0.05" }), `--target "blocked_rate <= 0.05": blocked_rate depends on lines, not agents; use erlang b`},
		{with(c, func(q *ErlangQuery) { q.Size, q.Target = "", "fcr >= 0.8" }), `--target "fcr >= 0.8": the Erlang formulas do not predict fcr; use one of service_level, abandon_rate`},
		{with(c, func(q *ErlangQuery) { q.Size, q.Target = "", "service_level >= 80" }), "--target: "},
		{with(c, func(q *ErlangQuery) { q.Size, q.Target, q.Within = "", "service_level(30s) >= 0.8", "20s" }), "the target's time (30s) and --within 20s disagree: give the time once"},
		{with(a, func(q *ErlangQuery) { q.Patience = "" }), "--patience is required: the mean time callers wait before hanging up, e.g. --patience 2m"},
		{with(c, func(q *ErlangQuery) { q.Patience = "2m" }), "--patience is the patience of callers who hang up: only erlang a takes it"},
		{with(b, func(q *ErlangQuery) { q.Size = "" }), "say how many lines there are (--lines 25) or what to staff for (--target 'blocked_rate <= 0.01')"},
		{with(b, func(q *ErlangQuery) { q.Load, q.Rate = "", "10/min" }), "--rate needs --aht, the mean holding time, to make a load (e.g. --rate 10/min --aht 3m), or give --load in Erlangs"},
		{with(b, func(q *ErlangQuery) { q.AHT = "3m" }), "--aht is only needed with --rate; with --load (in Erlangs) leave it out"},
		{with(b, func(q *ErlangQuery) { q.Load, q.Rate, q.AHT = "", "10/min", "0" }), "--aht must be longer than 0s: the mean holding time, e.g. --aht 180s"},
		{with(b, func(q *ErlangQuery) { q.Size, q.Target = "", "asa <= 30s" }), `--target "asa <= 30s": erlang b only predicts blocked_rate; write e.g. --target 'blocked_rate <= 0.01'`},
		{with(b, func(q *ErlangQuery) { q.Within = "20s" }), "--within: erlang b has no queue, so no service level"},
		{ErlangQuery{Model: "x"}, `unknown model "x"`},
	} {
		errs := tc.q.Validate()
		if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), tc.want) {
			t.Errorf("%+v: problems %q, want one starting %q", tc.q, errs, tc.want)
		}
		if _, err := tc.q.Evaluate(); err == nil || err.Error() != errs[0].Error() {
			t.Errorf("%+v: Evaluate: %v, want the problem Validate reports", tc.q, err)
		}
	}
}

// TestErlangQueryEveryProblem: every problem is reported at once, in the
// order of the inputs, and a problem of one input does not make another's
// valid value look wrong.
func TestErlangQueryEveryProblem(t *testing.T) {
	q := ErlangQuery{Model: "a", Rate: "x", AHT: "soon", Patience: "0s", Size: "w", Target: "v", Within: "q", Names: cliNames("--agents")}
	want := []string{"--aht: ", "--rate: ", "--patience must be longer", "give either --agents", `--agents "w"`, "--target: ", "--within: "}
	errs := q.Validate()
	if len(errs) != len(want) {
		t.Fatalf("problems %q, want %d", errs, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(errs[i].Error(), w) {
			t.Errorf("problem %d: %q, want it to start %q", i, errs[i], w)
		}
	}
	_, err := q.Evaluate()
	for _, e := range errs {
		if !strings.Contains(err.Error(), e.Error()) {
			t.Errorf("Evaluate's error lacks %q", e)
		}
	}

	// A valid rate with an invalid handle time: one problem, the time's.
	q = ErlangQuery{Model: "c", Rate: "100/30m", AHT: "soon", Target: "service_level(30s) >= 0.8", Names: cliNames("--agents")}
	if errs := q.Validate(); len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "--aht: ") {
		t.Errorf("problems %q, want only --aht's", errs)
	}
}

// TestErlangNamesDefault: without names, messages name the inputs
// themselves.
func TestErlangNamesDefault(t *testing.T) {
	errs := ErlangQuery{Model: "b"}.Validate()
	want := []string{
		"say how much traffic is offered: rate 100/30m (calls per period) or load 10 (Erlangs)",
		"say how many lines there are (lines 25) or what to staff for (target 'blocked_rate <= 0.01')",
	}
	if len(errs) != len(want) || errs[0].Error() != want[0] || errs[1].Error() != want[1] {
		t.Errorf("problems %q, want %q", errs, want)
	}
}

// TestErlangQueryEvaluate: the answers are the models' figures, and a
// target is met by the fewest lines or agents models finds.
func TestErlangQueryEvaluate(t *testing.T) {
	evaluate := func(q ErlangQuery) ErlangResult {
		t.Helper()
		res, err := q.Evaluate()
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		return res
	}

	b := evaluate(ErlangQuery{Model: "b", Rate: "200/h", AHT: "3m", Size: "10"}).(ErlangBResult)
	if b.Model != "erlang_b" || b.Lines != 10 || b.Load != 200.0/3600*180 || b.BlockedRate != models.ErlangB(200.0/3600*180, 10) || b.Target != "" {
		t.Errorf("erlang b: %+v", b)
	}
	b = evaluate(ErlangQuery{Model: "b", Load: "10", Target: "blocked_rate <= 1%"}).(ErlangBResult)
	if b.Lines != 18 || b.Target != "blocked_rate <= 0.01" {
		t.Errorf("erlang b for a target: %+v", b)
	}

	c := evaluate(ErlangQuery{Model: "c", Rate: "100/30m", AHT: "3m", Size: "14"}).(ErlangQueueResult)
	// The rate makes a load, and the load over the handle time the rate
	// the model is evaluated at, as the calculator has always done.
	p := models.ErlangCPerformance(100.0/1800*180/180, 180, 14, 20)
	if c.Model != "erlang_c" || c.Within != 20 || c.PWait != p.PWait || *c.ASA != p.ASA || c.ServiceLevel != p.ServiceLevel || c.AbandonRate != nil || c.Note != "" {
		t.Errorf("erlang c: %+v, want %+v", c, p)
	}
	// The target's own time is the service-level time.
	a := evaluate(ErlangQuery{Model: "a", Rate: "100/30m", AHT: "3m", Patience: "2m", Target: "service_level(30s) >= 90%"}).(ErlangQueueResult)
	tg := models.Target{Metric: models.MetricServiceLevel, Op: ">=", Value: 0.9, Within: 30}
	n, err := models.StaffErlangA(100.0/1800, 180, 120, tg)
	if err != nil || a.Agents != n || a.Within != 30 || a.Target != "service_level(30s) >= 0.9" || a.AbandonRate == nil {
		t.Errorf("erlang a for a target: %+v, want %d agents (%v)", a, n, err)
	}
	// The query's time goes into a target without one.
	a = evaluate(ErlangQuery{Model: "a", Load: "10", AHT: "3m", Patience: "2m", Within: "15s", Target: "service_level >= 80%"}).(ErlangQueueResult)
	if a.Within != 15 || a.Target != "service_level(15s) >= 0.8" {
		t.Errorf("erlang a, --within: %+v", a)
	}

	// An unstable queue and an empty one are answered, with a note.
	c = evaluate(ErlangQuery{Model: "c", Load: "10", AHT: "3m", Size: "10"}).(ErlangQueueResult)
	if c.ASA != nil || c.PWait != 1 || !strings.Contains(c.Note, "grows without bound") || !strings.Contains(c.Note, "at least 11 agents") {
		t.Errorf("unstable erlang c: %+v", c)
	}
	a = evaluate(ErlangQuery{Model: "a", Load: "10", AHT: "3m", Patience: "1m", Size: "0"}).(ErlangQueueResult)
	if a.ASA != nil || *a.AbandonRate != 1 || !strings.Contains(a.Note, "no call is answered") {
		t.Errorf("erlang a with no agents: %+v", a)
	}
}

// TestErlangQueryUnmet: a valid query whose target no staffing meets has
// no problem, and no answer.
func TestErlangQueryUnmet(t *testing.T) {
	q := ErlangQuery{Model: "a", Load: "200000", AHT: "3m", Patience: "1h", Target: "abandon_rate <= 0.01"}
	if errs := q.Validate(); len(errs) != 0 {
		t.Fatalf("problems %q", errs)
	}
	res, err := q.Evaluate()
	if res != nil || err == nil || !strings.Contains(err.Error(), "no staffing of up to 100000") {
		t.Errorf("Evaluate: %v, %v", res, err)
	}
}
