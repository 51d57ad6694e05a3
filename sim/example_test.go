package sim_test

import (
	"context"
	"fmt"

	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/sim"
)

// A scenario is loaded, validated in full (every design compiled, every
// threshold parsed) and then simulated: here the built-in M/M/N+M queue,
// one day, four replications. The same seed gives the same numbers on any
// machine and with any number of workers.
func ExampleRun() {
	sc, err := scenarios.Load("erlang-a", []string{"horizon.days=1", "warmup=0"})
	if err != nil {
		panic(err)
	}
	v, err := sim.Validate(sc, nil)
	if err != nil {
		panic(err)
	}
	rs, err := sim.Run(context.Background(), v.Plans, sim.Options{Seed: 1, Replications: sim.Reps(4), Workers: 2})
	if err != nil {
		panic(err)
	}
	doc := rs.Document()
	m := doc.Designs[0].Metrics
	fmt.Printf("%s, %d replications\n", doc.Designs[0].Name, doc.Replications)
	fmt.Printf("abandon_rate %.3f, p_wait %.3f, asa %.1fs\n", m["abandon_rate"].Mean, m["p_wait"].Mean, m["asa"].Mean)
	// Output:
	// direct, 4 replications
	// abandon_rate 0.032, p_wait 0.594, asa 3.9s
}

// Validate reports every problem of a scenario at once, each at its file,
// line and column.
func ExampleValidate() {
	sc, err := scenarios.Load("bank", []string{"segments.regular.trust=0.4"})
	if err != nil {
		panic(err)
	}
	v, err := sim.Validate(sc, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range v.Plans {
		fmt.Println(p.Design)
	}
	// Output:
	// forced-menu
	// queue-preserving-va
}
