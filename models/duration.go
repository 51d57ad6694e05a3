package models

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParseDuration parses a duration written the Go way ("45s", "3m", "1h30m",
// "250ms", "1.5h") or as a plain number of seconds ("45", "2.5"), and returns
// it in seconds. Negative durations, NaN and infinities are rejected.
func ParseDuration(s string) (float64, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, fmt.Errorf("empty duration: write seconds (45) or a duration (45s, 3m, 1h30m)")
	}
	if v, err := strconv.ParseFloat(t, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		return checkDuration(s, v)
	}
	if strings.HasPrefix(t, "-") {
		return 0, fmt.Errorf("invalid duration %q: durations cannot be negative", s)
	}
	total := 0.0
	rest := t
	for rest != "" {
		i := numberPrefix(rest)
		if i == 0 {
			return 0, fmt.Errorf("invalid duration %q: expected a number at %q; write 45s, 3m or 1h30m", s, rest)
		}
		num, err := strconv.ParseFloat(rest[:i], 64)
		if err != nil {
			return 0, fmt.Errorf("invalid duration %q: bad number %q", s, rest[:i])
		}
		rest = rest[i:]
		j := 0
		for j < len(rest) && (rest[j] >= 'a' && rest[j] <= 'z' || rest[j] == 'µ') {
			j++
		}
		unit := rest[:j]
		rest = rest[j:]
		scale, ok := durationUnits[unit]
		if !ok {
			if unit == "" {
				return 0, fmt.Errorf("invalid duration %q: missing unit after %s; use ms, s, m or h", s, strconv.FormatFloat(num, 'g', -1, 64))
			}
			return 0, fmt.Errorf("invalid duration %q: unknown unit %q; use ms, s, m or h", s, unit)
		}
		total += num * scale
	}
	return checkDuration(s, total)
}

// numberPrefix is the length of the decimal number (with an optional
// exponent) at the start of s.
func numberPrefix(s string) int {
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	if i > 0 && i+1 < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if s[j] == '+' || s[j] == '-' {
			j++
		}
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k > j {
			return k
		}
	}
	return i
}

var durationUnits = map[string]float64{
	"ms": 1e-3, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400,
}

// MaxDuration bounds the durations of a scenario, in seconds: a year. No
// prompt, wait, handle time or delay of a contact centre comes near it,
// and a larger one (1e300h) would only overflow the engine's clock.
// ParseDuration itself reads any finite duration; the scenario's decoder
// and the command line apply the bound.
const MaxDuration = 366 * 86400

func checkDuration(s string, v float64) (float64, error) {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return 0, fmt.Errorf("invalid duration %q: not a finite number", s)
	case v < 0:
		return 0, fmt.Errorf("invalid duration %q: durations cannot be negative", s)
	}
	return v, nil
}

// FormatDuration writes seconds in the shortest Go-style form that
// ParseDuration reads back exactly: 90 → "1m30s", 0.25 → "250ms", 37.5 →
// "37.5s".
func FormatDuration(sec float64) string {
	if sec == 0 {
		return "0s"
	}
	if sec < 1 {
		if ms := strconv.FormatFloat(sec*1000, 'f', -1, 64) + "ms"; len(ms) < 12 {
			if back, err := ParseDuration(ms); err == nil && back == sec {
				return ms
			}
		}
		return strconv.FormatFloat(sec, 'g', -1, 64) + "s"
	}
	if sec != math.Trunc(sec) || sec >= 1e9 {
		return strconv.FormatFloat(sec, 'g', -1, 64) + "s"
	}
	n := int64(sec)
	var b strings.Builder
	if h := n / 3600; h > 0 {
		fmt.Fprintf(&b, "%dh", h)
		n -= h * 3600
	}
	if m := n / 60; m > 0 {
		fmt.Fprintf(&b, "%dm", m)
		n -= m * 60
	}
	if n > 0 {
		fmt.Fprintf(&b, "%ds", n)
	}
	return b.String()
}
