package report_test

import (
	"fmt"
	"log"
	"regexp"
	"strings"

	"github.com/ivrsim/ivrsim/results/report"
)

// A results file, as ivrsim run --format json writes it, becomes one
// self-contained HTML page.
func ExampleWrite() {
	in, err := report.Decode([]byte(`{
	  "schema_version": 1, "scenario": "demo", "seed": 1, "replications": 2,
	  "designs": [{"name": "menu", "metrics": {
	    "abandon_rate": {"mean": 0.1, "ci_low": 0.08, "ci_high": 0.12, "stddev": 0.002, "n": 2}}}],
	  "comparisons": []}`))
	if err != nil {
		log.Fatal(err)
	}
	var page strings.Builder
	if err := report.Write(&page, in); err != nil {
		log.Fatal(err)
	}
	fmt.Println(regexp.MustCompile(`<h1>.*</h1>`).FindString(page.String()))
	fmt.Println(strings.Contains(page.String(), "Abandonment 10.0%"))
	// Output:
	// <h1>demo</h1>
	// true
}
