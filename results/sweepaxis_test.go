package results

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseSweepAxis(t *testing.T) {
	for in, want := range map[string]SweepAxis{
		"segments.regular.trust=0.2,0.4,0.6": {"segments.regular.trust", []string{"0.2", "0.4", "0.6"}},
		" a.b = [1, 2], {x: 1, y: 2} ,'c,d'": {"a.b", []string{"[1, 2]", "{x: 1, y: 2}", "'c,d'"}},
		"x=1":                                {"x", []string{"1"}},
	} {
		got, err := ParseSweepAxis(in)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("ParseSweepAxis(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for in, want := range map[string]string{"x": "expected key.path=v1,v2", "=1,2": "expected", "x=": "expected", "x=1,,2": "an empty value", "x=1,": "an empty value"} {
		if _, err := ParseSweepAxis(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseSweepAxis(%q): error %v, want %q", in, err, want)
		}
	}
}

func TestSweepGridOrder(t *testing.T) {
	grid := SweepGrid([]SweepAxis{{"a", []string{"1", "2"}}, {"b", []string{"x", "y", "z"}}})
	var got []string
	for _, p := range grid {
		got = append(got, p[0].Value+p[1].Value)
	}
	if strings.Join(got, " ") != "1x 1y 1z 2x 2y 2z" {
		t.Errorf("grid %v: the first axis must vary slowest", got)
	}
}

func FuzzParseSweepAxis(f *testing.F) {
	for _, s := range []string{"a=1,2", "a.b=[1,2],{x: 1}", "x='a,b',\"c\"", "=", "a=,", "a=[", "a=]]]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseSweepAxis(s)
		if err != nil {
			return
		}
		if a.Path == "" || len(a.Values) == 0 {
			t.Fatalf("%q: accepted as %+v", s, a)
		}
		for _, v := range a.Values {
			if v == "" {
				t.Fatalf("%q: an empty value accepted", s)
			}
		}
	})
}
