package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ivrsim/ivrsim/models"
)

// Limits on sizes: beyond them a scenario is a typo, not a contact centre.
const (
	MaxDays      = 366
	MaxAgents    = 100_000
	MaxGroups    = 1000
	MaxLines     = 1_000_000
	MaxCustomers = 100_000_000
	MaxIntents   = 200
	MaxSegments  = 200
	MaxDesigns   = 100
	MaxNodes     = 1000
	MaxPriority  = 9
	MaxRedials   = 255
	// MaxRatePerSecond caps fresh arrivals (about 36 million an hour).
	MaxRatePerSecond = 10_000
)

// validator collects semantic problems, placing each at the value it is
// about.
type validator struct {
	s *Scenario
	// bad holds the field paths the decoder already reported; problems at
	// or under them are consequences, not news. holdsBad holds every
	// section with a bad path inside.
	bad, holdsBad map[string]bool
	errs          Errors
}

func (v *validator) errorf(path, format string, args ...any) {
	if v.quiet(path) {
		return
	}
	v.errs = append(v.errs, &Error{Pos: v.pos(path), Path: path, Msg: fmt.Sprintf(format, args...)})
}

// keyErrorf reports a problem with an entry as a whole, at its name.
func (v *validator) keyErrorf(path, format string, args ...any) {
	if v.quiet(path) {
		return
	}
	p, ok := v.s.Positions[path+"#key"]
	if !ok {
		p = v.pos(path)
	}
	v.errs = append(v.errs, &Error{Pos: p, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// quiet reports whether path is at or under a path already reported.
func (v *validator) quiet(path string) bool {
	for p := path; ; {
		if v.bad[p] {
			return true
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			return false
		}
		p = p[:i]
	}
}

// dep reports whether a check that reads the values at paths should stay
// quiet: one of them, a part of one, or a section holding one was already
// reported.
func (v *validator) dep(paths ...string) bool {
	for _, p := range paths {
		if v.quiet(p) || v.holdsBad[p] {
			return true
		}
	}
	return false
}

// pos finds where path was written, or its nearest written parent.
func (v *validator) pos(path string) Pos {
	for p := path; ; {
		for _, suffix := range []string{"", "#key", "#null"} {
			if pos, ok := v.s.Positions[p+suffix]; ok {
				return pos
			}
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	if pos, ok := v.s.Positions[""]; ok {
		return pos
	}
	return Pos{File: v.s.File}
}

// set reports whether the file (or a --set) gave a value at path.
func (v *validator) set(path string) bool {
	_, ok := v.s.Positions[path]
	return ok
}

// missing reports whether a required value at path was not given; a value
// given but unreadable was reported already.
func (v *validator) missing(path string) bool {
	return !v.set(path) && !v.dep(path)
}

// validate checks everything decoding cannot: ranges, cross references,
// shares that must add up, the flow graphs. bad lists the paths decoding
// already reported.
func (s *Scenario) validate(bad []string) Errors {
	v := &validator{s: s, bad: map[string]bool{}, holdsBad: map[string]bool{}}
	for _, b := range bad {
		v.bad[b] = true
		for i := strings.LastIndexByte(b, '.'); i >= 0; i = strings.LastIndexByte(b[:i], '.') {
			v.holdsBad[b[:i]] = true
		}
	}
	v.top()
	v.arrivals()
	v.calendar()
	v.discipline()
	intents := v.intents()
	v.segments(intents)
	groups := v.agents()
	v.servable(groups)
	if len(s.Designs) > MaxDesigns {
		v.errorf("designs", "%d designs is more than ivrsim compares (%d); split them across scenarios", len(s.Designs), MaxDesigns)
		return v.errs
	}
	for i := range s.Designs {
		v.design(&s.Designs[i], intents, groups)
	}
	return v.errs
}

func (v *validator) top() {
	s := v.s
	if s.Version != 1 {
		v.errorf("version", "version %d is not supported; this ivrsim reads version 1, so write version: 1", s.Version)
	}
	if s.Horizon.Days < 1 || s.Horizon.Days > MaxDays {
		v.errorf("horizon.days", "%d days is out of range; simulate 1 to %d days", s.Horizon.Days, MaxDays)
	}
	if days := float64(max(1, s.Horizon.Days)) * 86400; float64(s.Warmup) >= days && !v.dep("horizon") {
		v.errorf("warmup", "the warm-up (%s) is not shorter than the horizon (%s), so nothing would be measured; shorten warmup or raise horizon.days", fmtDur(float64(s.Warmup)), plural(max(1, s.Horizon.Days), "day"))
	}
	if s.ServiceLevel.Within <= 0 {
		v.errorf("service_level.within", "must be longer than 0s; give the answer-time target, such as within: 20s")
	}
	if s.Customers < 0 || s.Customers > MaxCustomers {
		v.errorf("customers", "%d customers is out of range; use 1 to %d, or leave it out for a new customer per issue", s.Customers, MaxCustomers)
	}
	if _, given := s.Positions["lines"]; given && s.Lines == 0 {
		v.errorf("lines", "0 lines would let no call in; give the number of lines (1 to %d), or leave lines out for unlimited lines", MaxLines)
	}
	if s.Lines < 0 || s.Lines > MaxLines {
		v.errorf("lines", "%d lines is out of range; use 1 to %d, or leave it out for unlimited lines", s.Lines, MaxLines)
	}
	e := s.Effort
	for _, w := range []struct {
		name string
		v    float64
	}{{"menu_step", e.MenuStep}, {"wait_minute", e.WaitMinute}, {"transfer", e.Transfer}, {"repeat_info", e.RepeatInfo}, {"repeat_contact", e.RepeatContact}, {"automation_minute", e.AutomationMinute}} {
		if w.v < 0 {
			v.errorf("effort."+w.name, "%g is negative; an effort weight is 0 or more (0 leaves it out of the score)", w.v)
		}
	}
	if e.Scale <= 0 {
		v.errorf("effort.scale", "%g is not positive; the scale is the raw effort that scores 4 on the 1–7 scale, such as scale: 4", e.Scale)
	}
	if s.Costs.AgentHour < 0 {
		v.errorf("costs.agent_hour", "%g is negative; a cost is 0 or more", s.Costs.AgentHour)
	}
	if s.Costs.IVRMinute < 0 {
		v.errorf("costs.ivr_minute", "%g is negative; a cost is 0 or more", s.Costs.IVRMinute)
	}
}

func (v *validator) arrivals() {
	a := v.s.Arrivals
	hasRate, hasProfile := v.set("arrivals.rate"), len(a.Profile) > 0 || v.dep("arrivals.profile")
	switch {
	case !v.set("arrivals"):
		v.errorf("arrivals", "no arrivals: add arrivals with a rate (such as rate: 100/min), or an interval with a profile of contacts per interval")
		return
	case hasRate && hasProfile:
		v.errorf("arrivals.rate", "give either rate (a constant rate) or interval with profile (contacts per interval), not both; remove one")
	case !hasRate && !hasProfile && !v.dep("arrivals"):
		v.keyErrorf("arrivals", "no rate or profile: give rate (such as rate: 100/min), or interval with profile (contacts per interval)")
	}
	if hasRate && !v.dep("arrivals.rate") {
		switch r := float64(a.Rate); {
		case r == 0:
			v.errorf("arrivals.rate", "a rate of 0 means no contacts arrive; give a positive rate such as 100/min")
		case r > MaxRatePerSecond:
			v.errorf("arrivals.rate", "%.0f arrivals per second is beyond what ivrsim simulates (at most %d per second); lower the rate", r, MaxRatePerSecond)
		}
	}
	interval := float64(a.Interval)
	if v.set("arrivals.interval") {
		if interval < 60 || math.Mod(86400, interval) != 0 || math.Mod(interval, 60) != 0 {
			v.errorf("arrivals.interval", "%s does not divide a day into whole intervals of whole minutes; use 15m, 30m or 1h", fmtDur(interval))
			interval = 0
		}
	} else if hasProfile && !v.dep("arrivals.interval") {
		v.keyErrorf("arrivals", "a profile needs the length of its intervals: add interval, such as interval: 30m")
		interval = 0
	}
	if hasProfile && interval > 0 && !v.dep("arrivals.profile", "arrivals.start") {
		perDay := 86400 / interval
		first := float64(a.Start) / interval
		if first != math.Trunc(first) {
			v.errorf("arrivals.start", "%s is not on an interval boundary of %s; start the profile on the hour or at a multiple of the interval", FormatTimeOfDay(float64(a.Start)), fmtDur(interval))
		}
		if n := float64(len(a.Profile)); math.Trunc(first)+n > perDay {
			v.errorf("arrivals.profile", "%d intervals of %s from %s run past midnight; a profile covers at most one day, so shorten it or start earlier", len(a.Profile), fmtDur(interval), FormatTimeOfDay(float64(a.Start)))
		}
		total := 0.0
		for i, x := range a.Profile {
			p := fmt.Sprintf("arrivals.profile.%d", i)
			if x < 0 {
				v.errorf(p, "%g contacts is negative; write 0 or more", x)
			}
			total += x
			if x/interval > MaxRatePerSecond {
				v.errorf(p, "%g contacts in %s is beyond what ivrsim simulates (at most %d per second); lower it", x, fmtDur(interval), MaxRatePerSecond)
			}
		}
		if total == 0 && len(a.Profile) > 0 {
			v.errorf("arrivals.profile", "every interval has 0 contacts, so nothing would arrive; give the contacts per interval")
		}
	}
	for i, f := range a.DayFactors {
		if f < 0 || f > 100 {
			v.errorf(fmt.Sprintf("arrivals.day_factors.%d", i), "%g is out of range; a day factor multiplies the profile, 0 to 100 (1 is a normal day)", f)
		}
	}
	if a.Overdispersion < 0 || a.Overdispersion > 5 {
		v.errorf("arrivals.overdispersion", "%g is out of range; it is the coefficient of variation of the daily busyness, 0 (pure Poisson) to 5, typically 0 to 0.3", a.Overdispersion)
	}
	if a.IntervalOverdispersion < 0 || a.IntervalOverdispersion > 5 {
		v.errorf("arrivals.interval_overdispersion", "%g is out of range; it is the coefficient of variation of each interval's busyness, 0 to 5, typically 0 to 0.3", a.IntervalOverdispersion)
	}
}

// intents checks the intents and returns their names.
func (v *validator) intents() []string {
	if len(v.s.Intents) == 0 {
		if !v.dep("intents") {
			v.errorf("intents", "no intents: define at least one reason for calling, with its handle time, such as intents: {call: {handle_time: lognormal(mean=3m, cv=1.2)}}")
		}
		return nil
	}
	if len(v.s.Intents) > MaxIntents {
		v.errorf("intents", "%d intents is more than ivrsim handles (%d); merge similar ones", len(v.s.Intents), MaxIntents)
		return nil
	}
	var names, shares []string
	total := 0.0
	for _, in := range v.s.Intents {
		p := "intents." + in.Name
		names = append(names, in.Name)
		shares = append(shares, p+".share")
		switch {
		case v.missing(p + ".handle_time"):
			v.keyErrorf(p, "no handle_time: give the agent's talk time, such as handle_time: lognormal(mean=3m, cv=1.2)")
		case in.HandleTime.IsSet() && !(in.HandleTime.Mean() > 0):
			v.errorf(p+".handle_time", "a handle time of %s means agents take no time; give the talk time, such as lognormal(mean=3m, cv=1.2)", in.HandleTime)
		}
		if in.Priority < 0 || in.Priority > MaxPriority {
			v.errorf(p+".priority", "priority %d is out of range; use 0 to %d (higher is served first)", in.Priority, MaxPriority)
		}
		total += float64(in.Share)
	}
	if total > 0 && math.Abs(total-1) > 1e-6 && !v.dep(shares...) {
		v.keyErrorf("intents", "the intents' shares add up to %s, not 1; change them so they add up to 1 (%s)", fmtShare(total), shareList(v.s.Intents, func(in Intent) (string, float64) { return in.Name, float64(in.Share) }))
	}
	return names
}

func (v *validator) segments(intents []string) {
	segs := v.s.Segments
	if len(segs) > MaxSegments {
		v.errorf("segments", "%d segments is more than ivrsim handles (%d); merge similar ones", len(segs), MaxSegments)
		return
	}
	intentShares := 0.0
	var intentSharePaths []string
	for _, in := range v.s.Intents {
		intentShares += float64(in.Share)
		intentSharePaths = append(intentSharePaths, "intents."+in.Name+".share")
	}
	total := 0.0
	var sharePaths []string
	for _, s := range segs {
		p := "segments." + s.Name
		total += float64(s.Share)
		sharePaths = append(sharePaths, p+".share")
		if v.missing(p + ".share") {
			v.keyErrorf(p, "no share: give the segment's share of callers, such as share: 0.3")
		}
		if len(s.Intents) == 0 && len(v.s.Intents) > 1 && intentShares == 0 && !v.dep(p+".intents") && !v.dep(intentSharePaths...) {
			v.keyErrorf(p, "no intent mix: give the segment's intents with shares, such as intents: {%s}, or a share on each intent", exampleMix(intents))
		}
		sum := 0.0
		var mixPaths []string
		for _, sh := range s.Intents {
			sum += float64(sh.Value)
			mixPaths = append(mixPaths, p+".intents."+sh.Name)
			if !slices.Contains(intents, sh.Name) && !v.dep("intents") {
				v.keyErrorf(p+".intents."+sh.Name, "no intent %q%s; use one of the intents defined under intents: %s", sh.Name, hint(sh.Name, intents), list(intents))
			}
		}
		if len(s.Intents) > 0 && math.Abs(sum-1) > 1e-6 && !v.dep(mixPaths...) {
			v.keyErrorf(p+".intents", "the intent shares add up to %s, not 1; change them so they add up to 1 (%s)", fmtShare(sum), shareList(s.Intents, func(sh Share) (string, float64) { return sh.Name, float64(sh.Value) }))
		}
		if s.IVRPatience.IsSet() && !(s.IVRPatience.Mean() > 0) {
			v.errorf(p+".ivr_patience", "an IVR patience of %s means every caller hangs up at once; give how long callers stay in the IVR, such as exponential(mean=2m)", s.IVRPatience)
		}
		if s.Patience.IsSet() && !(s.Patience.Mean() > 0) {
			v.errorf(p+".patience", "a patience of %s means every caller hangs up at once; give how long callers wait, such as exponential(mean=5m)", s.Patience)
		}
		if s.MenuTolerance < 0 || s.MenuTolerance > 100 {
			v.errorf(p+".menu_tolerance", "%d is out of range; it counts the replays or refusals a caller accepts, 0 to 100", s.MenuTolerance)
		}
		an := s.Announcement
		if an.Patience <= 0 || an.Patience > 10 {
			v.errorf(p+".announcement.patience", "%g is out of range; it multiplies the patience of informed callers, above 0 and at most 10, such as 1.2", an.Patience)
		}
		if an.Balk > 0 && an.BalkAt <= 0 && !v.dep(p+".announcement.balk_at") {
			v.errorf(p+".announcement.balk", "balk is given without balk_at; add the announced wait it applies to, such as balk_at: 5m")
		}
		r := s.Redial
		needDelay := r.AfterAbandon > 0 || r.AfterBusy > 0 || (r.AfterUnresolved > 0 && v.missing(p+".redial.repeat_delay"))
		if needDelay && v.missing(p+".redial.delay") {
			v.keyErrorf(p+".redial", "redial probabilities are given but no delay; add how long callers wait before calling again, such as delay: lognormal(mean=15m, cv=1)")
		}
		if s.Priority < 0 || s.Priority > MaxPriority {
			v.errorf(p+".priority", "priority %d is out of range; use 0 to %d (higher is served first)", s.Priority, MaxPriority)
		}
		if r.Max < 1 || r.Max > MaxRedials {
			v.errorf(p+".redial.max", "%d is out of range; it is the most contacts one issue makes, 1 to %d", r.Max, MaxRedials)
		}
	}
	if len(segs) > 0 && math.Abs(total-1) > 1e-6 && !v.dep(sharePaths...) {
		v.keyErrorf("segments", "the segments' shares add up to %s, not 1; change them so they add up to 1 (%s)", fmtShare(total), shareList(segs, func(s Segment) (string, float64) { return s.Name, float64(s.Share) }))
	}
	if len(segs) == 0 && len(v.s.Intents) > 1 && intentShares == 0 && !v.dep("segments") && !v.dep(intentSharePaths...) {
		v.errorf("intents", "with several intents and no segments, nothing says how often each is called; give each intent a share, such as share: 0.4")
	}
}

// agents checks the agent groups and returns their names.
func (v *validator) agents() []string {
	if len(v.s.Agents) == 0 {
		if !v.dep("agents") {
			v.errorf("agents", "no agents: define at least one group, such as agents: {team: {count: 10}}")
		}
		return nil
	}
	if len(v.s.Agents) > MaxGroups {
		v.errorf("agents", "%d agent groups is more than ivrsim handles (%d); merge groups with the same skills", len(v.s.Agents), MaxGroups)
		return nil
	}
	var names []string
	profile := len(v.s.Arrivals.Profile)
	staffed := false
	for _, g := range v.s.Agents {
		p := "agents." + g.Name
		names = append(names, g.Name)
		hasCount, hasStaffing := v.set(p+".count"), len(g.Staffing) > 0
		switch {
		case hasCount && hasStaffing:
			v.errorf(p+".staffing", "give either count (agents all day) or staffing (agents per interval), not both; remove one")
		case !hasCount && !hasStaffing && !v.dep(p+".count", p+".staffing"):
			v.keyErrorf(p, "no agents: give count (agents all day, such as count: 10) or staffing (agents per arrival interval)")
		}
		if g.Count < 0 || g.Count > MaxAgents {
			v.errorf(p+".count", "%d agents is out of range; a group has 0 to %d agents", g.Count, MaxAgents)
		}
		staffed = staffed || g.Count > 0
		if hasStaffing {
			if profile == 0 {
				if !v.dep("arrivals") {
					v.errorf(p+".staffing", "staffing per interval needs an arrival profile to line up with; with a constant rate, use count")
				}
			} else if len(g.Staffing) != profile && !v.dep("arrivals.profile") {
				v.errorf(p+".staffing", "%d values for %d profile intervals; give one value per interval of arrivals.profile", len(g.Staffing), profile)
			}
			for i, n := range g.Staffing {
				if n < 0 || n > MaxAgents {
					v.errorf(fmt.Sprintf("%s.staffing.%d", p, i), "%d agents is out of range; a group has 0 to %d agents", n, MaxAgents)
				}
				staffed = staffed || n > 0
			}
		}
		if g.CostPerHour < 0 {
			v.errorf(p+".cost_per_hour", "%g is negative; a cost is 0 or more", g.CostPerHour)
		}
	}
	if !staffed && !v.dep("agents") {
		v.keyErrorf("agents", "no agent is ever on duty, so no call would be answered; give a group a count or staffing above 0")
	}
	return names
}

// servable checks every intent has a group with its skill.
func (v *validator) servable(groups []string) {
	if len(groups) == 0 || v.dep("agents") {
		return
	}
	var skills []string
	for _, g := range v.s.Agents {
		if len(g.Skills) == 0 {
			return // generalists serve everything
		}
		skills = append(skills, g.Skills...)
	}
	skills = slices.Compact(slices.Sorted(slices.Values(skills)))
	for _, in := range v.s.Intents {
		if in.Skill == "" || slices.Contains(skills, in.Skill) {
			continue
		}
		p := "intents." + in.Name + ".skill"
		if m := models.Suggest(in.Skill, skills); m != "" {
			// The typo may be on either side: name the group too.
			i := slices.IndexFunc(v.s.Agents, func(g Group) bool { return slices.Contains(g.Skills, m) })
			v.errorf(p, "no agent group has skill %q, so no agent could serve %s callers; agents.%s has skill %q: correct whichever of the two is misspelt", in.Skill, in.Name, v.s.Agents[i].Name, m)
			continue
		}
		v.errorf(p, "no agent group has skill %q, so no agent could serve %s callers; add it to a group's skills, or use one of the skills the groups have: %s", in.Skill, in.Name, list(skills))
	}
}

// shareList writes name=share pairs, so a user sees which to change.
func shareList[T any](items []T, f func(T) (string, float64)) string {
	parts := make([]string, 0, len(items))
	for i, it := range items {
		if i == 8 {
			parts = append(parts, "…")
			break
		}
		name, x := f(it)
		parts = append(parts, name+" "+fmtShare(x))
	}
	return strings.Join(parts, ", ")
}

// exampleMix writes an intent mix over the first intents, for messages.
func exampleMix(intents []string) string {
	if len(intents) < 2 {
		return "call: 1"
	}
	return intents[0] + ": 0.6, " + intents[1] + ": 0.4"
}

func fmtShare(x float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.4f", x), "0"), ".")
}

func fmtDur(sec float64) string {
	if sec < 0 {
		return fmt.Sprintf("%gs", sec)
	}
	return models.FormatDuration(sec)
}

func plural(n int, unit string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", unit)
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
