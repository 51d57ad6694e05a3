package scenarios

// Scenario is a whole scenario file: the caller population, the centre that
// serves it, and the designs that compete for it. Zero values mean "not set";
// Defaults fills in what the format documents as defaults.
type Scenario struct {
	Version     int    `yaml:"version"`
	Name        string `yaml:"name"`
	Description string `yaml:"description"`

	Horizon      Horizon      `yaml:"horizon"`
	Warmup       Duration     `yaml:"warmup"`
	ServiceLevel ServiceLevel `yaml:"service_level"`
	Arrivals     Arrivals     `yaml:"arrivals"`
	// Customers is the size of a finite customer base; 0 means every issue
	// belongs to a new customer.
	Customers int       `yaml:"customers"`
	Trust     Trust     `yaml:"trust"`
	Intents   []Intent  `yaml:"intents"`
	Segments  []Segment `yaml:"segments"`
	Agents    []Group   `yaml:"agents"`
	// Lines caps the calls in the system at once (trunks, IVR ports); 0
	// means unlimited.
	Lines        int      `yaml:"lines"`
	MisrouteTime Duration `yaml:"misroute_time"`
	Effort       Effort   `yaml:"effort"`
	Costs        Costs    `yaml:"costs"`
	Designs      []Design `yaml:"designs"`
	// Thresholds are the pass/fail criteria ivrsim check applies.
	Thresholds []Threshold `yaml:"thresholds"`
	// Uncertain lists the values nobody has measured, with their plausible
	// ranges, for ivrsim sensitivity.
	Uncertain UncertainValues `yaml:"uncertain"`

	// File is the path the scenario was loaded from ("" for built-ins given
	// by name, which use their name).
	File string `yaml:"-" json:"-"`
	// Positions maps a field path ("segments.regular.trust") to where its
	// value was written, for error messages.
	Positions map[string]Pos `yaml:"-" json:"-"`
}

// Horizon is how long the simulated period is.
type Horizon struct {
	Days int `yaml:"days"`
	// Start is the date of day 1, which gives every simulated day its
	// date and day of the week; unset, days are numbered only.
	Start Date `yaml:"start"`
}

// ServiceLevel sets the answer-time target the service_level metric counts.
type ServiceLevel struct {
	Within Duration `yaml:"within"`
}

// Arrivals describes fresh contacts (new issues). Either Rate, or Interval
// with Profile.
type Arrivals struct {
	Rate     Rate     `yaml:"rate"`
	Interval Duration `yaml:"interval"`
	// Start is the time of day the first profile interval begins ("08:00").
	Start   TimeOfDay `yaml:"start"`
	Profile []float64 `yaml:"profile"`
	// DayFactors multiply each day's profile; a list shorter than the
	// horizon repeats (7 values make a weekly pattern).
	DayFactors []float64 `yaml:"day_factors"`
	// Overdispersion is the coefficient of variation of a gamma-distributed
	// busyness factor drawn per day; 0 is a pure Poisson process.
	Overdispersion float64 `yaml:"overdispersion"`
	// IntervalOverdispersion is the same per profile interval, on top of
	// the daily factor.
	IntervalOverdispersion float64 `yaml:"interval_overdispersion"`
	// Weekdays adjust the arrivals of given days of the week (a factor,
	// or a profile of their own); they need horizon.start.
	Weekdays []Weekday `yaml:"weekdays"`
}

// Trust sets how callers learn to trust automation.
type Trust struct {
	// Success is α: after a success trust += α(1 − trust).
	Success Probability `yaml:"success"`
	// Failure is β: after a failure trust −= β·trust.
	Failure Probability `yaml:"failure"`
	// ForcedSuccess multiplies a self-service node's success probability
	// for callers who go through it unwillingly: a caller who did not want
	// the automation cooperates less with it.
	ForcedSuccess Probability `yaml:"forced_success"`
}

// Intent is a reason for calling.
type Intent struct {
	Name       string `yaml:"-" ivrsim:"key"`
	HandleTime Dist   `yaml:"handle_time"`
	// Resolution is the probability an agent resolves the issue.
	Resolution Probability `yaml:"resolution"`
	// TimeSensitive callers press 0 more readily and tolerate menus less.
	TimeSensitive bool   `yaml:"time_sensitive"`
	Skill         string `yaml:"skill"`
	// Priority in agent queues: higher is served first.
	Priority int `yaml:"priority"`
	// Share is the intent's share of all callers, used by segments that do
	// not give their own intent mix.
	Share Probability `yaml:"share"`
}

// Segment is a share of the callers with common behaviour.
type Segment struct {
	Name  string      `yaml:"-" ivrsim:"key"`
	Share Probability `yaml:"share"`
	// Intents maps intent names to their share within the segment; when
	// absent, the intents' own shares apply.
	Intents  []Share `yaml:"intents"`
	Patience Dist    `yaml:"patience"`
	// IVRPatience is how long a caller stays in prompts, menus and
	// self-service before hanging up; unset, they never hang up there for
	// want of time (only for frustration).
	IVRPatience Dist `yaml:"ivr_patience"`
	// MenuTolerance is how many replays or no-matches a caller accepts
	// before hanging up.
	MenuTolerance int         `yaml:"menu_tolerance"`
	MenuAccuracy  Probability `yaml:"menu_accuracy"`
	// ZeroOut is the propensity to press 0 (ask for a person) when the
	// automation is not what the caller wants.
	ZeroOut Probability `yaml:"zero_out"`
	// Trust is the prior trust in automation.
	Trust Probability `yaml:"trust"`
	// Callback is the probability of accepting a callback when offered.
	Callback Probability `yaml:"callback"`
	// Priority in agent queues, added to the intent's: higher is served
	// first (premium customers, say).
	Priority int `yaml:"priority"`
	// HeadStart orders the segment's callers in agent queues as if they
	// had already waited this long when they joined (the bank's priority
	// customers count 90 s): within a priority level, the queue serves the
	// caller whose wait plus head start is longest.
	HeadStart Duration `yaml:"head_start"`
	// Announcement sets how being told the queue position changes
	// behaviour.
	Announcement Announcement `yaml:"announcement"`
	Redial       Redial       `yaml:"redial"`
}

// Share is one named share (an intent in a segment's mix, a success
// probability per intent).
type Share struct {
	Name  string      `yaml:"-" ivrsim:"key"`
	Value Probability `yaml:"-" ivrsim:"value"`
}

// Announcement is how callers react to being told their position or
// expected wait.
type Announcement struct {
	// Balk is the probability of hanging up at once when told an expected
	// wait of BalkAt; it grows as 1 − exp(−wait/BalkAt · ln(1/(1−Balk))).
	Balk   Probability `yaml:"balk"`
	BalkAt Duration    `yaml:"balk_at"`
	// Patience multiplies the patience of callers who stay once informed.
	Patience float64 `yaml:"patience"`
}

// Redial is what callers do after a contact that did not resolve their
// issue.
type Redial struct {
	AfterAbandon    Probability `yaml:"after_abandon"`
	AfterUnresolved Probability `yaml:"after_unresolved"`
	AfterBusy       Probability `yaml:"after_busy"`
	// Delay is the time before a redial after abandonment or a busy
	// signal.
	Delay Dist `yaml:"delay"`
	// RepeatDelay is the time before a repeat contact after an unresolved
	// one; Delay when not given.
	RepeatDelay Dist `yaml:"repeat_delay"`
	// Max caps the contacts one issue makes.
	Max int `yaml:"max"`
}

// Group is a group of agents with the same skills.
type Group struct {
	Name string `yaml:"-" ivrsim:"key"`
	// Skills are the intent skills the group resolves; none means every
	// skill (generalists).
	Skills []string `yaml:"skills"`
	// Count is a fixed number of agents all day.
	Count int `yaml:"count"`
	// Staffing is agents per arrival interval, over the same window as the
	// arrival profile.
	Staffing []int `yaml:"staffing"`
	// WeekdayStaffing replaces Staffing on given days of the week; it
	// needs horizon.start.
	WeekdayStaffing []WeekdayStaffing `yaml:"weekday_staffing"`
	Wrapup          Dist              `yaml:"wrapup"`
	// Hours are the group's opening hours: a caller who reaches its queue
	// outside them is told the centre is closed and hangs up (and may call
	// again). Without hours the queue is always open.
	Hours []OpeningHours `yaml:"hours"`
	// CostPerHour overrides costs.agent_hour for this group.
	CostPerHour float64 `yaml:"cost_per_hour"`
}

// Effort holds the weights of the customer effort formula.
type Effort struct {
	MenuStep      float64 `yaml:"menu_step"`
	WaitMinute    float64 `yaml:"wait_minute"`
	Transfer      float64 `yaml:"transfer"`
	RepeatInfo    float64 `yaml:"repeat_info"`
	RepeatContact float64 `yaml:"repeat_contact"`
	// AutomationMinute weighs minutes spent with automation: self-service
	// sessions and the queue-preserving virtual agent.
	AutomationMinute float64 `yaml:"automation_minute"`
	// Scale is the raw effort that maps to the middle of the 1–7 scale.
	Scale float64 `yaml:"scale"`
}

// Costs are the unit costs behind cost_per_resolution.
type Costs struct {
	AgentHour float64 `yaml:"agent_hour"`
	IVRMinute float64 `yaml:"ivr_minute"`
}

// Design is one IVR design: a graph of nodes from Start.
type Design struct {
	Name        string `yaml:"-" ivrsim:"key"`
	File        string `yaml:"file" json:"-"`
	Description string `yaml:"description"`
	Start       string `yaml:"start"`
	Nodes       []Node `yaml:"nodes"`
}

// Node is one step of a design. Which fields apply depends on Type.
type Node struct {
	Name string `yaml:"-" ivrsim:"key"`
	Type string `yaml:"type"`
	Next string `yaml:"next"`
	// Duration is how long the prompt, menu or self-service takes.
	Duration Dist `yaml:"duration"`

	// menu
	Options []Option    `yaml:"options"`
	Clarity Probability `yaml:"clarity"`
	// ZeroOut is "allow" (pressing 0 leads to ZeroOutNext) or "deny" (the
	// menu replays); by default it is allowed where ZeroOutNext is given.
	ZeroOut     string `yaml:"zero_out"`
	ZeroOutNext string `yaml:"zero_out_next"`
	Retries     int    `yaml:"retries"`
	// HangupTime is how long a caller who hangs up at this menu stays in
	// it, when that differs from the time of callers who go on; the
	// decision to hang up is then taken as the menu starts.
	HangupTime Dist `yaml:"hangup_time"`

	// selfservice
	Success []Share `yaml:"success"`
	// Reprompt is how long forced automation takes to re-prompt a caller
	// whose zero-out was refused.
	Reprompt  Duration `yaml:"reprompt"`
	OnFailure string   `yaml:"on_failure"`
	// Context reports whether what automation gathered reaches the agent.
	Context       bool        `yaml:"context"`
	ContextSaving Probability `yaml:"context_saving"`

	// queue
	Group            string    `yaml:"group"`
	AnnouncePosition bool      `yaml:"announce_position"`
	Callback         *Callback `yaml:"callback"`
	Assist           *Assist   `yaml:"assist"`

	// end
	Resolved bool `yaml:"resolved"`
}

// Option is one menu choice.
type Option struct {
	Key     string   `yaml:"key"`
	Intents []string `yaml:"intents"`
	Next    string   `yaml:"next"`
}

// Callback is virtual hold: offered when the expected wait exceeds Over.
type Callback struct {
	Over Duration `yaml:"over"`
}

// Assist makes a queue queue-preserving: while holding their place, callers
// may talk to a virtual agent.
type Assist struct {
	EngageBonus     Probability `yaml:"engage_bonus"`
	EngagedPatience float64     `yaml:"engaged_patience"`
	Duration        Dist        `yaml:"duration"`
	Success         []Share     `yaml:"success"`
	VerifyAfter     Duration    `yaml:"verify_after"`
	ContextSaving   Probability `yaml:"context_saving"`
}

// Threshold is a list of pass/fail expressions on one metric, such as
// "< 0.08" or "ci_high < 10%". Target is the metric's name, optionally
// followed by a design in braces ("abandon_rate{queue-preserving-va}") to
// apply to that design only.
type Threshold struct {
	Target string   `yaml:"-" ivrsim:"key"`
	Rules  []string `yaml:"-" ivrsim:"value"`
}

// Pos is where a value was written.
type Pos struct {
	File string
	Line int
	Col  int
}
