package results

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// WriteTable writes the designs side by side, one metric a row, each value
// with its 95% confidence half-width, and for each further design the paired
// difference from the first with a * where it is significant.
func WriteTable(w io.Writer, doc *Document) error {
	var rows [][]string
	header := []string{"metric"}
	for _, d := range doc.Designs {
		header = append(header, d.Name)
	}
	for _, c := range doc.Comparisons {
		header = append(header, "Δ "+c.Other)
	}
	rows = append(rows, header)
	for _, m := range Metrics {
		row := []string{m.Name}
		any := false
		for _, d := range doc.Designs {
			e, ok := d.Metrics[m.Name]
			if ok && e.N > 0 {
				any = true
			}
			row = append(row, FormatEstimate(m.Unit, e))
		}
		if !any {
			continue
		}
		for _, c := range doc.Comparisons {
			row = append(row, formatDifference(m, c.Metrics[m.Name], doc, c.Base))
		}
		rows = append(rows, row)
	}
	title := fmt.Sprintf("%s — %d replication%s, seed %d; ± is the 95%% confidence half-width", doc.Scenario, doc.Replications, plural(doc.Replications), doc.Seed)
	if len(doc.Comparisons) > 0 {
		title += "; Δ is paired against " + doc.Comparisons[0].Base + ", * where significant"
	}
	if _, err := fmt.Fprintln(w, title); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return writeAligned(w, rows)
}

func formatDifference(m Metric, d Difference, doc *Document, base string) string {
	if d.N == 0 {
		return "—"
	}
	ref := 0.0
	for _, x := range doc.Designs {
		if x.Name == base {
			ref = x.Metrics[m.Name].Mean
		}
	}
	s := FormatSpread(m.Unit, d.Diff, ref, true)
	if d.N >= 2 {
		s += " ±" + FormatSpread(m.Unit, (d.CIHigh-d.CILow)/2, ref, false)
	}
	if d.Significant {
		s += " *"
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// writeAligned writes rows as columns: the first left-aligned, the others
// right-aligned, two spaces apart.
func writeAligned(w io.Writer, rows [][]string) error {
	widths := map[int]int{}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			if i == 0 {
				b.WriteString(c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
