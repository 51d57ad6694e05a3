package sim

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
)

// Each test here switches one mechanism of the model and checks that it
// moves the numbers the way the design says, on a small scenario where the
// effect is large. Both variants see the same callers (common random
// numbers), so the paired difference across replications is tight; a test
// passes only when its 95% interval lies on the expected side of zero.

// base is a small centre: one menu-less queue unless a test adds nodes.
const base = `
name: mechanism
horizon: {days: 1}
warmup: 30m
arrivals: {interval: 30m, start: "08:00", profile: [60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60]}
intents:
  simple: {handle_time: "exponential(mean=3m)", share: 0.6}
  urgent: {handle_time: "exponential(mean=4m)", share: 0.4}
segments:
  everyone:
    share: 1
    patience: exponential(mean=3m)
`

// baseAgents staffs base unless a test brings its own agents.
const baseAgents = `
agents:
  team: {count: 7}
`

// variant runs the base scenario plus YAML text extra, with what-if
// overrides, and returns each replication's results for every design.
func variant(t *testing.T, extra string, sets ...string) *results.RunSet {
	t.Helper()
	text := base + extra
	if !strings.Contains(extra, "\nagents:") {
		text += baseAgents
	}
	sc, err := scenarios.Parse("mechanism.yaml", []byte(text), sets)
	if err != nil {
		t.Fatal(err)
	}
	var plans []*Plan
	for _, d := range DesignNames(sc) {
		p, err := Compile(sc, d)
		if err != nil {
			t.Fatal(err)
		}
		plans = append(plans, p)
	}
	rs, err := Run(context.Background(), plans, Options{Seed: 5, Replications: Reps(12)})
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func metricIndex(t *testing.T, name string) int {
	t.Helper()
	i := slices.IndexFunc(results.Metrics, func(m results.Metric) bool { return m.Name == name })
	if i < 0 {
		t.Fatalf("no metric %q", name)
	}
	return i
}

func values(t *testing.T, rs *results.RunSet, design int, metric string) []float64 {
	k := metricIndex(t, metric)
	var out []float64
	for _, r := range rs.Designs[design].Reps {
		out = append(out, r.Total[k])
	}
	return out
}

// expectChange asserts metric moves in direction sign (+1 up, −1 down)
// from a to b, significantly.
func expectChange(t *testing.T, metric string, a, b []float64, sign int) results.Difference {
	t.Helper()
	d := results.PairedDifference(a, b)
	t.Logf("%s: %.4g → %.4g, paired difference %.4g [%.4g, %.4g]", metric, results.EstimateOf(a).Mean, results.EstimateOf(b).Mean, d.Diff, d.CILow, d.CIHigh)
	ok := d.Significant && ((sign > 0 && d.CILow > 0) || (sign < 0 && d.CIHigh < 0))
	if !ok {
		t.Errorf("%s: expected it to go %s; difference %.4g, 95%% CI [%.4g, %.4g]", metric, map[int]string{1: "up", -1: "down"}[sign], d.Diff, d.CILow, d.CIHigh)
	}
	return d
}

const zeroOutMenu = `
designs:
  menu:
    start: m
    nodes:
      m:
        type: menu
        duration: 15s
        options:
          - {intents: [simple], next: q}
          - {intents: [urgent], next: q}
        zero_out: %s
        zero_out_next: %s
      q: {type: queue}
`

// TestDenyingZeroOutRaisesIVRAbandonment: callers who want a person press
// 0; refused, they hear the menu again until they give up. Time-sensitive
// callers press 0 more and give up sooner, so denial hurts them more.
func TestDenyingZeroOutRaisesIVRAbandonment(t *testing.T) {
	allow := variant(t, fmt.Sprintf(zeroOutMenu, "allow", "q"), "segments.everyone.zero_out=0.3")
	deny := variant(t, fmt.Sprintf(zeroOutMenu, "deny", "null"), "segments.everyone.zero_out=0.3")
	plain := expectChange(t, "ivr_abandon_rate", values(t, allow, 0, "ivr_abandon_rate"), values(t, deny, 0, "ivr_abandon_rate"), +1)

	sens := "intents.urgent.time_sensitive=true"
	allowTS := variant(t, fmt.Sprintf(zeroOutMenu, "allow", "q"), "segments.everyone.zero_out=0.3", sens)
	denyTS := variant(t, fmt.Sprintf(zeroOutMenu, "deny", "null"), "segments.everyone.zero_out=0.3", sens)
	urgent := expectChange(t, "ivr_abandon_rate", values(t, allowTS, 0, "ivr_abandon_rate"), values(t, denyTS, 0, "ivr_abandon_rate"), +1)
	if urgent.Diff <= plain.Diff {
		t.Errorf("denying zero-out should hurt more when the unserved intent is time-sensitive: +%.3f vs +%.3f", urgent.Diff, plain.Diff)
	}
}

const selfService = `
designs:
  ss:
    start: auto
    nodes:
      auto:
        type: selfservice
        duration: 1m
        success: {simple: 0.2}
        on_failure: q
        context: %s
        context_saving: 0.4
      q: {type: queue}
`

// TestContextHandoffLowersHandleTimeAndWaits: agents who receive what the
// automation gathered talk less, so everyone waits less.
func TestContextHandoffLowersHandleTimeAndWaits(t *testing.T) {
	sets := []string{"segments.everyone.trust=1"}
	without := variant(t, fmt.Sprintf(selfService, "false"), sets...)
	with := variant(t, fmt.Sprintf(selfService, "true"), sets...)
	expectChange(t, "aht", values(t, without, 0, "aht"), values(t, with, 0, "aht"), -1)
	expectChange(t, "asa", values(t, without, 0, "asa"), values(t, with, 0, "asa"), -1)
	expectChange(t, "effort", values(t, without, 0, "effort"), values(t, with, 0, "effort"), -1)
}

const assisted = `
designs:
  va:
    start: q
    nodes:
      q:
        type: queue
        assist:
          duration: 3m
          success: {simple: 0.1}
          engaged_patience: %g
`

// TestEngagedPatienceLowersQueueAbandonment: callers talking to the virtual
// agent while they hold their place lose patience more slowly.
func TestEngagedPatienceLowersQueueAbandonment(t *testing.T) {
	full := variant(t, fmt.Sprintf(assisted, 1.0), "segments.everyone.trust=0.7")
	slow := variant(t, fmt.Sprintf(assisted, 0.3), "segments.everyone.trust=0.7")
	expectChange(t, "queue_abandon_rate", values(t, full, 0, "queue_abandon_rate"), values(t, slow, 0, "queue_abandon_rate"), -1)
}

// adoptionByDay returns the mean adoption rate of each day.
func adoptionByDay(t *testing.T, rs *results.RunSet, design int) []float64 {
	k := metricIndex(t, "adoption_rate")
	days := len(rs.Designs[design].Reps[0].Days)
	out := make([]float64, days)
	for d := range days {
		var v []float64
		for _, r := range rs.Designs[design].Reps {
			v = append(v, r.Days[d][k])
		}
		out[d] = results.EstimateOf(v).Mean
	}
	return out
}

// dayChange is the paired change of adoption from the first day to the
// last, across replications.
func dayChange(t *testing.T, rs *results.RunSet, design int) results.Difference {
	k := metricIndex(t, "adoption_rate")
	var first, last []float64
	for _, r := range rs.Designs[design].Reps {
		first = append(first, r.Days[0][k])
		last = append(last, r.Days[len(r.Days)-1][k])
	}
	return results.PairedDifference(first, last)
}

// TestTrustDynamics: with a finite customer base who call again on later
// days, adoption falls day by day under a poor forced virtual agent and
// rises under a good queue-preserving one.
func TestTrustDynamics(t *testing.T) {
	extra := `
customers: 400
designs:
  forced-poor:
    start: auto
    nodes:
      auto: {type: selfservice, duration: 1m, success: {simple: 0.1, urgent: 0.05}, on_failure: q}
      q: {type: queue}
  assisted-good:
    start: q
    nodes:
      q:
        type: queue
        assist: {duration: 30s, success: {simple: 0.9, urgent: 0.8}, engage_bonus: 0.1}
`
	rs := variant(t, extra, "horizon.days=6", "segments.everyone.trust=0.4", "trust.success=0.3", "trust.failure=0.4", "agents.team.count=9")
	poor, good := dayChange(t, rs, 0), dayChange(t, rs, 1)
	t.Logf("adoption by day: forced poor %.3f, assisted good %.3f", adoptionByDay(t, rs, 0), adoptionByDay(t, rs, 1))
	if !(poor.Significant && poor.CIHigh < 0) {
		t.Errorf("forced poor automation: adoption should fall from day 1 to day 6; change %.3f [%.3f, %.3f], by day %.3f", poor.Diff, poor.CILow, poor.CIHigh, adoptionByDay(t, rs, 0))
	}
	if !(good.Significant && good.CILow > 0) {
		t.Errorf("queue-preserving good automation: adoption should rise from day 1 to day 6; change %.3f [%.3f, %.3f], by day %.3f", good.Diff, good.CILow, good.CIHigh, adoptionByDay(t, rs, 1))
	}
}

// TestBetterResolutionLowersOfferedLoad: unresolved issues come back as
// repeat contacts, so better first-contact resolution means fewer contacts.
func TestBetterResolutionLowersOfferedLoad(t *testing.T) {
	redial := []string{"segments.everyone.redial.after_unresolved=0.8", "segments.everyone.redial.delay=30m"}
	poor := variant(t, "", append(redial, "intents.simple.resolution=0.5", "intents.urgent.resolution=0.5")...)
	good := variant(t, "", append(redial, "intents.simple.resolution=0.9", "intents.urgent.resolution=0.9")...)
	expectChange(t, "offered", values(t, poor, 0, "offered"), values(t, good, 0, "offered"), -1)
	expectChange(t, "repeat_rate", values(t, poor, 0, "repeat_rate"), values(t, good, 0, "repeat_rate"), -1)
	expectChange(t, "fcr", values(t, poor, 0, "fcr"), values(t, good, 0, "fcr"), +1)
}

const twoGroupMenu = `
agents:
  team: {skills: [a], count: 4}
  other: {skills: [b], count: 4}
designs:
  menu:
    start: m
    nodes:
      m:
        type: menu
        duration: 15s
        options:
          - {intents: [simple], next: qa}
          - {intents: [urgent], next: qb}
      qa: {type: queue, group: team}
      qb: {type: queue, group: other}
`

// TestMisroutesRaiseTransfersAndEffort: callers who pick the wrong option
// reach the wrong agents and are transferred.
func TestMisroutesRaiseTransfersAndEffort(t *testing.T) {
	skills := []string{"intents.simple.skill=a", "intents.urgent.skill=b"}
	accurate := variant(t, twoGroupMenu, append(skills, "segments.everyone.menu_accuracy=1")...)
	sloppy := variant(t, twoGroupMenu, append(skills, "segments.everyone.menu_accuracy=0.6")...)
	expectChange(t, "transfers_per_contact", values(t, accurate, 0, "transfers_per_contact"), values(t, sloppy, 0, "transfers_per_contact"), +1)
	expectChange(t, "effort", values(t, accurate, 0, "effort"), values(t, sloppy, 0, "effort"), +1)
}

const callbackQueue = `
designs:
  q:
    start: q
    nodes:
      q: {type: queue, callback: {over: 1m}}
`

// TestCallbacksLowerQueueAbandonment: callers who accept a callback keep
// their place without having to hold.
func TestCallbacksLowerQueueAbandonment(t *testing.T) {
	none := variant(t, callbackQueue, "segments.everyone.callback=0")
	some := variant(t, callbackQueue, "segments.everyone.callback=0.6")
	expectChange(t, "queue_abandon_rate", values(t, none, 0, "queue_abandon_rate"), values(t, some, 0, "queue_abandon_rate"), -1)
	expectChange(t, "callback_rate", values(t, none, 0, "callback_rate"), values(t, some, 0, "callback_rate"), +1)
}

// TestBlockedCallersWhoRedialRaiseOfferedLoad: a busy signal followed by a
// redial is one more contact offered.
func TestBlockedCallersWhoRedialRaiseOfferedLoad(t *testing.T) {
	lines := []string{"lines=8", "segments.everyone.redial.delay=5m"}
	quit := variant(t, "", append(lines, "segments.everyone.redial.after_busy=0")...)
	redial := variant(t, "", append(lines, "segments.everyone.redial.after_busy=0.9")...)
	expectChange(t, "offered", values(t, quit, 0, "offered"), values(t, redial, 0, "offered"), +1)
	for _, b := range values(t, quit, 0, "blocked_rate") {
		if b <= 0 {
			t.Fatalf("no call was blocked with 8 lines; the test needs blocking")
		}
	}
}

// TestSegmentPriority: a segment with a higher queue priority is served
// ahead of the others, so it waits less and abandons less.
func TestSegmentPriority(t *testing.T) {
	text := strings.Replace(base, "  everyone:\n    share: 1\n", "  premium: {share: 0.3, patience: \"exponential(mean=3m)\", priority: 1}\n  everyone:\n    share: 0.7\n", 1) + baseAgents
	sc, err := scenarios.Parse("priority.yaml", []byte(text), nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Compile(sc, DirectDesign)
	if err != nil {
		t.Fatal(err)
	}
	// Per-segment waits come from the trace.
	waits := map[string][]float64{}
	for rep := range 6 {
		sum := map[string]float64{}
		n := map[string]float64{}
		_, _, err := Replicate(context.Background(), p, 9, rep, func(r *results.ContactRecord) {
			if r.Outcome == results.FlowOutcomes[results.FlowAgentResolved] {
				sum[r.Segment] += r.Wait
				n[r.Segment]++
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		for s := range sum {
			waits[s] = append(waits[s], sum[s]/n[s])
		}
	}
	expectChange(t, "mean wait of answered (everyone → premium)", waits["everyone"], waits["premium"], -1)
}
