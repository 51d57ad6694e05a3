package scenarios

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// OpeningHours is when a group's queue takes callers on one kind of day.
type OpeningHours struct {
	// Day is "daily" or a day of the week (mon … sun), which overrides
	// daily on that day.
	Day string `yaml:"-" ivrsim:"key"`
	// Hours is "HH:MM-HH:MM" (the end may be 24:00) or "closed".
	Hours string `yaml:"-" ivrsim:"value"`
}

// DailyHours is the key of the opening hours that apply every day without
// hours of its own.
const DailyHours = "daily"

// ClosedHours is the value of opening hours for a day the queue stays shut.
const ClosedHours = "closed"

// ParseHours reads opening hours, "HH:MM-HH:MM" or "closed", as seconds
// from midnight; a closed day opens and closes at 0.
func ParseHours(s string) (open, close float64, err error) {
	s = strings.TrimSpace(s)
	if s == ClosedHours {
		return 0, 0, nil
	}
	from, to, ok := strings.Cut(s, "-")
	if !ok {
		return 0, 0, fmt.Errorf("%q is not opening hours; write HH:MM-HH:MM, such as 07:00-24:00, or closed", s)
	}
	if open, err = clock(from); err != nil {
		return 0, 0, err
	}
	if close, err = clock(to); err != nil {
		return 0, 0, err
	}
	if close <= open {
		return 0, 0, fmt.Errorf("%q closes before it opens; hours run within one day, from 00:00 to at most 24:00", s)
	}
	return open, close, nil
}

// clock reads HH:MM as seconds from midnight, 24:00 included.
func clock(s string) (float64, error) {
	s = strings.TrimSpace(s)
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm > 59 || hh > 24 || (hh == 24 && mm > 0) {
		return 0, fmt.Errorf("%q is not a time of day; write HH:MM, from 00:00 to 24:00", s)
	}
	return float64(hh*3600 + mm*60), nil
}

// HoursOn is the group's opening hours on a day of weekday wd (dated says
// whether the day has one): the day's own, else daily; ok is false when
// the group has no hours that day (always open).
func (g *Group) HoursOn(wd time.Weekday, dated bool) (open, close float64, ok bool) {
	var spec string
	for _, h := range g.Hours {
		switch {
		case dated && h.Day == WeekdayNames[wd]:
			spec, ok = h.Hours, true
		case h.Day == DailyHours && !ok:
			spec = h.Hours
		}
	}
	if !ok && spec == "" {
		return 0, 0, false
	}
	open, close, err := ParseHours(spec)
	if err != nil {
		return 0, 0, false // validation rejects it before any use
	}
	return open, close, true
}
