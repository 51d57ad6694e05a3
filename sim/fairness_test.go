package sim

import (
	"math"
	"strconv"
	"testing"

	"github.com/ivrsim/ivrsim/results"
)

// Tests of the modelling choices that could favour one design: hang-ups in
// the IVR, effort of time with automation, forced self-service, agent time
// past the schedule and costs nobody gave. Where the answer is known in
// closed form the bound is a few binomial standard errors around it; the
// seed is fixed, so each test gives the same answer every run.

// pooled is the mean of a metric over a run's replications.
func pooled(t *testing.T, rs *results.RunSet, design int, metric string) float64 {
	t.Helper()
	return results.EstimateOf(values(t, rs, design, metric)).Mean
}

// within fails unless got is within tol of want.
func within(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	t.Logf("%s: %.4g (theory %.4g ± %.3g)", what, got, want, tol)
	if math.IsNaN(got) || math.Abs(got-want) > tol {
		t.Errorf("%s = %.4g, want %.4g ± %.3g", what, got, want, tol)
	}
}

// promptThenVA is a queue-preserving virtual agent behind a fixed one-minute
// greeting; the base's seven agents are busy enough that most callers wait
// and are offered the virtual agent.
const promptThenVA = `
designs:
  va:
    start: hello
    nodes:
      hello: {type: prompt, duration: 1m, next: q}
      q:
        type: queue
        assist: {duration: 1m, success: {simple: 0.5, urgent: 0.5}}
`

// TestIVRPatienceHangsUpDuringPrompts: with IVR patience X ~ exponential
// (mean 1m) and a fixed 1 m greeting, a caller hangs up there with
// probability P(X < 60 s) = 1 − e⁻¹ ≈ 0.632, after min(X, 60 s) in the IVR,
// mean 60·(1 − e⁻¹) ≈ 37.9 s. About 8,600 contacts get through, so the
// binomial standard error is 0.005: the bound is 5 of them. Without IVR
// patience a virtual-agent design loses nobody in the IVR, by construction.
func TestIVRPatienceHangsUpDuringPrompts(t *testing.T) {
	off := variant(t, promptThenVA)
	on := variant(t, promptThenVA, "segments.everyone.ivr_patience=exponential(mean=1m)")
	if got := pooled(t, off, 0, "ivr_abandon_rate"); got != 0 {
		t.Errorf("ivr_abandon_rate without IVR patience = %g, want 0", got)
	}
	p := 1 - math.Exp(-1)
	within(t, "ivr_abandon_rate", pooled(t, on, 0, "ivr_abandon_rate"), p, 0.025)
	within(t, "ivr_time", pooled(t, on, 0, "ivr_time")-pooled(t, on, 0, "automation_time"), 60*p, 1.5)
	expectChange(t, "abandon_rate", values(t, off, 0, "abandon_rate"), values(t, on, 0, "abandon_rate"), +1)
	// Callers who hang up in the greeting never reach the virtual agent.
	expectChange(t, "automation_time", values(t, off, 0, "automation_time"), values(t, on, 0, "automation_time"), -1)
}

// forcedSelfService puts every caller through a two-minute self-service
// that resolves 80% of the issues of willing callers; nobody presses 0.
const forcedSelfService = `
designs:
  forced:
    start: ss
    nodes:
      ss:
        type: selfservice
        duration: 2m
        success: {simple: 0.8, urgent: 0.8}
        on_failure: q
      q: {type: queue}
`

// TestForcedSelfServiceSucceedsLess: containment is success × (trust +
// (1 − trust)·forced_success) for callers without memory. At trust 0 and
// forced_success 0.5 that is 0.4; at trust 1 it is 0.8; so trust changes
// containment. The standard error is about 0.005; the bound is 5 of them.
func TestForcedSelfServiceSucceedsLess(t *testing.T) {
	for _, tc := range []struct {
		trust, forced, want float64
	}{
		{0, 0.5, 0.4},
		{0, 1, 0.8},
		{1, 0.5, 0.8},
		{0.5, 0.25, 0.8 * (0.5 + 0.5*0.25)},
	} {
		rs := variant(t, forcedSelfService, "segments.everyone.zero_out=0",
			"segments.everyone.trust="+ftoa(tc.trust), "trust.forced_success="+ftoa(tc.forced))
		within(t, "containment at trust "+ftoa(tc.trust)+", forced_success "+ftoa(tc.forced),
			pooled(t, rs, 0, "containment_rate"), tc.want, 0.025)
	}
}

// TestTimeWithAutomationCountsInEffort: every caller spends exactly the
// two-minute session with self-service (nobody hangs up or presses 0), so
// automation_time is 120 s per contact, and weighing it raises effort.
func TestTimeWithAutomationCountsInEffort(t *testing.T) {
	sets := []string{"segments.everyone.zero_out=0", "segments.everyone.trust=1"}
	free := variant(t, forcedSelfService, append(sets, "effort.automation_minute=0")...)
	weighed := variant(t, forcedSelfService, sets...)
	within(t, "automation_time", pooled(t, weighed, 0, "automation_time"), 120, 1e-9)
	expectChange(t, "effort", values(t, free, 0, "effort"), values(t, weighed, 0, "effort"), +1)

	// The virtual agent's time counts too: callers engaged with it spend
	// time with automation, not on hold.
	va := variant(t, promptThenVA, "segments.everyone.trust=1")
	if got := pooled(t, va, 0, "automation_time"); !(got > 0 && got <= 60) {
		t.Errorf("automation_time with the virtual agent = %g s, want in (0, 60]: the session lasts 1m at most", got)
	}
}

// TestAgentTimePastTheSchedule: seven agents are scheduled for the twelve
// half-hours of the profile, 42 agent-hours exactly; those still talking
// when the schedule ends count as time past shift, not as scheduled time.
func TestAgentTimePastTheSchedule(t *testing.T) {
	rs := variant(t, `
agents:
  team: {staffing: [7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7]}
`)
	for _, v := range values(t, rs, 0, "agent_time") {
		within(t, "agent_time", v, 7*12*1800, 1e-6)
	}
	if got := pooled(t, rs, 0, "agent_overtime"); !(got > 0) {
		t.Errorf("agent_overtime = %g, want > 0: callers are still with agents when the schedule ends", got)
	}
}

// TestNoCostsNoCostMetric: a scenario that gives no costs has no
// cost_per_resolution; one that does has it.
func TestNoCostsNoCostMetric(t *testing.T) {
	if got := pooled(t, variant(t, ""), 0, "cost_per_resolution"); !math.IsNaN(got) {
		t.Errorf("cost_per_resolution without costs = %g, want none (NaN)", got)
	}
	if got := pooled(t, variant(t, "", "costs.agent_hour=30"), 0, "cost_per_resolution"); !(got > 0) {
		t.Errorf("cost_per_resolution with costs = %g, want > 0", got)
	}
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// TestArrivalsOutsideTheIntervals: redials two hours after a hang-up reach
// past the profile's last interval, when no agent is staffed; they appear
// in the "outside" interval row, so intervals and that row add up to the
// total offered exactly.
func TestArrivalsOutsideTheIntervals(t *testing.T) {
	rs := variant(t, `
agents:
  team: {staffing: [7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7]}
`, "segments.everyone.redial.after_abandon=1", "segments.everyone.redial.delay=2h")
	k := metricIndex(t, "offered")
	outside := 0.0
	for _, r := range rs.Designs[0].Reps {
		sum := r.Outside[k]
		for _, v := range r.Intervals {
			sum += v[k]
		}
		if sum != r.Total[k] {
			t.Errorf("replication %d: intervals and outside offer %g, the total %g", r.Rep, sum, r.Total[k])
		}
		outside += r.Outside[k]
	}
	if !(outside > 0) {
		t.Fatal("no redial arrived outside the intervals")
	}
	doc := rs.Document()
	if o := doc.Designs[0].Outside; o == nil || o.Start != results.OutsideStart || !(o.Metrics["offered"].Mean > 0) {
		t.Errorf("the document's outside row is %+v", o)
	}
	// Without redials nothing arrives outside, and there is no such row.
	if o := variant(t, "").Document().Designs[0].Outside; o != nil {
		t.Errorf("an outside row without arrivals outside: %+v", o)
	}
}
