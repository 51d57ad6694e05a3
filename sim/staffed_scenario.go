package sim

import (
	"errors"
	"math"
	"strconv"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
)

// StaffedScenario returns source, the text of the scenario file sc was
// loaded from, with the staffing d found for plan p written in: each
// group's agents per interval and, when d sized them, the lines. The rest
// of the file, comments included, is kept (see scenarios.SetStaffing).
//
// Staffing lists line up with an arrival profile, so a scenario with a
// constant rate gets the equivalent profile: the same contacts in every
// interval of the day. Overrides sc was loaded with are not written.
func StaffedScenario(source []byte, sc *scenarios.Scenario, p *Plan, d *results.StaffingDesign) ([]byte, error) {
	edit := scenarios.StaffingEdit{Groups: map[string][]int{}}
	for g, name := range d.Groups {
		list := make([]int, len(d.Intervals))
		for k, r := range d.Intervals {
			list[k] = r.Groups[g].Agents
		}
		edit.Groups[name] = list
	}
	if d.Lines != nil {
		edit.Lines, edit.SetLines = d.Lines.Lines, true
	}
	if len(sc.Arrivals.Profile) == 0 {
		interval := p.Layout.Interval
		edit.Interval = models.FormatDuration(interval)
		// Twelve digits: the profile reads as the rate it stands for,
		// without the noise of the last bits of a product.
		per := sc.Arrivals.Rate.PerSecond() * interval
		v, _ := strconv.ParseFloat(strconv.FormatFloat(per, 'g', 12, 64), 64)
		if math.IsNaN(v) || v <= 0 {
			return nil, errors.New("cannot turn the arrival rate into a profile")
		}
		edit.Profile = make([]float64, len(d.Intervals))
		for i := range edit.Profile {
			edit.Profile[i] = v
		}
	}
	return scenarios.SetStaffing(source, edit)
}
