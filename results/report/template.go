package report

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/results"
)

var (
	//go:embed page.tmpl
	pageSource string
	//go:embed style.css
	styleSource string
	//go:embed check.js
	scriptSource string
)

// The stylesheet and script are the page's own constants, inserted
// verbatim; every value from the results goes through the template's
// contextual escaping.
var (
	style  = template.CSS(styleSource)
	script = template.JS(scriptSource)
)

// contentSecurityPolicy forbids every request and allows only the page's
// own stylesheet and script, by hash: an injected script would not run
// even if one got through.
var contentSecurityPolicy = "default-src 'none'; style-src " + cspHash(styleSource) +
	"; script-src " + cspHash(scriptSource) + "; base-uri 'none'; form-action 'none'"

func cspHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
}

var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	"data":     dataMark,
	"pct":      pctValue,
	"dur":      durValue,
	"num":      trimFloat,
	"count":    func(v float64) string { return results.FormatValue(results.Count, v) },
	"countInt": func(v int) string { return results.FormatValue(results.Count, float64(v)) },
	"join":     strings.Join,
	"contains": strings.Contains,
	"title":    func(s string) string { return strings.ToUpper(s[:1]) + s[1:] },
	"staffing": staffingText,
	"profile":  profileText,
	"factors":  factorsText,
	"intents":  mixText,
	"rules":    modelRules,
}).Parse(pageSource))

// dataMark marks m as data, which the page's check counts.
func dataMark(m mark) mark {
	m.Class = strings.TrimSpace("mark " + m.Class)
	return m
}

func pctValue(v float64) string {
	if !defined(v) {
		return "—"
	}
	return models.FormatPercent(v, 1, true)
}

func durValue(sec float64) string {
	if !defined(sec) || sec < 0 {
		return "—"
	}
	return models.FormatDuration(math.Round(sec*10) / 10)
}

// staffingText summarises agents per interval: the range, the mean and
// the agent hours a day.
func staffingText(staff []int, interval float64) string {
	if len(staff) == 0 {
		return ""
	}
	lo, hi, sum := slices.Min(staff), slices.Max(staff), 0
	for _, v := range staff {
		sum += v
	}
	s := strconv.Itoa(lo) + "–" + strconv.Itoa(hi) + " per " + intervalName(interval)
	if lo == hi {
		s = strconv.Itoa(lo) + " per " + intervalName(interval)
	}
	if interval > 0 {
		s += ", " + trimFloat(math.Round(float64(sum)*interval/360)/10) + " agent-hours a day"
	}
	return s
}

func profileText(p []float64) string {
	if len(p) == 0 {
		return ""
	}
	return trimFloat(slices.Min(p)) + " to " + trimFloat(slices.Max(p)) + " per interval over " + strconv.Itoa(len(p)) + " intervals"
}

func factorsText(f []float64) string {
	parts := make([]string, len(f))
	for i, v := range f {
		parts[i] = trimFloat(v)
	}
	return strings.Join(parts, ", ")
}

func mixText(m []results.NamedShare) string {
	parts := make([]string, len(m))
	for i, s := range m {
		parts[i] = s.Name + " " + pctValue(s.Share)
	}
	return strings.Join(parts, ", ")
}
