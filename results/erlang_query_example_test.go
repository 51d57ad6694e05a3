package results_test

import (
	"fmt"
	"os"

	"github.com/ivrsim/ivrsim/results"
)

// A query holds the inputs as written; Validate reports every problem,
// named as the caller's interface names the inputs.
func ExampleErlangQuery_Validate() {
	q := results.ErlangQuery{Model: "c", Load: "ten", Size: "12",
		Names: results.ErlangNames{Load: "--load", AHT: "--aht"}}
	for _, err := range q.Validate() {
		fmt.Println(err)
	}
	// Output:
	// --aht is required: the mean handle time, e.g. --aht 180s
	// --load "ten" is not a number: give the offered load in Erlangs, e.g. --load 12.5
}

// Evaluate answers with the result document "ivrsim erlang" prints.
func ExampleErlangQuery_Evaluate() {
	q := results.ErlangQuery{Model: "c", Rate: "100/30m", AHT: "3m", Size: "14"}
	res, err := q.Evaluate()
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = res.WriteTable(os.Stdout)
	// Output:
	// model          Erlang C (M/M/N)
	// agents         14
	// load           10 Erlangs
	// p_wait         17.41%
	// asa            7.8 s
	// service_level  88.84% within 20s
	// occupancy      71.43%
}
