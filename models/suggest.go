package models

import "strings"

// EditDistance counts the single-character edits — insertions, deletions,
// substitutions and swaps of neighbouring characters — between a and b,
// compared byte by byte (enough for the ASCII names it serves). The "did
// you mean" suggestions of every message in ivrsim rest on it; a swap
// counts as one edit because it is the commonest typo. Strings longer
// than 64 bytes are not compared, as no typo is that long: they are
// max(len) apart unless equal.
func EditDistance(a, b string) int {
	if a == b {
		return 0
	}
	if len(a) > 64 || len(b) > 64 {
		return max(len(a), len(b))
	}
	// Three rows of the dynamic programme: before last, last, current.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// Suggest returns the candidate s is most likely a typo of, or "" when
// none is close: at most one edit for names up to 4 bytes, two up to 8,
// three beyond, case ignored. Ties go to the earlier candidate.
func Suggest(s string, candidates []string) string {
	limit := 1
	switch n := len(s); {
	case n > 8:
		limit = 3
	case n > 4:
		limit = 2
	}
	best, bestD := "", limit+1
	ls := strings.ToLower(s)
	for _, c := range candidates {
		if c == s {
			continue
		}
		if d := EditDistance(ls, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
