package live

import (
	"context"
	"time"
)

// Audio is what an IVR plays on a call.
type Audio uint8

// What a call can hear.
const (
	AudioSilence Audio = iota
	AudioPrompt        // a prompt, a menu or an automation session
	AudioHold          // waiting in a queue
	AudioAgent         // talking to an agent
)

// Leg is the IVR's side of one live call.
type Leg interface {
	// Audio switches what the call hears from now on.
	Audio(a Audio)
	// Signal tells the caller about the call's progress; best effort.
	Signal(ev Event)
	// Digits delivers the digits the caller presses.
	Digits() <-chan byte
	// HungUp is closed when the caller hangs up.
	HungUp() <-chan struct{}
	// End hangs up, reporting the node the call ended in and its outcome.
	End(node string, out Outcome)
}

// CallerID identifies the caller of a live call: the index of their issue
// and the attempt. Known is false when the call did not say (a caller other
// than ivrsim's harness); the IVR then numbers calls itself.
type CallerID struct {
	Index   uint64
	Attempt int
	Known   bool
}

// scaled converts model seconds to wall-clock time at scale (wall seconds
// per model second).
func scaled(model, scale float64) time.Duration {
	return time.Duration(model * scale * float64(time.Second))
}

// unscaled converts a wall-clock duration to model seconds.
func unscaled(d time.Duration, scale float64) float64 {
	return d.Seconds() / scale
}

// Setup is how a call's set-up went.
type Setup struct {
	Ringing  time.Duration // INVITE to the first 180/183, 0 if none
	Answered time.Duration // INVITE to 200
	Code     int           // the final status code; 0 when none came
	Reason   string
}

// Placed is an answered call of the harness.
type Placed interface {
	CallerLeg
	// FirstAudio is the time from the answer to the first audio packet,
	// negative if none came.
	FirstAudio() time.Duration
}

// Dial places one call for a caller and waits for the answer; a call not
// answered returns its Setup (with the final status code) and an error.
type Dial func(ctx context.Context, id CallerID) (Placed, Setup, error)
