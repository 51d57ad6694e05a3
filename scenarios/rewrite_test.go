package scenarios

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestSetStaffing(t *testing.T) {
	files, err := BuiltinFiles("bank")
	if err != nil {
		t.Fatal(err)
	}
	bank := files["bank.yaml"]
	staffing := make([]int, 34)
	for i := range staffing {
		staffing[i] = 10 + i
	}
	out, err := SetStaffing(bank, StaffingEdit{Groups: map[string][]int{"agents": staffing}, Lines: 20, SetLines: true})
	if err != nil {
		t.Fatal(err)
	}
	// Everything but the staffing list and the lines value is kept.
	before, after := strings.Split(string(bank), "\n"), strings.Split(string(out), "\n")
	for _, l := range before {
		if strings.Contains(l, "staffing") || strings.HasPrefix(strings.TrimSpace(l), "6, 6, 5") || strings.HasPrefix(strings.TrimSpace(l), "4, 4, 5") || strings.HasPrefix(strings.TrimSpace(l), "3, 3, 3") || strings.HasPrefix(l, "lines:") {
			continue
		}
		if !slices.Contains(after, l) {
			t.Errorf("line lost: %q", l)
		}
	}
	if !strings.Contains(string(out), "lines: 20                    # [AB] README: 6 VRUs") {
		t.Errorf("the lines comment was not kept")
	}
	sc, err := load(fsReaderWith(files, "bank.yaml", out), "bank.yaml", ".", "bank.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sc.Agents[0].Staffing, staffing) || sc.Lines != 20 {
		t.Errorf("read back staffing %v lines %d", sc.Agents[0].Staffing, sc.Lines)
	}
}

func TestSetStaffingCountAndRate(t *testing.T) {
	cases := []struct{ in, want string }{
		{"arrivals:\n  rate: 100/min   # constant\nagents:\n  team:\n    count: 5   # all day\n",
			"arrivals:\n  interval: 30m\n  profile: [3000, 3000]   # constant\nagents:\n  team:\n    staffing: [4, 6]   # all day\n"},
		{"arrivals: {rate: 100/min}\nagents:\n  team: {skills: [a], count: 5}\nlines: 9\n",
			"arrivals: {interval: 30m, profile: [3000, 3000]}\nagents:\n  team: {skills: [a], staffing: [4, 6]}\nlines: 9\n"},
		{"arrivals: {rate: 100/min}\nagents:\n  team:\n    staffing:\n      - 1\n      - 2\n",
			"arrivals: {interval: 30m, profile: [3000, 3000]}\nagents:\n  team:\n    staffing: [4, 6]\n"},
	}
	for _, c := range cases {
		out, err := SetStaffing([]byte(c.in), StaffingEdit{Groups: map[string][]int{"team": {4, 6}}, Interval: "30m", Profile: []float64{3000, 3000}})
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if string(out) != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.in, out, c.want)
		}
	}
}

func TestSetStaffingErrors(t *testing.T) {
	for _, in := range []string{"", "- a\n", "agents: {}\n", "agents:\n  team: {skills: [a]}\n", "agents:\n  other: {count: 1}\n"} {
		if _, err := SetStaffing([]byte(in), StaffingEdit{Groups: map[string][]int{"team": {1}}}); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

func FuzzSetStaffing(f *testing.F) {
	for _, s := range []string{
		"agents:\n  team:\n    count: 5\n",
		"agents: {team: {count: 5}}\nlines: 3\n",
		"agents:\n  team:\n    staffing: [1, 2,\n               3]\n",
		"agents:\n  team:\n    staffing:\n    - 1\n    - 2\n",
		"arrivals: {rate: '100/min'}\nagents:\n  team: {count: \"5\"}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// SetStaffing checks what it wrote reads back; it must never
		// panic, and never return text that does not.
		_, _ = SetStaffing(data, StaffingEdit{Groups: map[string][]int{"team": {1, 2}}, Lines: 4, SetLines: true})
	})
}

// fsReaderWith reads files, with name replaced by data.
func fsReaderWith(files map[string][]byte, name string, data []byte) reader {
	m := fstest.MapFS{}
	for p, b := range files {
		m[p] = &fstest.MapFile{Data: b}
	}
	m[name] = &fstest.MapFile{Data: data}
	return fsReader{m}
}
