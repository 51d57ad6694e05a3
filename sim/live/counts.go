package live

// Counts are a live IVR's counters since it started, as its HTTP endpoint
// serves them. Times are model seconds.
type Counts struct {
	Offered        int64   `json:"offered"`
	Blocked        int64   `json:"blocked"`
	Active         int     `json:"active"`
	ActiveMax      int     `json:"active_max"`
	Waiting        int     `json:"waiting"`
	Queued         int64   `json:"queued"`
	WaitedOnJoin   int64   `json:"waited_on_join"`
	Answered       int64   `json:"answered"`
	WaitSum        float64 `json:"wait_sum"`
	Contained      int64   `json:"contained"`
	Resolved       int64   `json:"resolved"`
	Unresolved     int64   `json:"unresolved"`
	Ended          int64   `json:"ended"`
	IVRAbandoned   int64   `json:"ivr_abandoned"`
	QueueAbandoned int64   `json:"queue_abandoned"`
	Engaged        int64   `json:"engaged"`
	Transfers      int64   `json:"transfers"`
	DTMF           int64   `json:"dtmf_received"`
	IVRTime        float64 `json:"ivr_time_sum"`
}

func (c *Counts) count(out Outcome, k *call) {
	switch out {
	case OutcomeContained:
		c.Contained++
	case OutcomeResolved:
		c.Resolved++
	case OutcomeUnresolved:
		c.Unresolved++
	case OutcomeEnded:
		c.Ended++
	case OutcomeIVRAbandon:
		c.IVRAbandoned++
	case OutcomeQueueAbandon:
		c.QueueAbandoned++
	}
	if k.answered {
		c.Answered++
		c.WaitSum += k.wait
	}
	if k.engaged {
		c.Engaged++
	}
	c.Transfers += int64(k.transfers)
	c.DTMF += int64(k.digits)
	c.IVRTime += k.ivrTime
}
