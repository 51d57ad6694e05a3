package sim

import (
	"slices"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
)

// staffingOf is a staffing result with agents[k] agents of one group in
// interval k.
func staffingOf(group string, agents []int, lines *results.StaffingLines) *results.StaffingDesign {
	d := &results.StaffingDesign{Name: "direct", Groups: []string{group}, Lines: lines}
	for _, n := range agents {
		d.Intervals = append(d.Intervals, results.StaffingInterval{Groups: []results.GroupStaffing{{Name: group, Agents: n}}})
	}
	return d
}

// TestStaffedScenario: the staffing found is written into the scenario's
// own text, its comments kept, and the file loads with that staffing.
func TestStaffedScenario(t *testing.T) {
	src := []byte(`name: queue   # to be staffed
arrivals:
  interval: 30m
  profile: [60, 90, 120]   # contacts per half hour
intents:
  call: {handle_time: "exponential(mean=3m)"}
agents:
  team:
    count: 1   # a placeholder
`)
	sc, err := scenarios.Parse("queue.yaml", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Compile(sc, DesignNames(sc)[0])
	if err != nil {
		t.Fatal(err)
	}
	data, err := StaffedScenario(src, sc, p, staffingOf("team", []int{4, 6, 7}, &results.StaffingLines{Lines: 12}))
	if err != nil {
		t.Fatal(err)
	}
	got, err := scenarios.Parse("staffed.yaml", data, nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if !slices.Equal(got.Agents[0].Staffing, []int{4, 6, 7}) || got.Lines != 12 {
		t.Errorf("staffing %v, lines %d; want [4 6 7] and 12:\n%s", got.Agents[0].Staffing, got.Lines, data)
	}
	if !strings.Contains(string(data), "# contacts per half hour") || !strings.Contains(string(data), "# to be staffed") {
		t.Errorf("comments lost:\n%s", data)
	}
}

// TestStaffedScenarioConstantRate: a constant rate becomes the profile it
// stands for, interval by interval, so the staffing lists line up.
func TestStaffedScenarioConstantRate(t *testing.T) {
	src := []byte(`name: constant
arrivals: {rate: 100/min}
intents:
  call: {handle_time: "exponential(mean=3m)"}
agents:
  team: {count: 1}
`)
	sc, err := scenarios.Parse("constant.yaml", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Compile(sc, DesignNames(sc)[0])
	if err != nil {
		t.Fatal(err)
	}
	n := p.Layout.WindowIntervals
	agents := make([]int, n)
	for i := range agents {
		agents[i] = 60
	}
	data, err := StaffedScenario(src, sc, p, staffingOf("team", agents, nil))
	if err != nil {
		t.Fatal(err)
	}
	got, err := scenarios.Parse("staffed.yaml", data, nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if len(got.Arrivals.Profile) != n || got.Arrivals.Profile[0] != 3000 || got.Arrivals.Interval.Seconds() != p.Layout.Interval {
		t.Errorf("profile %v every %v; want %d intervals of 3000 contacts:\n%s", got.Arrivals.Profile, got.Arrivals.Interval, n, data)
	}
	if !slices.Equal(got.Agents[0].Staffing, agents) {
		t.Errorf("staffing %v", got.Agents[0].Staffing)
	}
	if _, err := StaffedScenario([]byte("- not a scenario\n"), sc, p, staffingOf("team", agents, nil)); err == nil {
		t.Error("a file that is no scenario took the staffing")
	}
}
