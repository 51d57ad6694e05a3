package live

import "time"

// groupQueue is an agent group in real time: agents busy, callers waiting
// in order of arrival (transferred callers ahead of first-time ones, as in
// the engine). Guarded by the IVR's mutex.
type groupQueue struct {
	busy    int
	waiting []*waiter
	live    int // waiting entries not yet gone
}

// waiter is a caller holding a place in a queue.
type waiter struct {
	assigned chan struct{} // closed when an agent takes the call
	taken    bool
	gone     bool
	boosted  bool
}

// join puts a caller in group g's queue, or gives them a free agent at once
// (w == nil). It returns the caller's position and the agents on duty.
func (v *IVR) join(g int, boosted bool) (w *waiter, position, staffed int) {
	v.mu.Lock()
	defer v.mu.Unlock()
	gs := &v.groups[g]
	staffed = v.cfg.Plan.AgentsAt(g, v.modelNow())
	v.stats.Queued++
	if gs.busy < staffed && gs.live == 0 {
		gs.busy++
		return nil, 0, staffed
	}
	v.stats.WaitedOnJoin++
	w = &waiter{assigned: make(chan struct{}), boosted: boosted}
	i := len(gs.waiting)
	if boosted {
		for i > 0 && !gs.waiting[i-1].boosted {
			i--
		}
	}
	gs.waiting = append(gs.waiting, nil)
	copy(gs.waiting[i+1:], gs.waiting[i:])
	gs.waiting[i] = w
	gs.live++
	position = 0
	for _, o := range gs.waiting[:i+1] {
		if !o.gone {
			position++
		}
	}
	return w, position, staffed
}

// leave takes a waiter out of the queue; false means an agent took the
// call first (the caller must then be served or the agent freed).
func (v *IVR) leave(g int, w *waiter) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	if w.taken {
		return false
	}
	w.gone = true
	v.groups[g].live--
	return true
}

// free ends an agent's conversation; the agent takes the next caller after
// wrap-up (model seconds).
func (v *IVR) free(g int, wrapup float64) {
	release := func() {
		v.mu.Lock()
		defer v.mu.Unlock()
		v.groups[g].busy--
		v.dispatch(g)
	}
	if wrapup > 0 {
		time.AfterFunc(scaled(wrapup, v.cfg.Scale), release)
		return
	}
	release()
}

// dispatch hands waiting callers to free agents of group g; the IVR's
// mutex is held.
func (v *IVR) dispatch(g int) {
	gs := &v.groups[g]
	staffed := v.cfg.Plan.AgentsAt(g, v.modelNow())
	for gs.busy < staffed && len(gs.waiting) > 0 {
		w := gs.waiting[0]
		gs.waiting[0] = nil
		gs.waiting = gs.waiting[1:]
		if w.gone {
			continue
		}
		w.taken = true
		gs.live--
		gs.busy++
		close(w.assigned)
	}
}
