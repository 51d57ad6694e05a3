package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// badInput is one mistake, careless or hostile: the command line (with @
// standing for the folder holding the catalogue's files), the exit code,
// a fragment the message must hold, and fragments it must never hold.
type badInput struct {
	args   string
	code   int
	want   string
	banned []string
}

// badInputs is the catalogue. Every case must exit with its code, say
// what is wrong, print nothing on standard output, and leave every file
// as it was: nothing written, no input replaced, no temporary file left.
var badInputs = []badInput{
	// Outputs that would destroy an input or each other.
	{"run @/sc/good.yaml --format json --out @/sc/good.yaml", 2, "is the same file as the scenario", nil},
	{"run @/sc/good.yaml --out @/sc/flows/ok.yaml", 2, "is the same file as the flow file", nil},
	{"run @/sc/good.yaml --out @/link.yaml", 2, "is the same file as the scenario", nil},
	{"run @/sc/good.yaml --out @/sc/../sc/good.yaml", 2, "is the same file as the scenario", nil},
	{"run @/sc/good.yaml --out @/r.json --report @/r.json", 2, "both name the same file", nil},
	{"run @/sc/good.yaml --out @/t.jsonl --trace @/./t.jsonl", 2, "both name the same file", nil},
	{"run @/sc/good.yaml --out @/sc", 2, "it is a directory", nil},
	{"run @/sc/good.yaml --out @/nofolder/r.json", 2, "does not exist; create it first", nil},
	{"run @/sc/good.yaml -o json", 2, "use --format json", nil},
	{"run @/sc/good.yaml --report @/dangling", 2, "symbolic link to nothing", nil},
	{"check @/sc/good.yaml --threshold 'asa < 1m' --junit @/sc/good.yaml", 2, "is the same file as the scenario", nil},
	{"check @/sc/good.yaml --threshold 'asa < 1m' --out @/r.json --summary-md @/r.json", 2, "both name the same file", nil},
	{"check @/sc/good.yaml --threshold 'asa < 1m' --junit -", 2, "name a file", nil},
	{"check @/sc/good.yaml --baseline @/notjson.json --tolerance asa=1s --out @/notjson.json", 2, "is the same file as --baseline", nil},
	{"fit @/records/calls.csv --map @/records/acd.yaml -o @/records/calls.csv", 2, "is the same file as the call records", nil},
	{"fit @/records/calls.csv --map @/records/acd.yaml -o @/records/acd.yaml", 2, "is the same file as --map", nil},
	{"fit @/records/calls.csv --map @/records/acd.yaml -o @/f.yaml --summary @/f.yaml", 2, "both name the same file", nil},
	{"backtest @/records/calls.csv @/sc/good.yaml --map @/records/acd.yaml -o @/sc/good.yaml", 2, "is the same file as the scenario", nil},
	{"backtest @/records/calls.csv @/sc/good.yaml --map @/records/acd.yaml -o @/records/calls.csv", 2, "is the same file as the call records", nil},
	{"merge @/shard-1.json @/shard-2.json -o @/shard-1.json", 2, "is the same file as the shard", nil},
	{"report @/notjson.json -o @/notjson.json", 2, "is the same file as the results file", nil},
	{"staff @/sc/good.yaml --target 'asa <= 1m' -o @/sc/good.yaml", 2, "is the same file as the scenario", nil},
	{"staff @/sc/good.yaml --target 'asa <= 1m' --write-scenario @/sc/flows/ok.yaml", 2, "is the same file as the flow file", nil},
	{"schema --out @/nofolder/x.json", 2, "does not exist", nil},
	{"schema -o yaml", 2, "use --format yaml", nil},

	// Files that are not files, and files too large.
	{"run /dev/zero", 2, "it is a device", nil},
	{"run @/pipe.yaml", 2, "it is a named pipe", nil},
	{"run @/sc/fifo-flow.yaml", 2, "it is a named pipe", nil},
	{"validate @/big.yaml", 2, "at most 8 MiB", nil},
	{"fit /dev/zero", 2, "it is a device", nil},
	{"fit @/pipe.csv", 2, "it is a named pipe", nil},
	{"fit @/sc", 2, "it is a directory", nil},
	{"fit @/longline.csv", 2, "longer than 64 KiB", []string{"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}},
	{"fit @/wideheader.csv", 2, "and 971 more", []string{"column-999"}},
	{"fit @/records/calls.csv --map /dev/zero", 2, "it is a device", nil},
	{"fit @/records/calls.csv --map @/big.yaml", 2, "a mapping file is at most 1 MiB", nil},
	{"backtest /dev/zero @/sc/good.yaml", 2, "it is a device", nil},
	{"merge /dev/zero", 2, "it is a device", nil},
	{"merge @/pipe.yaml", 2, "it is a named pipe", nil},
	{"report /dev/zero", 2, "it is a device", nil},
	{"check @/sc/good.yaml --baseline /dev/zero --tolerance asa=1s", 2, "it is a device", nil},

	// Scenarios that reach outside their folder or carry control
	// characters; secrets are never quoted.
	{"validate @/sc/escape.yaml", 2, "outside the scenario's folder", nil},
	{"validate @/sc/leak.yaml", 2, "outside the scenario's folder", []string{"SECRET"}},
	{"validate @/sc/leak.yaml --allow-outside", 2, "not a flow file", []string{"SECRET"}},
	{"validate @/sc/notflow.yaml", 2, "not a flow file", []string{"SECRET"}},
	{"validate @/abs.yaml", 2, "is an absolute path", nil},
	{"run @/sc/ctrl-name.yaml", 2, "control character U+001B", []string{"\x1b"}},
	{"check @/sc/forged.yaml --threshold 'asa < 1m'", 2, "control character U+000A", []string{"\n✓"}},
	{"validate @/sc/good.yaml --set 'name=\"\\e[2J\"'", 2, "control character", []string{"\x1b"}},
	{"validate @/sc/not-utf8.yaml", 2, "not UTF-8", nil},
	{"validate @/sc/two-docs.yaml", 2, "a second YAML document", nil},
	{"validate @/sc/syntax.yaml", 2, "invalid YAML", nil},
	{"validate @/sc/missing.yaml", 2, "no such file", nil},

	// Absurd sizes.
	{"run @/sc/huge-duration.yaml", 2, "longer than a year", nil},
	{"run @/sc/inf-rate.yaml", 2, "more than 1e+06 a second", nil},
	{"run @/sc/customers.yaml --workers 2", 2, "more than --max-memory", nil},
	{"run @/sc/good.yaml --set arrivals.rate=100/s --set horizon.days=366", 2, "more than --max-events", nil},
	{"run @/sc/good.yaml --max-memory lots", 2, "--max-memory \"lots\"", nil},
	{"run @/sc/good.yaml --max-events 1e999", 2, "--max-events", nil},
	{"run @/sc/good.yaml --sweep agents.team.count=1,2,3,4,5,6,7,8,9,10 --sweep arrivals.rate=1/s,2/s,3/s,4/s,5/s,6/s,7/s,8/s,9/s,10/s --sweep warmup=1s,2s,3s,4s,5s,6s,7s,8s,9s,10s,11s", 2, "more than 1000 points", nil},
	{"run @/sc/good.yaml --shard 1/1000000", 2, "at most 100000 shards", nil},
	{"run @/sc/lines0.yaml", 2, "0 lines would let no call in", nil},
	{"run @/sc/good.yaml --set 'horizon.days=1\n---\nx: 1'", 2, "a second YAML document", nil},

	// Flags and arguments.
	{"run @/sc/good.yaml --seed -1", 2, "--seed \"-1\": give a whole number of 0 or more", []string{"strconv"}},
	{"run @/sc/good.yaml extra", 2, "accepts at most 1 arg", nil},
	{"runn", 2, "did you mean run?", nil},
	{"run @/sc/good.yaml --nope", 2, "unknown flag: --nope", nil},
	{"run @/sc/good.yaml --format xml", 2, "--format \"xml\"", nil},
	{"run @/sc/good.yaml --reps 0", 2, "--reps \"0\"", nil},
	{"run @/sc/good.yaml --shard 0/4", 2, "--shard \"0/4\"", nil},
	{"run @/sc/good.yaml --precision asa=2s", 2, "--precision needs --reps auto", nil},
	{"run @/sc/good.yaml --reps auto --precision asa=-1s", 2, "must be a positive value", nil},
	{"fit @/records/calls.csv --column nope=X", 2, "unknown canonical column", nil},
	{"fit @/records/calls.csv --value outcome=served", 2, "--value", nil},
	{"fit @/records/calls.csv --map @/records/bad-map.yaml", 2, "arival", nil},
	{"fit @/records/empty.csv", 2, "the file is empty", nil},
	{"fit @/records/malformed.csv", 2, "malformed", nil},
	{"backtest @/records/calls.csv @/sc/good.yaml --map @/records/acd.yaml --format xml", 2, "--format \"xml\"", nil},
	{"staff @/sc/good.yaml", 2, "at least one --target", nil},
	{"scenarios copy nope @/copy", 2, "no built-in scenario", nil},
	{"scenarios copy erlang-a @/existing", 2, "already exists", nil},
	{"scenarios copy erlang-a @/notjson.json", 2, "cannot copy to", nil},
	{"scenarios copy bank @/notjson.json/sub", 2, "cannot copy to", nil},
	{"erlang b --load -1 --lines 2", 2, "--load", nil},
	{"report @/a.json @/b.json", 2, "give one results file", nil},

	// Results files that are not results, or not whole.
	{"report @/notjson.json", 2, "@/notjson.json", nil},
	{"report @/shard-1.json", 2, "partial result of one shard", nil},
	{"check @/sc/good.yaml --baseline @/nodesigns.json --tolerance asa=1s", 2, "no designs", nil},
	{"merge @/notjson.json", 2, "@/notjson.json: not a partial result", nil},
	{"merge @/shard-1.json @/shard-1.json", 2, "given twice", nil},
	{"merge @/shard-1.json", 2, "shard 2/2 is missing", nil},
	{"merge @/negative.json @/shard-2.json", 2, "@/negative.json: design", nil},
	{"merge @/trailing.json @/shard-2.json", 2, "@/trailing.json: not a partial result of ivrsim run --shard: data after the end", nil},
	{"merge @/shard-1.json @/shard-2.json --format xml", 2, "--format \"xml\"", nil},
}

// TestBadInputs runs the catalogue.
func TestBadInputs(t *testing.T) {
	root := badInputFolder(t)
	before := snapshot(t, root)
	if len(badInputs) < 60 {
		t.Fatalf("the catalogue has %d cases", len(badInputs))
	}
	for _, tt := range badInputs {
		args := splitArgs(t, strings.ReplaceAll(tt.args, "@", root))
		var out, errBuf bytes.Buffer
		code := execute(context.Background(), args, streams{Out: &out, Err: &errBuf})
		msg := strings.ReplaceAll(errBuf.String(), root, "@")
		if code != tt.code || !strings.Contains(msg, tt.want) {
			t.Errorf("ivrsim %s: exit %d, stderr %q; want exit %d and %q", tt.args, code, msg, tt.code, tt.want)
		}
		if out.Len() != 0 {
			t.Errorf("ivrsim %s: printed %q on standard output", tt.args, out.String())
		}
		for _, b := range tt.banned {
			if strings.Contains(errBuf.String(), b) {
				t.Errorf("ivrsim %s: the message holds %q: %q", tt.args, b, msg)
			}
		}
		if after := snapshot(t, root); after != before {
			t.Fatalf("ivrsim %s changed the files:\n%s\nwas\n%s", tt.args, after, before)
		}
	}
}

// badInputFolder copies testdata/badinput to a new folder and adds what
// cannot be kept in a repository: pipes, links, large files, shards.
func badInputFolder(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS("testdata/badinput")); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{"pipe.yaml", "pipe.csv", "sc/flows/pipe.yaml"} {
		if err := syscall.Mkfifo(filepath.Join(root, p), 0o644); err != nil {
			t.Skipf("no named pipes: %v", err)
		}
	}
	must(os.Symlink(filepath.Join(root, "sc", "good.yaml"), filepath.Join(root, "link.yaml")))
	must(os.Symlink(filepath.Join(root, "nothing"), filepath.Join(root, "dangling")))
	must(os.WriteFile(filepath.Join(root, "big.yaml"), bytes.Repeat([]byte("# padding\n"), 900_000), 0o644))
	must(os.WriteFile(filepath.Join(root, "longline.csv"), append([]byte("arrival,outcome\n"), bytes.Repeat([]byte("x"), 70_000)...), 0o644))
	var wide strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&wide, "column-%d,", i)
	}
	must(os.WriteFile(filepath.Join(root, "wideheader.csv"), []byte(wide.String()+"x\n1\n"), 0o644))
	abs, err := os.ReadFile(filepath.Join(root, "sc", "good.yaml"))
	must(err)
	abs = bytes.Replace(abs, []byte("flows/ok.yaml"), []byte(filepath.Join(root, "outside", "flow.yaml")), 1)
	must(os.WriteFile(filepath.Join(root, "sc", "abs.yaml"), abs, 0o644))
	must(os.Rename(filepath.Join(root, "sc", "abs.yaml"), filepath.Join(root, "abs.yaml")))
	must(os.Mkdir(filepath.Join(root, "existing"), 0o755))
	must(os.WriteFile(filepath.Join(root, "existing", "erlang-a.yaml"), []byte("mine\n"), 0o644))
	for i := 1; i <= 2; i++ {
		p := filepath.Join(root, fmt.Sprintf("shard-%d.json", i))
		if code, _, errs := cli(t, "run", "erlang-a", "--reps", "2", "--shard", fmt.Sprintf("%d/2", i), "--out", p); code != 0 {
			t.Fatalf("shard %d: %s", i, errs)
		}
	}
	shard, err := os.ReadFile(filepath.Join(root, "shard-1.json"))
	must(err)
	var m map[string]any
	must(json.Unmarshal(shard, &m))
	m["designs"].([]any)[0].(map[string]any)["reps"].([]any)[0].(map[string]any)["calls"] = -7
	neg, err := json.Marshal(m)
	must(err)
	must(os.WriteFile(filepath.Join(root, "negative.json"), neg, 0o644))
	must(os.WriteFile(filepath.Join(root, "trailing.json"), append(shard, []byte("{\"more\": 1}\n")...), 0o644))
	return root
}

// snapshot describes every file under root: path, kind, size and a hash
// of the content of regular files.
func snapshot(t *testing.T, root string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		fmt.Fprintf(&b, "%s %v", rel, fi.Mode())
		if fi.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, " %x", sha256.Sum256(data))
		}
		b.WriteByte('\n')
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// splitArgs splits a command line at spaces outside single quotes.
func splitArgs(t *testing.T, s string) []string {
	t.Helper()
	var args []string
	var cur strings.Builder
	quoted, started := false, false
	for _, r := range s {
		switch {
		case r == '\'':
			quoted, started = !quoted, true
		case r == ' ' && !quoted:
			if started {
				args = append(args, cur.String())
				cur.Reset()
				started = false
			}
		default:
			cur.WriteRune(r)
			started = true
		}
	}
	if quoted {
		t.Fatalf("unbalanced quote in %q", s)
	}
	if started {
		args = append(args, cur.String())
	}
	return args
}
