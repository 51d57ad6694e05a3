package fit_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"sync"
	"testing"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/scenarios/cdr"
	"github.com/ivrsim/ivrsim/scenarios/fit"
	"github.com/ivrsim/ivrsim/sim"
)

// queueTruth has what the queue estimators fit, known: a head start for
// one segment, wrap-up, opening hours narrower than the arrivals, and
// callers who hang up in the IVR staying longer than those who go on.
const queueTruth = `
name: queue-truth
horizon: {days: 14, start: "2024-03-04"}
arrivals:
  interval: 1h
  start: "06:00"
  profile: [10, 20, 60, 90, 120, 120, 100, 90, 110, 120, 90, 60, 20, 10]
intents:
  short: {handle_time: "lognormal(mean=2m, cv=1)"}
segments:
  regular: {share: 0.6, patience: "weibull(mean=4m, shape=0.8)", zero_out: 0.05}
  vip: {share: 0.4, patience: "weibull(mean=4m, shape=0.8)", zero_out: 0.05, head_start: 60s}
agents:
  team:
    staffing: [0, 0, 4, 6, 8, 8, 7, 6, 7, 8, 6, 4, 0, 0]
    wrapup: lognormal(mean=15s, cv=0.8)
    hours: {daily: "08:00-18:00"}
designs:
  observed:
    start: ivr
    nodes:
      ivr:
        type: menu
        duration: gamma(mean=15s, cv=0.4)
        hangup_time: lognormal(mean=40s, cv=1.2)
        options: [{key: "1", intents: [short], next: queue}]
        zero_out: deny
        retries: 0
      queue: {type: queue}
`

// simulate runs a scenario's observed design once and returns its contacts
// as CDR.
func simulate(text string, seed uint64) ([]byte, error) {
	sc, err := scenarios.Parse("truth.yaml", []byte(text), nil)
	if err != nil {
		return nil, err
	}
	plan, err := sim.Compile(sc, "observed")
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	w := cdr.NewWriter(&buf, sc.Horizon.Start.Time)
	var werr error
	_, err = sim.Run(context.Background(), []*sim.Plan{plan}, sim.Options{
		Seed: seed, Replications: []int{0}, Workers: 1,
		Trace: func(_, _ int) (func(*results.ContactRecord), func() error, error) {
			return func(r *results.ContactRecord) {
				if werr == nil {
					werr = w.Write(r)
				}
			}, w.Flush, nil
		},
	})
	if err == nil {
		err = werr
	}
	return buf.Bytes(), err
}

var queueFitOnce = sync.OnceValues(func() (*fit.Model, error) {
	data, err := simulate(queueTruth, 11)
	if err != nil {
		return nil, err
	}
	recs, rep, err := cdr.Read(bytes.NewReader(data), "truth.csv", nil, cdr.ReadOptions{})
	if err != nil {
		return nil, err
	}
	if rep.BadRows() != 0 {
		return nil, fmt.Errorf("%d malformed rows in the simulator's own records", rep.BadRows())
	}
	return fit.Fit(recs, fit.Options{Interval: 3600, Source: "truth.csv"})
})

// Simulate with a known head start, wrap-up, opening hours and IVR
// hang-up time, write CDR, fit, and recover each within 3 standard errors
// (hours: to the grid they are rounded to).
func TestRoundTripQueue(t *testing.T) {
	m, err := queueFitOnce()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.HeadStarts) != 1 || m.HeadStarts[0].Segment != "vip" || m.HeadStarts[0].Reference != "regular" {
		t.Fatalf("head starts %+v; want vip's against regular", m.HeadStarts)
	}
	h := m.HeadStarts[0]
	near(t, "vip head start", h.Seconds, h.SE, 60, 3)
	if h.Pairs < 150 {
		t.Errorf("%d pairs: too few to test the head start", h.Pairs)
	}

	if len(m.Agents.Wrapup) == 0 {
		t.Fatal("no wrap-up fitted")
	}
	w := m.Agents.Wrapup[0]
	near(t, "wrap-up mean", w.Mean.Value, w.Mean.SE, 15, 3)

	if len(m.Hours) != 1 || !m.Hours[0].Daily {
		t.Fatalf("hours %+v; want one daily", m.Hours)
	}
	if hs := m.Hours[0]; hs.Open < 7.75*3600 || hs.Open > 8*3600 || hs.Close < 18*3600 || hs.Close > 18.25*3600 {
		t.Errorf("hours %s, true 08:00-18:00", fmtHours(hs.Open, hs.Close))
	}

	if len(m.IVRHangup) == 0 {
		t.Fatal("no IVR hang-up time fitted")
	}
	var ln = m.IVRHangup[0]
	for _, f := range m.IVRHangup {
		if f.Family == "lognormal" {
			ln = f
		}
	}
	near(t, "IVR hang-up time mean (lognormal)", ln.Mean.Value, ln.Mean.SE, 40, 3)
	ivr := m.IVR[0]
	near(t, "IVR time of those who went on", ivr.Mean.Value, ivr.Mean.SE, 15, 3)
	for _, s := range m.Segments {
		// Closed hours send everyone out of the IVR; the share that
		// chose to hang up is read in the open hours only.
		near(t, s.Name+" IVR hang-ups", s.IVRAbandon.P, s.IVRAbandon.SE, 0.05, 3)
	}

	// Staffing within one agent of the schedule in the open hours.
	want := []int{4, 6, 8, 8, 7, 6, 7, 8, 6, 4}
	got := m.Staffing.Main[8-m.First : 8-m.First+10]
	for i := range want {
		if d := got[i] - want[i]; d < -1 || d > 1 {
			t.Errorf("staffing at %02d:00: %d, scheduled %d", 8+i, got[i], want[i])
		}
	}
}

func fmtHours(open, close float64) string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", int(open)/3600, int(math.Mod(open, 3600))/60, int(close)/3600, int(math.Mod(close, 3600))/60)
}

// The report states each new estimate.
func TestRoundTripQueueReport(t *testing.T) {
	m, err := queueFitOnce()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := m.WriteReport(&b, nil); err != nil {
		t.Fatal(err)
	}
	var y bytes.Buffer
	if err := m.WriteYAML(&y); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"vip head start", "wrap-up", "IVR hang-up time", "opening hours daily"} {
		if !bytes.Contains(b.Bytes(), []byte(want)) {
			t.Errorf("the report has no %q line", want)
		}
	}
	sc, err := scenarios.Parse("fitted.yaml", y.Bytes(), nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, y.Bytes())
	}
	vip := sc.Segments[slicesIndex(sc.Segments, "vip")]
	if vip.HeadStart.Seconds() < 30 || vip.HeadStart.Seconds() > 90 {
		t.Errorf("the scenario's vip head_start is %v", vip.HeadStart.Seconds())
	}
	if g := sc.Agents[0]; !g.Wrapup.IsSet() || len(g.Hours) != 1 {
		t.Errorf("the scenario's agents have wrapup %v and hours %v", g.Wrapup, g.Hours)
	}
}

func slicesIndex(segs []scenarios.Segment, name string) int {
	for i, s := range segs {
		if s.Name == name {
			return i
		}
	}
	return -1
}
