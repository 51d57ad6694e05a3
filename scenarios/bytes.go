package scenarios

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParseBytes reads a size such as 4GiB, 512MB, 2G or 1048576: binary units
// with or without the i (k, m, g, t), decimal ones with B (KB, MB, GB, TB),
// in any case. A size is at least one byte and fits an int64. It reads
// what FormatBytes writes for a KiB or more.
func ParseBytes(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := len(t)
	for i > 0 && (t[i-1] < '0' || t[i-1] > '9') {
		i--
	}
	num, unit := strings.TrimSpace(t[:i]), strings.ToLower(strings.TrimSpace(t[i:]))
	scale, ok := map[string]float64{
		"": 1, "b": 1,
		"k": 1 << 10, "kb": 1e3, "kib": 1 << 10,
		"m": 1 << 20, "mb": 1e6, "mib": 1 << 20,
		"g": 1 << 30, "gb": 1e9, "gib": 1 << 30,
		"t": 1 << 40, "tb": 1e12, "tib": 1 << 40,
	}[unit]
	v, err := strconv.ParseFloat(num, 64)
	if !ok || err != nil || math.IsNaN(v) || v*scale < 1 || v*scale > 1<<62 {
		return 0, fmt.Errorf("give a size such as 8GiB or 512MB")
	}
	return int64(v * scale), nil
}
