package live

import "github.com/ivrsim/ivrsim/results"

// The units of a load run's figures, as machine formats name them: the
// names results.Unit.Symbol gives (every time in seconds, model or wall
// clock alike), and calls per second for a rate, which has no unit in
// results.
var (
	unitRatio   = results.Ratio.Symbol()
	unitSeconds = results.Seconds.Symbol()
	unitCount   = results.Count.Symbol()
)

const unitRate = "1/s"

// valueUnit is how a threshold reads a value of a figure of unit symbol:
// shares as 0.08 or 8%, times as 200ms, 45s or seconds, and counts and
// rates as plain numbers.
func valueUnit(symbol string) results.Unit {
	switch symbol {
	case unitRatio:
		return results.Ratio
	case unitSeconds:
		return results.Seconds
	}
	return results.Count
}
