package results

import "strconv"

// Assumptions are what a run assumed about the centre and its callers, in
// the words and units a reader of the results needs: the report prints
// them beside the numbers so a decision rests on visible assumptions. The
// command line fills them from the scenario; results never reads a
// scenario itself. Durations are in seconds, shares and probabilities in
// 0–1.
type Assumptions struct {
	Description string `json:"description,omitempty"`
	// Days is the simulated horizon.
	Days int `json:"days"`
	// WarmupSeconds is the time at the start whose arrivals are left out
	// of every metric.
	WarmupSeconds float64 `json:"warmup_seconds"`
	// ServiceLevelSeconds is the answer time service_level counts within.
	ServiceLevelSeconds float64            `json:"service_level_seconds"`
	Arrivals            ArrivalAssumptions `json:"arrivals"`
	// Customers is the size of a finite customer base whose trust carries
	// across contacts and days; 0 means every issue has a new customer.
	Customers int                     `json:"customers"`
	Trust     TrustAssumptions        `json:"trust"`
	Segments  []SegmentAssumptions    `json:"segments"`
	Intents   []IntentAssumptions     `json:"intents"`
	Agents    []AgentGroupAssumptions `json:"agents"`
	// Lines caps the calls in the system at once; 0 means unlimited.
	Lines int `json:"lines"`
	// MisrouteSeconds is what a misrouted call costs the wrong agent
	// before the transfer.
	MisrouteSeconds float64             `json:"misroute_seconds"`
	Designs         []DesignAssumptions `json:"designs"`
	Effort          EffortAssumptions   `json:"effort"`
	Costs           CostAssumptions     `json:"costs"`
}

// ArrivalAssumptions summarise the fresh contacts (new issues); redials
// and repeat contacts come on top.
type ArrivalAssumptions struct {
	// FreshPerDay is the expected number of fresh contacts on a day,
	// averaged over the horizon's day factors.
	FreshPerDay float64 `json:"fresh_per_day"`
	// RatePerHour is set for a constant arrival rate, instead of a
	// profile.
	RatePerHour float64 `json:"rate_per_hour,omitempty"`
	// Start is the time of day the profile begins ("08:00").
	Start           string  `json:"start,omitempty"`
	IntervalSeconds float64 `json:"interval_seconds"`
	// Profile is fresh contacts per interval from Start.
	Profile    []float64 `json:"profile,omitempty"`
	DayFactors []float64 `json:"day_factors,omitempty"`
	// Overdispersion and IntervalOverdispersion are the coefficients of
	// variation of the gamma busyness factors per day and per interval.
	Overdispersion         float64 `json:"overdispersion"`
	IntervalOverdispersion float64 `json:"interval_overdispersion"`
}

// TrustAssumptions are how trust in automation learns: after a success
// trust += Success·(1 − trust), after a failure trust −= Failure·trust.
type TrustAssumptions struct {
	Success float64 `json:"success"`
	Failure float64 `json:"failure"`
	// ForcedSuccess multiplies self-service success for callers forced
	// through it.
	ForcedSuccess float64 `json:"forced_success"`
}

// SegmentAssumptions describe one share of the callers.
type SegmentAssumptions struct {
	Name  string  `json:"name"`
	Share float64 `json:"share"`
	// Intents is the segment's own intent mix; empty when it uses the
	// intents' overall shares.
	Intents []NamedShare `json:"intents,omitempty"`
	// Patience is the distribution of queue patience as written
	// ("weibull(mean=397s, shape=0.91)"); PatienceMeanSeconds its mean.
	Patience            string  `json:"patience,omitempty"`
	PatienceMeanSeconds float64 `json:"patience_mean_seconds,omitempty"`
	// IVRPatience is how long callers stay in prompts, menus and
	// self-service before hanging up, as written; empty when they never
	// run out of it.
	IVRPatience   string  `json:"ivr_patience,omitempty"`
	MenuTolerance int     `json:"menu_tolerance"`
	MenuAccuracy  float64 `json:"menu_accuracy"`
	ZeroOut       float64 `json:"zero_out"`
	Trust         float64 `json:"trust"`
	Callback      float64 `json:"callback"`
	// Balk is the probability of hanging up at once when told of a wait
	// of BalkAtSeconds; InformedPatience multiplies the patience of
	// callers who stay.
	Balk                  float64 `json:"balk"`
	BalkAtSeconds         float64 `json:"balk_at_seconds,omitempty"`
	InformedPatience      float64 `json:"informed_patience"`
	RedialAfterAbandon    float64 `json:"redial_after_abandon"`
	RedialAfterUnresolved float64 `json:"redial_after_unresolved"`
	RedialAfterBusy       float64 `json:"redial_after_busy"`
	RedialDelay           string  `json:"redial_delay,omitempty"`
}

// NamedShare is one name and its share.
type NamedShare struct {
	Name  string  `json:"name"`
	Share float64 `json:"share"`
}

// IntentAssumptions describe one reason for calling.
type IntentAssumptions struct {
	Name string `json:"name"`
	// Share is the intent's share of all fresh issues, over segments.
	Share                 float64 `json:"share"`
	HandleTime            string  `json:"handle_time,omitempty"`
	HandleTimeMeanSeconds float64 `json:"handle_time_mean_seconds,omitempty"`
	// Resolution is the probability an agent resolves the issue.
	Resolution    float64 `json:"resolution"`
	Skill         string  `json:"skill,omitempty"`
	TimeSensitive bool    `json:"time_sensitive,omitempty"`
}

// AgentGroupAssumptions describe one group of agents: a fixed Count, or
// Staffing per arrival interval.
type AgentGroupAssumptions struct {
	Name string `json:"name"`
	// Skills are the skills served; empty means every skill.
	Skills      []string `json:"skills,omitempty"`
	Count       int      `json:"count,omitempty"`
	Staffing    []int    `json:"staffing,omitempty"`
	Wrapup      string   `json:"wrapup,omitempty"`
	CostPerHour float64  `json:"cost_per_hour"`
}

// DesignAssumptions describe one design and its nodes.
type DesignAssumptions struct {
	Name        string            `json:"name"`
	Description string            `json:"description,omitempty"`
	Start       string            `json:"start,omitempty"`
	Nodes       []NodeAssumptions `json:"nodes"`
}

// NodeAssumptions describe one node of a design: its type and, in a few
// words, what it does.
type NodeAssumptions struct {
	Name    string `json:"name"`
	Type    string `json:"type"`
	Summary string `json:"summary,omitempty"`
}

// EffortAssumptions are the weights of the customer effort score and its
// formula in words.
type EffortAssumptions struct {
	MenuStep      float64 `json:"menu_step"`
	WaitMinute    float64 `json:"wait_minute"`
	Transfer      float64 `json:"transfer"`
	RepeatInfo    float64 `json:"repeat_info"`
	RepeatContact float64 `json:"repeat_contact"`
	// AutomationMinute weighs minutes with self-service or the virtual
	// agent.
	AutomationMinute float64 `json:"automation_minute"`
	Scale            float64 `json:"scale"`
	Formula          string  `json:"formula"`
}

// CostAssumptions are the unit costs behind cost_per_resolution.
type CostAssumptions struct {
	// Given is false when the scenario states no cost: the cost metrics
	// are then left out.
	Given     bool    `json:"given"`
	AgentHour float64 `json:"agent_hour"`
	IVRMinute float64 `json:"ivr_minute"`
}

// FormulaText writes the effort score's formula with e's weights, as the
// engine computes it for each contact that gets through.
func (e EffortAssumptions) FormulaText() string {
	g := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	return "score = 1 + 6·e / (e + " + g(e.Scale) + "), where e = " +
		g(e.MenuStep) + " × menu steps + " +
		g(e.WaitMinute) + " × minutes on hold + " +
		g(e.AutomationMinute) + " × minutes with automation (self-service, virtual agent) + " +
		g(e.Transfer) + " × transfers + " +
		g(e.RepeatInfo) + " × times the caller repeated their details + " +
		g(e.RepeatContact) + " if the contact is a redial or repeat; e = " + g(e.Scale) + " scores 4 on the 1–7 scale"
}
