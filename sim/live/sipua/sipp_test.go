package sipua

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ivrsim/ivrsim/sim"
	"github.com/ivrsim/ivrsim/sim/live"
)

// SIPp (Debian package sip-tester) is software nobody here wrote: these
// tests check that ivrsim's SIP and RTP speak its language, on loopback,
// a few calls each, bounded in time.

// menuFirst starts with the menu, so the first digit routes the call.
const menuFirst = `
name: sipp
arrivals: {rate: 60/h}
intents:
  balance: {handle_time: 30m, share: 1}   # longer than any SIPp call here
segments:
  everyone: {share: 1, patience: "exponential(mean=2m)"}
agents:
  team: {count: 100}
designs:
  menu:
    start: main
    nodes:
      main:
        type: menu
        duration: 60s
        options:
          - {key: "1", intents: [balance], next: q}
        retries: 3
      q: {type: queue}
`

func sippBinary(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("sipp")
	if err != nil {
		t.Skip("sipp is not installed (Debian package sip-tester); .ci/run installs it")
	}
	return p
}

// freePort is a loopback port free for UDP a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = pc.Close() }()
	return pc.LocalAddr().(*net.UDPAddr).Port
}

// runSIPp runs sipp with args for at most 30 s and fails the test unless
// every call succeeded (exit 0).
func runSIPp(t *testing.T, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	base := []string{"-i", "127.0.0.1", "-p", strconv.Itoa(freePort(t)), "-mp", strconv.Itoa(freePort(t)),
		"-timeout", "25s", "-timeout_error", "-nostdin", "-trace_err", "-error_file", filepath.Join(t.TempDir(), "sipp-errors.log")}
	cmd := exec.CommandContext(ctx, sippBinary(t), append(base, args...)...)
	cmd.Dir = t.TempDir()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("sipp %s: %v\n%s", strings.Join(args, " "), err, tail(out))
	}
}

func tail(b []byte) string {
	if len(b) > 3000 {
		b = b[len(b)-3000:]
	}
	return string(b)
}

// TestSIPpUACAgainstServe: SIPp's built-in caller scenario (INVITE with
// PCMU, ACK, a pause, BYE) against the live IVR.
func TestSIPpUACAgainstServe(t *testing.T) {
	sippBinary(t)
	w := newTwin(t, menuFirst)
	srv, ivr := w.serveIVR(t, 0.01, 9*3600)
	const calls = 10
	runSIPp(t, "-sn", "uac", srv.Addr(), "-m", strconv.Itoa(calls), "-r", "20", "-l", "10", "-d", "300")
	c := waitIdle(t, ivr)
	if c.Offered != calls || c.IVRAbandoned != calls {
		t.Errorf("the IVR saw %d calls, %d hung up in the IVR; want %d and %d", c.Offered, c.IVRAbandoned, calls, calls)
	}
}

// TestSIPpDTMFAgainstServe: a SIPp caller presses 1 as RFC 2833 events
// (SIPp's capture); the IVR routes it to the queue.
func TestSIPpDTMFAgainstServe(t *testing.T) {
	sippBinary(t)
	pcap := "/usr/share/sip-tester/dtmf_2833_1.pcap"
	if _, err := os.Stat(pcap); err != nil {
		t.Skip("SIPp's DTMF capture is missing: " + pcap)
	}
	xml, err := os.ReadFile(filepath.Join("testdata", "sipp", "uac_dtmf.xml"))
	if err != nil {
		t.Fatal(err)
	}
	sf := filepath.Join(t.TempDir(), "uac_dtmf.xml")
	if err := os.WriteFile(sf, []byte(strings.ReplaceAll(string(xml), "PCAP_PATH", pcap)), 0o644); err != nil {
		t.Fatal(err)
	}
	w := newTwin(t, menuFirst)
	srv, ivr := w.serveIVR(t, 0.01, 9*3600)
	const calls = 5
	runSIPp(t, "-sf", sf, srv.Addr(), "-m", strconv.Itoa(calls), "-r", "10", "-l", "5")
	c := waitIdle(t, ivr)
	if c.DTMF < calls || c.Queued != calls {
		t.Errorf("the IVR took %d digits and queued %d calls; want at least %d digits and %d queued", c.DTMF, c.Queued, calls, calls)
	}
}

// TestLoadAgainstSIPpUAS: ivrsim load's callers against SIPp's built-in
// answering scenario (180, 200 with SDP, then BYE from the caller). SIPp
// reports no progress, so each caller walks the design by its own clock:
// the greeting, the menu, then the queue until its patience runs out:
// every call ends with the caller's BYE.
func TestLoadAgainstSIPpUAS(t *testing.T) {
	sipp := sippBinary(t)
	w := newTwin(t, twinScenario)
	const seed, from, window, scale = 3, 9 * 3600.0, 300.0, 0.005
	calls := 0
	pop := sim.NewPopulation(w.plan, seed, 0)
	for c, ok := pop.Next(); ok && c.Arrival < from+window; c, ok = pop.Next() {
		if c.Arrival >= from {
			calls++
		}
	}
	port := freePort(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, sipp, "-sn", "uas", "-i", "127.0.0.1", "-p", strconv.Itoa(port),
		"-mp", strconv.Itoa(freePort(t)), "-m", strconv.Itoa(calls), "-timeout", "25s", "-timeout_error", "-nostdin")
	cmd.Dir = t.TempDir()
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	d := w.dialer(t, "127.0.0.1:"+strconv.Itoa(port), "udp", false)
	sum, err := live.Load(ctx, live.LoadConfig{
		Flow: live.NewFlow(w.plan, w.keys), Seed: seed, From: from, Duration: window, Scale: scale, Thin: 1,
		MaxConcurrent: 100, MaxRate: 100, AbortFailures: 0.2, AbortAfter: 20, Drain: 10 * time.Second,
	}, d.Dial)
	if err != nil {
		t.Fatal(err)
	}
	if werr := cmd.Wait(); werr != nil {
		t.Fatalf("sipp uas: %v\n%s", werr, tail([]byte(out.String())))
	}
	if int(sum.Offered) != calls || sum.Failed != 0 || sum.IVRAbandoned+sum.QueueAbandoned != int64(calls) ||
		sum.DTMF != 0 || sum.DTMFUnsent == 0 {
		// SIPp's answer takes no telephone-events: the digits are counted
		// as unsent, not sent some other way.
		t.Errorf("%d calls (want %d), %d failed, %d hung up in the IVR and %d in the queue, %d digits sent, %d unsent",
			sum.Offered, calls, sum.Failed, sum.IVRAbandoned, sum.QueueAbandoned, sum.DTMF, sum.DTMFUnsent)
	}
}

// waitIdle waits (up to 10 s) until the IVR has no call up, and returns its
// counts.
func waitIdle(t *testing.T, ivr *live.IVR) live.Counts {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		c := ivr.Counts()
		if c.Active == 0 || time.Now().After(deadline) {
			return c
		}
		time.Sleep(20 * time.Millisecond)
	}
}
