package sim

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
)

// Assumptions summarises what the validated scenario assumes, for the
// results file and the report, which cannot read the scenario. Figures the
// engine derives (each intent's share of fresh issues, the arrivals a day
// carries) are read off the compiled plan, so they are what it simulates.
func (v *Validated) Assumptions() *results.Assumptions {
	sc := v.Scenario
	a := &results.Assumptions{
		Description:         strings.TrimSpace(sc.Description),
		Days:                sc.Horizon.Days,
		WarmupSeconds:       sc.Warmup.Seconds(),
		ServiceLevelSeconds: sc.ServiceLevel.Within.Seconds(),
		Arrivals:            v.arrivalAssumptions(),
		Customers:           sc.Customers,
		Trust:               results.TrustAssumptions{Success: float64(sc.Trust.Success), Failure: float64(sc.Trust.Failure), ForcedSuccess: float64(sc.Trust.ForcedSuccess)},
		Segments:            []results.SegmentAssumptions{},
		Intents:             []results.IntentAssumptions{},
		Agents:              []results.AgentGroupAssumptions{},
		Lines:               sc.Lines,
		MisrouteSeconds:     sc.MisrouteTime.Seconds(),
		Designs:             []results.DesignAssumptions{},
		Effort: results.EffortAssumptions{
			MenuStep: sc.Effort.MenuStep, WaitMinute: sc.Effort.WaitMinute, Transfer: sc.Effort.Transfer,
			RepeatInfo: sc.Effort.RepeatInfo, RepeatContact: sc.Effort.RepeatContact, Scale: sc.Effort.Scale,
			AutomationMinute: sc.Effort.AutomationMinute,
		},
		Costs: results.CostAssumptions{Given: sc.CostsGiven(), AgentHour: sc.Costs.AgentHour, IVRMinute: sc.Costs.IVRMinute},
	}
	a.Effort.Formula = a.Effort.FormulaText()
	for _, s := range sc.Segments {
		a.Segments = append(a.Segments, segmentAssumptions(s))
	}
	for i, in := range sc.Intents {
		ia := results.IntentAssumptions{
			Name: in.Name, Share: v.Plans[0].intentShare(i), Resolution: float64(in.Resolution),
			Skill: in.Skill, TimeSensitive: in.TimeSensitive,
		}
		if in.HandleTime.IsSet() {
			ia.HandleTime = in.HandleTime.String()
			ia.HandleTimeMeanSeconds = in.HandleTime.Mean()
		}
		a.Intents = append(a.Intents, ia)
	}
	for _, g := range sc.Agents {
		ga := results.AgentGroupAssumptions{
			Name: g.Name, Skills: g.Skills, Count: g.Count, Staffing: g.Staffing, CostPerHour: g.CostPerHour,
		}
		if ga.CostPerHour == 0 {
			ga.CostPerHour = sc.Costs.AgentHour
		}
		if g.Wrapup.IsSet() {
			ga.Wrapup = g.Wrapup.String()
		}
		a.Agents = append(a.Agents, ga)
	}
	for _, d := range sc.Designs {
		a.Designs = append(a.Designs, designAssumptions(d))
	}
	if len(sc.Designs) == 0 {
		a.Designs = append(a.Designs, results.DesignAssumptions{
			Name:        DirectDesign,
			Description: "No IVR: every contact queues for the agent group serving its intent.",
			Nodes:       []results.NodeAssumptions{},
		})
	}
	return a
}

func (v *Validated) arrivalAssumptions() results.ArrivalAssumptions {
	sc, p := v.Scenario, v.Plans[0]
	ar := sc.Arrivals
	out := results.ArrivalAssumptions{
		IntervalSeconds:        p.Layout.Interval,
		DayFactors:             ar.DayFactors,
		Overdispersion:         ar.Overdispersion,
		IntervalOverdispersion: ar.IntervalOverdispersion,
	}
	if len(ar.Profile) > 0 {
		out.Start = scenarios.FormatTimeOfDay(float64(ar.Start))
		out.Profile = ar.Profile
	} else {
		out.RatePerHour = ar.Rate.PerSecond() * 3600
	}
	// The plan's rates hold what the engine simulates of the profile: the
	// intervals past midnight are dropped.
	perDay := 0.0
	for _, r := range p.dayRates {
		perDay += r * p.Layout.Interval
	}
	factor := 1.0
	if n := len(p.dayFactors); n > 0 {
		sum := 0.0
		for _, f := range p.dayFactors {
			sum += f
		}
		factor = sum / float64(n)
	}
	out.FreshPerDay = perDay * factor
	return out
}

func segmentAssumptions(s scenarios.Segment) results.SegmentAssumptions {
	sa := results.SegmentAssumptions{
		Name: s.Name, Share: float64(s.Share),
		MenuTolerance: s.MenuTolerance, MenuAccuracy: float64(s.MenuAccuracy),
		ZeroOut: float64(s.ZeroOut), Trust: float64(s.Trust), Callback: float64(s.Callback),
		Balk: float64(s.Announcement.Balk), BalkAtSeconds: s.Announcement.BalkAt.Seconds(),
		InformedPatience:      s.Announcement.Patience,
		RedialAfterAbandon:    float64(s.Redial.AfterAbandon),
		RedialAfterUnresolved: float64(s.Redial.AfterUnresolved),
		RedialAfterBusy:       float64(s.Redial.AfterBusy),
	}
	for _, sh := range s.Intents {
		sa.Intents = append(sa.Intents, results.NamedShare{Name: sh.Name, Share: float64(sh.Value)})
	}
	if s.Patience.IsSet() {
		sa.Patience = s.Patience.String()
		sa.PatienceMeanSeconds = s.Patience.Mean()
	}
	if s.IVRPatience.IsSet() {
		sa.IVRPatience = s.IVRPatience.String()
	}
	if s.Redial.Delay.IsSet() {
		sa.RedialDelay = s.Redial.Delay.String()
	}
	return sa
}

func designAssumptions(d scenarios.Design) results.DesignAssumptions {
	da := results.DesignAssumptions{
		Name: d.Name, Description: strings.TrimSpace(d.Description), Start: d.Start,
		Nodes: []results.NodeAssumptions{},
	}
	for _, n := range d.Nodes {
		da.Nodes = append(da.Nodes, results.NodeAssumptions{Name: n.Name, Type: n.Type, Summary: nodeSummary(n)})
	}
	return da
}

// nodeSummary says in a few words what node n does.
func nodeSummary(n scenarios.Node) string {
	var parts []string
	add := func(format string, args ...any) { parts = append(parts, fmt.Sprintf(format, args...)) }
	dur := func() string {
		if n.Duration.IsSet() {
			return n.Duration.String()
		}
		return "no time"
	}
	switch n.Type {
	case "prompt":
		add("plays for %s, then %s", dur(), n.Next)
	case "transfer":
		add("transfers to %s", n.Next)
	case "menu":
		add("%s, clarity %s", dur(), pct(float64(n.Clarity)))
		var opts []string
		for _, o := range n.Options {
			s := o.Key
			if len(o.Intents) > 0 {
				s += " (" + strings.Join(o.Intents, ", ") + ")"
			}
			opts = append(opts, s+" → "+o.Next)
		}
		if len(opts) > 0 {
			add("options %s", strings.Join(opts, "; "))
		}
		add("%s", zeroOutSummary(n))
		add("replays at most %d times", n.Retries)
	case "selfservice":
		add("forced automation, %s", dur())
		if len(n.Success) > 0 {
			add("resolves %s", sharesSummary(n.Success))
		}
		ctx := "without the context gathered"
		if n.Context {
			ctx = "with the context gathered (saves " + pct(float64(n.ContextSaving)) + " of handle time)"
		}
		add("on failure → %s, %s", n.OnFailure, ctx)
		add("%s", zeroOutSummary(n))
	case "queue":
		group := "the group serving the caller's intent"
		if n.Group != "" {
			group = "group " + n.Group
		}
		add("queues for %s", group)
		if n.AnnouncePosition {
			add("announces the position and expected wait")
		}
		if n.Callback != nil {
			add("offers a callback when the expected wait is over %s", dur2(n.Callback.Over.Seconds()))
		}
		if as := n.Assist; as != nil {
			va := "virtual agent while the caller keeps their place: engagement = trust + " + pct(float64(as.EngageBonus))
			va += ", patience runs at ×" + strconv.FormatFloat(as.EngagedPatience, 'g', -1, 64) + " while engaged"
			if as.Duration.IsSet() {
				va += ", talks " + as.Duration.String()
			}
			if len(as.Success) > 0 {
				va += ", resolves " + sharesSummary(as.Success)
			}
			va += ", verifies after " + dur2(as.VerifyAfter.Seconds()) + " (saves " + pct(float64(as.ContextSaving)) + " of handle time)"
			add("%s", va)
		}
	case "end":
		if n.Resolved {
			add("ends the contact, resolved")
		} else {
			add("ends the contact, unresolved")
		}
	}
	return strings.Join(parts, "; ")
}

func zeroOutSummary(n scenarios.Node) string {
	if n.ZeroOut == "deny" || (n.ZeroOut == "" && n.ZeroOutNext == "") {
		return "pressing 0 is refused"
	}
	return "pressing 0 → " + n.ZeroOutNext
}

func sharesSummary(shares []scenarios.Share) string {
	parts := make([]string, len(shares))
	for i, s := range shares {
		parts[i] = s.Name + " " + pct(float64(s.Value))
	}
	return strings.Join(parts, ", ")
}

// pct writes a probability as a percentage without needless decimals.
func pct(v float64) string { return models.FormatPercent(v, 1, true) }

func dur2(sec float64) string { return models.FormatDuration(sec) }
