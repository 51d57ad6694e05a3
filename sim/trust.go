package sim

import (
	"math"
)

// trustOf is the current trust in automation of the issue's customer.
func (e *engine) trustOf(is *issue) float64 {
	if is.customer < 0 {
		return is.trust
	}
	t := e.trust[is.customer]
	if math.IsNaN(t) {
		t = e.p.segments[is.segment].trust
		e.trust[is.customer] = t
	}
	return t
}

// learn updates trust after an automation experience: success moves it up
// by α(1 − trust), failure down by β·trust.
func (e *engine) learn(is *issue, success bool) {
	t := e.trustOf(is)
	if success {
		t += e.p.trustUp * (1 - t)
	} else {
		t -= e.p.trustDown * t
	}
	if is.customer < 0 {
		is.trust = t
	} else {
		e.trust[is.customer] = t
	}
}
