package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/results/outfile"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/ivrsim/ivrsim/sim/live"
	"github.com/ivrsim/ivrsim/sim/live/sipua"
	"github.com/spf13/cobra"
)

type loadOptions struct {
	scenario      string
	target        string
	design        string
	from          string
	duration      time.Duration
	scale         float64
	timeScale     float64
	maxConcurrent int
	maxRate       float64
	abort         string
	transport     string
	dtmf          string
	thresholds    []string
	format        string
	formatSet     bool
	outside       bool
	out           string
	junit         string
	calls         string
	seed          uint64
	sets          []string
	drain         time.Duration
	quiet         bool
}

func newLoadCmd(s streams) *cobra.Command {
	opts := &loadOptions{}
	cmd := &cobra.Command{
		Use:   "load SCENARIO --target sip:USER@HOST:PORT",
		Short: "Place the scenario's callers as real SIP calls against an IVR",
		Long: `Load places the scenario's callers as real SIP calls (UDP or TCP) with RTP
audio (PCMU/PCMA) against --target, in real time: the callers arriving in the
window --from/--duration of day 1, thinned to --scale of them, with every
duration divided by 1/--time-scale. Each call is the simulated caller with the
same index (same segment, intent, patience, menu choices and redials, from the
same random streams as ivrsim run with the same --seed): at a menu it presses
the digit of the option the model chooses (the design's option keys; 0 for an
agent), waits in queues as patient as the model says and hangs up (BYE) when
its patience runs out.

Safety: it calls only --target; it never has more than --max-concurrent calls
up nor starts more than --max-rate calls a second (callers wait for a free
slot); it stops by itself when more than --abort-on-failures of the calls
(after the first 20) fail.

Against ivrsim serve the calls follow the IVR's progress reports (SIP INFO);
against another endpoint they still record set-up, failures, audio and the
end node and outcome if the endpoint's BYE carries X-Ivrsim-Node and
X-Ivrsim-Outcome.

Output: the model's metrics where they apply (abandon_rate, containment_rate,
ivr_time, asa, ...) and the harness's (setup_p50/p95/p99, failed_rate,
concurrent_max, ...) as a table, JSON (--format json) or CSV; --calls FILE
writes a CSV row per call, --junit FILE the thresholds as JUnit XML. JSON and
CSV carry every time in seconds, wall times (setup_p95, late_max) too, and
name each metric's unit; the table shows wall times in milliseconds.

Thresholds (--threshold 'METRIC OP VALUE') read as ivrsim run's do: the
operators <, <=, >, >=, == and !=; shares as 8% or 0.08; times as 200ms, 45s
or 2m, a bare number being seconds ('setup_p95 < 0.2' is 200 ms).

Exit codes: 0 success, 1 runtime error, 2 invalid scenario or flags (nothing is
called), 99 a --threshold failed or the failure limit stopped the run,
130 interrupted (every live call gets a BYE; nothing is written).`,
		Example: `  ivrsim load bank --design forced-menu --target sip:ivr@127.0.0.1:5070 --time-scale 0.1
  ivrsim load bank --design forced-menu --target sip:ivr@10.0.0.5:5060 --from 09:00 --duration 10m \
      --scale 0.2 --max-concurrent 200 --max-rate 20 --threshold 'setup_p95 < 200ms' --junit load.xml`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.scenario = args[0]
			opts.formatSet = cmd.Flags().Changed("format")
			return runLoad(cmd.Context(), opts, s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.target, "target", "", "the `sip:USER@HOST:PORT` to call (required; the only address called)")
	f.StringVar(&opts.design, "design", "", "the design the target runs (default: the scenario's only design)")
	f.StringVar(&opts.from, "from", "09:00", "start of the window of day 1 whose callers are placed, `HH:MM`")
	f.DurationVar(&opts.duration, "duration", 10*time.Minute, "length of the window, model time")
	f.Float64Var(&opts.scale, "scale", 1, "share of the window's callers to place, in (0, 1]")
	f.Float64Var(&opts.timeScale, "time-scale", 1, "wall seconds per model second (0.1: ten times faster; the target must run at the same scale)")
	f.IntVar(&opts.maxConcurrent, "max-concurrent", 100, "most calls up at once")
	f.Float64Var(&opts.maxRate, "max-rate", 10, "most calls started per second")
	f.StringVar(&opts.abort, "abort-on-failures", "20%", "stop when more than this share of calls fail")
	f.StringVar(&opts.transport, "transport", "udp", "SIP transport: udp or tcp")
	f.StringVar(&opts.dtmf, "dtmf", "rfc4733", "how digits are sent: rfc4733 (RTP events) or info (SIP INFO)")
	f.StringArrayVar(&opts.thresholds, "threshold", nil, "fail (exit 99) unless `'METRIC OP VALUE'` holds, e.g. 'setup_p95 < 200ms' or 'abandon_rate <= 8%' (a bare time is seconds; repeatable)")
	addFormatFlag(cmd, &opts.format, "", loadFormats...)
	addOutFlag(cmd, &opts.out, "the output")
	f.StringVar(&opts.junit, "junit", "", "also write the thresholds as JUnit XML to `FILE`")
	f.StringVar(&opts.calls, "calls", "", "also write one CSV row per call to `FILE`")
	f.Uint64Var(&opts.seed, "seed", 1, "random seed: the callers of replication 0 of ivrsim run with this seed")
	f.StringArrayVar(&opts.sets, "set", nil, "override a scenario value, `key.path=value` (repeatable)")
	allowOutsideFlag(cmd, &opts.outside)
	f.DurationVar(&opts.drain, "drain", 2*time.Minute, "after the window, wall time calls still up may take before they are hung up")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, quietHelp)
	return cmd
}

// parseClock reads the start of a window, HH:MM or HH:MM:SS, as seconds:
// a time of day as scenarios write it, two digits a part, before midnight.
func parseClock(s string) (float64, error) {
	bad := fmt.Errorf("want a time of day HH:MM, 00:00 to 23:59")
	for _, p := range strings.Split(s, ":") {
		if len(p) != 2 {
			return 0, bad
		}
	}
	v, err := scenarios.ParseTimeOfDay(s)
	if err != nil || v >= 86400 {
		return 0, bad
	}
	return v, nil
}

// loadPlan is what runLoad has checked before placing any call.
type loadPlan struct {
	cfg        live.LoadConfig
	dialer     sipua.DialerConfig
	thresholds []results.Condition
	scenario   string
}

func planLoad(ctx context.Context, opts *loadOptions) (*loadPlan, error) {
	lp := &loadPlan{}
	if err := chooseFormat(&opts.format, opts.formatSet, opts.out, loadFormats); err != nil {
		return nil, usageError(err)
	}
	paths := new(outfile.Paths).Input("the scenario", opts.scenario).
		Output("--out", opts.out).Output("--junit", opts.junit).Output("--calls", opts.calls)
	if err := paths.Check(); err != nil {
		return nil, err
	}
	if opts.target == "" {
		return nil, usageErrorf("--target is required: the sip:USER@HOST:PORT to call")
	}
	target, err := sipua.ParseTarget(opts.target)
	if err != nil {
		return nil, usageErrorf("--target: %v", err)
	}
	lp.dialer.Target = target
	switch opts.transport {
	case "udp", "tcp":
		lp.dialer.Transport = opts.transport
	default:
		return nil, usageErrorf("--transport %q: use udp or tcp", opts.transport)
	}
	switch opts.dtmf {
	case "rfc4733":
	case "info":
		lp.dialer.InfoDTMF = true
	default:
		return nil, usageErrorf("--dtmf %q: use rfc4733 or info", opts.dtmf)
	}
	if opts.maxConcurrent <= 0 || opts.maxConcurrent > 100_000 {
		return nil, usageErrorf("--max-concurrent %d: use 1 to 100000 calls", opts.maxConcurrent)
	}
	if !(opts.maxRate > 0) || opts.maxRate > 10_000 {
		return nil, usageErrorf("--max-rate %g: use a positive rate up to 10000 calls a second", opts.maxRate)
	}
	if !(opts.scale > 0) || opts.scale > 1 {
		return nil, usageErrorf("--scale %g: use a share of the callers above 0 and at most 1", opts.scale)
	}
	if !(opts.timeScale > 0) || opts.timeScale > 1000 {
		return nil, usageErrorf("--time-scale %g: use a positive factor up to 1000 (0.1 runs ten times faster)", opts.timeScale)
	}
	if opts.duration <= 0 || opts.duration > 7*24*time.Hour {
		return nil, usageErrorf("--duration %v: use a positive window up to a week, e.g. 10m", opts.duration)
	}
	if opts.drain < 0 {
		return nil, usageErrorf("--drain %v: use 0 or more", opts.drain)
	}
	abort, err := results.ParseShare(opts.abort)
	if err != nil {
		return nil, usageErrorf("--abort-on-failures %q: %v", opts.abort, err)
	}
	from, err := parseClock(opts.from)
	if err != nil {
		return nil, usageErrorf("--from %q: %v", opts.from, err)
	}
	var problems []string
	for _, t := range opts.thresholds {
		th, err := live.ParseThreshold(t)
		if err != nil {
			problems = append(problems, fmt.Sprintf("--threshold %q: %v", t, err))
			continue
		}
		lp.thresholds = append(lp.thresholds, th)
	}
	switch len(problems) {
	case 0:
	case 1:
		return nil, usageErrorf("%s", problems[0])
	default:
		return nil, usageErrorf("%d problems:\n%s", len(problems), strings.Join(problems, "\n"))
	}
	flow, scName, err := liveDesign(ctx, opts.scenario, opts.design, opts.sets, opts.outside)
	if err != nil {
		return nil, err
	}
	lp.scenario = scName
	lp.cfg = live.LoadConfig{Flow: flow, Seed: opts.seed, From: from, Duration: opts.duration.Seconds(),
		Scale: opts.timeScale, Thin: opts.scale, MaxConcurrent: opts.maxConcurrent, MaxRate: opts.maxRate,
		AbortFailures: abort, AbortAfter: 20, Drain: opts.drain}
	return lp, nil
}

func runLoad(ctx context.Context, opts *loadOptions, s streams) error {
	lp, err := planLoad(ctx, opts)
	if err != nil {
		return err
	}
	d, err := sipua.NewDialer(lp.dialer)
	if err != nil {
		return fmt.Errorf("cannot call %s: %w", opts.target, err)
	}
	defer func() { _ = d.Close() }()
	var calls bytes.Buffer
	var callsCSV *csv.Writer
	if opts.calls != "" {
		callsCSV = csv.NewWriter(&calls)
		_ = callsCSV.Write(live.CallCSVHeader)
		lp.cfg.Record = func(r *live.CallRecord) { _ = callsCSV.Write(r.Row()) }
	}
	stopProgress := startLoadProgress(s, opts.quiet)
	lp.cfg.Progress = stopProgress.update
	sum, err := live.Load(ctx, lp.cfg, d.Dial)
	stopProgress.stop()
	rep := &live.Report{Scenario: lp.scenario, Design: lp.cfg.Flow.Plan.Design, Target: opts.target, Seed: opts.seed,
		From: opts.from, Duration: opts.duration.Seconds(), TimeScale: opts.timeScale, Scale: opts.scale,
		Transport: opts.transport, DTMF: opts.dtmf}
	if sum != nil {
		rep.Metrics, rep.FailureCodes = sum.Metrics(), sum.FailureCodes()
		rep.Errors = sum.ErrorCounts()
	}
	switch {
	case errors.Is(err, live.ErrAborted):
		rep.Aborted = err.Error()
	case err != nil && ctx.Err() != nil:
		// Interrupted: the calls are down; nothing is written.
		rep.Interrupted = true
		_ = rep.WriteTable(s.Err)
		return ctx.Err()
	case err != nil:
		return err
	}
	failed := rep.Judge(lp.thresholds)
	var buf bytes.Buffer
	switch opts.format {
	case "json":
		err = rep.WriteJSON(&buf)
	case "csv":
		err = rep.WriteCSV(&buf)
	default:
		err = rep.WriteTable(&buf)
	}
	if err != nil {
		return err
	}
	var files []outfile.File
	if opts.junit != "" {
		var j bytes.Buffer
		if err := rep.WriteJUnit(&j); err != nil {
			return err
		}
		files = append(files, outfile.File{Path: opts.junit, Data: j.Bytes()})
	}
	if callsCSV != nil {
		callsCSV.Flush()
		files = append(files, outfile.File{Path: opts.calls, Data: calls.Bytes()})
	}
	if err := emitWith(s, opts.out, buf.Bytes(), files); err != nil {
		return err
	}
	switch {
	case rep.Aborted != "":
		return &exitError{code: exitThresholds, err: errors.New(rep.Aborted)}
	case failed > 0:
		return &exitError{code: exitThresholds, err: fmt.Errorf("%d of %d thresholds failed", failed, len(lp.thresholds))}
	}
	return nil
}

// loadProgress prints a one-line status on a terminal every second.
type loadProgress struct {
	mu    sync.Mutex
	last  live.Progress
	done  chan struct{}
	wg    sync.WaitGroup
	s     streams
	shown bool
}

func startLoadProgress(s streams, quiet bool) *loadProgress {
	p := &loadProgress{done: make(chan struct{}), s: s}
	if quiet || !s.ErrIsTerminal {
		return p
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-p.done:
				return
			case <-t.C:
				p.mu.Lock()
				l := p.last
				p.mu.Unlock()
				fmt.Fprintf(s.Err, "\rcalls %d  up %d  failed %d  blocked %d  model time %s   ",
					l.Placed, l.Up, l.Failed, l.Blocked, clock(l.ModelTime))
				p.shown = true
			}
		}
	}()
	return p
}

func (p *loadProgress) update(l live.Progress) {
	p.mu.Lock()
	p.last = l
	p.mu.Unlock()
}

func (p *loadProgress) stop() {
	close(p.done)
	p.wg.Wait()
	if p.shown {
		fmt.Fprintln(p.s.Err)
	}
}

func clock(t float64) string {
	s := int(t)
	return fmt.Sprintf("%02d:%02d:%02d", s/3600%24, s/60%60, s%60)
}
