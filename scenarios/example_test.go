package scenarios_test

import (
	"errors"
	"fmt"

	"github.com/ivrsim/ivrsim/scenarios"
)

// A scenario needs arrivals, intents and agents; everything else has a
// default. Overrides are applied before validation.
func ExampleParse() {
	src := []byte(`
arrivals:
  rate: 120/min
intents:
  call:
    handle_time: lognormal(mean=3m, cv=1.2)
segments:
  everyone:
    share: 1
    patience: exponential(mean=5m)
agents:
  team:
    count: 380
`)
	sc, err := scenarios.Parse("centre.yaml", src, []string{"horizon.days=7"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sc.Name, sc.Horizon.Days, "days,", sc.Arrivals.Rate.PerSecond(), "calls per second")
	fmt.Println("service level within", sc.ServiceLevel.Within.Seconds(), "seconds (the default)")
	// Output:
	// centre 7 days, 2 calls per second
	// service level within 20 seconds (the default)
}

// Every problem is reported at once, each with its position and how to fix
// it.
func ExampleParse_errors() {
	src := []byte(`arrivals:
  rate: 120/min
intents:
  call:
    handle_time: lognormal(mean=3m, cv=1.2)
segments:
  everyone:
    sahre: 1
agents:
  team:
    count: 1000000000
`)
	_, err := scenarios.Parse("centre.yaml", src, nil)
	var es scenarios.Errors
	if errors.As(err, &es) {
		for _, e := range es {
			fmt.Printf("line %d, %s\n", e.Pos.Line, e.Path)
		}
	}
	// Output:
	// line 8, segments.everyone.sahre
	// line 11, agents.team.count
}

func ExampleParseSet() {
	set, err := scenarios.ParseSet("segments.regular.trust=0.2")
	fmt.Println(set.Path, set.Value, err)
	_, err = scenarios.ParseSet("horizon.days")
	fmt.Println(err)
	// Output:
	// [segments regular trust] 0.2 <nil>
	// --set "horizon.days": not an override; write key.path=value, such as horizon.days=7
}

// Load reads a scenario file and the flow files its designs name, relative
// to it; a name that is not a file is looked up among the built-ins.
func ExampleLoad() {
	sc, err := scenarios.Load("testdata/good/flows.yaml", []string{"segments.regular.trust=0.3"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range sc.Designs {
		fmt.Println(d.Name, "from", d.File)
	}
	fmt.Println(sc.Segments[0].Name, "trust", sc.Segments[0].Trust)

	_, err = scenarios.Load("testdata/bad/segment_shares.yaml", nil)
	fmt.Println(err)
	// Output:
	// menu from testdata/good/flows/menu.yaml
	// va from testdata/good/flows/va.yaml
	// regular trust 0.3
	// testdata/bad/segment_shares.yaml:7:1: segments: the segments' shares add up to 0.9, not 1; change them so they add up to 1 (regular 0.5, vip 0.4)
}
