package models

import "testing"

var benchSink float64

// BenchmarkSample measures one draw through the Dist interface, as the
// engine makes it, for each family. Every draw must be allocation-free.
func BenchmarkSample(b *testing.B) {
	cases := []struct {
		name string
		d    Dist
	}{
		{"exponential", must(NewExponential(120))},
		{"deterministic", must(NewDeterministic(45))},
		{"uniform", must(NewUniform(10, 30))},
		{"lognormal", must(NewLogNormal(180, 1.21))},
		{"gamma/shape4", must(NewGamma(180, 0.5))},
		{"gamma/shape0.25", must(NewGamma(180, 2))},
		{"weibull/shape1.5", must(NewWeibull(1.5, 120))},
		{"weibull/shape2", must(NewWeibull(2, 120))},
		{"weibull/shape0.5", must(NewWeibull(0.5, 120))},
		{"empirical/100", must(NewEmpirical(benchValues(100)))},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			r := newRand(1)
			d := c.d
			b.ReportAllocs()
			s := 0.0
			for b.Loop() {
				s += d.Sample(r)
			}
			benchSink = s
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds()/1e6, "Mdraws/s")
		})
	}
}

func benchValues(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = float64(10 + i)
	}
	return v
}

// BenchmarkParseDist measures reading a typical scenario value; it runs once
// per scenario load, so it only needs to be far from mattering.
func BenchmarkParseDist(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseDist("lognormal(mean=3m, cv=1.21)"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCDF measures the CDFs that fitting evaluates once per observation.
func BenchmarkCDF(b *testing.B) {
	cases := []struct {
		name string
		d    analytic
	}{
		{"lognormal", must(NewLogNormal(180, 1.21))},
		{"gamma/shape4", must(NewGamma(180, 0.5))},
		{"gamma/shape100", must(NewGamma(180, 0.1))},
		{"weibull", must(NewWeibull(1.5, 120))},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			s, x := 0.0, 0.0
			for b.Loop() {
				x += 1
				if x > 600 {
					x = 1
				}
				s += c.d.CDF(x)
			}
			benchSink = s
		})
	}
}
