package fit

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/scenarios/cdr"
)

// DesignName is the name of the one design a fitted scenario has: the flow
// the records were made under.
const DesignName = "observed"

// GroupName is the name of the fitted scenario's agent group.
const GroupName = "agents"

// yamlWriter writes YAML with comments, keeping errors to the end.
type yamlWriter struct {
	w   io.Writer
	err error
}

func (y *yamlWriter) printf(format string, args ...any) {
	if y.err == nil {
		_, y.err = fmt.Fprintf(y.w, format, args...)
	}
}

// comment writes text as comment lines at indent, wrapped at 80 columns.
func (y *yamlWriter) comment(indent int, text string) {
	pad := strings.Repeat(" ", indent)
	line := pad + "#"
	for _, word := range strings.Fields(text) {
		if len(line)+1+len(word) > 80 && line != pad+"#" {
			y.printf("%s\n", line)
			line = pad + "#"
		}
		line += " " + word
	}
	y.printf("%s\n", line)
}

// WriteYAML writes the fitted scenario, every number with a comment saying
// what it was estimated from, its uncertainty and the sample.
func (m *Model) WriteYAML(w io.Writer) error {
	y := &yamlWriter{w: w}
	src := m.Source
	if src == "" {
		src = "call records"
	}
	y.comment(0, fmt.Sprintf("%s: calibrated by ivrsim fit from %s, %s, %s.", m.Name, src, m.period(), plural(m.Records, "contact")))
	y.comment(0, "Every number was estimated from the records; its comment gives the sample it came from and its uncertainty (± one standard error, or a 95% interval where said). Run it over the same days with ivrsim run, or compare it with the records with ivrsim backtest.")
	y.comment(0, "What the records cannot say is left at ivrsim's defaults, which switch behaviour off: whether agents resolved the issue (every served contact is resolved), menus, automation and trust, wrap-up (none in the records), callbacks.")
	y.printf("version: 1\nname: %s\n", quote(m.Name))
	y.printf("description: %s\n\n", quote(fmt.Sprintf("Fitted from %s, %s.", src, m.period())))

	y.printf("horizon:\n")
	y.printf("  days: %d                   # the days fitted\n", m.Days)
	y.printf("  start: %q        # day 1 is the records' first date: days follow their weekdays\n", m.Start.Format(scenarios.DateLayout))
	y.printf("\n")
	m.writeArrivals(y)
	m.writeIntents(y)
	m.writeSegments(y)
	m.writeAgents(y)
	m.writeDesign(y)
	return y.err
}

func (m *Model) writeArrivals(y *yamlWriter) {
	a := &m.Arrivals
	y.printf("arrivals:\n")
	y.printf("  interval: %s\n", models.FormatDuration(m.Interval))
	y.printf("  start: %q               # the first interval with a contact on any day\n", scenarios.FormatTimeOfDay(float64(m.First)*m.Interval))
	observed, redials := total(a.Observed), total(a.Redials)
	y.comment(2, fmt.Sprintf("Fresh contacts per %s: the mean over the %s of %s (%s) of the contacts recorded in each interval, less the redials the model adds itself (%s of all contacts, %.1f%%, spread over the intervals after each abandoned contact by the fitted redial share and delay).",
		models.FormatDuration(m.Interval), plural(a.MainDays, "day"), weekdayList(a.Main), "the main weekdays, whose daily shapes agree", thousands(int(math.Round(redials))), 100*redials/math.Max(observed, 1)))
	if len(a.Outliers) > 0 {
		y.comment(2, fmt.Sprintf("Left out as outliers, more than %d standard deviations from their expected count, and replaced by it: %s.", OutlierSD, m.outlierList()))
	}
	y.printf("  profile: %s\n", numberList(a.Profile, 1))
	if len(a.Weekdays) > 0 {
		y.comment(2, fmt.Sprintf("Per day of the week: the main weekdays scale the profile by their mean daily total over the main days' (± from the spread of daily totals); a weekday whose shape differs from theirs by more than %.0f%% of its calls (total variation distance) has a profile of its own. Weekdays missing from the records follow the profile.", 100*ShapeDistance))
		y.printf("  weekdays:\n")
		for wd := time.Sunday; wd <= time.Saturday; wd++ {
			w := a.Weekdays[wd]
			if w == nil {
				continue
			}
			key := scenarios.WeekdayNames[wd]
			if w.Profile != nil {
				y.printf("    %s:                     # its own shape (distance %.2f from the main days'): %s, %s fresh contacts a day\n",
					key, w.Distance, plural(w.Days, "day"), fmtNum(w.Mean, 1))
				y.printf("      profile: %s\n", numberList(w.Profile, 1))
				continue
			}
			y.printf("    %s: {factor: %s}%s# ± %s: %s, %s fresh contacts a day (distance %.2f)\n",
				key, fmtNum(w.Factor, 3), pad(len(fmtNum(w.Factor, 3)), 7), fmtNum(w.FactorSE, 3), plural(w.Days, "day"), fmtNum(w.Mean, 1), w.Distance)
		}
	}
	if a.DailyErr == nil {
		y.comment(2, fmt.Sprintf("Daily busyness: coefficient of variation of a gamma factor, by the method of moments from the %s' totals around their weekday's mean (variance/mean %.1f; var = mean + cv²·mean²).", plural(a.Daily.N, "day"), a.Daily.Ratio))
		y.printf("  overdispersion: %s       # ± %s\n", fmtNum(a.Daily.CV, 3), fmtNum(a.Daily.SE, 3))
	} else {
		y.comment(2, fmt.Sprintf("Daily busyness not estimated: %v.", a.DailyErr))
	}
	if a.IntervalErr == nil {
		y.comment(2, fmt.Sprintf("Per interval, on top of the day: the same from %s counts around their day's total spread by its weekday's shape (variance/mean %.2f; intervals expecting under 5 contacts left out). Redials are counted in, so part of this is theirs.", thousands(a.Interval.N), a.Interval.Ratio))
		y.printf("  interval_overdispersion: %s   # ± %s\n", fmtNum(a.Interval.CV, 3), fmtNum(a.Interval.SE, 3))
	} else {
		y.comment(2, fmt.Sprintf("Interval busyness not estimated: %v.", a.IntervalErr))
	}
	y.printf("\n")
}

func (m *Model) writeIntents(y *yamlWriter) {
	y.comment(0, "Intents are the records' intent (type) values. Handle time: each family fitted by maximum likelihood to the talk times of served contacts (service end − start), the best by AIC (lower is better: the others' difference is shown). Resolution is not in the records: every served contact counts as resolved.")
	y.printf("intents:\n")
	for _, in := range m.Intents {
		best := in.Handle[0]
		y.printf("  %s:\n", key(in.Name))
		sample := fmt.Sprintf("%s of %s", plural(best.N, "talk time"), in.Name)
		if in.Pooled {
			sample = fmt.Sprintf("all %s (only %d of %s: pooled)", plural(best.N, "talk time"), in.Served-in.Missing, in.Name)
		}
		y.comment(4, fmt.Sprintf("%s; mean %s ± %s, cv %s ± %s, median %s; %s.", sample, fmtSec(best.Mean.Value), fmtSec(best.Mean.SE), fmtNum(best.CV.Value, 3), fmtNum(best.CV.SE, 3), fmtSec(best.Median.Value), aicList(in.Handle)))
		y.printf("    handle_time: %s\n", distText(best))
	}
	y.printf("\n")
}

func (m *Model) writeSegments(y *yamlWriter) {
	y.comment(0, "Segments are the records' segment values; shares and intent mixes count their contacts (± one standard error).")
	y.printf("segments:\n")
	shares := make([]float64, len(m.Segments))
	for i, s := range m.Segments {
		shares[i] = s.Share.P
	}
	shares = roundShares(shares, 4)
	red := m.Redial.Best()
	redialText := ""
	for i, s := range m.Segments {
		y.printf("  %s:\n", key(s.Name))
		y.printf("    share: %s%s# %s of %s contacts (± %s)\n", fmtNum(shares[i], 4), pad(len(fmtNum(shares[i], 4)), 14), thousands(s.Share.K), thousands(s.Share.N), pp(s.Share.SE))
		names := sortedKeys(s.Intents)
		mix := make([]float64, len(names))
		for j, n := range names {
			mix[j] = float64(s.Intents[n]) / float64(s.Contacts)
		}
		mix = roundShares(mix, 4)
		parts := make([]string, len(names))
		for j, n := range names {
			parts[j] = fmt.Sprintf("%s: %s", key(n), fmtNum(mix[j], 4))
		}
		y.comment(4, fmt.Sprintf("Intent mix of its %s.", plural(s.Contacts, "contact")))
		y.printf("    intents: {%s}\n", strings.Join(parts, ", "))
		if len(s.Patience) > 0 {
			best := s.Patience[0]
			q := s.Queue
			text := fmt.Sprintf("Patience: fitted to the waits of its %s who joined a queue, %s hanging up there (observing their patience) and the %s answered or otherwise leaving censored at their wait", thousands(q.Queued), thousands(q.Abandoned), thousands(q.Queued-q.Abandoned))
			if s.Pooled {
				text = fmt.Sprintf("Patience: only %d of its contacts hung up in the queue, so fitted to everyone's waits: %s observed, %s censored", q.Abandoned, thousands(best.Events), thousands(best.N-best.Events))
			}
			y.comment(4, fmt.Sprintf("%s. Mean %s ± %s, median %s (Kaplan–Meier median %s); %s. The naive mean wait of those who hung up, %s, is not patience: the patient ones were answered before their patience ran out.",
				text, fmtSec(best.Mean.Value), fmtSec(best.Mean.SE), fmtSec(best.Median.Value), fmtSecNaN(q.KMMedian), aicList(s.Patience), fmtSecNaN(q.NaiveMean)))
			y.printf("    patience: %s\n", distText(best))
		}
		if h := m.headStart(s.Name); h != nil {
			y.comment(4, fmt.Sprintf("Queue discipline: its callers are answered as if they had waited %s longer than %s callers (± %s over %s): the threshold that orders %s of %s pairs of waiting callers of one intent as the agents did.", fmtSec(h.Seconds), h.Reference, fmtSecNaN(h.SE), plural(h.Days, "day"), thousands(h.Pairs-h.Errors), thousands(h.Pairs)))
			y.printf("    head_start: %s\n", fmtDurSec(h.Seconds))
		}
		if m.hasIVRAbandon() {
			y.comment(4, fmt.Sprintf("Hung up in the IVR: %s of %s contacts (± %s). The records do not say why; the observed design's menu reproduces the share: a caller who asks for a person there (zero_out) is refused and hangs up.", thousands(s.IVRAbandon.K), thousands(s.IVRAbandon.N), pp(s.IVRAbandon.SE)))
			y.printf("    zero_out: %s\n", fmtNum(s.IVRAbandon.P, 4))
		}
		if red != nil {
			r := m.Redial
			text := fmt.Sprintf("Redials, from identified customers (%.1f%% of contacts): of %s abandoned contacts, %s were followed by the customer's next contact the same day. A cure-rate model (call again with probability p, after a delay from the family) fitted by maximum likelihood, each contact watched to the end of its day: p = %s ± %s (the same-day share seen is %s); delay mean %s ± %s, median %s; %s. Applied to every segment.",
				100*r.Identified.P, thousands(r.Abandoned), thousands(r.Seen), fmtNum(red.Share.Value, 3), fmtNum(red.Share.SE, 3), fmtNum(float64(r.Seen)/float64(r.Abandoned), 3),
				fmtMin(red.Delay.Mean.Value), fmtMin(red.Delay.Mean.SE), fmtMin(red.Delay.Median.Value), redialAICList(r.Fits))
			if redialText != "" {
				text = "Redials: as for " + redialText + "."
			} else {
				redialText = s.Name
			}
			y.comment(4, text)
			y.printf("    redial:\n")
			y.printf("      after_abandon: %s\n", fmtNum(red.Share.Value, 3))
			y.printf("      delay: %s\n", distText(red.Delay))
		} else if m.Redial.Seen > 0 || m.Redial.Abandoned > 0 {
			y.comment(4, fmt.Sprintf("No redials: %d of %d abandoned contacts of identified customers were seen calling again the same day, fewer than the %d a fit needs.", m.Redial.Seen, m.Redial.Abandoned, minRedials))
		}
	}
	y.printf("\n")
}

func (m *Model) writeAgents(y *yamlWriter) {
	st := &m.Staffing
	if st.FromAgents {
		y.comment(0, fmt.Sprintf("One group of agents serving every intent, %s named on %s served contacts. Staffing per interval is the agents who worked the queue: while callers of %s (the intent most agents serve) waited every agent available was in a call or in wrap-up (a caller waiting for a specialist does not show that), so where they waited at least %s in the interval it is the agents in a call then (time average) × (1 + mean wrap-up / mean talk time); elsewhere the agents on duty from their own records (in a call, in wrap-up, or idle between calls less than %s apart while nobody waited). Averaged over the days of each kind (main weekdays, or the weekday), rounded; ± %s agents an interval (standard error over the days). Agents logged in but on other work did not work the queue and are not counted.", plural(m.Agents.Names, "agent"), thousands(m.Agents.Named), m.Agents.Intent, fmtMin(MinWaitForStaffing), fmtMin(BreakGap), fmtNum(m.MainSE(), 2)))
	} else {
		y.comment(0, "One group of agents serving every intent. Staffing per interval is inferred from the records, as no schedule was given: while callers waited every agent on duty was busy, so the number in service then counts them; while nobody waited, the most in service at once during the interval is the bound the records give. The interval's time average of these, averaged over the days of each kind (main weekdays, or the weekday), rounded. Agents idle all through an interval, on breaks or on other work leave no trace in call records.")
	}
	if m.Lines > 0 {
		y.comment(0, fmt.Sprintf("Lines: the records show %s busy signals; the most contacts in the system at once was %d.", thousands(m.Outcomes[cdr.Blocked]), m.Lines))
		y.printf("lines: %d\n", m.Lines)
	}
	y.printf("agents:\n  %s:\n", GroupName)
	busy := make([]float64, m.Window)
	days := 0
	for d := range m.Days {
		if !slices.Contains(m.Arrivals.Main, m.weekday(d)) || m.dayTotal(m.Arrivals.Observed, d) == 0 {
			continue
		}
		days++
		for i := range m.Window {
			busy[i] += st.Busy[d*m.PerDay+m.First+i] / m.Interval
		}
	}
	if days > 0 {
		y.comment(4, fmt.Sprintf("Main days; for reference, agents busy on average (Erlangs): %s.", numberList(scale(busy, 1/float64(days)), 1)))
	}
	y.printf("    staffing: %s\n", intList(st.Main))
	if wr := m.Agents.Wrapup; len(wr) > 0 {
		b := wr[0]
		y.comment(4, fmt.Sprintf("Wrap-up / inter-call time, from calls that ended while callers of "+m.Agents.Intent+" waited: an agent free then takes one at once, so the gap to their next call is the wrap-up when it began while callers still waited, and at least the time until the queue emptied otherwise (%s, %s censored); mean %s ± %s, median of the observed %s; %s.", plural(b.N, "gap"), thousands(m.Agents.WrapupCensored), fmtSec(b.Mean.Value), fmtSec(b.Mean.SE), fmtSec(m.Agents.WrapupMedian), aicList(wr)))
		y.printf("    wrapup: %s\n", distText(b))
	} else {
		y.comment(4, "No wrap-up: the records name no agents, or too few gaps between an agent's calls while callers waited.")
	}
	if len(m.Hours) > 0 {
		var parts, notes []string
		for _, h := range m.Hours {
			k := scenarios.DailyHours
			if !h.Daily {
				k = scenarios.WeekdayNames[h.Weekday]
			}
			parts = append(parts, fmt.Sprintf("%s: %s", k, quote(h.spec())))
			notes = append(notes, fmt.Sprintf("%s %s (opened %s to %s, closed %s to %s over %s)", k, h.spec(), clockText(h.OpenMin), clockText(h.OpenMax), clockText(h.CloseMin), clockText(h.CloseMax), plural(h.Days, "day")))
		}
		y.comment(4, fmt.Sprintf("Opening hours: each day's busiest run of answered callers joining the queue without a gap of %s (the queue was open from its first to its last); the median over the days of each kind, rounded out to %s: %s. Outside them callers are told the centre is closed and hang up.", fmtMin(ClosedGap), fmtMin(HoursStep), strings.Join(notes, "; ")))
		y.printf("    hours: {%s}\n", strings.Join(parts, ", "))
	}
	if len(st.Weekday) > 0 {
		y.printf("    weekday_staffing:\n")
		for wd := time.Sunday; wd <= time.Saturday; wd++ {
			if s, ok := st.Weekday[wd]; ok {
				y.printf("      %s: %s\n", scenarios.WeekdayNames[wd], intList(s))
			}
		}
	}
	y.printf("\n")
}

// outlierList describes the outlying intervals.
func (m *Model) outlierList() string {
	var parts []string
	for _, o := range m.Arrivals.Outliers {
		t := m.Start.Add(time.Duration(o.Cell) * time.Duration(m.Interval) * time.Second)
		parts = append(parts, fmt.Sprintf("%s (%s contacts, %s expected)", t.Format("2006-01-02 15:04"), thousands(int(o.Observed)), fmtNum(o.Expected, 0)))
	}
	return strings.Join(parts, ", ")
}

func (m *Model) hasIVRAbandon() bool {
	for _, s := range m.Segments {
		if s.IVRAbandon.K > 0 {
			return true
		}
	}
	return false
}

func (m *Model) writeDesign(y *yamlWriter) {
	y.comment(0, "The records come from one flow: the design that reproduces it. To compare a new flow with it, add a second design under designs (inline, or in its own file: {file: flows/new.yaml}); ivrsim run then runs both on the same callers.")
	y.printf("designs:\n  %s:\n", DesignName)
	y.printf("    description: %s\n", quote("The flow the records were made under: time in the IVR, then the agent queue."))
	ivr := len(m.IVR) > 0
	switch {
	case ivr:
		y.printf("    start: ivr\n    nodes:\n")
		best := m.IVR[0]
		y.comment(6, fmt.Sprintf("Time in the IVR: fitted to the %s of the contacts that went on to the queue; mean %s ± %s, median %s; %s.", plural(best.N, "IVR time"), fmtSec(best.Mean.Value), fmtSec(best.Mean.SE), fmtSec(best.Median.Value), aicList(m.IVR)))
		if m.hasIVRAbandon() {
			names := make([]string, len(m.Intents))
			for i, in := range m.Intents {
				names[i] = key(in.Name)
			}
			y.comment(6, "A menu every caller passes, with one option for every intent; asking for a person (the segments' zero_out, the share that hung up in the IVR) is refused and the caller hangs up.")
			y.printf("      ivr:\n        type: menu\n        duration: %s\n", distText(best))
			y.printf("        options:\n          - {key: \"1\", intents: [%s], next: queue}\n", strings.Join(names, ", "))
			y.printf("        zero_out: deny\n        retries: 0\n")
			if h := m.IVRHangup; len(h) > 0 {
				b := h[0]
				y.comment(8, fmt.Sprintf("Callers who hang up in the IVR stay longer than those who go on: fitted to the %s of the contacts that hung up there while the queue was open; mean %s ± %s, median %s; %s.", plural(b.N, "IVR time"), fmtSec(b.Mean.Value), fmtSec(b.Mean.SE), fmtSec(b.Median.Value), aicList(h)))
				y.printf("        hangup_time: %s\n", distText(b))
			}
		} else {
			y.printf("      ivr: {type: prompt, duration: %s, next: queue}\n", quote(distText(best)))
		}
	default:
		y.comment(4, "The records hold no time in the IVR: contacts queue at once.")
		y.printf("    start: queue\n    nodes:\n")
	}
	y.printf("      queue: {type: queue}\n")
}

// distText writes a fitted distribution in the scenario's text form,
// rounded to what its standard errors can tell apart.
func distText(f *models.DurationFit) string {
	mean := fmtSecParam(f.Mean.Value)
	switch f.Family {
	case "exponential":
		return fmt.Sprintf("exponential(mean=%s)", mean)
	case "weibull":
		return fmt.Sprintf("weibull(mean=%s, shape=%s)", mean, fmtNum(f.Params[0].Value, 3))
	default:
		return fmt.Sprintf("%s(mean=%s, cv=%s)", f.Family, mean, fmtNum(f.CV.Value, 3))
	}
}

// aicList writes the families' AIC differences from the best.
func aicList(fits []*models.DurationFit) string {
	parts := []string{fits[0].Family + " best by AIC"}
	for _, f := range fits[1:] {
		parts = append(parts, fmt.Sprintf("%s +%s", f.Family, fmtNum(f.AIC-fits[0].AIC, 0)))
	}
	return strings.Join(parts, ", ")
}

func redialAICList(fits []*models.RedialFit) string {
	parts := []string{fits[0].Delay.Family + " delay best by AIC"}
	for _, f := range fits[1:] {
		parts = append(parts, fmt.Sprintf("%s +%s", f.Delay.Family, fmtNum(f.AIC-fits[0].AIC, 0)))
	}
	return strings.Join(parts, ", ")
}

// roundShares rounds shares to digits decimals keeping their sum exactly
// 1: the largest absorbs the rounding.
func roundShares(xs []float64, digits int) []float64 {
	p := math.Pow(10, float64(digits))
	out := make([]float64, len(xs))
	sum, big := 0.0, 0
	for i, x := range xs {
		out[i] = math.Round(x*p) / p
		sum += out[i]
		if xs[i] > xs[big] {
			big = i
		}
	}
	if len(out) > 0 {
		out[big] = math.Round((out[big]+1-sum)*p) / p
	}
	return out
}

func fmtNum(x float64, digits int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "n/a"
	}
	s := strconv.FormatFloat(x, 'f', digits, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

func fmtSec(x float64) string {
	switch {
	case x >= 600:
		return fmtMin(x)
	case x < 1:
		return fmtNum(x, 2) + " s"
	}
	return fmtNum(x, 1) + " s"
}

func fmtSecNaN(x float64) string {
	if math.IsNaN(x) {
		return "not reached"
	}
	return fmtSec(x)
}

func fmtMin(x float64) string { return fmtNum(x/60, 1) + " min" }

// fmtSecParam writes a mean for a distribution's text: seconds to 3
// significant digits (at least 0.1 s).
func fmtSecParam(x float64) string {
	d := 1
	if x < 10 {
		d = 2
	}
	if x >= 1000 {
		d = 0
	}
	return fmtNum(x, d) + "s"
}

func pp(se float64) string { return fmtNum(100*se, 2) + " pp" }

func pad(used, width int) string {
	return strings.Repeat(" ", max(1, width-used))
}

func numberList(xs []float64, digits int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmtNum(x, digits)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func intList(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func weekdayList(wds []time.Weekday) string {
	parts := make([]string, len(wds))
	for i, wd := range wds {
		parts[i] = wd.String()[:3]
	}
	return strings.Join(parts, ", ")
}

// key writes a name as a YAML key, quoted when YAML would read it as
// something else.
func key(s string) string {
	if needsQuote(s) {
		return strconv.Quote(s)
	}
	return s
}

func quote(s string) string { return strconv.Quote(s) }

func needsQuote(s string) bool {
	if s == "" {
		return true
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n":
		return true
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return true
	}
	for i, r := range s {
		ok := r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127
		if !ok || (i == 0 && r == '-') {
			return true
		}
	}
	return false
}
