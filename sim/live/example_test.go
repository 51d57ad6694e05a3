package live_test

import (
	"fmt"

	"github.com/ivrsim/ivrsim/sim/live"
)

func ExampleParseThreshold() {
	th, err := live.ParseThreshold("setup_p95 < 200ms")
	if err != nil {
		panic(err)
	}
	// Times are seconds: an observed set-up p95 of 35.2 ms holds.
	fmt.Println(th.Metric, th.Op, th.Value, th.Holds(0.0352))
	// Output: setup_p95 < 0.2 true
}
