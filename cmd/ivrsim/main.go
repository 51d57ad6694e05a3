// Command ivrsim simulates callers through competing IVR designs and
// predicts adoption, abandonment, first-contact resolution, waits, effort and
// cost. Run "ivrsim help" for the commands and "ivrsim help exit-codes" for
// what its exit status means.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/ivrsim/ivrsim/results"
)

func main() {
	// Results say which ivrsim wrote them; tests leave the fixed default.
	results.Version = readBuildVersion().String()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := execute(ctx, os.Args[1:], newStdStreams())
	stop()
	os.Exit(code)
}
