package cdr

import "time"

// Dates returns the first and the last date (midnight, UTC) on which the
// records arrived; both are zero when there are none.
func Dates(recs []Record) (first, last time.Time) {
	for i := range recs {
		t := recs[i].Arrival
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		if first.IsZero() || d.Before(first) {
			first = d
		}
		if d.After(last) {
			last = d
		}
	}
	return first, last
}

// ArrivedBetween returns, in their order, the records that arrived at from
// or later and before to. recs is not changed.
func ArrivedBetween(recs []Record, from, to time.Time) []Record {
	var out []Record
	for i := range recs {
		if a := recs[i].Arrival; !a.Before(from) && a.Before(to) {
			out = append(out, recs[i])
		}
	}
	return out
}
