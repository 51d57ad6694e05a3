package sim

import (
	"strconv"
	"strings"
)

// Summary describes the validated scenario in a line: its designs by name,
// its intents and its agent groups, such as "2 designs (menu, va), 3
// intents, 1 agent group".
func (v *Validated) Summary() string {
	sc := v.Scenario
	designs := DesignNames(sc)
	return count(len(designs), "design") + " (" + strings.Join(designs, ", ") + "), " +
		count(len(sc.Intents), "intent") + ", " + count(len(sc.Agents), "agent group")
}

// count writes n nouns, in the plural unless n is 1.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
