package results

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// A verdict says what one design changes against another on every metric
// that has a better direction: the significant gains, every significant
// loss, and what shows no clear difference. The report's verdict and the
// terminal summary of ivrsim run both read it, so neither can name a loss
// the other leaves out.

// Change is one metric's significant paired difference between two
// designs.
type Change struct {
	Metric      Metric
	Base, Other float64 // the designs' means
	Diff        Difference
	// Size ranks changes across units: the difference relative to the
	// larger of the two means (1 for a change from or to zero).
	Size float64
}

// Verdict is what design Other changes against design Base.
type Verdict struct {
	Base, Other string
	// Gains and Losses are the significant changes for the better and for
	// the worse, largest first.
	Gains, Losses []Change
	// Same are the metrics compared with no significant difference, and
	// Missing those with a direction that could not be compared (undefined
	// in a design, or no replications), both in the order of Metrics.
	Same, Missing []string
}

// Compared is the number of metrics compared.
func (v Verdict) Compared() int { return len(v.Gains) + len(v.Losses) + len(v.Same) }

// Verdicts reads each comparison of a run: every metric with a better
// direction is compared, and a difference counts when its 95% interval
// excludes zero.
func Verdicts(designs []DesignDocument, comparisons []Comparison) []Verdict {
	find := func(name string) *DesignDocument {
		for i := range designs {
			if designs[i].Name == name {
				return &designs[i]
			}
		}
		return nil
	}
	var out []Verdict
	for _, c := range comparisons {
		base, other := find(c.Base), find(c.Other)
		if base == nil || other == nil {
			continue
		}
		v := Verdict{Base: c.Base, Other: c.Other}
		for _, m := range Metrics {
			if m.Better == Neutral {
				continue
			}
			d, ok := c.Metrics[m.Name]
			b, o := base.Metrics[m.Name].Mean, other.Metrics[m.Name].Mean
			if !ok || d.N == 0 || !finite(d.Diff) || !finite(b) || !finite(o) {
				v.Missing = append(v.Missing, m.Name)
				continue
			}
			if !d.Significant {
				v.Same = append(v.Same, m.Name)
				continue
			}
			ch := Change{Metric: m, Base: b, Other: o, Diff: d, Size: changeSize(d.Diff, b, o)}
			if (m.Better == LowerIsBetter) == (d.Diff < 0) {
				v.Gains = append(v.Gains, ch)
			} else {
				v.Losses = append(v.Losses, ch)
			}
		}
		bySize := func(a, b Change) int { return cmp.Compare(b.Size, a.Size) }
		slices.SortStableFunc(v.Gains, bySize)
		slices.SortStableFunc(v.Losses, bySize)
		out = append(out, v)
	}
	return out
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func changeSize(diff, base, other float64) float64 {
	ref := max(math.Abs(base), math.Abs(other))
	if ref == 0 {
		return 0
	}
	return math.Abs(diff) / ref
}

// Delta writes the change as the table does: "+7.6pp", "−3.5s".
func (c Change) Delta() string { return FormatSpread(c.Metric.Unit, c.Diff.Diff, c.Base, true) }

// gainsNamed is how many gains the one-line verdict names; every loss is
// named.
const gainsNamed = 3

// Line is the verdict in one line, for a terminal: how many metrics are
// better, led by the largest gains on headline metrics, and every metric
// that is worse, largest first, each with its difference.
func (v Verdict) Line() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s against %s: ", v.Other, v.Base)
	n := v.Compared()
	switch {
	case n == 0:
		b.WriteString("nothing could be compared")
		return b.String()
	case len(v.Gains) == 0 && len(v.Losses) == 0:
		fmt.Fprintf(&b, "no clear difference on any of %d metrics", n)
		return b.String()
	}
	if len(v.Gains) > 0 {
		fmt.Fprintf(&b, "better on %d of %d metrics", len(v.Gains), n)
		// Led by the headline metrics: a design without a menu cuts menu
		// steps by 100%, which says less than abandonment's 34%.
		lead := slices.Clone(v.Gains)
		slices.SortStableFunc(lead, func(a, b Change) int {
			return cmp.Compare(headlineRank(a.Metric.Name), headlineRank(b.Metric.Name))
		})
		names := changeList(lead[:min(gainsNamed, len(lead))])
		if len(v.Gains) > gainsNamed {
			names += ", …"
		}
		fmt.Fprintf(&b, " (%s)", names)
	} else {
		fmt.Fprintf(&b, "better on none of %d metrics", n)
	}
	if len(v.Losses) > 0 {
		fmt.Fprintf(&b, "; worse on %d: %s", len(v.Losses), changeList(v.Losses))
	} else {
		b.WriteString("; worse on none")
	}
	return b.String()
}

// headlineRank is 0 for a headline metric, 1 for the others.
func headlineRank(name string) int {
	if slices.Contains(HeadlineMetrics, name) {
		return 0
	}
	return 1
}

func changeList(cs []Change) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.Metric.Name + " " + c.Delta()
	}
	return strings.Join(parts, ", ")
}

// WriteVerdicts writes the one-line verdict of each comparison in doc,
// then where the details are: the report named by report, or how to ask
// for one. It writes nothing for a run of one design.
func WriteVerdicts(w io.Writer, doc *Document, report string) error {
	vs := Verdicts(doc.Designs, doc.Comparisons)
	if len(vs) == 0 {
		return nil
	}
	var b strings.Builder
	for _, v := range vs {
		b.WriteString("verdict: " + v.Line() + "\n")
	}
	b.WriteString("(significant at 95%, largest first; ")
	if report != "" {
		b.WriteString("the report is in " + report + ")\n\n")
	} else {
		b.WriteString("--report FILE writes the HTML report with every interval)\n\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
