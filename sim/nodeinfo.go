package sim

// NodeKind is what a design node does.
type NodeKind uint8

// The node types of a design.
const (
	KindPrompt NodeKind = iota
	KindMenu
	KindSelfService
	KindQueue
	KindTransfer
	KindEnd
)

var kindNames = [...]string{"prompt", "menu", "selfservice", "queue", "transfer", "end"}

// String is the node type as the scenario spells it.
func (k NodeKind) String() string { return kindNames[k] }

// NodeInfo is a read-only view of a compiled design node, for executors
// that run the design outside the engine (a live IVR). Node references are
// indexes into Plan.Nodes, −1 for none.
type NodeInfo struct {
	Name string
	Kind NodeKind
	Next int

	// menu: where each option leads, in the scenario's order
	OptionNext  []int
	ZeroOutNext int
	ZeroOutDeny bool
	Retries     int

	// selfservice
	OnFailure     int
	Context       bool
	ContextSaving float64
	Reprompt      float64 // seconds

	// queue: Group −1 is the group serving the caller's intent
	Group    int
	Announce bool
	Assist   *AssistInfo

	// end
	Resolved bool
}

// AssistInfo is a queue's virtual agent.
type AssistInfo struct {
	EngageBonus   float64
	Pace          float64 // patience speed while engaged
	VerifyAfter   float64 // seconds
	ContextSaving float64
}

// Nodes lists the design's nodes; Start is the first one's index.
func (p *Plan) Nodes() []NodeInfo {
	out := make([]NodeInfo, len(p.nodes))
	for i, n := range p.nodes {
		out[i] = NodeInfo{
			Name: n.name, Kind: NodeKind(n.kind), Next: n.next,
			OptionNext: append([]int(nil), n.optionNext...), ZeroOutNext: n.zeroOutNext,
			ZeroOutDeny: n.zeroOutDeny, Retries: n.retries,
			OnFailure: n.onFailure, Context: n.context, ContextSaving: n.contextSaving, Reprompt: n.reprompt,
			Group: n.group, Announce: n.announce, Resolved: n.resolved,
		}
		if a := n.assist; a != nil {
			out[i].Assist = &AssistInfo{EngageBonus: a.engageBonus, Pace: a.pace, VerifyAfter: a.verifyAfter, ContextSaving: a.contextSaving}
		}
	}
	return out
}

// Start is the index of the design's first node.
func (p *Plan) Start() int { return p.start }

// Groups names the agent groups in index order.
func (p *Plan) Groups() []string {
	out := make([]string, len(p.groups))
	for i, g := range p.groups {
		out[i] = g.name
	}
	return out
}

// AgentsAt is how many agents group g has on duty at simulated time t
// (seconds from the start of day 1).
func (p *Plan) AgentsAt(g int, t float64) int {
	perDay := p.Layout.IntervalsPerDay()
	k := int(t / p.Layout.Interval)
	if k < 0 {
		k = 0
	}
	return p.groups[g].agentsAt(k, perDay)
}

// ExpectedWait is the wait the engine announces to a caller joining group
// g's queue with ahead callers in front of it and staffed agents.
func (p *Plan) ExpectedWait(g, ahead, staffed int) float64 {
	return float64(ahead+1) * p.groups[g].meanService / float64(max(1, staffed))
}
