package results

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ivrsim/ivrsim/models"
)

// FormatValue writes a metric value for people: shares as percentages,
// durations in seconds (minutes or hours when long), counts with thousands
// separators.
func FormatValue(u Unit, v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	if v < 0 && u != Count {
		return "−" + FormatValue(u, -v)
	}
	switch u {
	case Ratio:
		return models.FormatPercent(v, 1, false)
	case Seconds:
		scale, suffix := timeScale(v)
		return strconv.FormatFloat(v/scale, 'f', 1, 64) + suffix
	case Count:
		return thousands(v)
	case Score:
		return strconv.FormatFloat(v, 'f', 2, 64)
	case Money:
		return strconv.FormatFloat(v, 'f', 2, 64)
	case Hours:
		return strconv.FormatFloat(v, 'f', 1, 64) + "h"
	case LongSeconds:
		return strconv.FormatFloat(v/3600, 'f', 1, 64) + "h"
	default:
		return strconv.FormatFloat(v, 'f', 3, 64)
	}
}

// FormatSpread writes a half-width or a difference in the unit of a value of
// the metric: percentage points for shares, and the time scale of ref for
// durations so a value and its interval read alike.
func FormatSpread(u Unit, v, ref float64, signed bool) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	sign := ""
	if signed {
		switch {
		case v > 0:
			sign = "+"
		case v < 0:
			sign = "−"
			v = -v
		}
	}
	switch u {
	case Ratio:
		return sign + strconv.FormatFloat(100*v, 'f', 1, 64) + "pp"
	case Seconds:
		scale, suffix := timeScale(math.Max(math.Abs(ref), v))
		return sign + strconv.FormatFloat(v/scale, 'f', 1, 64) + suffix
	}
	return sign + FormatValue(u, v)
}

func timeScale(v float64) (float64, string) {
	switch a := math.Abs(v); {
	case a >= 100*3600:
		return 3600, "h"
	case a >= 1000:
		return 60, "m"
	default:
		return 1, "s"
	}
}

func thousands(v float64) string {
	neg := v < 0
	s := strconv.FormatFloat(math.Abs(v), 'f', 0, 64)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "−" + b.String()
	}
	return b.String()
}

// FormatEstimate writes "mean ±half-width".
func FormatEstimate(u Unit, e Estimate) string {
	if e.N == 0 {
		return "—"
	}
	if e.N < 2 || math.IsNaN(e.CILow) {
		return FormatValue(u, e.Mean)
	}
	return fmt.Sprintf("%s ±%s", FormatValue(u, e.Mean), FormatSpread(u, e.HalfWidth(), e.Mean, false))
}
