package live

import (
	"fmt"
	"slices"

	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/sim"
)

// DTMFKeys returns the digits of each menu option of design in sc, by node
// index of plan p (compiled from the same design) and option. A live call
// can only choose options by DTMF, so every menu option needs a key of one
// DTMF digit (1–9, *, #; 0 asks for an agent), distinct within its menu.
func DTMFKeys(sc *scenarios.Scenario, design string, p *sim.Plan) ([][]string, error) {
	nodes := p.Nodes()
	keys := make([][]string, len(nodes))
	i := slices.IndexFunc(sc.Designs, func(d scenarios.Design) bool { return d.Name == design })
	if i < 0 {
		return keys, nil // the implicit direct design has no menus
	}
	d := sc.Designs[i]
	if len(d.Nodes) != len(nodes) {
		return nil, fmt.Errorf("design %q: %d nodes in the scenario, %d compiled", design, len(d.Nodes), len(nodes))
	}
	for j, n := range d.Nodes {
		if n.Type != "menu" {
			continue
		}
		seen := map[string]bool{}
		for o, opt := range n.Options {
			k := opt.Key
			switch {
			case k == "":
				return nil, fmt.Errorf("design %q: menu %q: option %d (to %q) has no key; give it a DTMF digit, e.g. key: \"%d\"", design, n.Name, o+1, opt.Next, o+1)
			case len(k) != 1 || !isDTMF(k[0]):
				return nil, fmt.Errorf("design %q: menu %q: option key %q is not one DTMF digit (1-9, *, #); a live call can only press digits", design, n.Name, k)
			case k == "0":
				return nil, fmt.Errorf("design %q: menu %q: option key \"0\" is taken by zero-out (asking for an agent); use another digit", design, n.Name)
			case seen[k]:
				return nil, fmt.Errorf("design %q: menu %q: key %q is used by two options; give each its own digit", design, n.Name, k)
			}
			seen[k] = true
			keys[j] = append(keys[j], k)
		}
	}
	return keys, nil
}

func isDTMF(c byte) bool { return c >= '0' && c <= '9' || c == '*' || c == '#' }
