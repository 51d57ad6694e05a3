package report

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ivrsim/ivrsim/results"
)

// verdict is one comparison in a sentence: what the other design changes,
// significant improvements first, then every metric that gets worse, each
// ranked by size, then what shows no clear difference. The comparison
// itself is results.Verdicts, the one the terminal summary of ivrsim run
// prints, so the two name the same losses.
type verdict struct {
	Base, Other           string
	BaseClass, OtherClass string
	Better, Worse         int
	Headline              int // metrics compared
	Clauses               []clause
	WorseLabels           string // labels of the metrics that got worse, largest first
	OtherGains            string // labels of the gains beyond the headline metrics
	Same                  string // headline labels with no clear difference, joined
	Missing               string // headline labels that could not be compared, joined
}

// clause is "cuts abandonment from 14.5% to 9.5%" with its difference and
// interval. Lead joins it to the clause before.
type clause struct {
	Lead     string
	Verb     string
	Label    string
	From, To string
	Delta    string
	CI       string
	Good     bool
}

func joinWords(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

func findDesign(designs []results.DesignDocument, name string) (int, *results.DesignDocument) {
	for i := range designs {
		if designs[i].Name == name {
			return i, &designs[i]
		}
	}
	return -1, nil
}

// verdicts reads each comparison of a run.
func verdicts(designs []results.DesignDocument, comparisons []results.Comparison) []verdict {
	var out []verdict
	for _, rv := range results.Verdicts(designs, comparisons) {
		bi, _ := findDesign(designs, rv.Base)
		oi, _ := findDesign(designs, rv.Other)
		v := verdict{
			Base: rv.Base, Other: rv.Other, BaseClass: designClass(bi), OtherClass: designClass(oi),
			Better: len(rv.Gains), Worse: len(rv.Losses), Headline: rv.Compared(),
		}
		// Every loss is spelled out; gains on the headline metrics are,
		// and the others are named.
		var headGains []results.Change
		var otherGains []string
		for _, g := range rv.Gains {
			if slices.Contains(verdictMetrics, g.Metric.Name) {
				headGains = append(headGains, g)
			} else {
				otherGains = append(otherGains, label(g.Metric.Name))
			}
		}
		v.OtherGains = joinWords(otherGains)
		good, bad := clauses(headGains, true), clauses(rv.Losses, false)
		var worse []string
		for _, cl := range bad {
			worse = append(worse, cl.Label)
		}
		v.WorseLabels = joinWords(worse)
		for i := range good {
			good[i].Lead = lead(i, len(good))
		}
		for i := range bad {
			bad[i].Lead = lead(i, len(bad))
			if i == 0 && len(good) > 0 {
				bad[i].Lead = ", but "
			}
		}
		v.Clauses = append(good, bad...)
		// Of the metrics with no clear difference, the sentence names the
		// headline ones.
		v.Same, v.Missing = joinWords(headlineLabels(rv.Same)), joinWords(headlineLabels(rv.Missing))
		out = append(out, v)
	}
	return out
}

func clauses(cs []results.Change, good bool) []clause {
	out := make([]clause, len(cs))
	for i, c := range cs {
		m := c.Metric
		out[i] = clause{
			Verb: "raises", Label: label(m.Name),
			From:  results.FormatValue(m.Unit, c.Base),
			To:    results.FormatValue(m.Unit, c.Other),
			Delta: c.Delta(),
			CI:    diffCI(m, c.Diff.CILow, c.Diff.CIHigh, c.Base),
			Good:  good,
		}
		if c.Diff.Diff < 0 {
			out[i].Verb = "cuts"
		}
	}
	return out
}

// headlineLabels are the labels of the headline metrics among names, in
// the headline order.
func headlineLabels(names []string) []string {
	var out []string
	for _, h := range verdictMetrics {
		if slices.Contains(names, h) {
			out = append(out, label(h))
		}
	}
	return out
}

func lead(i, n int) string {
	switch i {
	case 0:
		return ""
	case n - 1:
		return " and "
	}
	return ", "
}

// sweepVerdict says, for one comparison across a sweep's points, how
// often the other design is better or worse on each headline metric.
type sweepVerdict struct {
	Base, Other           string
	BaseClass, OtherClass string
	Points                int
	Items                 []sweepItem
}

type sweepItem struct {
	Label string
	Text  string // "better at all 3 points (Δ −6.1pp to −3.2pp)"
	Class string // good, bad, mixed or same
}

func sweepVerdicts(doc *results.SweepDocument) []sweepVerdict {
	if len(doc.Points) == 0 {
		return nil
	}
	var out []sweepVerdict
	first := doc.Points[0]
	for ci, cmp0 := range first.Comparisons {
		bi, _ := findDesign(first.Designs, cmp0.Base)
		oi, _ := findDesign(first.Designs, cmp0.Other)
		sv := sweepVerdict{Base: cmp0.Base, Other: cmp0.Other, BaseClass: designClass(bi), OtherClass: designClass(oi), Points: len(doc.Points)}
		for _, name := range verdictMetrics {
			m := metricOf(name)
			better, worse, same, n := 0, 0, 0, 0
			lo, hi := math.Inf(1), math.Inf(-1)
			ref := 0.0
			for _, p := range doc.Points {
				if ci >= len(p.Comparisons) {
					continue
				}
				d, ok := p.Comparisons[ci].Metrics[name]
				if !ok || d.N == 0 || !defined(d.Diff) {
					continue
				}
				n++
				lo, hi = math.Min(lo, d.Diff), math.Max(hi, d.Diff)
				if _, b := findDesign(p.Designs, cmp0.Base); b != nil && defined(b.Metrics[name].Mean) {
					ref = math.Max(ref, math.Abs(b.Metrics[name].Mean))
				}
				switch {
				case !d.Significant:
					same++
				case (m.Better == results.LowerIsBetter) == (d.Diff < 0):
					better++
				default:
					worse++
				}
			}
			if n == 0 {
				continue
			}
			it := sweepItem{Label: label(name)}
			var parts []string
			if better > 0 {
				parts = append(parts, "better at "+countOf(better, n))
			}
			if worse > 0 {
				parts = append(parts, "worse at "+countOf(worse, n))
			}
			if same > 0 {
				parts = append(parts, "no clear difference at "+countOf(same, n))
			}
			it.Text = strings.Join(parts, ", ")
			if lo == hi {
				it.Text += " (Δ " + results.FormatSpread(m.Unit, lo, ref, true) + ")"
			} else {
				it.Text += " (Δ from " + results.FormatSpread(m.Unit, lo, ref, true) + " to " + results.FormatSpread(m.Unit, hi, ref, true) + ")"
			}
			switch {
			case better == n:
				it.Class = "good"
			case worse == n:
				it.Class = "bad"
			case same == n:
				it.Class = "same"
			default:
				it.Class = "mixed"
			}
			sv.Items = append(sv.Items, it)
		}
		out = append(out, sv)
	}
	return out
}

// countOf writes "all 3 points", "2 of 3 points" or "the point".
func countOf(k, n int) string {
	switch {
	case n == 1:
		return "the one point"
	case k == n && n == 2:
		return "both points"
	case k == n:
		return "all " + strconv.Itoa(n) + " points"
	}
	return strconv.Itoa(k) + " of " + strconv.Itoa(n) + " points"
}
