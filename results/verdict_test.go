package results

import (
	"strings"
	"testing"
)

// verdictDocument is two designs compared on a handful of metrics: other
// cuts abandonment, raises adoption, loses service level and p_wait, and
// changes asa by nothing significant.
func verdictDocument() *Document {
	type row struct {
		name        string
		base, other float64
		lo, hi      float64 // interval of the paired difference
	}
	rows := []row{
		{"abandon_rate", 0.145, 0.095, -0.054, -0.044},
		{"adoption_rate", 0.627, 0.801, 0.165, 0.183},
		{"service_level", 0.624, 0.589, -0.047, -0.023},
		{"p_wait", 0.441, 0.517, 0.065, 0.087},
		{"asa", 31.5, 31.2, -2.5, 1.9},
		{"offered", 8046, 7864, -217, -149}, // no better direction
	}
	base := DesignDocument{Name: "menu", Metrics: MetricEstimates{}}
	other := DesignDocument{Name: "va", Metrics: MetricEstimates{}}
	cmp := Comparison{Base: "menu", Other: "va", Metrics: MetricDifferences{}}
	for _, r := range rows {
		base.Metrics[r.name] = Estimate{Mean: r.base, N: 10}
		other.Metrics[r.name] = Estimate{Mean: r.other, N: 10}
		cmp.Metrics[r.name] = Difference{Diff: r.other - r.base, CILow: r.lo, CIHigh: r.hi, N: 10, Significant: r.lo > 0 || r.hi < 0}
	}
	return &Document{Scenario: "s", Designs: []DesignDocument{base, other}, Comparisons: []Comparison{cmp}}
}

func TestVerdicts(t *testing.T) {
	doc := verdictDocument()
	vs := Verdicts(doc.Designs, doc.Comparisons)
	if len(vs) != 1 {
		t.Fatalf("%d verdicts", len(vs))
	}
	v := vs[0]
	names := func(cs []Change) string {
		var s []string
		for _, c := range cs {
			s = append(s, c.Metric.Name)
		}
		return strings.Join(s, ",")
	}
	// Ranked by the change relative to the larger mean: abandonment 34%,
	// adoption 22%; p_wait 15%, service level 5.6%.
	if got := names(v.Gains); got != "abandon_rate,adoption_rate" {
		t.Errorf("gains %s", got)
	}
	if got := names(v.Losses); got != "p_wait,service_level" {
		t.Errorf("losses %s", got)
	}
	if strings.Join(v.Same, ",") != "asa" || v.Compared() != 5 {
		t.Errorf("same %v, compared %d", v.Same, v.Compared())
	}
	// Every metric with a direction that the run lacks is missing, none
	// of the neutral ones.
	for _, m := range v.Missing {
		if mm, _ := LookupMetric(m); mm.Better == Neutral {
			t.Errorf("neutral metric %s listed as missing", m)
		}
	}
	want := "va against menu: better on 2 of 5 metrics (abandon_rate −5.0pp, adoption_rate +17.4pp); worse on 2: p_wait +7.6pp, service_level −3.5pp"
	if got := v.Line(); got != want {
		t.Errorf("line\n%s\nwant\n%s", got, want)
	}
}

func TestWriteVerdicts(t *testing.T) {
	cases := []struct {
		name, report string
		want         []string
	}{
		{"no report", "", []string{"verdict: va against menu: better on 2 of 5", "worse on 2: p_wait +7.6pp, service_level −3.5pp\n", "--report FILE"}},
		{"report", "out.html", []string{"verdict: va against menu", "the report is in out.html"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b strings.Builder
			if err := WriteVerdicts(&b, verdictDocument(), c.report); err != nil {
				t.Fatal(err)
			}
			for _, w := range c.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("%q lacks %q", b.String(), w)
				}
			}
		})
	}
	// One design: nothing to say.
	doc := verdictDocument()
	doc.Designs, doc.Comparisons = doc.Designs[:1], nil
	var b strings.Builder
	if err := WriteVerdicts(&b, doc, ""); err != nil || b.Len() != 0 {
		t.Errorf("one design: %q, %v", b.String(), err)
	}
}
