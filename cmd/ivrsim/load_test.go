package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ivrsim/ivrsim/results"
)

// TestLoadRefuses checks that load refuses, before calling anything, every
// mistake that would make a run meaningless or unsafe: exit 2, a message
// saying what is wrong and how to fix it, and no file written.
func TestLoadRefuses(t *testing.T) {
	small := filepath.Join("testdata", "live", "small.yaml")
	target := "--target=sip:ivr@127.0.0.1:9"
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no target", []string{small}, "--target is required"},
		{"not sip", []string{small, "--target=http://127.0.0.1:5070"}, "not a sip: URI"},
		{"no host", []string{small, "--target=sip:ivr@"}, "--target"},
		{"no keys", []string{filepath.Join("testdata", "live", "nokeys.yaml"), target}, "has no key"},
		{"unknown design", []string{small, target, "--design=other"}, "no such design"},
		{"bank needs a design", []string{"bank", target}, "choose one with --design"},
		{"zero concurrency", []string{small, target, "--max-concurrent=0"}, "--max-concurrent 0"},
		{"negative rate", []string{small, target, "--max-rate=-1"}, "--max-rate -1"},
		{"zero scale", []string{small, target, "--scale=0"}, "--scale 0"},
		{"scale above one", []string{small, target, "--scale=2"}, "--scale 2"},
		{"zero time scale", []string{small, target, "--time-scale=0"}, "--time-scale 0"},
		{"zero duration", []string{small, target, "--duration=0s"}, "--duration 0s"},
		{"bad abort", []string{small, target, "--abort-on-failures=0%"}, "--abort-on-failures"},
		{"bad clock", []string{small, target, "--from=9am"}, "--from"},
		{"bad transport", []string{small, target, "--transport=sctp"}, "--transport"},
		{"bad dtmf", []string{small, target, "--dtmf=inband"}, "--dtmf"},
		{"bad threshold", []string{small, target, "--threshold=setup_p95 < soon"}, `--threshold "setup_p95 < soon": "< soon": "soon" is not a value of setup_p95; write a duration such as 45s or 2m`},
		{"every bad threshold", []string{small, target, "--threshold=setup_p95 => 1s", "--threshold=failed_rate < 1%", "--threshold=abandon_rate < 8"},
			"2 problems:\n--threshold \"setup_p95 => 1s\": \"=> 1s\": expected an operator (<, <=, >, >=, == or !=) at \"=> 1s\"; write >=\n" +
				"--threshold \"abandon_rate < 8\": \"< 8\": abandon_rate is a share from 0 to 1 (0% to 100%); write 0.08 or 8%"},
		{"unknown metric", []string{small, target, "--threshold=setp_p95 < 1s"}, `unknown metric "setp_p95" (did you mean "setup_p95"?)`},
		{"share above one", []string{small, target, "--threshold=failed_rate <= 5"}, "write 0.05 or 5%"},
		{"bad format", []string{small, target, "--format=xml"}, "--format"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out.json")
			var stdout, stderr bytes.Buffer
			args := append([]string{"load"}, tc.args...)
			args = append(args, "--out="+out, "--quiet")
			code := execute(context.Background(), args, streams{Out: &stdout, Err: &stderr})
			if code != exitUsage {
				t.Fatalf("exit %d, want %d; stderr: %s", code, exitUsage, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("stderr %q does not say %q", stderr.String(), tc.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("an output file was written")
			}
		})
	}
}

// TestServeAndLoad runs both commands on loopback: serve for a few seconds,
// load a short window against it at a hundredth of real time, and checks
// the JSON, the JUnit file and the thresholds' exit code.
func TestServeAndLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("places live calls for a few seconds")
	}
	small := filepath.Join("testdata", "live", "small.yaml")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr, httpAddr := freeLoopbackAddr(t), freeLoopbackAddr(t)
	served := make(chan int, 1)
	var serveErr bytes.Buffer
	go func() {
		served <- execute(ctx, []string{"serve", small, "--listen=" + addr, "--http=" + httpAddr, "--time-scale=0.01", "--stop-after=20s"},
			streams{Out: &bytes.Buffer{}, Err: &serveErr})
	}()
	time.Sleep(300 * time.Millisecond)
	dir := t.TempDir()
	out, junit := filepath.Join(dir, "load.json"), filepath.Join(dir, "load.xml")
	var stdout, stderr bytes.Buffer
	code := execute(context.Background(), []string{"load", small, "--target=sip:ivr@" + addr, "--time-scale=0.01",
		"--duration=20m", "--max-concurrent=50", "--max-rate=50", "--format=json", "--out=" + out, "--junit=" + junit,
		"--threshold=setup_p95 < 1s", "--threshold=failed_rate == 0", "--threshold=concurrent_max > 1000", "--drain=5s", "--quiet"},
		streams{Out: &stdout, Err: &stderr})
	if code != exitThresholds {
		t.Fatalf("exit %d, want %d (one threshold cannot hold); stderr: %s", code, exitThresholds, stderr.String())
	}
	var doc struct {
		SchemaVersion int                   `json:"schema_version"`
		Version       string                `json:"ivrsim_version"`
		Units         map[string]string     `json:"units"`
		Metrics       map[string]float64    `json:"metrics"`
		Thresholds    []struct{ Pass bool } `json:"thresholds"`
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	if doc.SchemaVersion != 2 || doc.Version != results.Version || doc.Metrics["offered"] < 10 || doc.Metrics["failed_rate"] != 0 || doc.Units["setup_p95"] != "s" {
		t.Errorf("unexpected result: %s", b)
	}
	// Seconds, as every time in ivrsim's JSON: a loopback set-up takes
	// milliseconds, so well under one.
	if p := doc.Metrics["setup_p95"]; !(p > 0 && p < 1) {
		t.Errorf("setup_p95 is %v, want seconds", p)
	}
	if len(doc.Thresholds) != 3 || !doc.Thresholds[0].Pass || !doc.Thresholds[1].Pass || doc.Thresholds[2].Pass {
		t.Errorf("thresholds judged wrongly: %+v", doc.Thresholds)
	}
	res, err := http.Get("http://" + httpAddr + "/stats")
	if err != nil {
		t.Fatal(err)
	}
	var counts struct {
		Version string `json:"ivrsim_version"`
		Offered int    `json:"offered"`
		Active  int    `json:"active"`
	}
	err = json.NewDecoder(res.Body).Decode(&counts)
	_ = res.Body.Close()
	if err != nil || counts.Version != results.Version || counts.Offered != int(doc.Metrics["offered"]) || counts.Active != 0 {
		t.Errorf("serve's /stats: %+v (%v); load placed %v calls", counts, err, doc.Metrics["offered"])
	}
	x, err := os.ReadFile(junit)
	if err != nil || !strings.Contains(string(x), `failures="1"`) {
		t.Errorf("JUnit file: %v\n%s", err, x)
	}
	cancel()
	if c := <-served; c != exitInterrupted {
		t.Errorf("serve exited %d after interruption, want %d; stderr: %s", c, exitInterrupted, serveErr.String())
	}
}

// freeLoopbackAddr is a loopback address with a port free for UDP and TCP
// a moment ago.
func freeLoopbackAddr(t *testing.T) string {
	t.Helper()
	for range 20 {
		pc, err := net.ListenPacket("udp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := pc.LocalAddr().String()
		ln, err := net.Listen("tcp", addr)
		_ = pc.Close()
		if err == nil {
			_ = ln.Close()
			return addr
		}
	}
	t.Fatal("no free loopback port")
	return ""
}

// TestLoadThresholdValues: --threshold reads values as ivrsim run's does,
// a bare number of a time being seconds.
func TestLoadThresholdValues(t *testing.T) {
	opts := &loadOptions{scenario: filepath.Join("testdata", "live", "small.yaml"), target: "sip:ivr@127.0.0.1:9",
		transport: "udp", dtmf: "rfc4733", maxConcurrent: 1, maxRate: 1, scale: 1, timeScale: 1, duration: time.Minute,
		abort: "20%", from: "09:00", format: "table",
		thresholds: []string{"setup_p95 < 200ms", "setup_p95 < 0.2", "late_max <= 1s", "abandon_rate <= 8%", "failed_rate == 0.01"}}
	lp, err := planLoad(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0.2, 0.2, 1, 0.08, 0.01}
	for i, th := range lp.thresholds {
		if th.Value != want[i] {
			t.Errorf("%q reads as %v, want %v", th.Text, th.Value, want[i])
		}
	}
}

func TestParseClock(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"09:00", 9 * 3600, true},
		{"23:59:30", 23*3600 + 59*60 + 30, true},
		{"00:00", 0, true},
		{"24:00", 0, false},
		{"9:00", 0, false},
		{"09:60", 0, false},
		{"0900", 0, false},
		{"09:00:00:00", 0, false},
	} {
		got, err := parseClock(tc.in)
		if (err == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("%q: got %v, %v", tc.in, got, err)
		}
	}
}

func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"09:00", "23:59:59", "-1:00", "::"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, err := parseClock(s); err == nil && (v < 0 || v >= 86400) {
			t.Fatalf("%q parsed to %v, outside a day", s, v)
		}
	})
}

// TestLoadInterrupted: Ctrl-C during a load run exits 130 and writes no
// file.
func TestLoadInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("places live calls")
	}
	small := filepath.Join("testdata", "live", "small.yaml")
	sctx, scancel := context.WithCancel(context.Background())
	defer scancel()
	addr := freeLoopbackAddr(t)
	served := make(chan int, 1)
	go func() {
		served <- execute(sctx, []string{"serve", small, "--listen=" + addr, "--time-scale=0.01"}, streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}})
	}()
	time.Sleep(300 * time.Millisecond)
	dir := t.TempDir()
	out, calls := filepath.Join(dir, "load.json"), filepath.Join(dir, "calls.csv")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(1500*time.Millisecond, cancel)
	var stderr bytes.Buffer
	code := execute(ctx, []string{"load", small, "--target=sip:ivr@" + addr, "--time-scale=0.01", "--duration=1h",
		"--format=json", "--out=" + out, "--calls=" + calls, "--quiet"}, streams{Out: &bytes.Buffer{}, Err: &stderr})
	if code != exitInterrupted {
		t.Fatalf("exit %d, want %d; stderr: %s", code, exitInterrupted, stderr.String())
	}
	for _, f := range []string{out, calls} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s was written", filepath.Base(f))
		}
	}
	scancel()
	<-served
}

// TestServeRefuses: serve's mistakes are the user's to fix (exit 2) and
// nothing is answered.
func TestServeRefuses(t *testing.T) {
	small := filepath.Join("testdata", "live", "small.yaml")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no keys", []string{filepath.Join("testdata", "live", "nokeys.yaml")}, "has no key"},
		{"design needed", []string{"bank"}, "choose one with --design"},
		{"bad time scale", []string{small, "--time-scale=-1"}, "--time-scale -1"},
		{"bad listen", []string{small, "--listen=5070"}, "--listen"},
		{"wildcard listen", []string{small, "--listen=0.0.0.0:5070"}, "not a wildcard"},
		{"bad lines", []string{small, "--lines=-2"}, "--lines -2"},
		{"bad clock", []string{small, "--from=25:00"}, "--from"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			code := execute(context.Background(), append([]string{"serve"}, tc.args...), streams{Out: &bytes.Buffer{}, Err: &stderr})
			if code != exitUsage || !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr.String(), exitUsage, tc.want)
			}
		})
	}
}
