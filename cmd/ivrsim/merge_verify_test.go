package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// shardFiles runs scenario in two shards and returns their paths.
func shardFiles(t *testing.T, dir, scenario string, extra ...string) []string {
	t.Helper()
	var paths []string
	for i := 1; i <= 2; i++ {
		p := filepath.Join(dir, scenario+"-part-"+itoa(i)+".json")
		args := append([]string{"run", scenario, "--reps", "4", "--seed", "5", "--shard", itoa(i) + "/2", "--out", p}, extra...)
		if code, _, errs := cli(t, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		paths = append(paths, p)
	}
	return paths
}

// TestMergeVerifiesShards: shards of real runs pass the consistency
// checks; a shard edited in any of the ways below is refused with exit 2,
// naming the file, and nothing is written.
func TestMergeVerifiesShards(t *testing.T) {
	dir := t.TempDir()
	for _, sc := range []string{"erlang-a", "telco"} {
		parts := shardFiles(t, dir, sc, "--set", "horizon.days=2")
		if code, _, errs := cli(t, append([]string{"merge"}, parts...)...); code != 0 {
			t.Fatalf("%s: real shards refused: %s", sc, errs)
		}
	}
	parts := shardFiles(t, dir, "bank", "--set", "horizon.days=2")
	raw, err := os.ReadFile(parts[0])
	if err != nil {
		t.Fatal(err)
	}
	design := func(m map[string]any) map[string]any { return m["designs"].([]any)[0].(map[string]any) }
	rep := func(m map[string]any) map[string]any { return design(m)["reps"].([]any)[0].(map[string]any) }
	offered := 0 // "offered" is the first metric
	tests := []struct {
		name string
		edit func(m map[string]any) []byte // nil result: marshal m
		want string
	}{
		{"negative calls", func(m map[string]any) []byte { rep(m)["calls"] = -1; return nil }, "calls -1 is negative"},
		{"negative offered", func(m map[string]any) []byte { rep(m)["total"].([]any)[offered] = -5; return nil }, "offered -5 is impossible"},
		{"offered not the days' sum", func(m map[string]any) []byte {
			tot := rep(m)["total"].([]any)
			tot[offered] = tot[offered].(float64) - 1
			return nil
		}, "not the sum of its days"},
		{"a share above one", func(m map[string]any) []byte { rep(m)["total"].([]any)[2] = 1.5; return nil }, "abandon_rate 1.5 is impossible"},
		{"a fractional count", func(m map[string]any) []byte { rep(m)["days"].([]any)[0].([]any)[offered] = 2.5; return nil }, "offered 2.5 is impossible"},
		{"int64-max histogram count", func(m map[string]any) []byte {
			return []byte(strings.Replace(string(mustJSON(t, m)), `"wait_histogram":[`, `"wait_histogram":[[1,9223372036854775807],`, 1))
		}, "wait_histogram"},
		{"negative histogram count", func(m map[string]any) []byte {
			design(m)["ttr_histogram"] = []any{[]any{5, -3}}
			return nil
		}, "count -3 at index 5 is negative"},
		{"more resolved than offered", func(m map[string]any) []byte {
			design(m)["ttr_histogram"] = []any{[]any{5, 1e12}}
			return nil
		}, "more than the"},
		{"trailing garbage", func(m map[string]any) []byte { return append(mustJSON(t, m), []byte("}garbage")...) }, "data after the end"},
		{"a second document", func(m map[string]any) []byte { b := mustJSON(t, m); return append(b, b...) }, "data after the end"},
		{"wrong replication", func(m map[string]any) []byte { rep(m)["rep"] = 1; return nil }, "not this shard's"},
		{"too many shards", func(m map[string]any) []byte { m["shard"] = map[string]any{"index": 1, "count": 1e9}; return nil }, "is not a shard"},
		{"20000 flow nodes", func(m map[string]any) []byte {
			nodes := make([]any, 20000)
			for i := range nodes {
				nodes[i] = "n" + itoa(i)
			}
			design(m)["flows"] = map[string]any{"nodes": nodes, "counts": []any{}}
			return nil
		}, "20000 nodes; at most"},
		{"flow counts of the wrong shape", func(m map[string]any) []byte {
			design(m)["flows"].(map[string]any)["counts"] = []any{1, 2, 3}
			return nil
		}, "3 counts for"},
		{"a control character in a name", func(m map[string]any) []byte { design(m)["name"] = "x\x1b[31m"; return nil }, "control characters"},
		{"a bad layout", func(m map[string]any) []byte { m["layout"].(map[string]any)["interval"] = 7; return nil }, "does not divide a day"},
	}
	for _, tt := range tests {
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		data := tt.edit(m)
		if data == nil {
			data = mustJSON(t, m)
		}
		bad := filepath.Join(dir, "edited.json")
		if err := os.WriteFile(bad, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "merged.json")
		_ = os.Remove(out)
		code, _, errs := cli(t, "merge", bad, parts[1], "--out", out)
		if code != exitUsage || !strings.Contains(errs, tt.want) || !strings.Contains(errs, bad) {
			t.Errorf("%s: exit %d, stderr %q; want 2, %q and the file name", tt.name, code, errs, tt.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: output written", tt.name)
		}
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
