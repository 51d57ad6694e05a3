package results

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// StaffingDocument is the result of ivrsim staff: for each design, the
// agents per interval (and lines) that meet the targets, beside the Erlang
// C and Erlang A answers, with the performance the simulation achieved.
type StaffingDocument struct {
	SchemaVersion int    `json:"schema_version"`
	IvrsimVersion string `json:"ivrsim_version"`
	Scenario      string `json:"scenario"`
	Seed          uint64 `json:"seed"`
	Replications  int    `json:"replications"`
	// Days is the simulated horizon; staffing and arrivals are per day.
	Days int `json:"days"`
	// StartDate is the date of day 1 (YYYY-MM-DD), when the scenario gives
	// one.
	StartDate string `json:"start_date,omitempty"`
	// IntervalSeconds is the length of an interval.
	IntervalSeconds float64  `json:"interval_seconds"`
	Targets         []string `json:"targets"`
	LinesTarget     string   `json:"lines_target,omitempty"`
	// Rule is how an interval's staffing is decided: "shown" (the
	// analytic answer stands unless the simulation shows that it misses,
	// or that one agent less meets the targets) or "strict" (every
	// interval is shown to meet its targets).
	Rule    string           `json:"rule"`
	Designs []StaffingDesign `json:"designs"`
}

// StaffingDesign is one design's staffing.
type StaffingDesign struct {
	Name      string             `json:"name"`
	Groups    []string           `json:"groups"`
	Intervals []StaffingInterval `json:"intervals"`
	// Lines is set when a lines target was given.
	Lines  *StaffingLines `json:"lines,omitempty"`
	Totals StaffingTotals `json:"totals"`
	// Simulations is how many staffings the search simulated, each over
	// every replication.
	Simulations int `json:"simulations"`
	// Converged is false when the search ran out of simulations before it
	// settled; the staffing is then the last one tried.
	Converged bool `json:"converged"`
}

// StaffingInterval is one interval of the day: its load, the analytic and
// simulated staffing, and what the simulated staffing achieved.
type StaffingInterval struct {
	Start string
	// Arrivals are the contacts offered per day (fresh, redials and
	// repeats), as simulated with the staffing.
	Arrivals Estimate
	// ErlangC, ErlangA and Agents add up the groups.
	ErlangC int
	ErlangA int
	Agents  int
	Groups  []GroupStaffing
	// Judged is false where no target could be measured (the warm-up, no
	// calls): the staffing there is the iterative algorithm's.
	Judged bool
	// Met is true where the staffing passes the rule: not shown to miss
	// a target and, below the analytic answer (or with the strict rule),
	// shown to meet every target.
	Met bool
	// Marginal marks an interval where the simulation cannot tell whether
	// the staffing meets its targets (the 95% one-sided bounds lie on both
	// sides of one): the answer rests on the analytic model there, and
	// more replications decide.
	Marginal bool
	// Estimates are the achieved metrics, across replications.
	Estimates MetricEstimates
}

// GroupStaffing is one agent group's staffing in an interval.
type GroupStaffing struct {
	Name    string `json:"name"`
	Agents  int    `json:"agents"`
	ErlangC int    `json:"erlang_c"`
	ErlangA int    `json:"erlang_a"`
}

// StaffingLines is the lines sizing.
type StaffingLines struct {
	Lines int `json:"lines"`
	// ErlangB is Erlang B's answer for PeakLoad, where the search started.
	ErlangB int `json:"erlang_b"`
	// PeakLoad is the largest mean number of calls on a line in an
	// interval, with unlimited lines: the offered load in Erlangs.
	PeakLoad    float64  `json:"peak_load"`
	BlockedRate Estimate `json:"blocked_rate"`
}

// StaffingTotals are per day. Without costs in the scenario the costs are
// left out (CostsGiven false) rather than shown as zero.
type StaffingTotals struct {
	AgentHours        float64 `json:"agent_hours"`
	CostsGiven        bool    `json:"costs_given"`
	Cost              float64 `json:"cost,omitempty"`
	ErlangCAgentHours float64 `json:"erlang_c_agent_hours"`
	ErlangCCost       float64 `json:"erlang_c_cost,omitempty"`
	ErlangAAgentHours float64 `json:"erlang_a_agent_hours"`
	ErlangACost       float64 `json:"erlang_a_cost,omitempty"`
}

// costText writes a staffing cost, or says none was given.
func (t StaffingTotals) costText(v float64) string {
	if !t.CostsGiven {
		return "no costs given"
	}
	return money(v)
}

// MarshalJSON writes the interval flat: start, arrivals, erlang_c,
// erlang_a, agents, groups, judged, met, marginal, then each metric's
// estimate under its name.
func (r StaffingInterval) MarshalJSON() ([]byte, error) {
	groups := r.Groups
	if groups == nil {
		groups = []GroupStaffing{}
	}
	o := Object{{"start", r.Start}, {"arrivals", r.Arrivals}, {"erlang_c", r.ErlangC}, {"erlang_a", r.ErlangA},
		{"agents", r.Agents}, {"groups", groups}, {"judged", r.Judged}, {"met", r.Met}, {"marginal", r.Marginal}}
	return appendMetrics(o, r.Estimates).MarshalJSON()
}

// UnmarshalJSON reads what MarshalJSON writes.
func (r *StaffingInterval) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	fields := []struct {
		k string
		v any
	}{{"start", &r.Start}, {"arrivals", &r.Arrivals}, {"erlang_c", &r.ErlangC}, {"erlang_a", &r.ErlangA},
		{"agents", &r.Agents}, {"groups", &r.Groups}, {"judged", &r.Judged}, {"met", &r.Met}, {"marginal", &r.Marginal}}
	for _, f := range fields {
		if v, ok := raw[f.k]; ok {
			if err := json.Unmarshal(v, f.v); err != nil {
				return fmt.Errorf("%s: %w", f.k, err)
			}
			delete(raw, f.k)
		}
	}
	return unmarshalEstimates(raw, &r.Estimates)
}

// WriteStaffingJSON writes doc indented, with a final newline.
func WriteStaffingJSON(doc *StaffingDocument) ([]byte, error) { return MarshalJSON(doc) }

// staffingColumns are the metrics the table shows, besides the targets'.
var staffingColumns = []string{"service_level", "abandon_rate"}

// WriteStaffingTable writes each design's staffing per interval, its
// totals, and with several designs a summary side by side.
func WriteStaffingTable(w io.Writer, doc *StaffingDocument) error {
	var b strings.Builder
	targets := strings.Join(doc.Targets, ", ")
	if doc.LinesTarget != "" {
		targets += "; lines: " + doc.LinesTarget
	}
	rule := "the analytic answer stands unless the simulation shows it misses (one-sided 95%) or that one agent less meets the target (one-sided, 95% for the whole day)"
	if doc.Rule == "strict" {
		rule = "every interval is shown to meet its targets (one-sided, 95% for the whole day)"
	}
	fmt.Fprintf(&b, "%s — staffing for %s\n", doc.Scenario, targets)
	fmt.Fprintf(&b, "%d replication%s, seed %d, %d day%s; agents and arrivals per day; ± is the 95%% confidence half-width\n",
		doc.Replications, plural(doc.Replications), doc.Seed, doc.Days, plural(doc.Days))
	fmt.Fprintf(&b, "rule: %s; ≈ marks an interval the simulation cannot decide\n", rule)
	columns := slicesUnion(staffingColumns, doc.targetMetrics())
	for _, d := range doc.Designs {
		b.WriteString("\n" + d.Name + "\n")
		writeStaffingDesign(&b, d, columns)
	}
	if len(doc.Designs) > 1 {
		b.WriteString("\nper day, side by side\n")
		rows := [][]string{{"design", "agent hours", "cost", "Erlang C hours", "Erlang A hours"}}
		withLines := false
		for _, d := range doc.Designs {
			withLines = withLines || d.Lines != nil
		}
		if withLines {
			rows[0] = append(rows[0], "lines")
		}
		for _, d := range doc.Designs {
			t := d.Totals
			row := []string{d.Name, hours(t.AgentHours), t.costText(t.Cost), hours(t.ErlangCAgentHours), hours(t.ErlangAAgentHours)}
			if withLines {
				row = append(row, linesCell(d.Lines))
			}
			rows = append(rows, row)
		}
		if err := writeAlignedTo(&b, rows); err != nil {
			return err
		}
		base := doc.Designs[0]
		for _, d := range doc.Designs[1:] {
			cost := "no costs given"
			if d.Totals.CostsGiven {
				cost = signed(d.Totals.Cost-base.Totals.Cost, 2)
			}
			fmt.Fprintf(&b, "%s against %s: %s agent hours a day, cost %s\n", d.Name, base.Name,
				signed(d.Totals.AgentHours-base.Totals.AgentHours, 1), cost)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeStaffingDesign(b *strings.Builder, d StaffingDesign, columns []string) {
	header := []string{"start", "arrivals", "Erlang C", "Erlang A", "agents"}
	several := len(d.Groups) > 1
	if several {
		header = append(header, d.Groups...)
	}
	header = append(header, columns...)
	header = append(header, "")
	rows := [][]string{header}
	for _, r := range d.Intervals {
		row := []string{r.Start, oneDecimal(r.Arrivals.Mean), strconv.Itoa(r.ErlangC), strconv.Itoa(r.ErlangA), strconv.Itoa(r.Agents)}
		if several {
			for _, g := range r.Groups {
				row = append(row, strconv.Itoa(g.Agents))
			}
		}
		for _, c := range columns {
			m, _ := LookupMetric(c)
			row = append(row, FormatEstimate(m.Unit, r.Estimates[c]))
		}
		row = append(row, intervalNote(r))
		rows = append(rows, row)
	}
	_ = writeAlignedTo(b, rows)
	t := d.Totals
	if t.CostsGiven {
		fmt.Fprintf(b, "agent hours a day: %s (cost %s); Erlang C %s (%s), Erlang A %s (%s)\n",
			hours(t.AgentHours), money(t.Cost), hours(t.ErlangCAgentHours), money(t.ErlangCCost), hours(t.ErlangAAgentHours), money(t.ErlangACost))
	} else {
		fmt.Fprintf(b, "agent hours a day: %s; Erlang C %s, Erlang A %s (no costs given)\n",
			hours(t.AgentHours), hours(t.ErlangCAgentHours), hours(t.ErlangAAgentHours))
	}
	if l := d.Lines; l != nil {
		fmt.Fprintf(b, "lines: %d (Erlang B %d for a peak of %.1f calls on a line); blocked_rate %s\n",
			l.Lines, l.ErlangB, l.PeakLoad, FormatEstimate(Ratio, l.BlockedRate))
	}
	if !d.Converged {
		fmt.Fprintf(b, "the search stopped after %d simulations before it settled: the staffing is the last one tried\n", d.Simulations)
	}
}

func oneDecimal(v float64) string {
	if v != v {
		return "—"
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

func intervalNote(r StaffingInterval) string {
	switch {
	case !r.Judged:
		return "not judged"
	case !r.Met:
		return "misses"
	case r.Marginal:
		return "≈"
	}
	return ""
}

func (doc *StaffingDocument) targetMetrics() []string {
	var out []string
	for _, t := range doc.Targets {
		name := t
		if i := strings.IndexAny(t, "(<>= "); i >= 0 {
			name = t[:i]
		}
		if _, ok := LookupMetric(name); ok {
			out = append(out, name)
		}
	}
	if doc.LinesTarget != "" {
		out = append(out, "blocked_rate")
	}
	return out
}

func slicesUnion(a, b []string) []string {
	out := append([]string{}, a...)
	for _, x := range b {
		found := false
		for _, y := range out {
			found = found || x == y
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}

// signed writes v with its sign and decimals.
func signed(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	switch {
	case strings.HasPrefix(s, "-"):
		return "−" + s[1:]
	case strings.Trim(s, "0.") == "":
		return "±" + s
	}
	return "+" + s
}

func hours(h float64) string { return FormatValue(Hours, h) }

func money(v float64) string { return thousands2(v) }

// thousands2 writes money with thousands separators and two decimals.
func thousands2(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	whole, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.ParseFloat(whole, 64)
	return thousands(n) + "." + frac
}

func linesCell(l *StaffingLines) string {
	if l == nil {
		return "—"
	}
	return strconv.Itoa(l.Lines)
}

func writeAlignedTo(b *strings.Builder, rows [][]string) error {
	return writeAligned(b, rows)
}

// staffingCSVHeader is the tidy layout of a staffing: one value per row.
var staffingCSVHeader = []string{"design", "start", "group", "quantity", "statistic", "value"}

// WriteStaffingCSV writes doc in tidy form: per design, interval (or
// "total"), group (empty for all), quantity and statistic.
func WriteStaffingCSV(w io.Writer, doc *StaffingDocument) error {
	cw := csv.NewWriter(w)
	_ = cw.Write(staffingCSVHeader)
	row := func(design, start, group, q, stat string, v float64) {
		_ = cw.Write([]string{design, start, group, q, stat, csvNumber(v)})
	}
	est := func(design, start, q string, e Estimate) {
		row(design, start, "", q, "mean", e.Mean)
		row(design, start, "", q, "ci_low", e.CILow)
		row(design, start, "", q, "ci_high", e.CIHigh)
		row(design, start, "", q, "n", float64(e.N))
	}
	flag := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}
	for _, d := range doc.Designs {
		for _, r := range d.Intervals {
			est(d.Name, r.Start, "arrivals", r.Arrivals)
			row(d.Name, r.Start, "", "erlang_c", "value", float64(r.ErlangC))
			row(d.Name, r.Start, "", "erlang_a", "value", float64(r.ErlangA))
			row(d.Name, r.Start, "", "agents", "value", float64(r.Agents))
			if len(r.Groups) > 1 {
				for _, g := range r.Groups {
					row(d.Name, r.Start, g.Name, "erlang_c", "value", float64(g.ErlangC))
					row(d.Name, r.Start, g.Name, "erlang_a", "value", float64(g.ErlangA))
					row(d.Name, r.Start, g.Name, "agents", "value", float64(g.Agents))
				}
			}
			row(d.Name, r.Start, "", "judged", "value", flag(r.Judged))
			row(d.Name, r.Start, "", "met", "value", flag(r.Met))
			row(d.Name, r.Start, "", "marginal", "value", flag(r.Marginal))
			for _, x := range Metrics {
				if e, ok := r.Estimates[x.Name]; ok {
					est(d.Name, r.Start, x.Name, e)
				}
			}
		}
		t := d.Totals
		for _, kv := range []struct {
			q string
			v float64
		}{{"agent_hours", t.AgentHours}, {"cost", t.Cost}, {"erlang_c_agent_hours", t.ErlangCAgentHours}, {"erlang_c_cost", t.ErlangCCost},
			{"erlang_a_agent_hours", t.ErlangAAgentHours}, {"erlang_a_cost", t.ErlangACost}, {"simulations", float64(d.Simulations)}, {"converged", flag(d.Converged)}} {
			if !t.CostsGiven && strings.HasSuffix(kv.q, "cost") {
				continue // no costs given: none to report
			}
			row(d.Name, "total", "", kv.q, "value", kv.v)
		}
		if l := d.Lines; l != nil {
			row(d.Name, "total", "", "lines", "value", float64(l.Lines))
			row(d.Name, "total", "", "lines_erlang_b", "value", float64(l.ErlangB))
			row(d.Name, "total", "", "peak_load", "value", l.PeakLoad)
			est(d.Name, "total", "blocked_rate", l.BlockedRate)
		}
	}
	cw.Flush()
	return cw.Error()
}
