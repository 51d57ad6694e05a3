package scenarios

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// UncertainValues is the scenario's uncertain: block: values nobody has
// measured for the centre, each a scenario path (as --set writes it) with
// the range or distribution of its plausible values. ivrsim sensitivity
// samples them; ivrsim run uses the scenario's own values.
//
//	uncertain:
//	  segments.regular.trust: uniform(0.2, 0.6)
//	  designs.queue-preserving-va.nodes.agents.assist.engaged_patience: [0.5, 1.0]
type UncertainValues struct {
	List []Uncertain `yaml:"-"`
}

// Uncertain is one uncertain value.
type Uncertain struct {
	// Path is the value's scenario path, such as segments.regular.trust.
	Path  string
	Range UncertainRange
}

// UncertainRange is a distribution of plausible values: uniform(a, b) (or
// [a, b]), loguniform(a, b), triangular(a, mode, b), or normal(mean, sd).
type UncertainRange struct {
	Kind   string    // uniform, loguniform, triangular or normal
	Params []float64 // a, b; a, b; a, mode, b; mean, sd
}

// PatternUncertain matches the text forms of an uncertain range.
const PatternUncertain = `^\s*(uniform|loguniform|triangular|normal)\s*\(.*\)\s*$`

var uncertainForm = regexp.MustCompile(`^\s*([a-z]+)\s*\((.*)\)\s*$`)

// uncertainArity is the number of parameters each kind takes, and how
// they are written in messages.
var uncertainArity = map[string]struct {
	n    int
	form string
}{
	"uniform":    {2, "uniform(low, high)"},
	"loguniform": {2, "loguniform(low, high), with 0 < low"},
	"triangular": {3, "triangular(low, mode, high)"},
	"normal":     {2, "normal(mean, sd)"},
}

// ParseUncertainRange reads the text form of an uncertain range.
func ParseUncertainRange(s string) (UncertainRange, error) {
	m := uncertainForm.FindStringSubmatch(s)
	if m == nil {
		return UncertainRange{}, fmt.Errorf("%q is not a range: write [low, high], uniform(low, high), loguniform(low, high), triangular(low, mode, high) or normal(mean, sd)", s)
	}
	kind := m[1]
	ar, ok := uncertainArity[kind]
	if !ok {
		return UncertainRange{}, fmt.Errorf("unknown distribution %q: use uniform, loguniform, triangular or normal", kind)
	}
	var params []float64
	for _, p := range strings.Split(m[2], ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return UncertainRange{}, fmt.Errorf("%s: %q is not a number; write %s with plain numbers (seconds for durations, 0.25 for 25%%)", kind, strings.TrimSpace(p), ar.form)
		}
		params = append(params, v)
	}
	r := UncertainRange{Kind: kind, Params: params}
	return r, r.check()
}

func (r UncertainRange) check() error {
	ar := uncertainArity[r.Kind]
	if len(r.Params) != ar.n {
		return fmt.Errorf("%s takes %d numbers, not %d: write %s", r.Kind, ar.n, len(r.Params), ar.form)
	}
	p := r.Params
	switch r.Kind {
	case "uniform", "loguniform":
		if !(p[0] < p[1]) {
			return fmt.Errorf("%s(%g, %g): the low end must be below the high end", r.Kind, p[0], p[1])
		}
		if r.Kind == "loguniform" && !(p[0] > 0) {
			return fmt.Errorf("loguniform(%g, %g): the low end must be above 0; use uniform for ranges that include 0", p[0], p[1])
		}
	case "triangular":
		if !(p[0] < p[2] && p[0] <= p[1] && p[1] <= p[2]) {
			return fmt.Errorf("triangular(%g, %g, %g): write low < high with the mode between them", p[0], p[1], p[2])
		}
	case "normal":
		if !(p[1] > 0) {
			return fmt.Errorf("normal(%g, %g): the standard deviation must be above 0", p[0], p[1])
		}
	}
	return nil
}

// Quantile is the value below which a share u (0 < u < 1) of the
// distribution lies: a sample of u spread evenly over (0, 1) — a Latin
// hypercube's, say — becomes a sample of the distribution.
func (r UncertainRange) Quantile(u float64) float64 {
	p := r.Params
	switch r.Kind {
	case "uniform":
		return p[0] + u*(p[1]-p[0])
	case "loguniform":
		return math.Exp(math.Log(p[0]) + u*(math.Log(p[1])-math.Log(p[0])))
	case "triangular":
		a, c, b := p[0], p[1], p[2]
		if f := (c - a) / (b - a); u < f {
			return a + math.Sqrt(u*(b-a)*(c-a))
		}
		return b - math.Sqrt((1-u)*(b-a)*(b-c))
	case "normal":
		return p[0] + p[1]*math.Sqrt2*math.Erfinv(2*u-1)
	}
	return math.NaN()
}

// Bounds are the values at the ends of the range: low and high, or for a
// normal distribution three standard deviations either side of the mean.
// The scenario must be valid at both.
func (r UncertainRange) Bounds() (low, high float64) {
	p := r.Params
	switch r.Kind {
	case "triangular":
		return p[0], p[2]
	case "normal":
		return p[0] - 3*p[1], p[0] + 3*p[1]
	}
	return p[0], p[1]
}

// String writes the range in a form ParseUncertainRange reads.
func (r UncertainRange) String() string {
	parts := make([]string, len(r.Params))
	for i, v := range r.Params {
		parts[i] = strconv.FormatFloat(v, 'g', -1, 64)
	}
	return r.Kind + "(" + strings.Join(parts, ", ") + ")"
}

// decodeNode reads the uncertain: mapping. Its keys are scenario paths,
// which contain dots, so it does not go through the named-entry decoding.
func (u *UncertainValues) decodeNode(d *decoder, n *yaml.Node, path string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "expected a mapping of scenario paths to ranges, found %s; write one per line, such as segments.regular.trust: uniform(0.2, 0.6)", describe(n))
		return
	}
	keys, vals, _ := d.pairs(n, path)
	seen := map[string]bool{}
	for i, k := range keys {
		sub := path + "." + k.Value
		if k.Kind != yaml.ScalarNode || strings.TrimSpace(k.Value) == "" || strings.ContainsAny(k.Value, " =") {
			d.errorAt(d.keyAt(k), path, "expected a scenario path such as segments.regular.trust, found %s", describe(k))
			continue
		}
		if seen[k.Value] {
			d.errorAt(d.keyAt(k), sub, "%s is uncertain twice; give it one range", k.Value)
			continue
		}
		seen[k.Value] = true
		d.pos[sub+"#key"] = d.keyAt(k)
		v := resolve(vals[i])
		d.pos[sub] = d.at(v)
		r, err := decodeUncertainRange(v)
		if err != nil {
			d.errorf(v, sub, "%v", err)
			continue
		}
		u.List = append(u.List, Uncertain{Path: k.Value, Range: r})
	}
}

func decodeUncertainRange(n *yaml.Node) (UncertainRange, error) {
	switch n.Kind {
	case yaml.SequenceNode:
		var params []float64
		for _, c := range n.Content {
			v, err := strconv.ParseFloat(strings.TrimSpace(c.Value), 64)
			if c.Kind != yaml.ScalarNode || err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return UncertainRange{}, fmt.Errorf("[low, high] takes two numbers; %s is not one", describe(c))
			}
			params = append(params, v)
		}
		if len(params) != 2 {
			return UncertainRange{}, fmt.Errorf("[low, high] takes two numbers, not %d", len(params))
		}
		r := UncertainRange{Kind: "uniform", Params: params}
		return r, r.check()
	case yaml.ScalarNode:
		return ParseUncertainRange(n.Value)
	}
	return UncertainRange{}, fmt.Errorf("expected a range such as [0.5, 1.0] or uniform(0.2, 0.6), found %s", describe(n))
}
