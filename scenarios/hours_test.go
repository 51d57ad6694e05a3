package scenarios

import (
	"strings"
	"testing"
)

func TestParseHours(t *testing.T) {
	for _, tc := range []struct {
		in          string
		open, close float64
		err         string
	}{
		{"07:00-24:00", 7 * 3600, 86400, ""},
		{" 20:00 - 24:00 ", 20 * 3600, 86400, ""},
		{"00:00-14:30", 0, 14*3600 + 1800, ""},
		{"closed", 0, 0, ""},
		{"07:00", 0, 0, "write HH:MM-HH:MM"},
		{"24:00-07:00", 0, 0, "closes before it opens"},
		{"07:00-07:00", 0, 0, "closes before it opens"},
		{"7h-9h", 0, 0, "not a time of day"},
		{"07:60-09:00", 0, 0, "not a time of day"},
		{"24:01-24:02", 0, 0, "not a time of day"},
	} {
		open, close, err := ParseHours(tc.in)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("ParseHours(%q) error %v, want one saying %q", tc.in, err, tc.err)
		case tc.err == "" && err != nil:
			t.Errorf("ParseHours(%q): %v", tc.in, err)
		case tc.err == "" && (open != tc.open || close != tc.close):
			t.Errorf("ParseHours(%q) = %v, %v; want %v, %v", tc.in, open, close, tc.open, tc.close)
		}
	}
}

func FuzzParseHours(f *testing.F) {
	for _, s := range []string{"07:00-24:00", "closed", "", "-", "24:00-24:00", "9:5-10:7", "07:00-14:00-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		open, close, err := ParseHours(s)
		if err != nil {
			return
		}
		if open < 0 || close > 86400 || (close <= open && !(open == 0 && close == 0)) {
			t.Fatalf("ParseHours(%q) = %v, %v: not hours within a day", s, open, close)
		}
	})
}
