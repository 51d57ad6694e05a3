package models

import (
	"math"
	"slices"
)

// matrix is a small dense square matrix: the fits here have at most three
// parameters.
type matrix [][]float64

func newMatrix(n int) matrix {
	m := make(matrix, n)
	for i := range m {
		m[i] = make([]float64, n)
	}
	return m
}

func (m matrix) mul(v []float64) []float64 {
	out := make([]float64, len(m))
	for i, row := range m {
		out[i] = dot(row, v)
	}
	return out
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// inverse inverts a symmetric positive definite matrix through its
// Cholesky factor; ok is false when m is not positive definite (the
// likelihood has no maximum there).
func (m matrix) inverse() (matrix, bool) {
	n := len(m)
	l := newMatrix(n)
	for i := range n {
		for j := 0; j <= i; j++ {
			s := m[i][j]
			for k := range j {
				s -= l[i][k] * l[j][k]
			}
			if i == j {
				if !(s > 0) || math.IsInf(s, 0) {
					return nil, false
				}
				l[i][i] = math.Sqrt(s)
			} else {
				l[i][j] = s / l[j][j]
			}
		}
	}
	// Solve L·Lᵀ·x = e_c for each column c.
	inv := newMatrix(n)
	for c := range n {
		y := make([]float64, n)
		for i := range n {
			s := 0.0
			if i == c {
				s = 1
			}
			for k := range i {
				s -= l[i][k] * y[k]
			}
			y[i] = s / l[i][i]
		}
		for i := n - 1; i >= 0; i-- {
			s := y[i]
			for k := i + 1; k < n; k++ {
				s -= l[k][i] * inv[k][c]
			}
			inv[i][c] = s / l[i][i]
		}
	}
	return inv, true
}

// nelderMead minimises f from start by the Nelder–Mead simplex method
// (standard coefficients), from a simplex of the given size, for at most
// maxEval evaluations or until the simplex's values agree to 1e-10.
func nelderMead(f func([]float64) float64, start []float64, size float64, maxEval int) []float64 {
	n := len(start)
	pts := make([][]float64, n+1)
	vals := make([]float64, n+1)
	for i := range pts {
		pts[i] = slices.Clone(start)
		if i > 0 {
			pts[i][i-1] += size
		}
		vals[i] = f(pts[i])
	}
	evals := n + 1
	order := make([]int, n+1)
	point := func(c []float64, towards []float64, t float64) []float64 {
		p := make([]float64, n)
		for i := range p {
			p[i] = c[i] + t*(towards[i]-c[i])
		}
		return p
	}
	for evals < maxEval {
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int {
			switch {
			case vals[a] < vals[b]:
				return -1
			case vals[a] > vals[b]:
				return 1
			}
			return 0
		})
		best, worst, second := order[0], order[n], order[n-1]
		if math.Abs(vals[worst]-vals[best]) <= 1e-10*(1+math.Abs(vals[best])) {
			break
		}
		c := make([]float64, n)
		for _, i := range order[:n] {
			for k := range c {
				c[k] += pts[i][k] / float64(n)
			}
		}
		r := point(c, pts[worst], -1)
		fr := f(r)
		evals++
		switch {
		case fr < vals[best]:
			e := point(c, pts[worst], -2)
			fe := f(e)
			evals++
			if fe < fr {
				pts[worst], vals[worst] = e, fe
			} else {
				pts[worst], vals[worst] = r, fr
			}
		case fr < vals[second]:
			pts[worst], vals[worst] = r, fr
		default:
			towards, fTowards := pts[worst], vals[worst]
			if fr < fTowards {
				towards, fTowards = r, fr
			}
			k := point(c, towards, 0.5)
			fk := f(k)
			evals++
			if fk < fTowards {
				pts[worst], vals[worst] = k, fk
				continue
			}
			for _, i := range order[1:] {
				pts[i] = point(pts[best], pts[i], 0.5)
				vals[i] = f(pts[i])
				evals++
			}
		}
	}
	b := 0
	for i := range vals {
		if vals[i] < vals[b] {
			b = i
		}
	}
	return pts[b]
}
