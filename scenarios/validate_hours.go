package scenarios

import "slices"

// MaxHeadStart bounds a segment's head start in queues: more than a day is
// a typo.
const MaxHeadStart = 86400

// discipline checks the queue discipline and opening hours: head starts
// and the groups' hours.
func (v *validator) discipline() {
	for _, s := range v.s.Segments {
		p := "segments." + s.Name + ".head_start"
		if h := s.HeadStart.Seconds(); h < 0 || h > MaxHeadStart {
			v.errorf(p, "a head start of %s is out of range; it is how long the segment's callers count as having waited on joining a queue, 0 to 24h, such as 90s", fmtDur(h))
		}
	}
	dated := v.s.Horizon.Start.IsSet()
	for _, g := range v.s.Agents {
		for _, h := range g.Hours {
			p := "agents." + g.Name + ".hours." + h.Day
			if h.Day != DailyHours {
				if !slices.Contains(WeekdayNames, h.Day) {
					v.keyErrorf(p, "%q is not daily or a day of the week%s; use daily or one of %s", h.Day, hint(h.Day, append([]string{DailyHours}, WeekdayNames...)), list(WeekdayNames))
					continue
				}
				if !dated {
					v.keyErrorf(p, "days have no day of the week without a date: add horizon.start, the date of day 1, such as start: 2024-03-04, or write daily")
					continue
				}
			}
			if _, _, err := ParseHours(h.Hours); err != nil {
				v.errorf(p, "%v", err)
			}
		}
	}
}
