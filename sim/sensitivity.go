package sim

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
)

// Sensitivity analysis: what the scenario's uncertain values do to the
// comparison of its designs.
//
// The uncertain: block maps scenario paths to ranges. A Latin hypercube
// of Samples points spreads over them; at each point the scenario is
// loaded with the point's values (as --set would give them), every design
// runs the same replications — the same seed at every point, so the
// callers are the same everywhere (common random numbers) and a
// difference between two points is the parameters', not the noise's —
// and each design is compared with the first, paired by replication.
// Over the points, results.AnalyseSensitivity reads the distribution of
// each headline metric's difference, the probability that the other
// design is better, the drivers, and the break-even of the main driver.

// Loader loads the scenario with extra --set overrides (path=value).
type Loader func(sets []string) (*scenarios.Scenario, error)

// SensitivityOptions control Sensitivity.
type SensitivityOptions struct {
	// Samples is the number of points of the design; at least the number
	// of parameters plus 3, for the regressions.
	Samples int
	// Replications per point and design.
	Replications int
	Seed         uint64
	// Workers bounds the replications running at once; 0 means one per
	// CPU.
	Workers int
	// Designs are the designs compared, the first the base; empty means
	// all, in scenario order.
	Designs []string
	// Done, if set, is called after each replication of each design.
	Done func(design, rep int, calls int64)
}

// CheckUncertain checks the scenario's uncertain values before anything
// runs: each path must be one --set can change, and the scenario must be
// valid at both ends of its range. Values the scenario takes as whole
// numbers are marked Integer (samples are then rounded). Problems come as
// scenarios.Errors at the uncertain entry's file:line:col.
func CheckUncertain(sc *scenarios.Scenario, load Loader) ([]results.SensitivityParameter, error) {
	list := sc.Uncertain.List
	if len(list) == 0 {
		return nil, errNoUncertain(scenarioFile(sc))
	}
	var errs scenarios.Errors
	var params []results.SensitivityParameter
	for _, u := range list {
		path := "uncertain." + u.Path
		fail := func(msg string) {
			errs = append(errs, &scenarios.Error{Pos: sc.Positions[path], Path: path, Msg: msg})
		}
		lo, hi := u.Range.Bounds()
		ok := true
		for _, end := range []struct {
			v    float64
			name string
		}{{lo, "low"}, {hi, "high"}} {
			if _, err := load([]string{setArg(u.Path, end.v)}); err != nil {
				fail(fmt.Sprintf("at %s, the %s end of %s, the scenario is not valid: %s; fix the path or narrow the range", formatValue(end.v), end.name, u.Range, firstProblem(err)))
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		// A value taken as a whole number rejects a fraction that both
		// of its neighbours pass.
		p := results.SensitivityParameter{Path: u.Path, Range: u.Range.String()}
		if mid := math.Floor((lo + hi) / 2); mid+1 <= hi && mid >= lo {
			if _, err := load([]string{setArg(u.Path, mid+0.5)}); err != nil {
				if _, err2 := load([]string{setArg(u.Path, mid)}); err2 == nil {
					p.Integer = true
				}
			}
		}
		params = append(params, p)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return params, nil
}

// firstProblem is the message of the first problem in err, without its
// position (the --set that caused it has none worth showing).
func firstProblem(err error) string {
	var es scenarios.Errors
	if errors.As(err, &es) && len(es) > 0 {
		e := es[0]
		if e.Path != "" {
			return e.Path + ": " + e.Msg
		}
		return e.Msg
	}
	return err.Error()
}

func scenarioFile(sc *scenarios.Scenario) string {
	if sc.File != "" {
		return sc.File
	}
	return "the scenario " + sc.Name
}

func setArg(path string, v float64) string { return path + "=" + formatValue(v) }

func formatValue(v float64) string { return strconv.FormatFloat(v, 'g', 10, 64) }

// Sensitivity runs the design over the uncertain values params (from
// CheckUncertain) of sc and analyses it.
func Sensitivity(ctx context.Context, sc *scenarios.Scenario, load Loader, params []results.SensitivityParameter, opt SensitivityOptions) (*results.SensitivityDocument, error) {
	d := len(params)
	if opt.Samples < d+3 {
		return nil, fmt.Errorf("%d samples for %d uncertain values: the regressions need at least %d", opt.Samples, d, d+3)
	}
	if opt.Replications < 1 {
		return nil, fmt.Errorf("%d replications: use 1 or more", opt.Replications)
	}
	ranges := make([]scenarios.UncertainRange, d)
	names := make([]string, d)
	for j, p := range params {
		names[j] = p.Path
		for _, u := range sc.Uncertain.List {
			if u.Path == p.Path {
				ranges[j] = u.Range
			}
		}
	}
	doc := &results.SensitivityDocument{
		SchemaVersion: results.SchemaVersion, Scenario: sc.Name, Seed: opt.Seed,
		Samples: opt.Samples, Replications: opt.Replications, Method: "latin-hypercube",
		Parameters: params,
	}
	x := make([][]float64, opt.Samples)
	var pairs [][2]string
	for i, u := range models.LatinHypercube(opt.Samples, d, opt.Seed) {
		x[i] = make([]float64, d)
		sets := make([]string, d)
		for j := range d {
			v := ranges[j].Quantile(u[j])
			if params[j].Integer {
				lo, hi := ranges[j].Bounds()
				v = math.Min(math.Max(math.Round(v), math.Ceil(lo)), math.Floor(hi))
			}
			x[i][j] = v
			sets[j] = setArg(names[j], v)
		}
		psc, err := load(sets)
		if err != nil {
			return nil, fmt.Errorf("point %d (%v): %w", i+1, sets, err)
		}
		designs := opt.Designs
		if len(designs) == 0 {
			designs = DesignNames(psc)
		}
		if len(designs) < 2 {
			return nil, fmt.Errorf("the scenario has one design; sensitivity compares designs, so it needs two or more")
		}
		plans := make([]*Plan, len(designs))
		for k, name := range designs {
			if plans[k], err = Compile(psc, name); err != nil {
				return nil, fmt.Errorf("point %d (%v): %w", i+1, sets, err)
			}
		}
		// The same seed at every point: the same callers everywhere.
		rs, err := Run(ctx, plans, Options{Seed: opt.Seed, Replications: Reps(opt.Replications), Workers: opt.Workers, Done: opt.Done})
		if err != nil {
			return nil, err
		}
		rd := rs.Document()
		pt := results.SensitivityPoint{Values: x[i]}
		for ci, c := range rd.Comparisons {
			if i == 0 {
				pairs = append(pairs, [2]string{c.Base, c.Other})
			} else if ci >= len(pairs) || pairs[ci] != [2]string{c.Base, c.Other} {
				return nil, fmt.Errorf("point %d compares other designs than the first", i+1)
			}
			diffs := map[string]float64{}
			for _, m := range results.HeadlineMetrics {
				v := math.NaN()
				if dd, ok := c.Metrics[m]; ok && dd.N > 0 {
					v = dd.Diff
				}
				diffs[m] = v
			}
			pt.Diffs = append(pt.Diffs, diffs)
		}
		doc.Points = append(doc.Points, pt)
	}
	for ci, pr := range pairs {
		sp := results.SensitivityPair{Base: pr[0], Other: pr[1]}
		for mi, name := range results.HeadlineMetrics {
			m, _ := results.LookupMetric(name)
			y := make([]float64, len(doc.Points))
			for i, pt := range doc.Points {
				y[i] = pt.Diffs[ci][name]
			}
			// One bootstrap stream per pair and metric, from the seed.
			seed := opt.Seed ^ uint64(ci*len(results.HeadlineMetrics)+mi+1)*0x9e3779b97f4a7c15
			sp.Metrics = append(sp.Metrics, results.AnalyseSensitivity(m, names, x, y, seed))
		}
		doc.Pairs = append(doc.Pairs, sp)
	}
	return doc, nil
}
