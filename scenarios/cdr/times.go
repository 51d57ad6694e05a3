package cdr

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ivrsim/ivrsim/models"
)

// formatTokens translate the friendly format tokens into Go layout
// elements, longest first.
var formatTokens = [][2]string{
	{"YYYY", "2006"}, {"YY", "06"}, {"MM", "01"}, {"DD", "02"},
	{"hh", "15"}, {"h", "15"}, {"mm", "04"}, {"ss", "05"}, {"fff", "000"},
}

// goLayout turns a format written with YYYY, MM, DD, hh, mm, ss into a Go
// time layout; a format without those tokens is taken as a Go layout.
func goLayout(format string) (string, error) {
	if strings.TrimSpace(format) == "" {
		return "", fmt.Errorf("the format is empty; write one such as YYYY-MM-DD hh:mm:ss")
	}
	var b strings.Builder
	found := false
	for i := 0; i < len(format); {
		matched := false
		for _, t := range formatTokens {
			if strings.HasPrefix(format[i:], t[0]) {
				b.WriteString(t[1])
				i += len(t[0])
				matched, found = true, true
				break
			}
		}
		if !matched {
			b.WriteByte(format[i])
			i++
		}
	}
	if !found {
		if !strings.ContainsAny(format, "0123456789") {
			return "", fmt.Errorf("%s is not a format; write one with YYYY, MM, DD, hh, mm and ss, such as DD/MM/YYYY hh:mm", clip(format))
		}
		return format, nil
	}
	return b.String(), nil
}

// dateTimeLayouts are tried, in order, for date-times without a format.
var dateTimeLayouts = []string{
	"2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02T15:04",
	time.RFC3339Nano, "2006/01/02 15:04:05", "2006/01/02 15:04",
}

// dateLayouts are tried, in order, for dates without a format.
var dateLayouts = []string{"2006-01-02", "20060102", "060102", "2006/01/02"}

// timeLayouts read times of day.
var timeLayouts = []string{"15:04:05", "15:04"}

// layoutCache remembers, per column, the layout that read the last value,
// tried first for the next one: files use one layout per column.
type layoutCache map[string]string

// parseIn tries layouts (the cached one first) and returns the time and the
// layout that read it.
func (c layoutCache) parseIn(col, s string, layouts []string) (time.Time, bool) {
	if l, ok := c[col]; ok {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			c[col] = l
			return t, true
		}
	}
	return time.Time{}, false
}

// parseDate reads a date column value.
func (c layoutCache) parseDate(col, s, format string) (time.Time, error) {
	if format != "" {
		t, err := time.Parse(format, s)
		if err != nil {
			return time.Time{}, fmt.Errorf("%s does not match the format %s", clip(s), format)
		}
		return t, nil
	}
	if t, ok := c.parseIn(col, s, dateLayouts); ok && t.Year() >= 1900 {
		return t, nil
	}
	if strings.Count(s, "/") == 2 || strings.Count(s, ".") == 2 {
		return time.Time{}, fmt.Errorf("%s could be day-first or month-first; give the format, such as formats: {date: DD/MM/YYYY}", clip(s))
	}
	return time.Time{}, fmt.Errorf("%s is not a date; dates read are YYYY-MM-DD, YYYYMMDD and YYMMDD, others need a format", clip(s))
}

// parseTime reads a time column value: a date-time, or a time of day
// (timeOnly true) to be placed on the record's date.
func (c layoutCache) parseTime(col, s, format string) (t time.Time, timeOnly bool, err error) {
	if format != "" {
		t, err := time.Parse(format, s)
		if err != nil {
			return time.Time{}, false, fmt.Errorf("%s does not match the format %s", clip(s), format)
		}
		return t, t.Year() == 0, nil
	}
	if t, ok := c.parseIn(col, s, dateTimeLayouts); ok {
		return t, false, nil
	}
	if t, ok := c.parseIn(col+"#time", s, timeLayouts); ok {
		return t, true, nil
	}
	if strings.Count(s, "/") == 2 {
		return time.Time{}, false, fmt.Errorf("%s could be day-first or month-first; give the format, such as formats: {%s: DD/MM/YYYY hh:mm:ss}", clip(s), col)
	}
	return time.Time{}, false, fmt.Errorf("%s is not a date-time; write YYYY-MM-DD hh:mm:ss, or give the format", clip(s))
}

// parseSeconds reads a duration: seconds (12.5), h:mm:ss, m:ss, or Go
// style (1m30s).
func parseSeconds(s string) (float64, error) {
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("%s is not a duration of 0 seconds or more", clip(s))
		}
		return v, nil
	}
	if strings.Contains(s, ":") {
		parts := strings.Split(s, ":")
		if len(parts) <= 3 {
			total := 0.0
			ok := true
			for i, p := range parts {
				v, err := strconv.ParseFloat(p, 64)
				if err != nil || v < 0 || (i > 0 && v >= 60) || math.IsInf(v, 0) {
					ok = false
					break
				}
				total = total*60 + v
			}
			if ok {
				return total, nil
			}
		}
	}
	if v, err := models.ParseDuration(s); err == nil && !strings.HasPrefix(s, "-") {
		return v, nil
	}
	return 0, fmt.Errorf("%s is not a duration; write seconds (12.5), h:mm:ss or 1m30s", clip(s))
}
