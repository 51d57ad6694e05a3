package scenarios

// Defaults of the scenario format. They switch behaviour off rather than
// guess it: with only arrivals, intents, agents and patience given, a
// scenario is the textbook queue (Erlang A), and every mechanism —
// redials, menus, misroutes, trust — acts only where the scenario sets it.
// The exceptions are the choices that would otherwise favour one design
// silently (DefaultForcedSuccess, DefaultEffort's automation minute): their
// defaults are stated assumptions, listed in README's "What the model
// assumes".
const (
	DefaultDays          = 1
	DefaultServiceLevel  = 20   // seconds
	DefaultInterval      = 1800 // seconds: reporting cells when a constant rate is given
	DefaultTrustSuccess  = 0.15
	DefaultTrustFailure  = 0.30
	DefaultPriorTrust    = 0.5
	DefaultMenuTolerance = 3
	DefaultMisrouteTime  = 30 // seconds
	DefaultRetries       = 2
	DefaultRedialMax     = 10
	DefaultEngageBonus   = 0.3
	DefaultEngagedPace   = 0.5
	DefaultVerifyAfter   = 30 // seconds
	DefaultContextSaving = 0.25
	DefaultReprompt      = 8 // seconds a forced automation takes to re-prompt after a refused zero-out
	// DefaultForcedSuccess halves self-service success for callers forced
	// through it. No study measures it; it is a stated assumption, to be
	// varied in an uncertain: block.
	DefaultForcedSuccess = 0.5
)

// DefaultEffort are the effort weights used when a scenario sets none. A
// contact's raw effort is the weighted sum of its menu steps, minutes on
// hold, transfers, times it repeated information and whether it was a repeat
// contact, and its minutes with automation (self-service or the virtual
// agent, weighed like minutes on hold so no design's time is free); the score maps raw effort e to 1 + 6·e/(e + scale), so e = scale
// scores 4, the middle of the 1–7 customer effort scale.
var DefaultEffort = Effort{
	MenuStep:      0.5,
	WaitMinute:    0.4,
	Transfer:      1.5,
	RepeatInfo:    1,
	RepeatContact: 2,
	// Time with automation weighs like time on hold: a minute of the
	// caller's life either way.
	AutomationMinute: 0.4,
	Scale:            4,
}

func (s *Scenario) setDefaults() {
	s.Version = 1
	s.Horizon.Days = DefaultDays
	s.ServiceLevel.Within = DefaultServiceLevel
	s.Trust = Trust{Success: DefaultTrustSuccess, Failure: DefaultTrustFailure, ForcedSuccess: DefaultForcedSuccess}
	s.MisrouteTime = DefaultMisrouteTime
	s.Effort = DefaultEffort
}

func (s *Segment) setDefaults() {
	s.MenuTolerance = DefaultMenuTolerance
	s.MenuAccuracy = 1
	s.Trust = DefaultPriorTrust
	s.Announcement.Patience = 1
	s.Redial.Max = DefaultRedialMax
}

func (i *Intent) setDefaults() {
	i.Resolution = 1
}

func (n *Node) setDefaults() {
	n.Clarity = 1
	n.Retries = DefaultRetries
	n.ContextSaving = DefaultContextSaving
	n.Reprompt = DefaultReprompt
}

func (a *Assist) setDefaults() {
	a.EngageBonus = DefaultEngageBonus
	a.EngagedPatience = DefaultEngagedPace
	a.VerifyAfter = DefaultVerifyAfter
	a.ContextSaving = DefaultContextSaving
}

func (w *Weekday) setDefaults() {
	w.Factor = 1
}
