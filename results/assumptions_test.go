package results

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestEffortFormulaText(t *testing.T) {
	e := EffortAssumptions{MenuStep: 0.5, WaitMinute: 0.4, AutomationMinute: 0.3, Transfer: 1.5, RepeatInfo: 1, RepeatContact: 2, Scale: 4}
	want := "score = 1 + 6·e / (e + 4), where e = 0.5 × menu steps + 0.4 × minutes on hold + " +
		"0.3 × minutes with automation (self-service, virtual agent) + 1.5 × transfers + " +
		"1 × times the caller repeated their details + 2 if the contact is a redial or repeat; e = 4 scores 4 on the 1–7 scale"
	if got := e.FormulaText(); got != want {
		t.Errorf("FormulaText:\n got %s\nwant %s", got, want)
	}
}

// TestAssumptionsJSON: the assumptions read back as written, and the
// optional parts are left out when empty.
func TestAssumptionsJSON(t *testing.T) {
	a := Assumptions{
		Days: 5, ServiceLevelSeconds: 20,
		Arrivals: ArrivalAssumptions{FreshPerDay: 1482.6, Start: "07:00", IntervalSeconds: 1800, Profile: []float64{10, 20}},
		Segments: []SegmentAssumptions{{Name: "regular", Share: 1, Intents: []NamedShare{{Name: "balance", Share: 1}}, Trust: 0.7}},
		Intents:  []IntentAssumptions{{Name: "balance", Share: 1, Resolution: 0.9, TimeSensitive: true}},
		Agents:   []AgentGroupAssumptions{{Name: "agents", Staffing: []int{2, 3}, CostPerHour: 30}},
		Designs:  []DesignAssumptions{{Name: "menu", Start: "greet", Nodes: []NodeAssumptions{{Name: "greet", Type: "prompt"}}}},
		Effort:   EffortAssumptions{Scale: 4, Formula: "score"},
	}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var back Assumptions
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, back) {
		t.Errorf("round trip changed the assumptions:\n%+v\n%+v", a, back)
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	if _, ok := raw["description"]; ok {
		t.Error("an empty description is written")
	}
	arr := raw["arrivals"].(map[string]any)
	if _, ok := arr["rate_per_hour"]; ok {
		t.Error("a profile's arrivals carry a rate")
	}
}
