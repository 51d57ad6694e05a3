package models

import "math/rand/v2"

// LatinHypercube returns n points in the unit cube of d dimensions, a
// space-filling design: in every dimension, each of the n equal slices of
// [0, 1) holds exactly one point, at a random place within it, and the
// slices are paired across dimensions by independent random permutations
// (McKay, Beckman and Conover 1979). Against n independent uniform points
// it never leaves a stretch of one parameter's range unexplored, and
// estimates of means and regressions vary less. The same seed gives the
// same points.
func LatinHypercube(n, d int, seed uint64) [][]float64 {
	rng := rand.New(rand.NewPCG(seed, 0x6c6873)) // "lhs"
	points := make([][]float64, n)
	for i := range points {
		points[i] = make([]float64, d)
	}
	for j := range d {
		perm := rng.Perm(n)
		for i := range n {
			points[i][j] = (float64(perm[i]) + rng.Float64()) / float64(n)
		}
	}
	return points
}
