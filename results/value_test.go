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

func FuzzParseShare(f *testing.F) {
	for _, s := range []string{"5%", "0.05", "1", "100%", "0", "-1", "1e309", "NaN", " 7 % ", "5pp", "%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseShare(s)
		if err != nil {
			return
		}
		if !(v > 0 && v <= 1) {
			t.Fatalf("ParseShare(%q) = %v, outside (0, 1]", s, v)
		}
	})
}
