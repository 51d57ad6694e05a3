package sim

import (
	"fmt"
	"runtime/debug"
)

// InternalError is a panic in a replication, recovered in its goroutine
// and returned as an error: a panic there would otherwise end the process
// with Go's exit status 2, which ivrsim's callers read as their own
// mistake. It is a bug in ivrsim.
type InternalError struct {
	Value any
	Stack []byte
}

func (e *InternalError) Error() string {
	return fmt.Sprintf("internal error (a bug in ivrsim; please report it with the command line): %v\n%s", e.Value, e.Stack)
}

// recoverInto turns a panic into an *InternalError in *err; it is
// deferred at the top of every goroutine the engine starts.
func recoverInto(err *error) {
	if r := recover(); r != nil {
		*err = &InternalError{Value: r, Stack: debug.Stack()}
	}
}
