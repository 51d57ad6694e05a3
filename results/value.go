package results

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ivrsim/ivrsim/models"
)

// ParseValue reads a value of metric m as people write it: shares as 0.08,
// 8% or (for differences) 0.5pp; durations as 45s, 2m or seconds; other
// metrics as plain numbers.
func ParseValue(m Metric, s string) (float64, error) {
	t := strings.TrimSpace(s)
	bad := func(hint string) error {
		return fmt.Errorf("%q is not a value of %s; %s", s, m.Name, hint)
	}
	switch m.Unit {
	case Ratio:
		scale := 1.0
		switch {
		case strings.HasSuffix(t, "pp"):
			t, scale = strings.TrimSpace(strings.TrimSuffix(t, "pp")), 0.01
		case strings.HasSuffix(t, "%"):
			t, scale = strings.TrimSpace(strings.TrimSuffix(t, "%")), 0.01
		}
		v, err := strconv.ParseFloat(t, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, bad("write a share such as 0.08 or 8% (0.5pp for a difference)")
		}
		return v * scale, nil
	case Seconds, LongSeconds:
		v, err := models.ParseDuration(strings.TrimPrefix(t, "-"))
		if err != nil {
			return 0, bad("write a duration such as 45s or 2m")
		}
		if strings.HasPrefix(t, "-") {
			v = -v
		}
		return v, nil
	case Hours:
		if d, err := models.ParseDuration(t); err == nil && strings.ContainsAny(t, "hms") {
			return d / 3600, nil
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, bad("write a number")
	}
	return v, nil
}

// ParseShare reads a share above 0 and at most 1, written as 0.05 or 5%,
// for settings that are shares of something (a failure rate that stops a
// load test, the bad records a fit tolerates).
func ParseShare(s string) (float64, error) {
	v, ok := models.ParseFraction(s)
	if !ok || !(v > 0 && v <= 1) {
		return 0, fmt.Errorf("want a share above 0 and at most 100%%, such as 5%% or 0.05")
	}
	return v, nil
}
