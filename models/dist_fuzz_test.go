package models

import (
	"errors"
	"math"
	"reflect"
	"testing"
)

// FuzzParseDist checks that ParseDist never panics, that every rejection is
// a *DistSyntaxError pointing inside the text, and that every accepted text
// round-trips through String and samples finite, non-negative values.
func FuzzParseDist(f *testing.F) {
	for _, s := range []string{
		"45s", "1m30s", "12.5", "0", "250ms", "1h30m", "1e+09", "0.00711",
		"exponential(mean=2m)", "exponential(2m)", "exp(mean=2m)",
		"lognormal(mean=3m, cv=1.2)", "lognormal(mu=4.5, sigma=0.9)", "lognormal(mu=-0.5, sigma=1)",
		"gamma(mean=3m, cv=0.5)", "gamma(shape=2, scale=90s)", "gamma(shape=0.01, scale=1e-300)",
		"weibull(shape=1.5, scale=2m)", "weibull(mean=2m, shape=1.5)", "weibull(shape=0.006, scale=1)",
		"uniform(min=10s, max=30s)", "uniform(10s, 30s)", "uniform(0, 1.7976931348623157e308)",
		"deterministic(45s)", "fixed(45s)", "empirical(10s, 20s, 35s)",
		"\tgamma\n(\n mean = 3m ,\n cv = 0.5\n)\n", "\u00a0exp(1m)",
		"", "lognorml(mean=3m)", "gamma(mean=3m, sd=1)", "exponential(mean=2m",
		"uniform(10s,,30s)", "lognormal(mean=3m, cv=0)", "empirical()", "exp((1))",
		"lognormal(mu=700, sigma=1)", "gamma(mean=1e300, cv=1e-150)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDist(s)
		if err != nil {
			var se *DistSyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("ParseDist(%q): error %T %v is not a *DistSyntaxError", s, err, err)
			}
			if se.Offset < 0 || se.Offset > len(s) || se.Text != s || se.Msg == "" {
				t.Fatalf("ParseDist(%q): bad error %#v", s, se)
			}
			_ = se.Error()
			return
		}
		text := d.String()
		back, err := ParseDist(text)
		if err != nil {
			t.Fatalf("ParseDist(%q) = %s, which does not read back: %v", s, text, err)
		}
		if !reflect.DeepEqual(back, d) {
			t.Fatalf("ParseDist(%q) = %#v; its text %q reads back as %#v", s, d, text, back)
		}
		if again := back.String(); again != text {
			t.Fatalf("String not stable: %q then %q", text, again)
		}
		if m := d.Mean(); !(m >= 0 && m <= math.MaxFloat64) {
			t.Fatalf("%s: Mean = %v", text, m)
		}
		r := newRand(uint64(len(s)))
		for i := 0; i < 100; i++ {
			if x := d.Sample(r); !(x >= 0 && x <= math.MaxFloat64) {
				t.Fatalf("%s: Sample = %v", text, x)
			}
		}
	})
}
