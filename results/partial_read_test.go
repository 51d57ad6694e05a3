package results

import (
	"strings"
	"testing"
)

func TestDecodePartial(t *testing.T) {
	p, err := DecodePartial([]byte(`{"kind": "partial", "shard": {"index": 1, "count": 2}}`+"\n"), "part-1.json")
	if err != nil || p.Kind != "partial" || p.Shard != (ShardID{1, 2}) || p.Source != "part-1.json" {
		t.Fatalf("got %+v, %v", p, err)
	}
	for data, want := range map[string]string{
		`{"kind": "partial", "units": {}}`: `part.json: not a partial result of ivrsim run --shard: json: unknown field "units"`,
		`{"kind": "partial"} {}`:           "data after the end of the JSON value at byte 21; the file holds one result",
		`[`:                                "not a partial result",
	} {
		if _, err := DecodePartial([]byte(data), "part.json"); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v; want %q", data, err, want)
		}
	}
}

func TestShardVersions(t *testing.T) {
	part := func(version, source string) *Partial {
		return &Partial{IvrsimVersion: version, Source: source}
	}
	v, mixed := ShardVersions([]*Partial{part("v1", "a"), part("v1", "b")})
	if v != "v1" || mixed != nil {
		t.Errorf("one version: %q, %q", v, mixed)
	}
	v, mixed = ShardVersions([]*Partial{part("v2", "a"), part("", "b"), part("v2", "c"), part("v1", "d")})
	want := []string{"an unrecorded version (b)", "v1 (d)", "v2 (a, c)"}
	if v != "" || strings.Join(mixed, "; ") != strings.Join(want, "; ") {
		t.Errorf("three versions: %q, %q; want %q", v, mixed, want)
	}
}
