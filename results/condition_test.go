package results

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// harness is a vocabulary of figures outside Metrics, one of each unit.
var harness = Vocabulary{
	Metrics: []Metric{{Name: "setup_p95", Unit: Seconds}, {Name: "failed_rate", Unit: Ratio}, {Name: "concurrent_max", Unit: Count}},
	Example: "'setup_p95 < 200ms'",
}

func TestParseCondition(t *testing.T) {
	tests := []struct {
		in    string
		op    Operator
		value float64
		unit  Unit
	}{
		{"setup_p95 < 200ms", OpLess, 0.2, Seconds},
		{"setup_p95<0.2", OpLess, 0.2, Seconds},
		{"setup_p95 <= 1m30s", OpLessEqual, 90, Seconds},
		{"failed_rate == 1%", OpEqual, 0.01, Ratio},
		{"failed_rate != 0", OpNotEqual, 0, Ratio},
		{"concurrent_max >= 500", OpGreaterEqual, 500, Count},
		{"\tconcurrent_max > 2.5 ", OpGreater, 2.5, Count},
	}
	for _, tc := range tests {
		c, err := ParseCondition(tc.in, harness)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if c.Op != tc.op || c.Value != tc.value || c.Unit != tc.unit || c.Text != strings.TrimSpace(tc.in) {
			t.Errorf("%q: got %+v", tc.in, c)
		}
	}
}

func TestParseConditionErrors(t *testing.T) {
	tests := []struct {
		in       string
		offset   int
		inTarget bool
		msg      string
	}{
		{"", 0, true, `"" does not start with a metric; write metric operator value, such as 'setup_p95 < 200ms'`},
		{"abandon_rate < 8%", 0, true, `unknown metric "abandon_rate"; use one of setup_p95, failed_rate, concurrent_max`},
		{"setup_p59 < 1s", 0, true, `unknown metric "setup_p59" (did you mean "setup_p95"?); use one of`},
		{"setup_p95 ", 10, false, `"setup_p95": the operator and value are missing; write metric operator value, such as 'setup_p95 < 200ms'`},
		{"setup_p95 mean < 1s", 10, false, `"mean < 1s": expected an operator (<, <=, >, >=, == or !=) at "mean < 1s"`},
		{"setup_p95 >> 1s", 11, false, `">> 1s": "> 1s" is not a value of setup_p95`},
		{"failed_rate => 0.1", 12, false, "; write >="},
		{"failed_rate < 2", 14, false, `"< 2": failed_rate is a share from 0 to 1 (0% to 100%); write 0.02 or 2%`},
		{"setup_p95 < -1s", 12, false, `"< -1s": setup_p95 is never negative; write a value of 0 or more`},
		{"setup_p95 < Inf", 12, false, `"Inf" is not a value of setup_p95; write a duration such as 45s or 2m`},
		{"concurrent_max > 1e999", 17, false, "write a number"},
	}
	for _, tc := range tests {
		_, err := ParseCondition(tc.in, harness)
		var te *ThresholdError
		if !errors.As(err, &te) {
			t.Errorf("%q: got %v, want a ThresholdError", tc.in, err)
			continue
		}
		if !strings.Contains(te.Msg, tc.msg) || te.Offset != tc.offset || te.InTarget != tc.inTarget || te.Text != tc.in {
			t.Errorf("%q: got %q at %d (in target %v), want %q at %d (in target %v)", tc.in, te.Msg, te.Offset, te.InTarget, tc.msg, tc.offset, tc.inTarget)
		}
	}
}

// TestConditionAsThreshold: on a metric both know, a condition reads and
// refuses exactly as ParseThresholdLine does: one grammar.
func TestConditionAsThreshold(t *testing.T) {
	vocab := Vocabulary{Example: "'abandon_rate < 8%'"}
	for _, name := range []string{"abandon_rate", "asa", "offered", "effort"} {
		m, _ := LookupMetric(name)
		vocab.Metrics = append(vocab.Metrics, m)
	}
	for _, s := range []string{"abandon_rate < 8%", "abandon_rate<=0.08", "asa > 45", "asa < 2m", "offered >= 1000", "effort != 3.5",
		"abandon_rate < 80", "abandon_rate < 8pp", "asa < -2s", "asa < soon", "asa = 45s", "asa === 45s", "asa ≥ 45s", "offered > x"} {
		c, cerr := ParseCondition(s, vocab)
		th, terr := ParseThresholdLine(s)
		switch {
		case (cerr == nil) != (terr == nil):
			t.Errorf("%q: condition %v, threshold %v", s, cerr, terr)
		case cerr != nil:
			ce, te := cerr.(*ThresholdError), terr.(*ThresholdError)
			if *ce != *te {
				t.Errorf("%q: condition says %+v, threshold %+v", s, *ce, *te)
			}
		case c.Op != th.Op || c.Value != th.Value || c.Unit != th.Unit || c.Metric != th.Metric:
			t.Errorf("%q: condition %+v, threshold %+v", s, c, th)
		}
	}
}

func TestConditionHolds(t *testing.T) {
	c, err := ParseCondition("failed_rate != 0", harness)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Holds(0.1) || c.Holds(0) || c.Holds(math.NaN()) {
		t.Error("failed_rate != 0 judged wrongly")
	}
}
