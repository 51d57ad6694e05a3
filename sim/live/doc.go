// Package live runs the caller model and a design in real time, the second
// executor of the model besides the simulation engine.
//
// An IVR runs a compiled design as a live IVR: calls walk its nodes,
// prompts last their drawn durations (scaled by a time scale), menus wait
// for digits, queues wait for agents simulated in real time. A caller
// places the scenario's callers as live calls and makes the decisions the
// engine's caller k makes, drawn from the same keyed streams (see
// sim.Population and sim.Contact).
//
// The package knows nothing of SIP: a call is a Leg (the IVR's side) or a
// CallerLeg (the caller's side), implemented over SIP and RTP by package
// sipua. What the IVR tells the caller about the call's progress travels
// as Events, which sipua carries as SIP INFO requests with X-Ivrsim-*
// headers.
package live
