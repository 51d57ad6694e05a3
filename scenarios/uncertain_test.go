package scenarios

import (
	"math"
	"strings"
	"testing"
)

func TestUncertainBlock(t *testing.T) {
	base := `
name: u
arrivals: {rate: 10/min}
intents:
  call: {handle_time: 3m}
segments:
  everyone: {share: 1, trust: 0.4}
agents:
  team: {count: 5}
`
	cases := []struct {
		name, block string
		want        []Uncertain
		err         string // a fragment of the error, with its line:col
	}{
		{"list and forms", `uncertain:
  segments.everyone.trust: [0.2, 0.6]
  agents.team.count: triangular(3, 5, 8)
  arrivals.rate: normal(0.17, 0.02)
  segments.everyone.patience: loguniform(60, 600)
`, []Uncertain{
			{"segments.everyone.trust", UncertainRange{"uniform", []float64{0.2, 0.6}}},
			{"agents.team.count", UncertainRange{"triangular", []float64{3, 5, 8}}},
			{"arrivals.rate", UncertainRange{"normal", []float64{0.17, 0.02}}},
			{"segments.everyone.patience", UncertainRange{"loguniform", []float64{60, 600}}},
		}, ""},
		{"reversed", "uncertain:\n  segments.everyone.trust: uniform(0.6, 0.2)\n", nil, "u.yaml:11:28: uncertain.segments.everyone.trust: uniform(0.6, 0.2): the low end must be below the high end"},
		{"three in a list", "uncertain:\n  segments.everyone.trust: [0.2, 0.4, 0.6]\n", nil, "u.yaml:11:28: uncertain.segments.everyone.trust: [low, high] takes two numbers, not 3"},
		{"unknown kind", "uncertain:\n  segments.everyone.trust: beta(2, 3)\n", nil, `unknown distribution "beta"`},
		{"not a number", "uncertain:\n  segments.everyone.trust: uniform(0.2, high)\n", nil, `"high" is not a number`},
		{"not a mapping", "uncertain: [a, b]\n", nil, "u.yaml:10:12: uncertain: expected a mapping of scenario paths to ranges"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sc, err := Parse("u.yaml", []byte(base+c.block), nil)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := sc.Uncertain.List
			if len(got) != len(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			for i := range got {
				if got[i].Path != c.want[i].Path || got[i].Range.String() != c.want[i].Range.String() {
					t.Errorf("entry %d: %v, want %v", i, got[i], c.want[i])
				}
			}
			if p := sc.Positions["uncertain.segments.everyone.trust"]; p.Line != 11 {
				t.Errorf("position %+v, want line 11", p)
			}
		})
	}
}

func TestUncertainQuantile(t *testing.T) {
	cases := []struct {
		spec    string
		u, want float64
	}{
		{"uniform(2, 6)", 0.25, 3},
		{"loguniform(1, 100)", 0.5, 10},
		{"triangular(0, 1, 2)", 0.5, 1},
		{"triangular(0, 0, 1)", 0.75, 0.5},
		{"normal(10, 2)", 0.5, 10},
		{"normal(10, 2)", 0.8413447460685429, 12},
	}
	for _, c := range cases {
		r, err := ParseUncertainRange(c.spec)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Quantile(c.u); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%s at %g: %g, want %g", c.spec, c.u, got, c.want)
		}
	}
}

func FuzzParseUncertainRange(f *testing.F) {
	for _, s := range []string{"uniform(0.2, 0.6)", "triangular(1, 2, 3)", "normal(0, 1)", "loguniform(1, 10)", "uniform(", "beta(1,2)", "uniform(1, NaN)", "normal(0, -1)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseUncertainRange(s)
		if err != nil {
			return
		}
		// A range that parses reads back, and its quantiles lie within
		// its bounds and grow.
		again, err := ParseUncertainRange(r.String())
		if err != nil || again.String() != r.String() {
			t.Fatalf("%q → %q does not read back: %v", s, r.String(), err)
		}
		lo, hi := r.Bounds()
		prev := math.Inf(-1)
		for _, u := range []float64{0.01, 0.25, 0.5, 0.75, 0.99} {
			q := r.Quantile(u)
			if r.Kind != "normal" && (q < lo-1e-9*math.Abs(lo) || q > hi+1e-9*math.Abs(hi)) {
				t.Fatalf("%s: quantile %g = %g outside [%g, %g]", r, u, q, lo, hi)
			}
			if q < prev-1e-9*math.Abs(prev) {
				t.Fatalf("%s: quantiles fall at %g", r, u)
			}
			prev = q
		}
	})
}
