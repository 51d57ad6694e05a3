package sim

import (
	"math"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/scenarios"
)

func TestAssumptionsOfBank(t *testing.T) {
	a := validated(t, "bank", nil).Assumptions()
	if a.Days != 5 || a.ServiceLevelSeconds != 20 || a.Customers != 10000 || a.Lines != 65 {
		t.Errorf("days %d, service level %gs, customers %d, lines %d", a.Days, a.ServiceLevelSeconds, a.Customers, a.Lines)
	}
	// bank.yaml: its profile sums to 1,482.6 recorded calls a day × 0.865,
	// and its five day factors average 1.
	if math.Abs(a.Arrivals.FreshPerDay-1482.6*0.865) > 1 {
		t.Errorf("fresh contacts a day: %g", a.Arrivals.FreshPerDay)
	}
	if a.Arrivals.Start != "07:00" || a.Arrivals.IntervalSeconds != 1800 || len(a.Arrivals.Profile) != 34 || a.Arrivals.RatePerHour != 0 {
		t.Errorf("arrivals: %+v", a.Arrivals)
	}
	sum := 0.0
	for _, in := range a.Intents {
		sum += in.Share
		if in.Name == "prospect" && math.Abs(in.Share-0.2288) > 1e-9 {
			t.Errorf("prospect share %g, want the prospects segment's 0.2288", in.Share)
		}
	}
	if math.Abs(sum-1) > 1e-9 || len(a.Intents) != 8 {
		t.Errorf("%d intents, shares sum to %g", len(a.Intents), sum)
	}
	if len(a.Segments) != 3 || a.Segments[0].Name != "regular" || a.Segments[0].Trust != 0.7 || a.Segments[0].PatienceMeanSeconds != 397 {
		t.Errorf("segments: %+v", a.Segments)
	}
	if len(a.Agents) != 1 || len(a.Agents[0].Staffing) != 34 || a.Agents[0].CostPerHour != 30 {
		t.Errorf("agents: %+v", a.Agents)
	}
	summaries := map[string]string{}
	for _, d := range a.Designs {
		for _, n := range d.Nodes {
			summaries[d.Name+"/"+n.Name+"/"+n.Type] = n.Summary
		}
	}
	for key, want := range map[string]string{
		"forced-menu/greeting/prompt":          "plays for 4s, then main-menu",
		"forced-menu/main-menu/menu":           "1 (balance, transfer) → self-service",
		"forced-menu/self-service/selfservice": "on failure → agents, without the context gathered; pressing 0 is refused",
		"queue-preserving-va/agents/queue":     "virtual agent while the caller keeps their place: engagement = trust + 20%",
	} {
		if !strings.Contains(summaries[key], want) {
			t.Errorf("%s: summary %q lacks %q", key, summaries[key], want)
		}
	}
	if !strings.Contains(a.Effort.Formula, "0.5 × menu steps + 0.4 × minutes on hold") || a.Effort.Scale != 4 {
		t.Errorf("effort: %+v", a.Effort)
	}
}

func TestAssumptionsOfConstantRate(t *testing.T) {
	a := validated(t, "erlang-a", []string{"horizon.days=2"}).Assumptions()
	if a.Days != 2 || a.Arrivals.RatePerHour != 6000 || a.Arrivals.FreshPerDay != 144000 || a.Arrivals.Profile != nil || a.WarmupSeconds != 3600 {
		t.Errorf("%+v", a)
	}
	if len(a.Designs) != 1 || a.Designs[0].Name != DirectDesign || len(a.Intents) != 1 || a.Intents[0].Share != 1 {
		t.Errorf("designs %+v, intents %+v", a.Designs, a.Intents)
	}
	if len(a.Agents) != 1 || a.Agents[0].Count != 100 {
		t.Errorf("agents %+v", a.Agents)
	}
}

// validated loads and validates a scenario, failing the test on a problem.
func validated(t *testing.T, name string, sets []string) *Validated {
	t.Helper()
	sc, err := scenarios.Load(name, sets)
	if err != nil {
		t.Fatal(err)
	}
	v, err := Validate(sc, func(sets2 []string) (*scenarios.Scenario, error) {
		return scenarios.Load(name, append(append([]string{}, sets...), sets2...))
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}
