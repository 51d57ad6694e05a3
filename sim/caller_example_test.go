package sim_test

import (
	"fmt"

	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/sim"
)

// A live executor takes caller k's draws from a Population: the same
// caller as replication 0 of the simulation with the same seed.
func ExamplePopulation() {
	sc, err := scenarios.Parse("example.yaml", []byte(`
name: example
arrivals: {rate: 120/h}
intents:
  balance: {handle_time: 3m, share: 1}
segments:
  everyone: {share: 1, patience: "exponential(mean=2m)"}
agents:
  team: {count: 3}
`), nil)
	if err != nil {
		panic(err)
	}
	p, err := sim.Compile(sc, sim.DirectDesign)
	if err != nil {
		panic(err)
	}
	pop := sim.NewPopulation(p, 1, 0)
	c, _ := pop.Next()
	k := pop.Contact(c, 0)
	fmt.Printf("caller %d wants %s; patience at the first queue %.0f s\n", c.Index, p.IntentName(c.Intent), k.Join())
	// Output: caller 0 wants balance; patience at the first queue 7 s
}
