package models

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParseRate parses an arrival rate such as "100/min", "6000/h", "2.5/s" or
// "100/30m" (100 per 30 minutes) and returns it per second. A plain number is
// read as per second.
func ParseRate(s string) (float64, error) {
	t := strings.TrimSpace(s)
	num, per, found := strings.Cut(t, "/")
	n, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return 0, fmt.Errorf("invalid rate %q: expected a count per period such as 100/min, 6000/h or 100/30m", s)
	}
	if n < 0 {
		return 0, fmt.Errorf("invalid rate %q: a rate cannot be negative", s)
	}
	if !found {
		return checkRate(s, n)
	}
	per = strings.TrimSpace(per)
	period, ok := ratePeriods[per]
	if !ok {
		d, derr := ParseDuration(per)
		if derr != nil || d == 0 {
			return 0, fmt.Errorf("invalid rate %q: unknown period %q; use s, min, h, day or a duration such as 30m", s, per)
		}
		period = d
	}
	return checkRate(s, n/period)
}

// MaxRate bounds every rate ivrsim reads, per second: a million contacts
// a second is far beyond any contact centre, and keeps a rate such as
// 1e307/1ms from becoming infinite.
const MaxRate = 1e6

func checkRate(s string, r float64) (float64, error) {
	if math.IsNaN(r) || math.IsInf(r, 0) || r > MaxRate {
		return 0, fmt.Errorf("invalid rate %q: more than %g a second, the most ivrsim accepts", s, float64(MaxRate))
	}
	return r, nil
}

var ratePeriods = map[string]float64{
	"s": 1, "sec": 1, "second": 1,
	"m": 60, "min": 60, "minute": 60,
	"h": 3600, "hr": 3600, "hour": 3600,
	"d": 86400, "day": 86400,
}
