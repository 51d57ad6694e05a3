package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/sim"
	"github.com/ivrsim/ivrsim/sim/live"
	"github.com/ivrsim/ivrsim/sim/live/sipua"
	"github.com/spf13/cobra"
)

type serveOptions struct {
	scenario  string
	design    string
	listen    string
	http      string
	timeScale float64
	from      string
	noInput   time.Duration
	lines     int
	seed      uint64
	sets      []string
	stopAfter time.Duration
	outside   bool
}

func newServeCmd(s streams) *cobra.Command {
	opts := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve SCENARIO --design NAME",
		Short: "Run one design as a live SIP IVR",
		Long: `Serve answers SIP calls (UDP and TCP on --listen) and runs each through one
design of the scenario as a live IVR: prompts and menus play as audio (G.711
tones) for their drawn durations, menus take DTMF digits (RFC 4733 events or
SIP INFO), queues hold callers for agents simulated in real time with the
scenario's handle times and staffing, and a queue's virtual agent keeps the
caller's place (press 1 to talk to it). Calls beyond the scenario's lines are
refused with 486 Busy Here.

Every call the IVR ends gets a BYE with X-Ivrsim-Node (where it ended) and
X-Ivrsim-Outcome (resolved, unresolved, contained, ended, ivr_abandon). A
caller that sends X-Ivrsim-Caller: k/attempt in its INVITE (ivrsim load does)
is caller k of the scenario, and is told the call's progress in INFO requests
(X-Ivrsim-Event: enter, input, queued, agent, assist-done).

--time-scale 0.1 plays every duration ten times faster, so a busy hour takes
six minutes. --http ADDR serves the IVR's counts as JSON at /stats.

Exit codes: 0 stopped by --stop-after, 1 runtime error (the address is taken),
2 invalid scenario or flags, 130 interrupted (every live call gets a BYE
first). See ivrsim help exit-codes.`,
		Example: `  ivrsim serve bank --design forced-menu --listen 127.0.0.1:5070
  ivrsim serve bank --design queue-preserving-va --time-scale 0.1 --http 127.0.0.1:8080`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.scenario = args[0]
			return runServe(cmd.Context(), opts, s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.design, "design", "", "the design to run (default: the scenario's only design)")
	f.StringVar(&opts.listen, "listen", "127.0.0.1:5070", "SIP `host:port` to answer on, UDP and TCP")
	f.StringVar(&opts.http, "http", "", "serve counts as JSON at http://`ADDR`/stats")
	f.Float64Var(&opts.timeScale, "time-scale", 1, "wall seconds per model second (0.1: ten times faster)")
	f.StringVar(&opts.from, "from", "09:00", "model time of day at start (sets the agents on duty)")
	f.DurationVar(&opts.noInput, "no-input", 5*time.Second, "model time a menu waits for a digit after playing")
	f.IntVar(&opts.lines, "lines", 0, "calls answered at once (default: the scenario's lines; 0 there means no limit)")
	f.Uint64Var(&opts.seed, "seed", 1, "random seed of the IVR's draws (prompt lengths, handle times)")
	f.StringArrayVar(&opts.sets, "set", nil, "override a scenario value, `key.path=value` (repeatable)")
	allowOutsideFlag(cmd, &opts.outside)
	f.DurationVar(&opts.stopAfter, "stop-after", 0, "stop by itself after this wall time (0: run until interrupted)")
	return cmd
}

// liveDesign loads a scenario and compiles the design a live command runs,
// with its menu keys.
func liveDesign(ctx context.Context, scenario, design string, sets []string, allowOutside bool) (*live.Flow, string, error) {
	v, err := loadValidated(ctx, scenario, sets, allowOutside)
	if err != nil {
		return nil, "", err
	}
	sc := v.Scenario
	if design == "" {
		if len(sc.Designs) > 1 {
			names := ""
			for i, d := range sc.Designs {
				if i > 0 {
					names += ", "
				}
				names += d.Name
			}
			return nil, "", usageErrorf("the scenario has several designs (%s): choose one with --design", names)
		}
		if len(sc.Designs) == 1 {
			design = sc.Designs[0].Name
		}
	}
	var names []string
	if design != "" {
		names = []string{design}
	}
	plans, err := sim.SelectDesigns(v, names)
	if err != nil {
		return nil, "", usageError(err)
	}
	keys, err := live.DTMFKeys(sc, plans[0].Design, plans[0])
	if err != nil {
		return nil, "", usageError(err)
	}
	return live.NewFlow(plans[0], keys), sc.Name, nil
}

func runServe(ctx context.Context, opts *serveOptions, s streams) error {
	if opts.timeScale <= 0 || opts.timeScale > 1000 {
		return usageErrorf("--time-scale %g: use a positive factor up to 1000 (0.1 runs ten times faster)", opts.timeScale)
	}
	if opts.lines < 0 {
		return usageErrorf("--lines %d: use 0 (the scenario's) or more", opts.lines)
	}
	if opts.noInput <= 0 {
		return usageErrorf("--no-input %v: use a positive time", opts.noInput)
	}
	from, err := parseClock(opts.from)
	if err != nil {
		return usageErrorf("--from %q: %v", opts.from, err)
	}
	host, _, err := net.SplitHostPort(opts.listen)
	if err != nil {
		return usageErrorf("--listen %q: want host:port, e.g. 127.0.0.1:5070", opts.listen)
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		return usageErrorf("--listen %q: give the address callers reach (it goes into SDP and Contact), e.g. 127.0.0.1:5070, not a wildcard", opts.listen)
	}
	flow, scName, err := liveDesign(ctx, opts.scenario, opts.design, opts.sets, opts.outside)
	if err != nil {
		return err
	}
	ivr, err := live.NewIVR(live.IVRConfig{Plan: flow.Plan, Keys: flow.Keys, Seed: opts.seed, Scale: opts.timeScale,
		From: from, NoInput: opts.noInput.Seconds(), Lines: opts.lines})
	if err != nil {
		return usageError(err)
	}
	srv, pc, ln, err := sipua.Listen(ivr, opts.listen)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", opts.listen, err)
	}
	if opts.stopAfter > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.stopAfter)
		defer cancel()
	}
	var hs *http.Server
	if opts.http != "" {
		hl, err := net.Listen("tcp", opts.http)
		if err != nil {
			_ = pc.Close()
			_ = ln.Close()
			return fmt.Errorf("cannot serve --http on %s: %w", opts.http, err)
		}
		mux := http.NewServeMux()
		mux.HandleFunc("/stats", func(w http.ResponseWriter, _ *http.Request) {
			b, err := results.MarshalJSON(struct {
				SchemaVersion int    `json:"schema_version"`
				IvrsimVersion string `json:"ivrsim_version"`
				Scenario      string `json:"scenario"`
				Design        string `json:"design"`
				live.Counts
			}{1, results.Version, scName, flow.Plan.Design, ivr.Counts()})
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(b)
		})
		hs = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
		go func() { _ = hs.Serve(hl) }()
		fmt.Fprintf(s.Err, "counts at http://%s/stats\n", hl.Addr())
	}
	fmt.Fprintf(s.Err, "serving design %s of %s on sip:ivr@%s (udp, tcp), time scale %g\n", flow.Plan.Design, scName, srv.Addr(), opts.timeScale)
	err = srv.Serve(ctx, pc, ln)
	if hs != nil {
		_ = hs.Close()
	}
	if err != nil && !errors.Is(err, net.ErrClosed) {
		return err
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil
	}
	return ctx.Err()
}
