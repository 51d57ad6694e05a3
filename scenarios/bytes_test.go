package scenarios

import "testing"

func TestParseBytes(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"2GiB", 2 << 30}, {"2 GiB", 2 << 30}, {"512MB", 512e6}, {"1g", 1 << 30}, {"1048576", 1 << 20}, {"1.5KiB", 1536},
		{"", -1}, {"0", -1}, {"-1GiB", -1}, {"1XB", -1}, {"1e300TiB", -1}, {"NaN", -1},
	}
	for _, tt := range tests {
		got, err := ParseBytes(tt.in)
		if tt.want < 0 && err == nil || tt.want >= 0 && (err != nil || got != tt.want) {
			t.Errorf("ParseBytes(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	for _, n := range []int64{1 << 20, 8 << 30, 1536} {
		if got, err := ParseBytes(FormatBytes(n)); err != nil || got != n {
			t.Errorf("ParseBytes(FormatBytes(%d)) = %d, %v", n, got, err)
		}
	}
}

// FuzzParseBytes: a size never panics; what parses is a positive size that
// fits an int64.
func FuzzParseBytes(f *testing.F) {
	for _, s := range []string{"2GiB", "512MB", "1g", "0", "-1", "1e300TiB", "NaN", "1.5 kib", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseBytes(s)
		if err == nil && n <= 0 {
			t.Fatalf("ParseBytes(%q) = %d", s, n)
		}
	})
}
