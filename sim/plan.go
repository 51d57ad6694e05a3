package sim

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
)

// Plan is one design of a scenario compiled for the engine: names resolved
// to indexes, distributions ready to sample, schedules expanded per
// interval. A Plan is immutable and shared by every replication.
type Plan struct {
	Scenario string
	Design   string
	Layout   results.Layout

	horizon  float64 // seconds
	warmup   float64
	slWithin float64

	// Fresh arrivals: rate per second in each interval of the day, and a
	// factor per day. A day whose weekday has a profile of its own has its
	// rates in dayProfile (nil for the days that follow dayRates).
	dayRates         []float64
	dayFactors       []float64
	dayProfile       [][]float64
	dayBusyness      models.Dist // gamma, mean 1; nil without over-dispersion
	intervalBusyness models.Dist

	customers int
	trustUp   float64
	trustDown float64
	// costed is whether the scenario gives any cost.
	costed bool
	// forcedSuccess multiplies self-service success for unwilling callers.
	forcedSuccess float64

	segments     []segmentPlan
	segmentCum   []float64
	intents      []intentPlan
	groups       []groupPlan
	lines        int
	misrouteTime float64
	effort       scenarios.Effort
	ivrCostSec   float64

	nodes []nodePlan
	start int

	// replay, when set, drives the plan with recorded contacts.
	replay *replayPlan
}

// NodeNames lists the design's nodes in order.
func (p *Plan) NodeNames() []string {
	names := make([]string, len(p.nodes))
	for i, n := range p.nodes {
		names[i] = n.name
	}
	return names
}

type segmentPlan struct {
	name          string
	intentCum     []float64 // cumulative shares over intents
	patience      models.Dist
	ivrPatience   models.Dist // nil: no hang-ups in the IVR for want of time
	menuTolerance int
	menuAccuracy  float64
	zeroOut       float64
	trust         float64
	callback      float64
	balk          float64
	balkAt        float64
	informedPace  float64
	redialAbandon float64
	redialUnres   float64
	redialBusy    float64
	redialDelay   models.Dist
	repeatDelay   models.Dist
	redialMax     int
	priority      int
	headStart     float64 // seconds counted as already waited in queues
}

type intentPlan struct {
	name          string
	handle        models.Dist
	resolution    float64
	timeSensitive bool
	priority      int
	home          int // the agent group that serves this intent's skill
}

type groupPlan struct {
	name     string
	serves   []bool // by intent
	staffing []int  // agents per interval of the day
	// dayStaffing replaces staffing on the days whose weekday has its
	// own (nil for the others, and without weekday staffing).
	dayStaffing [][]int
	wrapup      models.Dist
	hours       []dayHours // per day of the horizon; nil: always open
	costSec     float64
	// meanService estimates a conversation plus wrap-up, for the expected
	// wait told to callers.
	meanService float64
}

type nodeKind uint8

const (
	nodePrompt nodeKind = iota
	nodeMenu
	nodeSelfService
	nodeQueue
	nodeTransfer
	nodeEnd
)

type nodePlan struct {
	name     string
	kind     nodeKind
	next     int
	duration models.Dist

	// menu
	optionOf    []int // per intent: the option serving it, or −1
	optionNext  []int
	clarity     float64
	zeroOutDeny bool
	zeroOutNext int
	retries     int
	hangupTime  models.Dist // time of callers who hang up here; nil: duration

	// selfservice
	success       []float64 // per intent
	onFailure     int
	context       bool
	contextSaving float64
	reprompt      float64

	// queue
	group    int // −1: the group serving the caller's intent
	announce bool
	cbOver   float64 // callback offered above this expected wait; +Inf: never
	assist   *assistPlan

	// end
	resolved bool
}

type assistPlan struct {
	engageBonus   float64
	pace          float64
	duration      models.Dist
	success       []float64
	verifyAfter   float64
	contextSaving float64
}

// DesignNames lists a scenario's designs in order; a scenario without
// designs has the implicit "direct" design.
func DesignNames(sc *scenarios.Scenario) []string {
	if len(sc.Designs) == 0 {
		return []string{DirectDesign}
	}
	names := make([]string, len(sc.Designs))
	for i, d := range sc.Designs {
		names[i] = d.Name
	}
	return names
}

// DirectDesign is the name of the design a scenario without designs gets:
// every contact queues for the group serving its intent.
const DirectDesign = "direct"

// Compile builds the plan of design in a validated scenario.
func Compile(sc *scenarios.Scenario, design string) (*Plan, error) {
	p := &Plan{
		Scenario:      sc.Name,
		Design:        design,
		horizon:       float64(sc.Horizon.Days) * 86400,
		warmup:        sc.Warmup.Seconds(),
		slWithin:      sc.ServiceLevel.Within.Seconds(),
		customers:     sc.Customers,
		trustUp:       float64(sc.Trust.Success),
		trustDown:     float64(sc.Trust.Failure),
		forcedSuccess: float64(sc.Trust.ForcedSuccess),
		lines:         sc.Lines,
		misrouteTime:  sc.MisrouteTime.Seconds(),
		effort:        sc.Effort,
		ivrCostSec:    sc.Costs.IVRMinute / 60,
	}
	// Without stated costs every cost sum is NaN, so cost metrics come out
	// undefined (left out) rather than as a figure nobody gave.
	costed := sc.CostsGiven()
	p.costed = costed
	if !costed {
		p.ivrCostSec = math.NaN()
	}
	interval := sc.Arrivals.Interval.Seconds()
	if interval <= 0 {
		interval = scenarios.DefaultInterval
	}
	perDay := int(math.Round(86400 / interval))
	first := int(math.Round(float64(sc.Arrivals.Start) / interval))
	window := perDay
	p.dayRates = make([]float64, perDay)
	if len(sc.Arrivals.Profile) > 0 {
		window = len(sc.Arrivals.Profile)
		for i, v := range sc.Arrivals.Profile {
			if first+i < perDay {
				p.dayRates[first+i] = v / interval
			}
		}
	} else {
		first = 0
		for i := range p.dayRates {
			p.dayRates[i] = sc.Arrivals.Rate.PerSecond()
		}
	}
	p.Layout = results.Layout{Days: sc.Horizon.Days, Interval: interval, WindowStart: first, WindowIntervals: min(window, perDay-first)}
	p.dayFactors = make([]float64, sc.Horizon.Days)
	for d := range p.dayFactors {
		p.dayFactors[d] = 1
		if n := len(sc.Arrivals.DayFactors); n > 0 {
			p.dayFactors[d] = sc.Arrivals.DayFactors[d%n]
		}
	}

	p.compileCalendar(sc, interval, perDay, first)

	var err error
	if p.dayBusyness, err = busynessDist(sc.Arrivals.Overdispersion); err != nil {
		return nil, fmt.Errorf("arrivals.overdispersion: %w", err)
	}
	if p.intervalBusyness, err = busynessDist(sc.Arrivals.IntervalOverdispersion); err != nil {
		return nil, fmt.Errorf("arrivals.interval_overdispersion: %w", err)
	}

	intentIdx := map[string]int{}
	for i, in := range sc.Intents {
		intentIdx[in.Name] = i
		p.intents = append(p.intents, intentPlan{
			name: in.Name, handle: in.HandleTime.Dist, resolution: float64(in.Resolution),
			timeSensitive: in.TimeSensitive, priority: in.Priority, home: -1,
		})
	}
	for _, g := range sc.Agents {
		gp := groupPlan{name: g.Name, serves: make([]bool, len(sc.Intents)), wrapup: g.Wrapup.Dist}
		for i, in := range sc.Intents {
			gp.serves[i] = len(g.Skills) == 0 || in.Skill == "" || slices.Contains(g.Skills, in.Skill)
		}
		gp.staffing = make([]int, perDay)
		if len(g.Staffing) > 0 {
			for i, v := range g.Staffing {
				if first+i < perDay {
					gp.staffing[first+i] = v
				}
			}
		} else {
			for i := range gp.staffing {
				gp.staffing[i] = g.Count
			}
		}
		gp.dayStaffing = dayStaffing(sc, g, perDay, first)
		gp.hours = compileHours(sc, g)
		cost := g.CostPerHour
		if cost == 0 {
			cost = sc.Costs.AgentHour
		}
		gp.costSec = cost / 3600
		if !costed {
			gp.costSec = math.NaN()
		}
		p.groups = append(p.groups, gp)
	}
	for i := range p.intents {
		for g := range p.groups {
			if p.groups[g].serves[i] {
				p.intents[i].home = g
				break
			}
		}
		if p.intents[i].home < 0 {
			return nil, fmt.Errorf("intent %q: no agent group has its skill", p.intents[i].name)
		}
	}

	sum := 0.0
	for _, s := range sc.Segments {
		sum += float64(s.Share)
		p.segmentCum = append(p.segmentCum, sum)
		p.segments = append(p.segments, compileSegment(sc, s, intentIdx))
	}
	if len(sc.Segments) == 0 {
		p.segmentCum = []float64{1}
		p.segments = []segmentPlan{compileSegment(sc, defaultSegment(), intentIdx)}
	}
	normalise(p.segmentCum)
	for g := range p.groups {
		gp := &p.groups[g]
		gp.meanService = meanHandle(p, g)
		if gp.wrapup != nil {
			gp.meanService += gp.wrapup.Mean()
		}
	}

	if err := p.compileDesign(sc, design, intentIdx); err != nil {
		return nil, err
	}
	return p, nil
}

// pendingSpan estimates how long a contact keeps events pending: IVR
// steps, a wait up to its patience, a conversation and wrap-up. It sizes
// the event calendar.
func (p *Plan) pendingSpan() float64 {
	span := 0.0
	for _, g := range p.groups {
		span = max(span, g.meanService)
	}
	patience := 0.0
	for _, s := range p.segments {
		if s.patience != nil {
			patience = max(patience, s.patience.Mean())
		}
	}
	ivr := 0.0
	for _, n := range p.nodes {
		if n.duration != nil {
			ivr += n.duration.Mean()
		}
	}
	return span + min(patience, 3600) + min(ivr, 3600)
}

// busynessDist is the gamma distribution of a busyness factor with mean 1
// and coefficient of variation cv, or nil for none.
func busynessDist(cv float64) (models.Dist, error) {
	if cv <= 0 {
		return nil, nil
	}
	return models.NewGamma(1, cv)
}

// meanHandle is the mean talk time of the calls group g serves, weighted
// by the callers' intent mix; it feeds the expected wait told to callers.
func meanHandle(p *Plan, g int) float64 {
	sum, weight := 0.0, 0.0
	for i, in := range p.intents {
		if !p.groups[g].serves[i] || in.handle == nil {
			continue
		}
		w := p.intentShare(i)
		sum += w * in.handle.Mean()
		weight += w
	}
	if weight == 0 {
		return 0
	}
	return sum / weight
}

// intentShare is intent i's share of all fresh issues, over segments.
func (p *Plan) intentShare(i int) float64 {
	share, prevSeg := 0.0, 0.0
	for s, seg := range p.segments {
		ws := p.segmentCum[s] - prevSeg
		prevSeg = p.segmentCum[s]
		prev := 0.0
		if i > 0 {
			prev = seg.intentCum[i-1]
		}
		share += ws * (seg.intentCum[i] - prev)
	}
	return share
}

func defaultSegment() scenarios.Segment {
	var s scenarios.Segment
	s.Name = "everyone"
	s.Share = 1
	s.MenuTolerance = scenarios.DefaultMenuTolerance
	s.MenuAccuracy = 1
	s.Trust = scenarios.DefaultPriorTrust
	s.Announcement.Patience = 1
	s.Redial.Max = scenarios.DefaultRedialMax
	return s
}

func compileSegment(sc *scenarios.Scenario, s scenarios.Segment, intentIdx map[string]int) segmentPlan {
	sp := segmentPlan{
		name:          s.Name,
		intentCum:     make([]float64, len(sc.Intents)),
		patience:      s.Patience.Dist,
		ivrPatience:   s.IVRPatience.Dist,
		menuTolerance: s.MenuTolerance,
		menuAccuracy:  float64(s.MenuAccuracy),
		zeroOut:       float64(s.ZeroOut),
		trust:         float64(s.Trust),
		callback:      float64(s.Callback),
		balk:          float64(s.Announcement.Balk),
		balkAt:        s.Announcement.BalkAt.Seconds(),
		informedPace:  s.Announcement.Patience,
		redialAbandon: float64(s.Redial.AfterAbandon),
		redialUnres:   float64(s.Redial.AfterUnresolved),
		redialBusy:    float64(s.Redial.AfterBusy),
		redialDelay:   s.Redial.Delay.Dist,
		repeatDelay:   s.Redial.RepeatDelay.Dist,
		redialMax:     s.Redial.Max,
		priority:      s.Priority,
		headStart:     s.HeadStart.Seconds(),
	}
	if sp.repeatDelay == nil {
		sp.repeatDelay = sp.redialDelay
	}
	shares := make([]float64, len(sc.Intents))
	if len(s.Intents) > 0 {
		for _, sh := range s.Intents {
			shares[intentIdx[sh.Name]] = float64(sh.Value)
		}
	} else {
		for i, in := range sc.Intents {
			shares[i] = float64(in.Share)
		}
		if len(sc.Intents) == 1 && shares[0] == 0 {
			shares[0] = 1
		}
	}
	acc := 0.0
	for i, v := range shares {
		acc += v
		sp.intentCum[i] = acc
	}
	normalise(sp.intentCum)
	return sp
}

// normalise scales a cumulative distribution to end at exactly 1, so
// rounding in the shares never leaves a draw unassigned.
func normalise(cum []float64) {
	if len(cum) == 0 {
		return
	}
	total := cum[len(cum)-1]
	if total <= 0 {
		for i := range cum {
			cum[i] = float64(i+1) / float64(len(cum))
		}
		return
	}
	for i := range cum {
		cum[i] /= total
	}
	cum[len(cum)-1] = 1
}

func (p *Plan) compileDesign(sc *scenarios.Scenario, design string, intentIdx map[string]int) error {
	if design == DirectDesign && len(sc.Designs) == 0 {
		p.nodes = []nodePlan{{name: "queue", kind: nodeQueue, group: -1, cbOver: math.Inf(1)}}
		return nil
	}
	i := slices.IndexFunc(sc.Designs, func(d scenarios.Design) bool { return d.Name == design })
	if i < 0 {
		return fmt.Errorf("no design %q; designs are %v", design, DesignNames(sc))
	}
	d := sc.Designs[i]
	nodeIdx := map[string]int{}
	for j, n := range d.Nodes {
		nodeIdx[n.Name] = j
	}
	// Compile runs on validated scenarios; a name that does not resolve
	// here is a bug upstream, reported rather than guessed.
	var unknown []string
	ref := func(name string) int {
		if name == "" {
			return -1
		}
		i, ok := nodeIdx[name]
		if !ok {
			unknown = append(unknown, "node "+name)
		}
		return i
	}
	groupIdx := map[string]int{}
	for g, gr := range sc.Agents {
		groupIdx[gr.Name] = g
	}
	perIntent := func(shares []scenarios.Share) []float64 {
		out := make([]float64, len(p.intents))
		for _, s := range shares {
			if k, ok := intentIdx[s.Name]; ok {
				out[k] = float64(s.Value)
			}
		}
		return out
	}
	for _, n := range d.Nodes {
		np := nodePlan{
			name: n.Name, next: ref(n.Next), duration: n.Duration.Dist,
			clarity: float64(n.Clarity), zeroOutDeny: n.ZeroOut == "deny", zeroOutNext: ref(n.ZeroOutNext),
			retries: n.Retries, hangupTime: n.HangupTime.Dist, onFailure: ref(n.OnFailure), context: n.Context,
			contextSaving: float64(n.ContextSaving), reprompt: n.Reprompt.Seconds(),
			group: -1, announce: n.AnnouncePosition, cbOver: math.Inf(1), resolved: n.Resolved,
		}
		switch n.Type {
		case "prompt":
			np.kind = nodePrompt
		case "menu":
			np.kind = nodeMenu
			np.optionOf = make([]int, len(p.intents))
			for k := range np.optionOf {
				np.optionOf[k] = -1
			}
			for o, opt := range n.Options {
				np.optionNext = append(np.optionNext, ref(opt.Next))
				for _, in := range opt.Intents {
					if k, ok := intentIdx[in]; ok && np.optionOf[k] < 0 {
						np.optionOf[k] = o
					}
				}
			}
		case "selfservice":
			np.kind = nodeSelfService
			np.success = perIntent(n.Success)
		case "queue":
			np.kind = nodeQueue
			if n.Group != "" {
				g, ok := groupIdx[n.Group]
				if !ok {
					unknown = append(unknown, "group "+n.Group)
				}
				np.group = g
			}
			if n.Callback != nil {
				np.cbOver = n.Callback.Over.Seconds()
			}
			if a := n.Assist; a != nil {
				np.assist = &assistPlan{
					engageBonus: float64(a.EngageBonus), pace: a.EngagedPatience, duration: a.Duration.Dist,
					success: perIntent(a.Success), verifyAfter: a.VerifyAfter.Seconds(),
					contextSaving: float64(a.ContextSaving),
				}
			}
		case "transfer":
			np.kind = nodeTransfer
		case "end":
			np.kind = nodeEnd
		default:
			return fmt.Errorf("design %q: node %q: unknown type %q", design, n.Name, n.Type)
		}
		p.nodes = append(p.nodes, np)
	}
	p.start = ref(d.Start)
	if d.Start == "" {
		unknown = append(unknown, "start node")
	}
	if len(unknown) > 0 {
		return fmt.Errorf("design %q refers to unknown %s; validate the scenario first", design, strings.Join(unknown, ", "))
	}
	return nil
}

// compileCalendar applies arrivals.weekdays: each dated day takes its
// weekday's factor and, where given, its weekday's profile.
func (p *Plan) compileCalendar(sc *scenarios.Scenario, interval float64, perDay, first int) {
	if len(sc.Arrivals.Weekdays) == 0 {
		return
	}
	for d := range p.dayFactors {
		date, ok := sc.DayDate(d)
		if !ok {
			return
		}
		w := sc.Arrivals.WeekdayArrivals(date.Weekday())
		if w == nil {
			continue
		}
		p.dayFactors[d] *= w.Factor
		if len(w.Profile) == 0 {
			continue
		}
		if p.dayProfile == nil {
			p.dayProfile = make([][]float64, len(p.dayFactors))
		}
		rates := make([]float64, perDay)
		for i, v := range w.Profile {
			if first+i < perDay {
				rates[first+i] = v / interval
			}
		}
		p.dayProfile[d] = rates
	}
}

// dayStaffing expands a group's weekday_staffing over the dated days: the
// agents per interval of each day whose weekday has its own, nil for the
// others.
func dayStaffing(sc *scenarios.Scenario, g scenarios.Group, perDay, first int) [][]int {
	if len(g.WeekdayStaffing) == 0 {
		return nil
	}
	out := make([][]int, sc.Horizon.Days)
	for d := range out {
		date, ok := sc.DayDate(d)
		if !ok {
			return nil
		}
		st := g.StaffingOn(date.Weekday())
		if st == nil {
			continue
		}
		out[d] = make([]int, perDay)
		for i, v := range st {
			if first+i < perDay {
				out[d][first+i] = v
			}
		}
	}
	return out
}

// rateOn is the fresh-arrival rate per second in interval i of day d,
// before the day's factor and busyness.
func (p *Plan) rateOn(d, i int) float64 {
	if p.dayProfile != nil && p.dayProfile[d] != nil {
		return p.dayProfile[d][i]
	}
	return p.dayRates[i]
}

// agentsAt is the number of agents group g schedules for cell k of the
// horizon (day k/perDay, interval k%perDay).
func (g *groupPlan) agentsAt(k, perDay int) int {
	if d := k / perDay; g.dayStaffing != nil && d < len(g.dayStaffing) && g.dayStaffing[d] != nil {
		return g.dayStaffing[d][k%perDay]
	}
	return g.staffing[k%perDay]
}
