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
	"github.com/ivrsim/ivrsim/results/outfile"
)

func main() {
	// Results say which ivrsim wrote them; tests leave the fixed default.
	results.Version = readBuildVersion().String()
	// Reading the umask sets it for an instant: done here, before any
	// goroutine creates a file.
	outfile.CurrentUmask()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first Ctrl-C asks for a clean stop; once it has, the signals get
	// their default action back, so a second one ends ivrsim whatever it
	// is waiting for.
	go func() {
		<-ctx.Done()
		stop()
	}()
	code := execute(ctx, os.Args[1:], newStdStreams())
	stop()
	os.Exit(code)
}
