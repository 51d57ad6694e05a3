package fit_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/scenarios/cdr"
	"github.com/ivrsim/ivrsim/scenarios/fit"
	"github.com/ivrsim/ivrsim/sim"
)

// truth is the scenario the round trip simulates: every parameter the fit
// estimates is known.
const truth = `
name: truth
horizon: {days: 14, start: "2024-03-04"}   # a Monday
arrivals:
  interval: 1h
  start: "08:00"
  profile: [60, 90, 120, 120, 100, 90, 110, 120, 90, 60]
  weekdays:
    sat: {factor: 0.6}
    sun:
      profile: [0, 0, 0, 0, 40, 60, 60, 40, 0, 0]
  interval_overdispersion: 0.1
intents:
  short: {handle_time: "lognormal(mean=2m, cv=1)"}
  long: {handle_time: "gamma(mean=5m, cv=0.6)"}
segments:
  callers:
    share: 1
    intents: {short: 0.6, long: 0.4}
    patience: weibull(mean=4m, shape=0.8)
    zero_out: 0.05
    redial: {after_abandon: 0.6, delay: "lognormal(mean=20m, cv=1)"}
agents:
  team:
    staffing: [5, 8, 10, 10, 9, 8, 9, 10, 8, 5]
    weekday_staffing:
      sun: [0, 0, 0, 0, 4, 5, 5, 4, 0, 0]
designs:
  observed:
    start: ivr
    nodes:
      ivr:
        type: menu
        duration: gamma(mean=15s, cv=0.4)
        options: [{key: "1", intents: [short, long], next: queue}]
        zero_out: deny
        retries: 0
      queue: {type: queue}
`

// simulated simulates the truth once and writes its contacts as CDR; the
// same records for every test.
var simulated = sync.OnceValues(func() ([]byte, error) {
	sc, err := scenarios.Parse("truth.yaml", []byte(truth), nil)
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
		Seed: 42, Replications: []int{0}, Workers: 1,
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
})

// fittedOnce reads the simulated records back and fits them, once.
var fittedOnce = sync.OnceValues(func() (*fitResult, error) {
	data, err := simulated()
	if err != nil {
		return nil, err
	}
	recs, rep, err := cdr.Read(bytes.NewReader(data), "truth.csv", nil, cdr.ReadOptions{})
	if err != nil {
		return nil, err
	}
	if rep.BadRows() != 0 || rep.Records != rep.Rows {
		return nil, fmt.Errorf("the simulator's own records did not all read: %d rows, %d records, %d malformed", rep.Rows, rep.Records, rep.BadRows())
	}
	m, err := fit.Fit(recs, fit.Options{Interval: 3600, Source: "truth.csv"})
	return &fitResult{m, recs}, err
})

type fitResult struct {
	m    *fit.Model
	recs []cdr.Record
}

func fitted(t *testing.T) (*fit.Model, []cdr.Record) {
	t.Helper()
	r, err := fittedOnce()
	if err != nil {
		t.Fatal(err)
	}
	return r.m, r.recs
}

// near checks an estimate is within k standard errors of the truth.
func near(t *testing.T, what string, got, se, want, k float64) {
	t.Helper()
	if !(se > 0) || math.Abs(got-want) > k*se {
		t.Errorf("%s: %.4g ± %.3g, true %.4g (more than %g standard errors off)", what, got, se, want, k)
	}
}

func dist(t *testing.T, s string) models.Dist {
	t.Helper()
	d, err := models.ParseDist(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Simulate a scenario with known parameters, write its contacts as CDR,
// fit, and recover every parameter within 3 of its standard errors (the
// 99.7% band, so the test is not one that fails by chance once in 20),
// with the true family chosen where the sample identifies it.
func TestRoundTrip(t *testing.T) {
	m, _ := fitted(t)
	if m.Days != 14 || !m.Start.Equal(time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("calendar: %d days from %v", m.Days, m.Start)
	}

	// Arrivals: Monday to Friday share the profile; Saturday scales it;
	// Sunday has its own shape.
	a := &m.Arrivals
	if len(a.Main) != 6 || a.Weekdays[time.Sunday].Profile == nil {
		t.Errorf("main weekdays %v, Sunday profile %v; want Mon–Sat main and Sunday apart", a.Main, a.Weekdays[time.Sunday].Profile)
	}
	// The fresh profile against the truth: a day's total, with the
	// spread of a day's total over the main days.
	mainDays := float64(a.MainDays)
	trueMain := (5*960 + 0.6*960) / 6 // the main days' mean fresh total
	dayVar := trueMain + a.Daily.CV*a.Daily.CV*trueMain*trueMain
	near(t, "fresh contacts a main day", total(a.Profile), math.Sqrt(dayVar/mainDays), trueMain, 3)
	sat := a.Weekdays[time.Saturday]
	near(t, "Saturday factor", sat.Factor, sat.FactorSE, 0.6/(trueMain/960), 3)
	near(t, "interval over-dispersion", a.Interval.CV, a.Interval.SE, 0.1, 3)
	sun := a.Weekdays[time.Sunday]
	near(t, "Sunday fresh contacts", sun.Mean, math.Sqrt(200/2.0), 200, 3)

	// Handle time per intent: the true family, mean and cv.
	wantHandle := map[string]struct {
		family string
		d      string
	}{"short": {"lognormal", "lognormal(mean=2m, cv=1)"}, "long": {"gamma", "gamma(mean=5m, cv=0.6)"}}
	for _, in := range m.Intents {
		w := wantHandle[in.Name]
		d := dist(t, w.d)
		best := in.Handle[0]
		if best.Family != w.family {
			t.Errorf("%s handle time: AIC chose %s, want %s", in.Name, best.Family, w.family)
		}
		near(t, in.Name+" handle mean", best.Mean.Value, best.Mean.SE, d.Mean(), 3)
		near(t, in.Name+" handle cv", best.CV.Value, best.CV.SE, 1+map[string]float64{"short": 0, "long": -0.4}[in.Name], 3)
	}

	// Patience, from censored waits.
	if len(m.Segments) != 1 {
		t.Fatalf("%d segments, want 1", len(m.Segments))
	}
	seg := m.Segments[0]
	var weibull *models.DurationFit
	for _, f := range seg.Patience {
		if f.Family == "weibull" {
			weibull = f
		}
	}
	near(t, "patience mean (weibull)", weibull.Mean.Value, weibull.Mean.SE, 240, 3)
	near(t, "patience shape (weibull)", weibull.Params[0].Value, weibull.Params[0].SE, 0.8, 3)
	if seg.Patience[0].Family != "weibull" {
		t.Logf("AIC chose %s for patience (weibull +%.1f)", seg.Patience[0].Family, weibull.AIC-seg.Patience[0].AIC)
	}
	near(t, "IVR hang-ups", seg.IVRAbandon.P, seg.IVRAbandon.SE, 0.05, 3)
	near(t, "intent mix: short", float64(seg.Intents["short"])/float64(seg.Contacts), math.Sqrt(0.24/float64(seg.Contacts)), 0.6, 3)

	// Time in the IVR.
	ivr := m.IVR[0]
	if ivr.Family != "gamma" {
		t.Errorf("IVR time: AIC chose %s, want gamma", ivr.Family)
	}
	near(t, "IVR time mean", ivr.Mean.Value, ivr.Mean.SE, 15, 3)

	// Redials, from customer ids.
	red := m.Redial.Best()
	if red == nil {
		t.Fatalf("no redial fit: %d of %d abandoned seen calling again", m.Redial.Seen, m.Redial.Abandoned)
	}
	var lognormal *models.RedialFit
	for _, f := range m.Redial.Fits {
		if f.Delay.Family == "lognormal" {
			lognormal = f
		}
	}
	near(t, "redial share", lognormal.Share.Value, lognormal.Share.SE, 0.6, 3)
	near(t, "redial delay mean", lognormal.Delay.Mean.Value, lognormal.Delay.Mean.SE, 1200, 3)

	// Staffing: within one agent of the schedule where calls arrive.
	want := []int{5, 8, 10, 10, 9, 8, 9, 10, 8, 5}
	got := m.Staffing.Main[8-m.First : 8-m.First+10]
	for i := range want {
		if d := got[i] - want[i]; d < -1 || d > 1 {
			t.Errorf("staffing at %02d:00: %d, scheduled %d", 8+i, got[i], want[i])
		}
	}
}

// The censored fit recovers patience where the naive estimate, the mean
// wait of the callers who hung up, is badly biased.
func TestRoundTripCensoring(t *testing.T) {
	m, _ := fitted(t)
	q := m.Segments[0].Queue
	const truePatience = 240.0
	if q.NaiveMean > truePatience/2 {
		t.Fatalf("the naive mean %.0f s is not badly biased against the true %.0f s: the test tests nothing", q.NaiveMean, truePatience)
	}
	best := m.Segments[0].Patience[0]
	near(t, "patience mean", best.Mean.Value, best.Mean.SE, truePatience, 3)
	if q.Abandoned < 200 || q.Queued-q.Abandoned < 2000 {
		t.Errorf("%d queued, %d hung up: too small a sample to test censoring", q.Queued, q.Abandoned)
	}
}

// The fitted scenario validates, runs, and reproduces the records.
func TestRoundTripScenarioRuns(t *testing.T) {
	m, recs := fitted(t)
	var buf bytes.Buffer
	if err := m.WriteYAML(&buf); err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.Parse("fitted.yaml", buf.Bytes(), nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.Bytes())
	}
	plan, err := sim.Compile(sc, fit.DesignName)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := sim.Run(context.Background(), []*sim.Plan{plan}, sim.Options{Seed: 7, Replications: sim.Reps(8), Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	obs := fit.Observe(recs, sc.Horizon.Start.Time, plan.Layout, sc.ServiceLevel.Within.Seconds(), fit.Staffed(sc, plan.Layout))
	bt, err := results.NewBacktest(results.BacktestInput{Scenario: sc.Name, Runs: rs.Designs[0], Layout: plan.Layout, Observed: obs})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"offered", "abandon_rate", "asa", "aht"} {
		v := bt.Overall[name]
		if !v.Within {
			t.Errorf("%s: observed %.4g outside the prediction interval %.4g – %.4g", name, v.Observed, v.PILow, v.PIHigh)
		}
	}
	var report bytes.Buffer
	if err := m.WriteReport(&report, nil); err != nil || report.Len() == 0 {
		t.Errorf("report: %v", err)
	}
}

func total(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}
