package sim

import (
	"context"
	"math"
	"testing"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
)

// twinScenario has a menu whose options, wrong choices, zero-out and replays
// all occur, a queue callers abandon, and redials.
const twinScenario = `
name: twin
arrivals: {interval: 30m, start: "09:00", profile: [120, 120]}
intents:
  balance: {handle_time: "exponential(mean=3m)", share: 0.5, skill: retail}
  loan: {handle_time: "exponential(mean=5m)", share: 0.3, skill: loans}
  other: {handle_time: "exponential(mean=2m)", share: 0.2, skill: retail}
segments:
  calm: {share: 0.6, patience: "exponential(mean=3m)", menu_accuracy: 0.8, zero_out: 0.1,
         redial: {after_abandon: 0.6, delay: "exponential(mean=10m)"}}
  hurried: {share: 0.4, patience: "exponential(mean=1m)", menu_accuracy: 0.7, zero_out: 0.3,
         redial: {after_abandon: 0.5, delay: "exponential(mean=5m)"}}
agents:
  retail: {skills: [retail], count: 4}
  loans: {skills: [loans], count: 2}
designs:
  menu:
    start: greet
    nodes:
      greet: {type: prompt, duration: 5s, next: main}
      main:
        type: menu
        duration: "uniform(min=5s, max=15s)"
        options:
          - {key: "1", intents: [balance], next: q_retail}
          - {key: "2", intents: [loan], next: q_loans}
        zero_out: allow
        zero_out_next: q_retail
        retries: 2
      q_retail: {type: queue, group: retail}
      q_loans: {type: queue, group: loans}
`

func twinPlan(t *testing.T) *Plan {
	t.Helper()
	sc, err := scenarios.Parse("twin.yaml", []byte(twinScenario), nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Compile(sc, "menu")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func nodeIndex(p *Plan, name string) int {
	for i, n := range p.Nodes() {
		if n.Name == name {
			return i
		}
	}
	return -1
}

// TestContactDrawsMatchEngine checks that caller k of a Population is caller
// k of the simulated replication: arrival, segment, intent, first menu
// decision, patience at the first queue and the redial decision.
func TestContactDrawsMatchEngine(t *testing.T) {
	p := twinPlan(t)
	const seed, rep = 7, 3
	type key struct {
		issue   uint64
		attempt int
	}
	recs := map[key]results.ContactRecord{}
	_, _, err := Replicate(context.Background(), p, seed, rep, func(r *results.ContactRecord) {
		c := *r
		c.Path = append([]string(nil), r.Path...)
		recs[key{r.Issue, r.Attempt}] = c
	})
	if err != nil {
		t.Fatal(err)
	}
	nodes := p.Nodes()
	main := nodeIndex(p, "main")
	pop := NewPopulation(p, seed, rep)
	var fresh, menus, patiences, redials int
	for {
		c, ok := pop.Next()
		if !ok {
			break
		}
		fresh++
		r, ok := recs[key{c.Index, 0}]
		if !ok {
			t.Fatalf("caller %d: no simulated contact", c.Index)
		}
		if r.Arrival != c.Arrival || r.Segment != p.SegmentName(c.Segment) || r.Intent != p.IntentName(c.Intent) {
			t.Fatalf("caller %d: live (%v, %s, %s), simulated (%v, %s, %s)", c.Index,
				c.Arrival, p.SegmentName(c.Segment), p.IntentName(c.Intent), r.Arrival, r.Segment, r.Intent)
		}
		for attempt := 0; ; attempt++ {
			r, ok := recs[key{c.Index, attempt}]
			if !ok {
				break
			}
			k := pop.Contact(c, attempt)
			if len(r.Path) < 2 || r.Outcome == results.FlowOutcomes[results.FlowBlocked] {
				continue
			}
			a := k.Menu(main)
			for !a.HangUp && a.Option < 0 && !(a.ZeroOut && !nodes[main].ZeroOutDeny) {
				a = k.Menu(main) // the menu replays; the path does not show it
			}
			var want string
			switch {
			case a.HangUp:
				want = ""
			case a.Option >= 0:
				want = nodes[nodes[main].OptionNext[a.Option]].Name
			case a.ZeroOut:
				want = nodes[nodes[main].ZeroOutNext].Name
			}
			got := ""
			if len(r.Path) > 2 {
				got = r.Path[2]
			}
			if got != want {
				t.Fatalf("caller %d attempt %d: live menu decision leads to %q, simulated path %v", c.Index, attempt, want, r.Path)
			}
			menus++
			if len(r.Path) == 3 && r.Path[2] != "main" {
				patience := k.Join()
				// A misrouted caller is transferred and draws a new patience;
				// compare only abandons of the first wait.
				if r.Outcome == results.FlowOutcomes[results.FlowQueueAbandon] && r.Handle == 0 {
					if math.Abs(r.Wait-patience) > 1e-6 {
						t.Fatalf("caller %d attempt %d: waited %v before hanging up, live patience %v", c.Index, attempt, r.Wait, patience)
					}
					patiences++
					again, delay := k.FollowUp(OutcomeAbandoned)
					next, ok := recs[key{c.Index, attempt + 1}]
					if again && next.Arrival < p.Horizon() && ok != (r.QueueEnd+delay < p.Horizon()) {
						t.Fatalf("caller %d attempt %d: live redial %v, simulated %v", c.Index, attempt, again, ok)
					}
					if ok && math.Abs(next.Arrival-(r.QueueEnd+delay)) > 1e-6 {
						t.Fatalf("caller %d attempt %d: redial at %v, live delay puts it at %v", c.Index, attempt, next.Arrival, r.QueueEnd+delay)
					}
					if ok {
						redials++
					}
				}
			}
		}
	}
	t.Logf("%d callers, %d menu decisions, %d patiences, %d redials compared", fresh, menus, patiences, redials)
	if fresh < 100 || menus < fresh || patiences < 10 || redials < 5 {
		t.Fatalf("too few comparisons to mean anything: %d callers, %d menus, %d patiences, %d redials", fresh, menus, patiences, redials)
	}
}
