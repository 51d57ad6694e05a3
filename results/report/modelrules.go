package report

import (
	"strconv"

	"github.com/ivrsim/ivrsim/results"
)

// modelRule is one behavioural assumption of the engine, worded as in the
// README's "What the model assumes", with the scenario's values.
type modelRule struct {
	Title, Text string
}

// modelRules lists the modelling choices that could favour one design over
// another, each with the value this scenario gives it, so that a reader of
// the report sees what the verdict rests on. Keep the titles in step with
// the README's list (a test checks they appear there).
func modelRules(a *results.Assumptions) []modelRule {
	ivr := "no segment sets ivr_patience: callers leave prompts, menus and self-service only out of frustration, so a design without menus loses nobody there by construction"
	for _, s := range a.Segments {
		if s.IVRPatience != "" {
			ivr = "callers hang up in prompts, menus and self-service when their IVR patience (ivr_patience, per segment) runs out; it counts in ivr_abandon_rate whatever the design"
			break
		}
	}
	cost := "no costs given: cost_per_resolution is left out, and staffing plans compare agent hours only"
	if a.Costs.Given {
		cost = "agent time (overtime included) × the hourly cost plus IVR and virtual-agent minutes × " + trimFloat(a.Costs.IVRMinute) + " per resolved issue"
	}
	outside := "with a constant arrival rate the interval tables cover the whole day, so every arrival has its interval"
	if n := len(a.Arrivals.Profile); n > 0 {
		outside = "interval tables cover the " + strconv.Itoa(n) + " intervals of the arrival profile; redials and repeats arriving outside them (when no agent may be staffed) have a row of their own, outside, and count in every total"
	}
	return []modelRule{
		{"Hanging up in the IVR", ivr + "."},
		{"Forced self-service", "a caller who did not want it (engagement = trust) succeeds " +
			trimFloat(a.Trust.ForcedSuccess) + " times as often as a willing one (trust.forced_success), and being forced counts as a failed experience for trust."},
		{"The queue-preserving virtual agent", "while engaged the caller's queue patience runs at the node's engaged_patience; a hang-up then counts as queue abandonment and as a failed automation experience."},
		{"Effort", "a minute with automation (self-service, the virtual agent) weighs " + trimFloat(a.Effort.AutomationMinute) +
			", a minute on hold " + trimFloat(a.Effort.WaitMinute) + "; time with the virtual agent is not counted as hold time."},
		{"Agent time", "agent_time is the scheduled time; agents finishing a call after their shift, or emptying the queue at closing, count in agent_overtime, paid and in occupancy's staffed time."},
		{"Costs", cost + "."},
		{"Arrivals outside the profile", outside + "."},
	}
}
