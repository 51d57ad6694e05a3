package results

import "testing"

func TestFormatShare(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0%", 1: "100%", 0.8884: "88.84%", 0.00001234: "0.0012%", 0.99999: "99.9990%",
		1 - 1e-12: "99.9999999999%", 0.5: "50.00%",
	} {
		if got := formatShare(v); got != want {
			t.Errorf("formatShare(%g) = %q, want %q", v, got, want)
		}
		if v < 1 && formatShare(v) == "100%" {
			t.Errorf("formatShare(%g) rounds to 100%%", v)
		}
	}
	for v, want := range map[float64]string{0: "0 s", 0.0123: "0.0123 s", 7.84: "7.8 s", 754.4: "754 s (12m34s)"} {
		if got := formatWait(v); got != want {
			t.Errorf("formatWait(%g) = %q, want %q", v, got, want)
		}
	}
}
