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
	fmt.Println(th.Metric, th.Op, th.Value, th.Holds(35.2))
	// Output: setup_p95 < 200 true
}
