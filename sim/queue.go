package sim

// queueEntry is a contact waiting in a group's queue. The token lets a
// contact leave the queue (abandon, be contained by the virtual agent)
// without a search: its entry goes stale and is skipped when it reaches the
// head.
type queueEntry struct {
	slot int32
	tok  uint32
}

// ring is a FIFO of queue entries in a growable circular buffer.
type ring struct {
	buf  []queueEntry
	head int
	n    int
}

func (r *ring) push(e queueEntry) {
	if r.n == len(r.buf) {
		nb := make([]queueEntry, max(16, 2*len(r.buf)))
		for i := range r.n {
			nb[i] = r.buf[(r.head+i)%len(r.buf)]
		}
		r.buf, r.head = nb, 0
	}
	r.buf[(r.head+r.n)%len(r.buf)] = e
	r.n++
}

func (r *ring) pop() queueEntry {
	e := r.buf[r.head]
	r.head++
	if r.head == len(r.buf) {
		r.head = 0
	}
	r.n--
	return e
}

// agentQueue is one group's queue: FCFS within priority level, highest
// level first.
type agentQueue struct {
	levels []ring // by priority level
	// lanes hold, by priority level, the callers with a head start (see
	// discipline.go); nil when no segment has one.
	lanes [][]lane
	live  int // contacts really waiting (stale entries excluded)
}

func (q *agentQueue) push(level int, e queueEntry) {
	for len(q.levels) <= level {
		q.levels = append(q.levels, ring{})
	}
	q.levels[level].push(e)
	q.live++
}
