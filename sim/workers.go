package sim

import "fmt"

// MaxWorkers is the most replications a run may have running at once.
const MaxWorkers = 4096

// CheckWorkers refuses a worker count outside 0 (one per CPU) to
// MaxWorkers.
func CheckWorkers(n int) error {
	if n < 0 || n > MaxWorkers {
		return fmt.Errorf("--workers %d: use 1 to %d, or 0 for one per CPU", n, MaxWorkers)
	}
	return nil
}
