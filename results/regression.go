package results

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// DefaultAlpha is the level of ivrsim check's regression tests: a proposed
// design as good as the current one is flagged at most 5% of the time per
// metric.
const DefaultAlpha = 0.05

// Tolerance is how much worse a metric may get before a regression check
// fails, in the metric's unit: a share (0.005 for half a percentage
// point), seconds, a count.
type Tolerance struct {
	Metric Metric
	Value  float64
	// Text is the value as written, such as "0.5pp" or "5s".
	Text string
}

// ParseTolerance reads "metric=value", such as "abandon_rate=0.5pp" or
// "asa=5s". Shares take percentage points (0.5pp) or a plain share
// (0.005); "%" is refused, since a reader cannot tell whether 10% means
// ten points or a tenth of the current value. The metric must have a
// better direction, or worse would mean nothing.
func ParseTolerance(s string) (Tolerance, error) {
	m, v, text, err := parseMetricSetting("--tolerance", s)
	if err != nil {
		return Tolerance{}, err
	}
	if m.Better == Neutral {
		return Tolerance{}, fmt.Errorf("--tolerance %q: %s has no better direction (neither more nor less is worse), so it cannot be gated; gate it with a threshold instead, or use one of %s",
			s, m.Name, strings.Join(gateableMetrics(), ", "))
	}
	if v < 0 {
		return Tolerance{}, fmt.Errorf("--tolerance %q: a tolerance is how much worse is accepted, 0 or more", s)
	}
	return Tolerance{Metric: m, Value: v, Text: text}, nil
}

// gateableMetrics are the metrics with a better direction.
func gateableMetrics() []string {
	var out []string
	for _, m := range Metrics {
		if m.Better != Neutral {
			out = append(out, m.Name)
		}
	}
	return out
}

// RegressionResult is one regression check: did design Proposed get worse
// than Current in Metric by more than the tolerance? It fails when the
// one-sided (1 − Alpha) lower confidence bound of the worsening exceeds the
// tolerance: the proposed design is worse by more than the tolerance with
// confidence 1 − Alpha.
type RegressionResult struct {
	Metric    Metric
	Tolerance Tolerance
	Current   string
	Proposed  string
	// Baseline says Current is the same-named design of a stored run,
	// compared unpaired (Welch); otherwise the designs are paired by
	// replication.
	Baseline bool
	Alpha    float64
	// Diff is Proposed − Current in the metric's own direction.
	Diff float64
	// Worsening is Diff oriented so that positive is worse.
	Worsening float64
	// Bound is the one-sided (1 − Alpha) lower confidence bound of
	// Worsening.
	Bound float64
	// DF are the degrees of freedom of the t quantile used.
	DF float64
	// N counts the replications compared: pairs, or the proposed design's
	// with a baseline; NCurrent the baseline's.
	N, NCurrent int
	Pass        bool
	// Reason says why the check failed other than by its bound.
	Reason string
}

// worseSign is +1 when an increase of m is worse, −1 when a decrease is.
func worseSign(m Metric) float64 {
	if m.Better == HigherIsBetter {
		return -1
	}
	return 1
}

// oneSidedT is the (1 − alpha) quantile of Student's t with df degrees of
// freedom.
func oneSidedT(alpha, df float64) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(1 - alpha)
}

// PairedRegression tests whether proposed is worse than current by more
// than tol, from values paired by replication (the same callers saw both
// designs): a one-sided paired t test at level alpha. Replications where
// either value is undefined are left out.
func PairedRegression(tol Tolerance, current, proposed []float64, alpha float64) RegressionResult {
	r := RegressionResult{Metric: tol.Metric, Tolerance: tol, Alpha: alpha, Diff: math.NaN(), Worsening: math.NaN(), Bound: math.NaN(), DF: math.NaN()}
	sign := worseSign(tol.Metric)
	var d []float64
	for i := range min(len(current), len(proposed)) {
		if x := proposed[i] - current[i]; !math.IsNaN(x) {
			d = append(d, x)
		}
	}
	r.N, r.NCurrent = len(d), len(d)
	e := EstimateOf(d)
	r.Diff = e.Mean
	r.Worsening = sign * e.Mean
	if e.N < 2 {
		r.Reason = fmt.Sprintf("%s is defined in both designs in %d replication%s; the paired test needs at least 2", tol.Metric.Name, e.N, plural(e.N))
		return r
	}
	r.DF = float64(e.N - 1)
	r.Bound = r.Worsening - oneSidedT(alpha, r.DF)*e.StdDev/math.Sqrt(float64(e.N))
	r.Pass = !(r.Bound > tol.Value)
	return r
}

// WelchRegression tests whether proposed is worse than current by more
// than tol from two independent samples summarised by their mean, standard
// deviation and count: a one-sided Welch t test at level alpha, with
// Welch–Satterthwaite degrees of freedom.
func WelchRegression(tol Tolerance, current, proposed Estimate, alpha float64) RegressionResult {
	r := RegressionResult{Metric: tol.Metric, Tolerance: tol, Alpha: alpha, Baseline: true,
		N: proposed.N, NCurrent: current.N, Diff: math.NaN(), Worsening: math.NaN(), Bound: math.NaN(), DF: math.NaN()}
	r.Diff = proposed.Mean - current.Mean
	r.Worsening = worseSign(tol.Metric) * r.Diff
	for _, s := range []struct {
		what string
		e    Estimate
	}{{"the baseline", current}, {"this run", proposed}} {
		if s.e.N < 2 || math.IsNaN(s.e.StdDev) || math.IsNaN(s.e.Mean) {
			r.Reason = fmt.Sprintf("%s has %s defined in %d replication%s; the test needs at least 2", s.what, tol.Metric.Name, s.e.N, plural(s.e.N))
			return r
		}
	}
	vc := current.StdDev * current.StdDev / float64(current.N)
	vp := proposed.StdDev * proposed.StdDev / float64(proposed.N)
	se := math.Sqrt(vc + vp)
	if se == 0 {
		// Both samples constant: the difference is known exactly.
		r.DF = float64(current.N + proposed.N - 2)
		r.Bound = r.Worsening
	} else {
		r.DF = (vc + vp) * (vc + vp) / (vc*vc/float64(current.N-1) + vp*vp/float64(proposed.N-1))
		r.Bound = r.Worsening - oneSidedT(alpha, r.DF)*se
	}
	r.Pass = !(r.Bound > tol.Value)
	return r
}

// CompareDesigns runs a paired regression check of proposed against
// current for every tolerance.
func CompareDesigns(rs *RunSet, current, proposed string, tols []Tolerance, alpha float64) ([]RegressionResult, error) {
	cur, prop := rs.designNamed(current), rs.designNamed(proposed)
	if cur == nil || prop == nil {
		return nil, fmt.Errorf("the run lacks design %q or %q", current, proposed)
	}
	out := make([]RegressionResult, 0, len(tols))
	for _, tol := range tols {
		k := metricIndex[tol.Metric.Name]
		r := PairedRegression(tol, column(cur.Reps, k), column(prop.Reps, k), alpha)
		r.Current, r.Proposed = current, proposed
		out = append(out, r)
	}
	return out, nil
}

// CompareBaseline runs a Welch regression check of every design of rs
// against the same-named design of base, for every tolerance. missing
// lists the designs base does not have.
func CompareBaseline(rs *RunSet, base *Document, tols []Tolerance, alpha float64) (out []RegressionResult, missing []string) {
	for _, d := range rs.Designs {
		bd := base.designNamed(d.Name)
		if bd == nil {
			missing = append(missing, d.Name)
			continue
		}
		for _, tol := range tols {
			k := metricIndex[tol.Metric.Name]
			be, ok := bd.Metrics[tol.Metric.Name]
			if !ok {
				be = Estimate{Mean: math.NaN(), CILow: math.NaN(), CIHigh: math.NaN(), StdDev: math.NaN()}
			}
			r := WelchRegression(tol, be, EstimateOf(column(d.Reps, k)), alpha)
			r.Current, r.Proposed = d.Name, d.Name
			out = append(out, r)
		}
	}
	return out, missing
}

func (rs *RunSet) designNamed(name string) *DesignRuns {
	for _, d := range rs.Designs {
		if d.Name == name {
			return d
		}
	}
	return nil
}

func (doc *Document) designNamed(name string) *DesignDocument {
	for i := range doc.Designs {
		if doc.Designs[i].Name == name {
			return &doc.Designs[i]
		}
	}
	return nil
}

// ReadBaseline decodes a stored run, as ivrsim run --format json writes
// it, to compare a new run with. It refuses other versions of the format,
// shards and sweeps, each with how to make a usable baseline.
func ReadBaseline(data []byte) (*Document, error) {
	var head struct {
		SchemaVersion *int            `json:"schema_version"`
		Kind          string          `json:"kind"`
		Sweep         json.RawMessage `json:"sweep"`
		Designs       json.RawMessage `json:"designs"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("not an ivrsim result (%v); write one with ivrsim run SCENARIO --format json --out FILE", err)
	}
	switch {
	case head.SchemaVersion == nil:
		return nil, fmt.Errorf("no schema_version: not an ivrsim result; write one with ivrsim run SCENARIO --format json --out FILE")
	case !ReadableSchema(*head.SchemaVersion):
		return nil, fmt.Errorf("schema_version %d, and this ivrsim reads version %d; write the baseline again with this ivrsim: ivrsim run SCENARIO --format json --out FILE", *head.SchemaVersion, SchemaVersion)
	case head.Kind == "partial":
		return nil, fmt.Errorf("one shard of a run (a partial result); merge the shards first with ivrsim merge, and use the merged result")
	case head.Sweep != nil:
		return nil, fmt.Errorf("a sweep; a baseline is one run: ivrsim run SCENARIO --format json --out FILE, with --set for the point to compare")
	case head.Designs == nil:
		return nil, fmt.Errorf("no designs: not an ivrsim run result")
	}
	var doc Document
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("not a readable ivrsim result: %v", err)
	}
	if len(doc.Designs) == 0 {
		return nil, fmt.Errorf("no designs: not an ivrsim run result")
	}
	doc.Upgrade()
	return &doc, nil
}

// CheckBaseline lists what keeps base from serving as the baseline of a
// run of scenario with designs, gated on tols: another scenario, no design
// in common, a metric missing or measured in fewer than 2 replications.
func CheckBaseline(base *Document, scenario string, designs []string, tols []Tolerance) []string {
	var problems []string
	if base.Scenario != scenario {
		problems = append(problems, fmt.Sprintf("it is a run of scenario %q, and this is %q; compare runs of one scenario", base.Scenario, scenario))
	}
	var names []string
	for _, d := range base.Designs {
		names = append(names, d.Name)
	}
	common := 0
	for _, name := range designs {
		bd := base.designNamed(name)
		if bd == nil {
			continue
		}
		common++
		for _, tol := range tols {
			e, ok := bd.Metrics[tol.Metric.Name]
			switch {
			case !ok:
				problems = append(problems, fmt.Sprintf("design %q has no metric %s; write the baseline again with this ivrsim", name, tol.Metric.Name))
			case e.N < 2 || math.IsNaN(e.StdDev):
				problems = append(problems, fmt.Sprintf("design %q has %s from %d replication%s; a baseline needs at least 2 (run it with --reps 2 or more)", name, tol.Metric.Name, e.N, plural(e.N)))
			}
		}
	}
	if common == 0 {
		problems = append(problems, fmt.Sprintf("it has the designs %s and this scenario %s: none in common, so nothing can be compared", strings.Join(names, ", "), strings.Join(designs, ", ")))
	}
	return problems
}
