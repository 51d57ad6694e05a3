package results

// Counters are the sums one replication keeps for one cell: an interval of
// one simulated day. Every metric is a ratio of these sums, so cells add up
// exactly into intervals-of-day, days and the whole horizon.
//
// A contact is attributed to the cell of its arrival; an issue's
// first-contact outcome to the cell of its first contact; agent time to the
// cell it was spent in.
type Counters struct {
	Offered int64 // contacts that arrived: fresh, redials, repeats
	Fresh   int64 // issues started: first contacts, blocked or not
	Repeats int64 // contacts that were not their issue's first
	Blocked int64 // busy signals: all lines in use

	IVRAbandoned   int64 // hung up in the IVR (menus, prompts, automation)
	QueueAbandoned int64 // hung up while waiting in a queue, or balked
	Queued         int64 // contacts that joined a queue
	WaitedOnJoin   int64 // joined a queue and found no agent free
	Answered       int64 // reached an agent from a queue
	AnsweredInSL   int64 // answered within the service-level time
	WaitSum        float64

	OfferedAutomation int64 // reached a self-service node or an assisted queue
	Engaged           int64 // engaged with the automation
	Contained         int64 // resolved by automation
	Callbacks         int64 // accepted a callback

	FirstContactResolved int64   // issues resolved on their first contact
	IssuesResolved       int64   // issues resolved by this contact
	TTRSum               float64 // first contact to resolution, resolved issues

	Handled   int64   // agent conversations (including misrouted ones)
	HandleSum float64 // agent talk time
	Misroutes int64
	Transfers int64

	BusyTime    float64 // agent time talking and in wrap-up, seconds
	StaffedTime float64 // agent time present, seconds, overtime included
	// OvertimeTime is agent time present beyond the schedule: finishing a
	// call past the end of a shift, or emptying the queue at closing.
	OvertimeTime float64
	AgentCost    float64 // staffed hours × hourly cost
	IVRTime      float64 // caller seconds in IVR nodes and with the virtual agent
	// AutomationTime is caller seconds with automation: self-service
	// sessions and the virtual agent (a part of IVRTime).
	AutomationTime float64
	IVRCost        float64 // IVR minutes × cost per minute

	EffortContacts int64   // contacts that got through (offered − blocked)
	EffortSum      float64 // sum of the 1–7 effort scores
	MenuSteps      int64   // effort components, summed
	HoldTime       float64
	RepeatInfo     int64
}

// Add adds o into c.
func (c *Counters) Add(o *Counters) {
	c.Offered += o.Offered
	c.Fresh += o.Fresh
	c.Repeats += o.Repeats
	c.Blocked += o.Blocked
	c.IVRAbandoned += o.IVRAbandoned
	c.QueueAbandoned += o.QueueAbandoned
	c.Queued += o.Queued
	c.WaitedOnJoin += o.WaitedOnJoin
	c.Answered += o.Answered
	c.AnsweredInSL += o.AnsweredInSL
	c.WaitSum += o.WaitSum
	c.OfferedAutomation += o.OfferedAutomation
	c.Engaged += o.Engaged
	c.Contained += o.Contained
	c.Callbacks += o.Callbacks
	c.FirstContactResolved += o.FirstContactResolved
	c.IssuesResolved += o.IssuesResolved
	c.TTRSum += o.TTRSum
	c.Handled += o.Handled
	c.HandleSum += o.HandleSum
	c.Misroutes += o.Misroutes
	c.Transfers += o.Transfers
	c.BusyTime += o.BusyTime
	c.StaffedTime += o.StaffedTime
	c.OvertimeTime += o.OvertimeTime
	c.AgentCost += o.AgentCost
	c.IVRTime += o.IVRTime
	c.AutomationTime += o.AutomationTime
	c.IVRCost += o.IVRCost
	c.EffortContacts += o.EffortContacts
	c.EffortSum += o.EffortSum
	c.MenuSteps += o.MenuSteps
	c.HoldTime += o.HoldTime
	c.RepeatInfo += o.RepeatInfo
}
