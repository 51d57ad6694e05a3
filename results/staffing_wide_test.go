package results

import (
	"strings"
	"testing"
)

func TestWriteStaffingWideCSV(t *testing.T) {
	design := StaffingDesign{
		Name: "va", Groups: []string{"general", "experts"},
		Intervals: []StaffingInterval{
			{Start: "08:00", Agents: 5, Groups: []GroupStaffing{{Name: "general", Agents: 3}, {Name: "experts", Agents: 2}}},
			{Start: "08:30", Agents: 7, Groups: []GroupStaffing{{Name: "general", Agents: 4}, {Name: "experts", Agents: 3}}},
		},
	}
	cases := []struct {
		name string
		doc  StaffingDocument
		want string
	}{
		{"dated", StaffingDocument{Days: 2, StartDate: "2026-12-06", Designs: []StaffingDesign{design}}, `design,day,date,weekday,start,group,agents
va,1,2026-12-06,Sun,08:00,general,3
va,1,2026-12-06,Sun,08:00,experts,2
va,1,2026-12-06,Sun,08:30,general,4
va,1,2026-12-06,Sun,08:30,experts,3
va,2,2026-12-07,Mon,08:00,general,3
va,2,2026-12-07,Mon,08:00,experts,2
va,2,2026-12-07,Mon,08:30,general,4
va,2,2026-12-07,Mon,08:30,experts,3
`},
		{"undated", StaffingDocument{Days: 1, Designs: []StaffingDesign{design}}, `design,day,date,weekday,start,group,agents
va,1,,,08:00,general,3
va,1,,,08:00,experts,2
va,1,,,08:30,general,4
va,1,,,08:30,experts,3
`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b strings.Builder
			if err := WriteStaffingWideCSV(&b, &c.doc); err != nil {
				t.Fatal(err)
			}
			if b.String() != c.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), c.want)
			}
		})
	}
	var b strings.Builder
	if err := WriteStaffingWideCSV(&b, &StaffingDocument{StartDate: "06/12/2026"}); err == nil {
		t.Error("a malformed start date was accepted")
	}
}
