package results

import "testing"

func TestParseShare(t *testing.T) {
	good := map[string]float64{"0.05": 0.05, "5%": 0.05, " 20 % ": 0.2, "1": 1, "100%": 1, "1e-3": 0.001}
	for in, want := range good {
		got, err := ParseShare(in)
		if err != nil || got != want {
			t.Errorf("ParseShare(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "0%", "-5%", "1.5", "101%", "5pp", "0.1 junk", "NaN", "Inf", "%"} {
		if v, err := ParseShare(in); err == nil {
			t.Errorf("ParseShare(%q) = %v, want an error", in, v)
		}
	}
}
