package sim

// overflowHeap is a 4-ary min-heap of events held by value: no allocation
// per event and no interface calls. The event calendar keeps in one the
// events beyond its window or with no room left in their bucket.
type overflowHeap struct {
	h []event
}

func (q *overflowHeap) len() int { return len(q.h) }

// push adds an event.
func (q *overflowHeap) push(e event) {
	h := append(q.h, e)
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) >> 2
		if !before(&e, &h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = e
	q.h = h
}

// pop removes and returns the earliest event. The queue must not be empty.
func (q *overflowHeap) pop() event {
	h := q.h
	top := h[0]
	n := len(h) - 1
	last := h[n]
	h = h[:n]
	if n > 0 {
		i := 0
		for {
			c := 4*i + 1
			if c >= n {
				break
			}
			m := c
			for j := c + 1; j < min(c+4, n); j++ {
				if before(&h[j], &h[m]) {
					m = j
				}
			}
			if !before(&h[m], &last) {
				break
			}
			h[i] = h[m]
			i = m
		}
		h[i] = last
	}
	q.h = h
	return top
}

// top is the earliest event. The queue must not be empty.
func (q *overflowHeap) top() *event { return &q.h[0] }
