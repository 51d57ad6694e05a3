package models

import (
	"errors"
	"math"
	"reflect"
	"testing"
)

func TestParseDistForms(t *testing.T) {
	cases := []struct {
		in        string
		want      Dist
		canonical string
	}{
		{"45s", must(NewDeterministic(45)), "45s"},
		{"1m30s", must(NewDeterministic(90)), "1m30s"},
		{"12.5", must(NewDeterministic(12.5)), "12.5s"},
		{"  45  ", must(NewDeterministic(45)), "45s"},
		{"0", must(NewDeterministic(0)), "0s"},
		{"250ms", must(NewDeterministic(0.25)), "250ms"},
		{"1h30m", must(NewDeterministic(5400)), "1h30m"},
		{"deterministic(45s)", must(NewDeterministic(45)), "45s"},
		{"fixed(45s)", must(NewDeterministic(45)), "45s"},
		{"Fixed( value = 45 )", must(NewDeterministic(45)), "45s"},

		{"exponential(mean=2m)", must(NewExponential(120)), "exponential(mean=2m)"},
		{"exponential(2m)", must(NewExponential(120)), "exponential(mean=2m)"},
		{"exp(mean=2m)", must(NewExponential(120)), "exponential(mean=2m)"},
		{"EXPONENTIAL ( Mean = 2m )", must(NewExponential(120)), "exponential(mean=2m)"},
		{"exp(120)", must(NewExponential(120)), "exponential(mean=2m)"},

		{"lognormal(mean=3m, cv=1.2)", must(NewLogNormal(180, 1.2)), "lognormal(mean=3m, cv=1.2)"},
		{"lognormal(cv=1.21,mean=180)", must(NewLogNormal(180, 1.21)), "lognormal(mean=3m, cv=1.21)"},
		{"LogNormal(mu=4.5, sigma=0.9)", must(NewLogNormalMuSigma(4.5, 0.9)), "lognormal(mu=4.5, sigma=0.9)"},
		{"lognormal(sigma=1, mu=-0.5)", must(NewLogNormalMuSigma(-0.5, 1)), "lognormal(mu=-0.5, sigma=1)"},

		{"gamma(mean=3m, cv=0.5)", must(NewGamma(180, 0.5)), "gamma(mean=3m, cv=0.5)"},
		{"gamma(shape=2, scale=90s)", must(NewGammaShapeScale(2, 90)), "gamma(shape=2, scale=1m30s)"},
		{"gamma(scale=90, shape=2)", must(NewGammaShapeScale(2, 90)), "gamma(shape=2, scale=1m30s)"},
		{"\tgamma\n(\n  mean = 3m ,\n  cv = 0.5\n)\n", must(NewGamma(180, 0.5)), "gamma(mean=3m, cv=0.5)"},

		{"weibull(shape=1.5, scale=2m)", must(NewWeibull(1.5, 120)), "weibull(shape=1.5, scale=2m)"},
		{"weibull(mean=2m, shape=1.5)", must(NewWeibullMeanShape(120, 1.5)), "weibull(mean=2m, shape=1.5)"},
		{"weibull(shape=1.5, mean=2m)", must(NewWeibullMeanShape(120, 1.5)), "weibull(mean=2m, shape=1.5)"},

		{"uniform(min=10s, max=30s)", must(NewUniform(10, 30)), "uniform(min=10s, max=30s)"},
		{"uniform(10s, 30s)", must(NewUniform(10, 30)), "uniform(min=10s, max=30s)"},
		{"uniform(10s, max=30s)", must(NewUniform(10, 30)), "uniform(min=10s, max=30s)"},
		{"uniform(max=30s, min=10s)", must(NewUniform(10, 30)), "uniform(min=10s, max=30s)"},
		{"uniform(5s, 5s)", must(NewUniform(5, 5)), "uniform(min=5s, max=5s)"},

		{"empirical(10s, 20s, 35s)", must(NewEmpirical([]float64{10, 20, 35})), "empirical(10s, 20s, 35s)"},
		{"empirical( 2m ,1m,2m )", must(NewEmpirical([]float64{120, 60, 120})), "empirical(2m, 1m, 2m)"},
		{"Empirical(0)", must(NewEmpirical([]float64{0})), "empirical(0s)"},

		{"\u00a0exp(1m)\u3000", must(NewExponential(60)), "exponential(mean=1m)"},
	}
	for _, c := range cases {
		got, err := ParseDist(c.in)
		if err != nil {
			t.Errorf("ParseDist(%q): %v", c.in, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseDist(%q) = %#v, want %#v", c.in, got, c.want)
		}
		if s := got.String(); s != c.canonical {
			t.Errorf("ParseDist(%q).String() = %q, want %q", c.in, s, c.canonical)
		}
	}
}

func TestParseDistErrors(t *testing.T) {
	const fams = "families: exponential, lognormal, gamma, weibull, uniform, deterministic, empirical"
	cases := []struct {
		in     string
		offset int
		msg    string
	}{
		// Text that is not a distribution at all.
		{"", 0, "empty distribution; write a duration such as 45s or a distribution such as exponential(mean=2m)"},
		{"   ", 3, "empty distribution; write a duration such as 45s or a distribution such as exponential(mean=2m)"},
		{"(2m)", 0, `unexpected "("; write a duration such as 45s or a distribution such as exponential(mean=2m)`},
		{"45x", 0, `invalid duration "45x": unknown unit "x"; use ms, s, m or h`},
		{"-5s", 0, "a duration cannot be negative"},
		{"inf", 0, `invalid duration "inf": not a finite number`},
		{"45 s", 3, `unexpected "s" after "45"; write a single duration such as 45s, or a distribution such as exponential(mean=2m)`},

		// Family names.
		{"lognorml(mean=3m, cv=1.2)", 0, `unknown distribution "lognorml"; did you mean lognormal? ` + fams},
		{"gama(mean=3m, cv=1)", 0, `unknown distribution "gama"; did you mean gamma? ` + fams},
		{"expo(2m)", 0, `unknown distribution "expo"; did you mean exponential? ` + fams},
		{"triangular(1, 2, 3)", 0, `unknown distribution "triangular"; ` + fams},
		{"normal(mean=3m, cv=1)", 0, `unknown distribution "normal"; durations cannot be negative, so use lognormal or gamma for a bell shape; ` + fams},
		{"constant(5s)", 0, `unknown distribution "constant"; for a fixed value use deterministic(…) or just the duration; ` + fams},
		{"exponential", 0, "exponential needs parameters in parentheses: write exponential(mean=2m)"},
		{"Gamma mean=3m", 0, "gamma needs parameters in parentheses: write gamma(mean=3m, cv=0.5)"},

		// Punctuation.
		{"exponential(mean=2m", 19, "missing ) to close exponential("},
		{"exponential(mean=2m) x", 21, `unexpected "x" after the closing parenthesis; remove it`},
		{"exponential(mean=)", 17, "missing value for mean; write mean=value"},
		{"uniform(10s,,30s)", 12, `missing parameter before ","; remove the extra comma`},
		{"uniform(10s, 30s,)", 17, `missing parameter before ")"; remove the extra comma`},
		{"exponential(=2m)", 12, "missing parameter name before ="},
		{"exponential((2m))", 12, `unexpected "("; parameters are written name=value, separated by commas`},
		{"uniform(10s 30s)", 12, `expected , or ) after "10s", found "30s)"`},

		// Parameter names and combinations.
		{"gamma(mean=3m, sd=1)", 15, `unknown parameter "sd" for gamma; use mean and cv, or shape and scale`},
		{"exponential(rate=2)", 12, `unknown parameter "rate" for exponential; use mean`},
		{"gamma(mean=3m, MEAN=4m)", 15, "mean is given twice; keep one"},
		{"uniform(10s, min=5s)", 13, "min is given twice; keep one"},
		{"lognormal(mean=3m)", 0, "lognormal needs mean and cv (or mu and sigma)"},
		{"gamma()", 0, "gamma needs mean and cv (or shape and scale)"},
		{"weibull(shape=2)", 0, "weibull needs shape and scale (or mean and shape)"},
		{"uniform(min=10s)", 0, "uniform needs min and max: write uniform(min=10s, max=30s)"},
		{"exp()", 0, "exponential needs mean: write exponential(mean=2m) or exponential(2m)"},
		{"lognormal(mean=3m, sigma=1)", 19, "sigma cannot be combined with mean; lognormal takes mean and cv, or mu and sigma"},
		{"weibull(mean=2m, shape=1.5, scale=1m)", 28, "scale cannot be combined with mean and shape; weibull takes shape and scale, or mean and shape"},
		{"lognormal(3m, 1.2)", 10, "lognormal parameters must be named: write lognormal(mean=3m, cv=1.2)"},
		{"exponential(2m, 3m)", 16, "too many values for exponential, which takes mean; write exponential(mean=2m)"},
		{"fixed(45s, 50s)", 11, "too many values for fixed, which takes one value; write deterministic(45s)"},
		{"uniform(min=10s, 30s)", 17, "a value without a name cannot follow named parameters; write uniform(min=10s, max=30s)"},
		{"empirical()", 0, "empirical needs at least one value: write empirical(10s, 20s, 35s)"},
		{"empirical(10s, x=1)", 15, "empirical takes a list of values, not named parameters: write empirical(10s, 20s, 35s)"},

		// Parameter values.
		{"gamma(mean=3x, cv=1)", 11, `mean: invalid duration "3x": unknown unit "x"; use ms, s, m or h`},
		{"exponential(mean=-2m)", 17, "mean cannot be negative"},
		{"empirical(10s, -1)", 15, "value cannot be negative"},
		{"gamma(shape=2s, scale=1m)", 12, "shape is a plain number, not a duration; remove the unit"},
		{"gamma(shape=abc, scale=1m)", 12, `shape must be a number, got "abc"`},
		{"lognormal(mu=NaN, sigma=1)", 13, "mu must be a finite number"},
		{"lognormal(mu=1e400, sigma=1)", 13, "mu 1e400 is out of range"},

		// Values the constructors reject.
		{"lognormal(mean=3m, cv=0)", 22, "cv must be positive"},
		{"gamma(mean=3m, cv=-1)", 18, "cv must be positive"},
		{"exponential(0)", 12, "mean must be positive"},
		{"lognormal(mu=4.5, sigma=0)", 24, "sigma must be positive"},
		{"uniform(min=30s, max=10s)", 12, "min must not exceed max (10s); swap them"},
		{"weibull(shape=0.001, scale=1m)", 14, "shape is too small: the mean would be infinite"},
		{"lognormal(mean=3m, cv=1e200)", 22, "cv is too large"},
		{"gamma(mean=3m, cv=1e-200)", 18, "cv is too small; use a deterministic value instead"},
	}
	seen := map[string]bool{}
	for _, c := range cases {
		_, err := ParseDist(c.in)
		var se *DistSyntaxError
		if !errors.As(err, &se) {
			t.Errorf("ParseDist(%q) error = %v, want a *DistSyntaxError", c.in, err)
			continue
		}
		if se.Text != c.in || se.Offset != c.offset || se.Msg != c.msg {
			t.Errorf("ParseDist(%q):\n got offset %d, %q\nwant offset %d, %q", c.in, se.Offset, se.Msg, c.offset, c.msg)
		}
		seen[c.msg] = true
	}
	if len(seen) < 15 {
		t.Errorf("only %d distinct messages", len(seen))
	}
}

func TestDistSyntaxErrorError(t *testing.T) {
	cases := []struct{ in, want string }{
		{"lognormal(mean=3m, cv=0)", `invalid distribution "lognormal(mean=3m, cv=0)" at column 23: cv must be positive`},
		{"lognorml(mean=3m, cv=1.2)", `invalid distribution "lognorml(mean=3m, cv=1.2)" at column 1: unknown distribution "lognorml"; did you mean lognormal? families: exponential, lognormal, gamma, weibull, uniform, deterministic, empirical`},
		// The column counts characters; the offset counts bytes.
		{"\u00a0exponential(mean=0)", `invalid distribution "\u00a0exponential(mean=0)" at column 19: mean must be positive`},
	}
	for _, c := range cases {
		_, err := ParseDist(c.in)
		if err == nil || err.Error() != c.want {
			t.Errorf("ParseDist(%q) error:\n got %v\nwant %s", c.in, err, c.want)
		}
	}
	var se *DistSyntaxError
	if _, err := ParseDist("\u00a0exponential(mean=0)"); !errors.As(err, &se) || se.Offset != 19 {
		t.Errorf("offset %d, want byte offset 19", se.Offset)
	}
	// An offset out of range must not make Error panic.
	_ = (&DistSyntaxError{Text: "x", Offset: 7, Msg: "m"}).Error()
	_ = (&DistSyntaxError{Text: "x", Offset: -1, Msg: "m"}).Error()
}

// roundTrip checks that the canonical text reads back to an equal
// distribution and is a fixed point.
func roundTrip(t *testing.T, d Dist) {
	t.Helper()
	s := d.String()
	back, err := ParseDist(s)
	if err != nil {
		t.Errorf("%#v: ParseDist(%q): %v", d, s, err)
		return
	}
	if !reflect.DeepEqual(back, d) {
		t.Errorf("ParseDist(%q) = %#v, want %#v", s, back, d)
	}
	if s2 := back.String(); s2 != s {
		t.Errorf("String() not stable: %q then %q", s, s2)
	}
}

func TestRoundTrip(t *testing.T) {
	r := newRand(2024)
	// Durations from a millisecond to a month, log-uniform, plus round
	// figures and values that do not survive milliseconds exactly.
	dur := func() float64 {
		switch r.IntN(4) {
		case 0:
			return float64(1 + r.IntN(7200))
		case 1:
			return []float64{0.00711, 1.0 / 3, 0.1, 1e-9, 1e9, 1e21 + 1e6, 86400 * 30}[r.IntN(7)]
		}
		return math.Exp(r.Float64()*22 - 7)
	}
	num := func() float64 {
		if r.IntN(3) == 0 {
			return []float64{0.5, 1, 1.21, 2, 0.1 + 0.2, 1.0 / 3}[r.IntN(6)]
		}
		return math.Exp(r.Float64()*6 - 3)
	}
	n := 0
	for i := 0; i < 3000; i++ {
		var d Dist
		var err error
		switch i % 10 {
		case 0:
			d, err = NewExponential(dur())
		case 1:
			d, err = NewDeterministic(dur())
		case 2:
			a, b := dur(), dur()
			d, err = NewUniform(min(a, b), max(a, b))
		case 3:
			d, err = NewLogNormal(dur(), num())
		case 4:
			d, err = NewLogNormalMuSigma(r.NormFloat64()*5, num())
		case 5:
			d, err = NewGamma(dur(), num())
		case 6:
			d, err = NewGammaShapeScale(num(), dur())
		case 7:
			d, err = NewWeibull(num(), dur())
		case 8:
			d, err = NewWeibullMeanShape(dur(), num())
		case 9:
			vals := make([]float64, 1+r.IntN(8))
			for j := range vals {
				vals[j] = dur()
			}
			d, err = NewEmpirical(vals)
		}
		if err != nil {
			continue // an extreme combination the constructor rightly rejects
		}
		n++
		roundTrip(t, d)
	}
	if n < 2900 {
		t.Errorf("only %d of 3000 random distributions were valid", n)
	}
}
