// Package models holds the mathematics of ivrsim: duration distributions and
// their text form, arrival rates, analytic queueing (Erlang B, C and A) and
// staffing formulas, and the behavioural rules callers follow (patience,
// trust learning, effort). Everything here is a pure function of its inputs:
// no I/O, no global state, and randomness only through an explicit
// math/rand/v2 source passed by the caller.
package models
