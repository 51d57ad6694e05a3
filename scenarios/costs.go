package scenarios

import "strings"

// CostsGiven reports whether the scenario states any unit cost: a costs:
// block or a group's cost_per_hour, in the file or by --set. Without one
// there is no cost to report: ivrsim assumes no prices of its own, so the
// cost metrics are left out rather than computed from invented figures.
func (s *Scenario) CostsGiven() bool {
	if s.Costs.AgentHour != 0 || s.Costs.IVRMinute != 0 {
		return true
	}
	for _, g := range s.Agents {
		if g.CostPerHour != 0 {
			return true
		}
	}
	for p := range s.Positions {
		if p == "costs" || strings.HasPrefix(p, "costs.") {
			return true
		}
	}
	return false
}
