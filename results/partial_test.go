package results

import (
	"strings"
	"testing"
)

// TestParseShardFromZero: a shard counted from 0, as batch systems number
// their jobs, is refused with the conversion.
func TestParseShardFromZero(t *testing.T) {
	_, err := ParseShard("0/4")
	if err == nil || !strings.Contains(err.Error(), "shards count from 1") || !strings.Contains(err.Error(), "--shard $((i+1))/4") {
		t.Errorf("0/4: %v", err)
	}
	if _, err := ParseShard("5/4"); err == nil || strings.Contains(err.Error(), "count from 1") {
		t.Errorf("5/4: %v", err)
	}
}
