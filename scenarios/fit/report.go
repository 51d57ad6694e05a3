package fit

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/scenarios/cdr"
)

// WriteReport writes the fit report: each estimate with its uncertainty
// and the sample it came from, after what reading the records did (rep,
// when given).
func (m *Model) WriteReport(w io.Writer, rep *cdr.Report) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	p := func(format string, args ...any) { fmt.Fprintf(tw, format, args...) }
	if rep != nil {
		p("records\t%s: %s rows, %s read", rep.File, thousands(rep.Rows), thousands(rep.Records))
		if n := rep.SkippedRows(); n > 0 {
			var parts []string
			for _, k := range sortedKeys(rep.Skipped) {
				parts = append(parts, fmt.Sprintf("%s %s", thousands(rep.Skipped[k]), k))
			}
			p(", %s skipped by the mapping (%s)", thousands(n), strings.Join(parts, ", "))
		}
		p("\n")
		for _, b := range rep.Bad {
			p("  skipped, malformed\t%s: %s (first: line %d: %s)\n", thousands(b.Count), b.Reason, b.First.Line, b.First.Detail)
		}
	}
	p("fitted\t%s: %s", m.period(), plural(m.Records, "contact"))
	if m.OutOfRange > 0 {
		p(" (%s outside the dates left out)", thousands(m.OutOfRange))
	}
	p("\n")
	var outs []string
	for o := cdr.Served; o <= cdr.Ended; o++ {
		if n := m.Outcomes[o]; n > 0 {
			outs = append(outs, fmt.Sprintf("%s %s", thousands(n), o))
		}
	}
	p("outcomes\t%s\n", strings.Join(outs, ", "))
	p("\n")

	a := &m.Arrivals
	p("ARRIVALS\testimate\tuncertainty\tsample\n")
	p("profile\t%s fresh a main day\t\t%s of %s; %s redials expected of %s contacts\n", fmtNum(total(a.Profile), 1), plural(a.MainDays, "day"), weekdayList(a.Main), thousands(int(total(a.Redials))), thousands(int(total(a.Observed))))
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		w := a.Weekdays[wd]
		if w == nil {
			continue
		}
		name := scenarios.WeekdayNames[wd]
		if w.Profile != nil {
			p("%s\town profile, %s a day\t\t%s; shape distance %.2f\n", name, fmtNum(w.Mean, 1), plural(w.Days, "day"), w.Distance)
			continue
		}
		p("%s factor\t%s\t± %s\t%s; shape distance %.2f\n", name, fmtNum(w.Factor, 3), fmtNum(w.FactorSE, 3), plural(w.Days, "day"), w.Distance)
	}
	if len(a.Outliers) > 0 {
		p("outliers\t%d intervals\t\tmore than %d sd from expected, replaced by it in the profile: %s\n", len(a.Outliers), OutlierSD, m.outlierList())
	}
	if a.DailyErr == nil {
		p("daily over-dispersion (cv)\t%s\t± %s\t%s; variance/mean %.1f\n", fmtNum(a.Daily.CV, 3), fmtNum(a.Daily.SE, 3), plural(a.Daily.N, "day"), a.Daily.Ratio)
	} else {
		p("daily over-dispersion\tnot estimated\t\t%v\n", a.DailyErr)
	}
	if a.IntervalErr == nil {
		p("interval over-dispersion (cv)\t%s\t± %s\t%s; variance/mean %.2f\n", fmtNum(a.Interval.CV, 3), fmtNum(a.Interval.SE, 3), plural(a.Interval.N, "interval"), a.Interval.Ratio)
	} else {
		p("interval over-dispersion\tnot estimated\t\t%v\n", a.IntervalErr)
	}
	p("\n")

	p("HANDLE TIME\tfit\tmean, cv\tsample\n")
	for _, in := range m.Intents {
		b := in.Handle[0]
		sample := plural(b.N, "talk time")
		if in.Pooled {
			sample += " (all intents: too few of its own)"
		}
		if in.Zeros > 0 {
			sample += fmt.Sprintf("; %d of 0 s taken as %gs", in.Zeros, Resolution)
		}
		p("%s\t%s\t%s ± %s, %s ± %s\t%s; %s\n", in.Name, distText(b), fmtSec(b.Mean.Value), fmtSec(b.Mean.SE), fmtNum(b.CV.Value, 3), fmtNum(b.CV.SE, 3), sample, aicList(in.Handle))
	}
	p("\n")

	p("SEGMENTS\testimate\tuncertainty\tsample\n")
	for _, s := range m.Segments {
		p("%s share\t%s\t%s to %s (95%%)\t%s of %s contacts\n", s.Name, pct(s.Share.P), pct(s.Share.Low), pct(s.Share.High), thousands(s.Share.K), thousands(s.Share.N))
		p("%s IVR hang-ups\t%s\t%s to %s (95%%)\t%s of %s\n", s.Name, pct(s.IVRAbandon.P), pct(s.IVRAbandon.Low), pct(s.IVRAbandon.High), thousands(s.IVRAbandon.K), thousands(s.IVRAbandon.N))
		if len(s.Patience) > 0 {
			b := s.Patience[0]
			q := s.Queue
			note := ""
			if s.Pooled {
				note = " (all segments: too few hang-ups of its own)"
			}
			p("%s patience\t%s\tmean %s ± %s\t%s queued, %s hung up there%s; KM median %s; naive mean of hang-ups %s; %s\n", s.Name, distText(b), fmtSec(b.Mean.Value), fmtSec(b.Mean.SE), thousands(q.Queued), thousands(q.Abandoned), note, fmtSecNaN(q.KMMedian), fmtSecNaN(q.NaiveMean), aicList(s.Patience))
		}
		var mix []string
		for _, k := range sortedKeys(s.Intents) {
			sh := models.EstimateProportion(s.Intents[k], s.Contacts)
			mix = append(mix, fmt.Sprintf("%s %s ± %s", k, pct(sh.P), pp(sh.SE)))
		}
		p("%s intents\t%s\t\t%s: %s\n", s.Name, plural(len(mix), "intent"), plural(s.Contacts, "contact"), strings.Join(mix, ", "))
	}
	for _, h := range m.HeadStarts {
		p("%s head start\t%s\t± %s\tagainst %s; %s of %s pairs of waiting callers of one intent ordered as the agents did; %s\n", h.Segment, fmtSec(h.Seconds), fmtSecNaN(h.SE), h.Reference, thousands(h.Pairs-h.Errors), thousands(h.Pairs), plural(h.Days, "day"))
	}
	p("\n")

	r := m.Redial
	p("REDIALS\testimate\tuncertainty\tsample\n")
	p("identified contacts\t%s\t± %s\t%s of %s\n", pct(r.Identified.P), pp(r.Identified.SE), thousands(r.Identified.K), thousands(r.Identified.N))
	if b := r.Best(); b != nil {
		p("after an abandoned contact\t%s\t± %s\t%s abandoned contacts of identified customers, %s seen calling again the same day (%s)\n", pct(b.Share.Value), pp(b.Share.SE), thousands(r.Abandoned), thousands(r.Seen), pct(float64(r.Seen)/float64(r.Abandoned)))
		p("delay\t%s\tmean %s ± %s\tmedian %s; %s\n", distText(b.Delay), fmtMin(b.Delay.Mean.Value), fmtMin(b.Delay.Mean.SE), fmtMin(b.Delay.Median.Value), redialAICList(r.Fits))
	} else {
		p("after an abandoned contact\tnot estimated\t\t%s seen calling again of %s abandoned (%d needed)\n", thousands(r.Seen), thousands(r.Abandoned), minRedials)
	}
	p("\n")

	p("IVR, AGENTS\testimate\tuncertainty\tsample\n")
	if len(m.IVR) > 0 {
		b := m.IVR[0]
		p("time in the IVR\t%s\tmean %s ± %s\t%s of contacts that went on; %s\n", distText(b), fmtSec(b.Mean.Value), fmtSec(b.Mean.SE), plural(b.N, "IVR time"), aicList(m.IVR))
	} else {
		p("time in the IVR\tnot in the records\t\t\n")
	}
	if h := m.IVRHangup; len(h) > 0 {
		b := h[0]
		p("IVR hang-up time\t%s\tmean %s ± %s\t%s of contacts that hung up there while the queue was open; median %s; %s\n", distText(b), fmtSec(b.Mean.Value), fmtSec(b.Mean.SE), plural(b.N, "IVR time"), fmtSec(b.Median.Value), aicList(h))
	}
	for _, h := range m.Hours {
		k := "daily (main days)"
		if !h.Daily {
			k = scenarios.WeekdayNames[h.Weekday]
		}
		p("opening hours %s\t%s\topened %s to %s, closed %s to %s\t%s; median day, rounded out to %s\n", k, h.spec(), clockText(h.OpenMin), clockText(h.OpenMax), clockText(h.CloseMin), clockText(h.CloseMax), plural(h.Days, "day"), fmtMin(HoursStep))
	}
	peak := 0
	for _, v := range m.Staffing.Main {
		peak = max(peak, v)
	}
	if m.Staffing.FromAgents {
		p("staffing\tpeak %d agents (main days)\t± %s agents an interval\tper interval: agents in a call while callers of %s waited (× 1 + wrap-up/talk), else on duty from their own records (%s, %s contacts); mean over the days of each kind, rounded\n", peak, fmtNum(m.MainSE(), 2), m.Agents.Intent, plural(m.Agents.Names, "agent"), thousands(m.Agents.Named))
	} else {
		p("staffing\tpeak %d agents (main days)\t\tper interval: in service while callers waited, else the most in service at once; mean over the days of each kind\n", peak)
	}
	if wr := m.Agents.Wrapup; len(wr) > 0 {
		b := wr[0]
		p("wrap-up\t%s\tmean %s ± %s\t%s between an agent's calls that ended while callers of %s waited, %s censored where the queue emptied first; median %s; %s\n", distText(b), fmtSec(b.Mean.Value), fmtSec(b.Mean.SE), plural(b.N, "gap"), m.Agents.Intent, thousands(m.Agents.WrapupCensored), fmtSec(m.Agents.WrapupMedian), aicList(wr))
	}
	if m.Lines > 0 {
		p("lines\t%d\t\tmost contacts in the system at once; %s busy signals\n", m.Lines, thousands(m.Outcomes[cdr.Blocked]))
	}
	return tw.Flush()
}

func pct(x float64) string { return models.FormatPercent(x, 1, false) }
