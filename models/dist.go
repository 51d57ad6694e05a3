package models

import "math/rand/v2"

// Dist is a probability distribution of a non-negative quantity, in ivrsim
// almost always a duration in seconds. Implementations are immutable values,
// safe for concurrent use; all randomness comes from the source passed to
// Sample.
type Dist interface {
	// Sample draws one value using r.
	Sample(r *rand.Rand) float64
	// Mean is the expected value.
	Mean() float64
	// String is the canonical text form, which ParseDist reads back to an
	// equal distribution.
	String() string
}
