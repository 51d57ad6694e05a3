package models

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// FormatPercent writes a share (0.123) as a percentage ("12.3%") with the
// given number of decimals, for people. It is the one percentage format of
// ivrsim: tables, reports, the calculators and the fit report all use it.
//
// A share that is not 0 never prints as "0%" and one short of 1 never as
// "100%": such values get the significant digits they need instead, since a
// 0.004% blocking rate and no blocking at all are different answers.
// With trim, trailing zeros of the decimals are dropped ("12%" rather than
// "12.0%"), for prose; tables keep them so columns align.
func FormatPercent(share float64, decimals int, trim bool) string {
	if math.IsNaN(share) || math.IsInf(share, 0) {
		return "—"
	}
	p := 100 * share
	s := strconv.FormatFloat(p, 'f', decimals, 64)
	switch {
	case p != 0 && isZeroText(s):
		return fmt.Sprintf("%.2g%%", p)
	case p < 100 && parsesAs100(s):
		// Enough decimals that a share short of 100% never reads as 100%.
		d := min(15, int(math.Ceil(-math.Log10(100-p))))
		return strconv.FormatFloat(p, 'f', max(d, decimals), 64) + "%"
	}
	if trim && strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s + "%"
}

func isZeroText(s string) bool {
	return strings.Trim(s, "-0.") == ""
}

func parsesAs100(s string) bool {
	v, err := strconv.ParseFloat(s, 64)
	return err == nil && v >= 100
}

// ParseFraction reads a share as people write it, 0.25 or 25%, the reading
// that FormatPercent's output round-trips through. It reports false for
// anything but a finite number with an optional % sign; range checks are
// the caller's, since what is allowed depends on the setting.
func ParseFraction(s string) (float64, bool) {
	t := strings.TrimSpace(s)
	scale := 1.0
	if rest, ok := strings.CutSuffix(t, "%"); ok {
		t, scale = strings.TrimSpace(rest), 0.01
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v * scale, true
}
