package main

import "context"

// interruptible runs work, a long computation that does not watch ctx
// itself (a model fit), and returns its error, or ctx's error as soon as
// ctx is cancelled. The work then goes on unobserved until the process
// exits, which it does at once: the command returns exit 130 and writes
// nothing.
func interruptible(ctx context.Context, work func() error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	type result struct {
		err   error
		panic any
	}
	done := make(chan result, 1)
	go func() {
		// A panic here would end the process with Go's exit 2, the code
		// of a user error: it is carried back and raised again in the
		// caller, where execute reports it as an internal error.
		defer func() {
			if r := recover(); r != nil {
				done <- result{panic: r}
			}
		}()
		done <- result{err: work()}
	}()
	select {
	case r := <-done:
		if r.panic != nil {
			panic(r.panic)
		}
		return r.err
	case <-ctx.Done():
		return ctx.Err()
	}
}
