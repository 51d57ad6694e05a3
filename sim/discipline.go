package sim

// Queue discipline with head starts. A segment's head start orders its
// callers as if they had already waited that long when they joined: within
// a priority level the queue serves the caller whose wait plus head start
// is longest. Callers of one head start join in order of arrival, so each
// head start keeps a FIFO of its own (a lane) and the next caller is the
// lane head that joined earliest once its head start is taken off. Levels
// without head starts keep their single ring and cost nothing more.

// lane is the FIFO of one priority level's callers with one head start.
type lane struct {
	head float64
	ring
}

// pushHead queues e at level with a head start of head seconds.
func (q *agentQueue) pushHead(level int, head float64, e queueEntry) {
	if head <= 0 {
		q.push(level, e)
		return
	}
	for len(q.levels) <= level {
		q.levels = append(q.levels, ring{})
	}
	for len(q.lanes) <= level {
		q.lanes = append(q.lanes, nil)
	}
	ls := q.lanes[level]
	i := 0
	for i < len(ls) && ls[i].head != head {
		i++
	}
	if i == len(ls) {
		q.lanes[level] = append(ls, lane{head: head})
	}
	q.lanes[level][i].push(e)
	q.live++
}

// live reports whether entry e still waits.
func (e *engine) liveEntry(qe queueEntry) bool {
	return e.contacts[qe.slot].waitTok == qe.tok
}

// front drops stale entries at the head of r and reports whether a live
// one is left.
func (e *engine) front(r *ring) bool {
	for r.n > 0 {
		if e.liveEntry(r.buf[r.head]) {
			return true
		}
		r.pop()
	}
	return false
}

// nextAtLevel pops the next caller of a level that has head-start lanes:
// the live head whose join time less head start is earliest; on a tie the
// larger head start goes first.
func (e *engine) nextAtLevel(gs *groupState, l int) (int32, bool) {
	var best *ring
	bestT := 0.0
	if r := &gs.queue.levels[l]; e.front(r) {
		best, bestT = r, e.contacts[r.buf[r.head].slot].waitStart
	}
	ls := gs.queue.lanes[l]
	for i := range ls {
		r := &ls[i].ring
		if !e.front(r) {
			continue
		}
		if t := e.contacts[r.buf[r.head].slot].waitStart - ls[i].head; best == nil || t <= bestT {
			best, bestT = r, t
		}
	}
	if best == nil {
		return 0, false
	}
	return best.pop().slot, true
}
