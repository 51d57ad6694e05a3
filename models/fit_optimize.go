package models

import (
	"math"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// The numerics of maximum-likelihood fitting come from gonum: the
// Nelder–Mead simplex (optimize), central finite differences (diff/fd) and
// the inverse of a symmetric positive definite matrix through its Cholesky
// factor (mat). What is ours is how they are put together, in maximise.

// nelderMead minimises f from start by gonum's Nelder–Mead simplex, from a
// simplex of the given size, for at most maxEval evaluations or until the
// best value has stopped improving by more than 1e-10.
func nelderMead(f func([]float64) float64, start []float64, size float64, maxEval int) []float64 {
	settings := &optimize.Settings{
		FuncEvaluations: maxEval,
		Converger:       &optimize.FunctionConverge{Absolute: 1e-10, Relative: 1e-10, Iterations: 50},
	}
	res, _ := optimize.Minimize(optimize.Problem{Func: f}, start, settings, &optimize.NelderMead{SimplexSize: size})
	if res == nil || !(res.F <= f(start)) {
		return append([]float64(nil), start...)
	}
	return res.X
}

// step is the finite-difference step around x: relative to the largest
// parameter, and never below 1e-4.
func step(x []float64) float64 {
	m := 1.0
	for _, v := range x {
		m = math.Max(m, math.Abs(v))
	}
	return 1e-4 * m
}

// gradient is f's gradient at x by central differences.
func gradient(f func([]float64) float64, x []float64) []float64 {
	return fd.Gradient(nil, f, x, &fd.Settings{Formula: fd.Central, Step: step(x)})
}

// hessian is f's Hessian at x by central differences.
func hessian(f func([]float64) float64, x []float64) *mat.SymDense {
	var h mat.SymDense
	fd.Hessian(&h, f, x, &fd.Settings{Formula: fd.Central, Step: step(x)})
	return &h
}

// inverseSPD inverts a symmetric positive definite matrix through its
// Cholesky factor; ok is false when m is not positive definite (the
// likelihood has no maximum there) or not finite.
func inverseSPD(m *mat.SymDense) (inv *mat.SymDense, ok bool) {
	n := m.SymmetricDim()
	for i := range n {
		for j := range n {
			if v := m.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, false
			}
		}
	}
	var c mat.Cholesky
	if !c.Factorize(m) {
		return nil, false
	}
	inv = mat.NewSymDense(n, nil)
	if err := c.InverseTo(inv); err != nil {
		return nil, false
	}
	return inv, true
}

// quadForm is gᵀ·m·g.
func quadForm(m *mat.SymDense, g []float64) float64 {
	v := mat.NewVecDense(len(g), g)
	return mat.Inner(v, m, v)
}
