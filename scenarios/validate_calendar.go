package scenarios

import (
	"fmt"
	"strings"
)

// calendar checks what gives days their dates and weekdays: horizon.start,
// arrivals.weekdays and the groups' weekday_staffing.
func (v *validator) calendar() {
	s := v.s
	dated := s.Horizon.Start.IsSet() || v.dep("horizon.start")
	a := s.Arrivals
	profile := len(a.Profile)
	hasProfile := profile > 0 || v.dep("arrivals.profile")
	interval := float64(a.Interval)
	if len(a.Weekdays) > 0 && !dated {
		v.keyErrorf("arrivals.weekdays", "days have no day of the week without a date: add horizon.start, the date of day 1, such as start: 2024-03-04")
	}
	for _, w := range a.Weekdays {
		p := "arrivals.weekdays." + w.Day
		v.weekdayName(p, w.Day)
		if w.Factor < 0 || w.Factor > 100 {
			v.errorf(p+".factor", "%g is out of range; a weekday factor multiplies the day's profile, 0 to 100 (1 is a usual day)", w.Factor)
		}
		if len(w.Profile) == 0 {
			continue
		}
		switch {
		case !hasProfile && !v.dep("arrivals"):
			v.errorf(p+".profile", "a weekday profile replaces arrivals.profile on that day, and there is none; give arrivals an interval and a profile, or use factor with a constant rate")
		case hasProfile && len(w.Profile) != profile && !v.dep("arrivals.profile"):
			v.errorf(p+".profile", "%d values for %d profile intervals; a weekday profile covers the same intervals as arrivals.profile, so give %d values (0 where none arrive)", len(w.Profile), profile, profile)
		}
		for i, x := range w.Profile {
			pi := fmt.Sprintf("%s.profile.%d", p, i)
			if x < 0 {
				v.errorf(pi, "%g contacts is negative; write 0 or more", x)
			}
			if interval > 0 && x/interval > MaxRatePerSecond {
				v.errorf(pi, "%g contacts in %s is beyond what ivrsim simulates (at most %d per second); lower it", x, fmtDur(interval), MaxRatePerSecond)
			}
		}
	}
	for _, g := range s.Agents {
		gp := "agents." + g.Name
		if len(g.WeekdayStaffing) > 0 && !dated {
			v.keyErrorf(gp+".weekday_staffing", "days have no day of the week without a date: add horizon.start, the date of day 1, such as start: 2024-03-04")
		}
		for _, w := range g.WeekdayStaffing {
			p := gp + ".weekday_staffing." + w.Day
			v.weekdayName(p, w.Day)
			switch {
			case !hasProfile && !v.dep("arrivals"):
				v.errorf(p, "staffing per interval needs an arrival profile to line up with; with a constant rate, use count")
			case hasProfile && len(w.Staffing) != profile && !v.dep("arrivals.profile"):
				v.errorf(p, "%d values for %d profile intervals; give one value per interval of arrivals.profile", len(w.Staffing), profile)
			}
			for i, n := range w.Staffing {
				if n < 0 || n > MaxAgents {
					v.errorf(fmt.Sprintf("%s.%d", p, i), "%d agents is out of range; a group has 0 to %d agents", n, MaxAgents)
				}
			}
		}
	}
}

// weekdayName checks the key of a weekday entry at path p.
func (v *validator) weekdayName(p, day string) {
	if _, ok := ParseWeekday(day); ok {
		return
	}
	if len(day) >= 3 {
		if _, ok := ParseWeekday(strings.ToLower(day[:3])); ok {
			v.keyErrorf(p, "%q is not a day of the week as scenarios write them; write %s", day, strings.ToLower(day[:3]))
			return
		}
	}
	v.keyErrorf(p, "%q is not a day of the week%s; use one of %s", day, hint(day, WeekdayNames), list(WeekdayNames))
}
