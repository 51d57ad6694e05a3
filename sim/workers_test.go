package sim

import "testing"

func TestCheckWorkers(t *testing.T) {
	for n, ok := range map[int]bool{-1: false, 0: true, 1: true, MaxWorkers: true, MaxWorkers + 1: false} {
		if err := CheckWorkers(n); (err == nil) != ok {
			t.Errorf("%d workers: %v", n, err)
		}
	}
}
