package results

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"
)

// staffingWideHeader is the layout workforce-management tools import: one
// row per design, day, interval and agent group.
var staffingWideHeader = []string{"design", "day", "date", "weekday", "start", "group", "agents"}

// WriteStaffingWideCSV writes doc as a schedule a workforce-management
// tool imports: one row per design, simulated day, interval and agent
// group, with the agents staffed. The staffing is the same every day;
// date and weekday are filled when the scenario gives horizon.start, and
// empty otherwise.
func WriteStaffingWideCSV(w io.Writer, doc *StaffingDocument) error {
	var first time.Time
	if doc.StartDate != "" {
		t, err := time.Parse(time.DateOnly, doc.StartDate)
		if err != nil {
			return fmt.Errorf("start date %q: %w", doc.StartDate, err)
		}
		first = t
	}
	cw := csv.NewWriter(w)
	_ = cw.Write(staffingWideHeader)
	days := max(doc.Days, 1)
	for _, d := range doc.Designs {
		for day := range days {
			date, weekday := "", ""
			if !first.IsZero() {
				t := first.AddDate(0, 0, day)
				date, weekday = t.Format(time.DateOnly), t.Weekday().String()[:3]
			}
			for _, r := range d.Intervals {
				for _, g := range r.Groups {
					_ = cw.Write([]string{d.Name, strconv.Itoa(day + 1), date, weekday, r.Start, g.Name, strconv.Itoa(g.Agents)})
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
