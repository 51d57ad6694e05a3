package scenarios

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// nodeFields says which node fields apply to which node types; any other
// field set on a node is a mistake worth reporting.
var nodeFields = map[string][]string{
	"prompt":      {"type", "duration", "next"},
	"menu":        {"type", "duration", "options", "clarity", "zero_out", "zero_out_next", "retries", "hangup_time"},
	"selfservice": {"type", "duration", "success", "on_failure", "context", "context_saving", "zero_out", "zero_out_next", "reprompt"},
	"queue":       {"type", "group", "announce_position", "callback", "assist"},
	"transfer":    {"type", "next"},
	"end":         {"type", "resolved"},
}

// NodeTypes lists the node types a design may use.
var NodeTypes = []string{"prompt", "menu", "selfservice", "queue", "transfer", "end"}

// ZeroOutModes lists the values of a node's zero_out field.
var ZeroOutModes = []string{"allow", "deny"}

// NodeFields returns the fields that apply to a node of type typ, or nil
// for an unknown type.
func NodeFields(typ string) []string {
	return slices.Clone(nodeFields[typ])
}

var typeOfNode = reflect.TypeFor[Node]()

func (v *validator) design(d *Design, intents, groups []string) {
	p := "designs." + d.Name
	if len(d.Nodes) == 0 {
		if !v.dep(p + ".nodes") {
			v.keyErrorf(p, "no nodes: a design needs nodes and a start node, such as start: greet and nodes: {greet: {type: queue}}")
		}
		return
	}
	if len(d.Nodes) > MaxNodes {
		v.errorf(p+".nodes", "%d nodes is more than ivrsim handles (%d); simplify the flow", len(d.Nodes), MaxNodes)
		return
	}
	var names []string
	for _, n := range d.Nodes {
		names = append(names, n.Name)
	}
	ref := func(path, target, what string) bool {
		if !slices.Contains(names, target) {
			v.errorf(path, "%s %q is not a node of this design%s; use one of its nodes: %s", what, target, hint(target, names), list(names))
			return false
		}
		return true
	}
	switch {
	case d.Start != "":
		ref(p+".start", d.Start, "start")
	case v.missing(p + ".start"):
		v.keyErrorf(p, "no start: name the node callers enter first, such as start: %s", names[0])
	}
	edges := map[string][]string{}
	for i := range d.Nodes {
		n := &d.Nodes[i]
		edges[n.Name] = v.node(p+".nodes."+n.Name, n, names, intents, groups, ref)
	}
	if slices.Contains(names, d.Start) && !v.dep(p) {
		v.graph(p, d, edges)
	}
}

// node checks one node and returns the nodes it leads to.
func (v *validator) node(p string, n *Node, names, intents, groups []string, ref func(path, target, what string) bool) []string {
	allowed, ok := nodeFields[n.Type]
	if !ok {
		switch {
		case n.Type != "":
			v.errorf(p+".type", "unknown node type %q%s; use one of %s", n.Type, hint(n.Type, NodeTypes), list(NodeTypes))
		case v.missing(p + ".type"):
			v.keyErrorf(p, "no type: give the node's type, one of %s", list(NodeTypes))
		}
		return nil
	}
	for _, f := range fieldNames(typeOfNode) {
		if v.set(p+"."+f) && !slices.Contains(allowed, f) {
			v.errorf(p+"."+f, "%s does not apply to %s node; remove it (%s node takes %s)", f, article(n.Type), article(n.Type), list(allowed[1:]))
		}
	}
	var out []string
	link := func(field, target, what string) {
		if target == "" {
			if v.missing(p + "." + field) {
				v.keyErrorf(p, "%s node needs %s: the node callers go to next, such as %s: %s", article(n.Type), field, field, otherNode(names, n.Name))
			}
			return
		}
		if ref(p+"."+field, target, what) {
			out = append(out, target)
		}
	}
	needDuration := func() {
		switch {
		case v.missing(p + ".duration"):
			v.keyErrorf(p, "%s node needs duration: how long callers spend in it, such as duration: 20s", article(n.Type))
		case n.Duration.IsSet() && !(n.Duration.Mean() > 0):
			v.errorf(p+".duration", "a duration of %s: callers would pass through in no time; give how long the %s takes, such as 20s", n.Duration, n.Type)
		}
	}
	checkIntents := func(path string, shares []Share) {
		for _, s := range shares {
			if !slices.Contains(intents, s.Name) && !v.dep("intents") {
				v.keyErrorf(path+"."+s.Name, "no intent %q%s; use one of the intents defined under intents: %s", s.Name, hint(s.Name, intents), list(intents))
			}
		}
	}
	zeroOut := func() {
		switch n.ZeroOut {
		case "", "allow", "deny":
		default:
			v.errorf(p+".zero_out", "zero_out is %q%s; use allow (pressing 0 leads to zero_out_next) or deny (the caller is refused)", n.ZeroOut, hint(n.ZeroOut, ZeroOutModes))
			return
		}
		switch {
		case n.ZeroOut == "allow" && n.ZeroOutNext == "" && v.missing(p+".zero_out_next"):
			v.errorf(p+".zero_out", "zero-out is allowed but zero_out_next is not given; add where pressing 0 leads, such as zero_out_next: %s", otherNode(names, n.Name))
		case n.ZeroOut == "deny" && n.ZeroOutNext != "":
			v.errorf(p+".zero_out_next", "zero-out is denied, so zero_out_next is never used; remove it, or write zero_out: allow")
		case n.ZeroOutNext != "":
			link("zero_out_next", n.ZeroOutNext, "zero_out_next")
		}
	}
	switch n.Type {
	case "prompt":
		needDuration()
		link("next", n.Next, "next")
	case "transfer":
		link("next", n.Next, "next")
	case "menu":
		needDuration()
		if n.HangupTime.IsSet() && !(n.HangupTime.Mean() > 0) {
			v.errorf(p+".hangup_time", "a hang-up time of %s: callers would hang up in no time; give how long callers who hang up stay in the menu, such as lognormal(mean=40s, cv=1.5)", n.HangupTime)
		}
		if len(n.Options) == 0 && !v.dep(p+".options") {
			v.keyErrorf(p, "a menu needs options, such as options: [{key: 1, intents: [%s], next: %s}]", exampleIntent(intents), otherNode(names, n.Name))
		}
		served := map[string]int{}
		keys := map[string]int{}
		for i, o := range n.Options {
			op := fmt.Sprintf("%s.options.%d", p, i)
			if o.Key != "" {
				if k, dup := keys[o.Key]; dup {
					v.errorf(op+".key", "key %q is already used by option %d; give each option its own key", o.Key, k+1)
				} else {
					keys[o.Key] = i
				}
			}
			switch {
			case o.Next != "":
				if ref(op+".next", o.Next, "next") {
					out = append(out, o.Next)
				}
			case v.missing(op + ".next"):
				v.errorf(op, "option %d has no next; add where it leads, such as next: %s", i+1, otherNode(names, n.Name))
			}
			for j, in := range o.Intents {
				ip := fmt.Sprintf("%s.intents.%d", op, j)
				if !slices.Contains(intents, in) {
					if !v.dep("intents") {
						v.errorf(ip, "no intent %q%s; use one of the intents defined under intents: %s", in, hint(in, intents), list(intents))
					}
				} else if k, dup := served[in]; dup {
					v.errorf(ip, "intent %q is already served by option %d; a caller's right choice must be one option, so remove it from one of them", in, k+1)
				} else {
					served[in] = i
				}
			}
		}
		for i, o := range n.Options {
			// The one right choice for these intents replays this menu: a
			// caller who chooses right can never get past it.
			if o.Next == n.Name && len(o.Intents) > 0 {
				v.errorf(fmt.Sprintf("%s.options.%d.next", p, i), "option %d is the right choice for %s but leads back to this menu, so those callers could never get past it; send it on (to a queue, self-service or the next menu), or list no intents for a \"repeat the menu\" option", i+1, list(o.Intents))
			}
		}
		if len(n.Options) > 0 && len(served) == 0 && !v.dep(p+".options") {
			// An option without intents ("9: back to the start") is only
			// chosen by mistake; a menu of nothing else misroutes everyone.
			v.keyErrorf(p, "no option of this menu serves an intent, so every caller would choose wrongly; list the intents each option is the right choice for, such as intents: [%s]", exampleIntent(intents))
		}
		if n.Retries < 0 || n.Retries > 20 {
			v.errorf(p+".retries", "%d is out of range; it is how often the menu replays, 0 to 20", n.Retries)
		}
		zeroOut()
	case "selfservice":
		needDuration()
		if len(n.Success) == 0 && v.missing(p+".success") {
			v.keyErrorf(p, "a selfservice node needs success: the probability it resolves each intent, such as success: {%s: 0.7}", exampleIntent(intents))
		}
		checkIntents(p+".success", n.Success)
		switch {
		case n.OnFailure != "":
			if ref(p+".on_failure", n.OnFailure, "on_failure") {
				out = append(out, n.OnFailure)
			}
		case v.missing(p + ".on_failure"):
			v.keyErrorf(p, "a selfservice node needs on_failure: where callers go when it does not resolve their issue, such as on_failure: %s", otherNode(names, n.Name))
		}
		if n.Reprompt <= 0 {
			v.errorf(p+".reprompt", "must be longer than 0s; give how long a re-prompt takes, such as reprompt: 8s")
		}
		zeroOut()
	case "queue":
		if n.Group != "" && !slices.Contains(groups, n.Group) && !v.dep("agents") {
			v.errorf(p+".group", "no agent group %q%s; use one of the groups defined under agents: %s (or leave group out: each caller then queues for the group serving their intent)", n.Group, hint(n.Group, groups), list(groups))
		}
		if a := n.Assist; a != nil {
			ap := p + ".assist"
			switch {
			case v.missing(ap + ".duration"):
				v.keyErrorf(ap, "assist needs duration: how long the virtual agent talks with a caller, such as duration: lognormal(mean=2m, cv=0.8)")
			case a.Duration.IsSet() && !(a.Duration.Mean() > 0):
				v.errorf(ap+".duration", "a duration of %s: the virtual agent would take no time; give how long it talks, such as lognormal(mean=2m, cv=0.8)", a.Duration)
			}
			if len(a.Success) == 0 && v.missing(ap+".success") {
				v.keyErrorf(ap, "assist needs success: the probability the virtual agent resolves each intent, such as success: {%s: 0.6}", exampleIntent(intents))
			}
			checkIntents(ap+".success", a.Success)
			if a.EngagedPatience < 0 || a.EngagedPatience > 10 {
				v.errorf(ap+".engaged_patience", "%g is out of range; it is the pace of the patience clock while engaged, 0 to 10 (0.5 = half speed)", a.EngagedPatience)
			}
		}
	case "end":
	}
	return out
}

// article puts "a" or "an" before a node type.
func article(typ string) string {
	if strings.ContainsRune("aeiou", rune(typ[0])) {
		return "an " + typ
	}
	return "a " + typ
}

// otherNode picks a node other than self for examples in messages.
func otherNode(names []string, self string) string {
	for _, n := range names {
		if n != self {
			return n
		}
	}
	return "NODE"
}

func exampleIntent(intents []string) string {
	if len(intents) == 0 {
		return "INTENT"
	}
	return intents[0]
}

// graph checks every node is reachable from the start and that every loop
// has a way out: a set of nodes that lead only to each other (a strongly
// connected component with no edge leaving it) would keep a caller forever.
// A loop through self-service may end there (the issue is resolved), and
// any loop with an exit is a legitimate "back to the main menu".
func (v *validator) graph(p string, d *Design, edges map[string][]string) {
	names := make([]string, len(d.Nodes))
	types := map[string]string{}
	for i, n := range d.Nodes {
		names[i] = n.Name
		types[n.Name] = n.Type
	}
	comp := components(names, edges)
	reported := map[int]bool{} // components already checked
	for _, n := range names {
		c := comp[n]
		if reported[c] {
			continue
		}
		reported[c] = true
		var members []string
		for _, m := range names {
			if comp[m] == c {
				members = append(members, m)
			}
		}
		cyclic := len(members) > 1 || slices.Contains(edges[n], n)
		if !cyclic {
			continue
		}
		exit := false
		for _, m := range members {
			if types[m] == "selfservice" {
				exit = true
			}
			for _, t := range edges[m] {
				if comp[t] != c {
					exit = true
				}
			}
		}
		if exit {
			continue
		}
		loop := cycleFrom(n, edges, comp)
		v.keyErrorf(p+".nodes."+n, "the flow loops: %s, and no node of the loop leads out of it, so a caller who enters can never leave but by hanging up; give one of these nodes a way out (a next, option or on_failure leading to a queue or an end)", strings.Join(loop, " → "))
	}
	seen := map[string]bool{}
	stack := []string{d.Start}
	seen[d.Start] = true
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, m := range edges[n] {
			if !seen[m] {
				seen[m] = true
				stack = append(stack, m)
			}
		}
	}
	for _, n := range names {
		if !seen[n] {
			v.keyErrorf(p+".nodes."+n, "node %q cannot be reached from the start node %q; link to it (a next, option, zero_out_next or on_failure) or remove it", n, d.Start)
		}
	}
}

// components numbers the strongly connected components of the graph
// (Tarjan's algorithm).
func components(names []string, edges map[string][]string) map[string]int {
	index, low := map[string]int{}, map[string]int{}
	onStack := map[string]bool{}
	comp := map[string]int{}
	var stack []string
	next, count := 0, 0
	var visit func(n string)
	visit = func(n string) {
		index[n], low[n] = next, next
		next++
		stack = append(stack, n)
		onStack[n] = true
		for _, m := range edges[n] {
			if _, ok := index[m]; !ok {
				visit(m)
				low[n] = min(low[n], low[m])
			} else if onStack[m] {
				low[n] = min(low[n], index[m])
			}
		}
		if low[n] == index[n] {
			for {
				m := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[m] = false
				comp[m] = count
				if m == n {
					break
				}
			}
			count++
		}
	}
	for _, n := range names {
		if _, ok := index[n]; !ok {
			visit(n)
		}
	}
	return comp
}

// cycleFrom finds a shortest cycle through start within its component, as
// the names along it, start repeated at the end.
func cycleFrom(start string, edges map[string][]string, comp map[string]int) []string {
	parent := map[string]string{}
	queue := []string{start}
	visited := map[string]bool{}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, m := range edges[n] {
			if comp[m] != comp[start] {
				continue
			}
			if m == start {
				path := []string{start}
				for x := n; x != start; x = parent[x] {
					path = append(path, x)
				}
				slices.Reverse(path[1:])
				return append(path, start)
			}
			if !visited[m] {
				visited[m] = true
				parent[m] = n
				queue = append(queue, m)
			}
		}
	}
	return []string{start, start}
}
