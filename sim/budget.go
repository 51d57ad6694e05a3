package sim

// ExpectedFresh is the expected number of fresh contacts one replication
// of the plan offers over its horizon: the arrival profile summed over
// the days, with their factors (the busyness factors have mean 1).
// Redials and repeat contacts come on top. Commands use it to refuse a
// run far beyond what a machine can simulate before starting it.
func (p *Plan) ExpectedFresh() float64 {
	perDay := p.Layout.IntervalsPerDay()
	total := 0.0
	for d := range p.Layout.Days {
		day := 0.0
		for i := range perDay {
			day += p.rateOn(d, i)
		}
		total += day * p.dayFactors[d] * p.Layout.Interval
	}
	return total
}

// Customers is the size of the plan's customer base, 0 for a new
// customer per issue. The engine keeps state per customer.
func (p *Plan) Customers() int { return p.customers }
