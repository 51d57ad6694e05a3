package results

// FlowOutcomes are the ways a contact leaves a design, the end points of
// flow paths (the report's Sankey diagram).
var FlowOutcomes = []string{
	"resolved by agent",
	"not resolved by agent",
	"resolved by automation",
	"hung up in IVR",
	"hung up in queue",
	"ended unresolved",
	"busy signal",
}

// Indexes into FlowOutcomes.
const (
	FlowAgentResolved = iota
	FlowAgentUnresolved
	FlowContained
	FlowIVRAbandon
	FlowQueueAbandon
	FlowEnded
	FlowBlocked
)

// FlowEntry is the name of where every contact starts.
const FlowEntry = "entry"

// Flows counts contacts moving between nodes of one design: from entry or
// a node, to a node or an outcome. Counts are of contacts after the
// warm-up.
type Flows struct {
	Nodes  []string // the design's nodes, in order
	Counts []int64  // row-major: from (entry, nodes...) × to (nodes..., outcomes...)
}

// NewFlows makes empty flow counts over nodes.
func NewFlows(nodes []string) *Flows {
	return &Flows{Nodes: nodes, Counts: make([]int64, (len(nodes)+1)*(len(nodes)+len(FlowOutcomes)))}
}

// Index is the position of the move from node from (−1: entry) to node to.
func (f *Flows) Index(from, to int) int {
	return (from+1)*(len(f.Nodes)+len(FlowOutcomes)) + to
}

// OutcomeIndex is the position of the move from node from to outcome o.
func (f *Flows) OutcomeIndex(from, o int) int {
	return f.Index(from, len(f.Nodes)+o)
}

// Add adds o's counts into f; both must be over the same nodes.
func (f *Flows) Add(o *Flows) {
	for i, v := range o.Counts {
		f.Counts[i] += v
	}
}

// Edge is one move between two places of a design, with its count.
type Edge struct {
	From, To string
	Count    int64
}

// Edges lists the moves that happened, row by row.
func (f *Flows) Edges() []Edge {
	var out []Edge
	w := len(f.Nodes) + len(FlowOutcomes)
	for i, v := range f.Counts {
		if v == 0 {
			continue
		}
		from, to := i/w, i%w
		e := Edge{From: FlowEntry, Count: v}
		if from > 0 {
			e.From = f.Nodes[from-1]
		}
		if to < len(f.Nodes) {
			e.To = f.Nodes[to]
		} else {
			e.To = FlowOutcomes[to-len(f.Nodes)]
		}
		out = append(out, e)
	}
	return out
}
