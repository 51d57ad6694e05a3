package cdr

import (
	"testing"
	"time"
)

func at(s string) Record {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return Record{Arrival: t}
}

// TestDates: the first and last dates are midnights, whatever the order
// of the records; none gives zero times.
func TestDates(t *testing.T) {
	recs := []Record{at("2024-03-05 09:00"), at("2024-03-04 23:59"), at("2024-03-07 00:00"), at("2024-03-06 12:00")}
	first, last := Dates(recs)
	if first != time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC) || last != time.Date(2024, 3, 7, 0, 0, 0, 0, time.UTC) {
		t.Errorf("Dates = %v, %v", first, last)
	}
	if first, last := Dates(nil); !first.IsZero() || !last.IsZero() {
		t.Errorf("no records: %v, %v", first, last)
	}
}

// TestArrivedBetween: from is included, to is not, the order is kept and
// the input is left alone.
func TestArrivedBetween(t *testing.T) {
	recs := []Record{at("2024-03-04 08:30"), at("2024-03-04 08:00"), at("2024-03-04 07:59"), at("2024-03-04 09:00"), at("2024-03-04 08:59")}
	got := ArrivedBetween(recs, recs[1].Arrival, recs[3].Arrival)
	if len(got) != 3 || got[0].Arrival != recs[0].Arrival || got[1].Arrival != recs[1].Arrival || got[2].Arrival != recs[4].Arrival {
		t.Errorf("ArrivedBetween = %v", got)
	}
	if len(recs) != 5 || recs[2].Arrival.Hour() != 7 {
		t.Errorf("the records changed: %v", recs)
	}
}
