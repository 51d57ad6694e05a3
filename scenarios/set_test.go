package scenarios

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseSet(t *testing.T) {
	tests := []struct {
		in   string
		want Set
		err  string
	}{
		{in: "horizon.days=7", want: Set{Path: []string{"horizon", "days"}, Value: "7"}},
		{in: " segments.vip.trust = 0.2", want: Set{Path: []string{"segments", "vip", "trust"}, Value: " 0.2"}},
		{in: "arrivals.profile=[1, 2]", want: Set{Path: []string{"arrivals", "profile"}, Value: "[1, 2]"}},
		{in: "name=a=b", want: Set{Path: []string{"name"}, Value: "a=b"}},
		{in: "horizon.days", err: "write key.path=value"},
		{in: "=7", err: "write key.path=value"},
		{in: "horizon.days=", err: "the value is empty"},
		{in: "horizon..days=1", err: "empty part"},
		{in: ".days=1", err: "empty part"},
	}
	for _, tt := range tests {
		got, err := ParseSet(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.HasPrefix(err.Error(), "--set ") {
				t.Errorf("ParseSet(%q) error = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseSet(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

const setBase = `arrivals:
  interval: 1h
  start: "08:00"
  profile: [100, 120, 140]
intents:
  balance: {handle_time: 2m, share: 0.5}
  loan: {handle_time: 6m, share: 0.5}
segments:
  regular: &reg
    share: 0.5
    trust: 0.5
    redial: {after_abandon: 0.5, delay: 15m}
  vip:
    <<: *reg
    trust: 0.8
  mix:
    share: 0
    intents: {balance: 1}
agents:
  team:
    staffing: [10, 12, 14]
  spare: *spare
designs:
  flow:
    start: q
    nodes:
      q: {type: queue}
`

func TestApplySet(t *testing.T) {
	base := strings.Replace(setBase, "  spare: *spare\n", "", 1)
	tests := []struct {
		name  string
		sets  []string
		check func(*Scenario) bool
	}{
		{"new section", []string{"horizon.days=7"}, func(s *Scenario) bool { return s.Horizon.Days == 7 }},
		{"list entry", []string{"arrivals.profile.1=200"}, func(s *Scenario) bool { return s.Arrivals.Profile[1] == 200 }},
		{"whole list", []string{"arrivals.profile=[1, 2, 3]"}, func(s *Scenario) bool { return s.Arrivals.Profile[2] == 3 }},
		{"named entry", []string{"segments.regular.trust=0.1"}, func(s *Scenario) bool { return s.Segments[0].Trust == 0.1 }},
		{"percent", []string{"segments.regular.trust=10%"}, func(s *Scenario) bool { return s.Segments[0].Trust == 0.1 }},
		{"anchor changes one place", []string{"segments.regular.redial.after_abandon=0.9"}, func(s *Scenario) bool {
			return s.Segments[0].Redial.AfterAbandon == 0.9 && s.Segments[1].Redial.AfterAbandon == 0.5
		}},
		{"merged value changes one place", []string{"segments.vip.redial.after_abandon=0.1"}, func(s *Scenario) bool {
			return s.Segments[1].Redial.AfterAbandon == 0.1 && s.Segments[1].Redial.Delay.IsSet() && s.Segments[0].Redial.AfterAbandon == 0.5
		}},
		{"share entry added", []string{"segments.mix.intents.balance=0.5", "segments.mix.intents.loan=0.5"}, func(s *Scenario) bool {
			return len(s.Segments[2].Intents) == 2 && s.Segments[2].Intents[1].Value == 0.5
		}},
		{"pointer section", []string{"designs.flow.nodes.q.callback.over=3m"}, func(s *Scenario) bool {
			return s.Designs[0].Nodes[0].Callback != nil && s.Designs[0].Nodes[0].Callback.Over == 180
		}},
		{"later wins", []string{"horizon.days=2", "horizon.days=3"}, func(s *Scenario) bool { return s.Horizon.Days == 3 }},
		{"whole entry added", []string{"intents.card={handle_time: 4m}", "intents.card.share=0", "intents.loan.share=0.5"}, func(s *Scenario) bool {
			return len(s.Intents) == 3 && s.Intents[2].Name == "card"
		}},
		{"null section filled", []string{"horizon=~", "horizon.days=4"}, func(s *Scenario) bool { return s.Horizon.Days == 4 }},
		{"quoted text", []string{`designs.flow.description="a: b"`}, func(s *Scenario) bool { return s.Designs[0].Description == "a: b" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := mustParse(t, base, tt.sets...)
			if !tt.check(sc) {
				t.Errorf("override not applied as expected: %+v", sc)
			}
		})
	}
}

func TestApplySetErrors(t *testing.T) {
	base := strings.Replace(setBase, "  spare: *spare\n", "", 1)
	tests := []struct {
		set, path, want string
	}{
		{"horizon.dyas=7", "horizon.dyas", `(did you mean "days"?)`},
		{"segments.regulr.trust=1", "segments.regulr", `(did you mean "regular"?)`},
		{"arrivals.profile.5=1", "arrivals.profile.5", "from 0 to 2"},
		{"arrivals.day_factors.0=1", "arrivals.day_factors.0", "is empty"},
		{"warmup.x=1", "warmup.x", "single value"},
		{"designs.flow.file=x.yaml", "designs.flow.file", "cannot be changed"},
		{"horizon.days=[1", "horizon.days", "not valid YAML"},
		{"designs.other.start=q", "designs.other", "does not create them"},
		{"horizon.days=x", "horizon.days", "expected a whole number"},
		{"segments.regular.trust=2", "segments.regular.trust", "not a probability"},
	}
	for _, tt := range tests {
		es := parseErr(t, base, tt.set)
		if len(es) != 1 {
			t.Errorf("--set %s: want one problem, got %v", tt.set, es)
			continue
		}
		e := es[0]
		if e.Pos != (Pos{File: "--set " + tt.set}) || e.Path != tt.path || !strings.Contains(e.Msg, tt.want) {
			t.Errorf("--set %s: got %q, want path %s and %q", tt.set, e, tt.path, tt.want)
		}
	}
}

// TestApplySetFailureLeavesTree checks a rejected override adds nothing
// to the scenario: no half-made section is left to be reported again.
func TestApplySetFailureLeavesTree(t *testing.T) {
	base := strings.Replace(setBase, "  spare: *spare\n", "", 1)
	for _, set := range []string{"horizon.days.x=1", "callbacks.x=1", "designs.flow.nodes.q.callback.over.x=1"} {
		es := parseErr(t, base, set)
		if len(es) != 1 || es[0].Pos.File != "--set "+set {
			t.Errorf("--set %s: got %v", set, es)
		}
	}
}

// TestSetErrorsFollowFileErrors checks problems are listed file first,
// then the overrides in the order given.
func TestSetErrorsFollowFileErrors(t *testing.T) {
	base := strings.Replace(setBase, "  spare: *spare\n", "  spare: {count: x}\n", 1)
	es := parseErr(t, base, "horizon.days=0", "lines=-1")
	var files []string
	for _, e := range es {
		files = append(files, e.Pos.File)
	}
	want := []string{"test.yaml", "--set horizon.days=0", "--set lines=-1"}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("order %q, want %q", files, want)
	}
}
