package scenarios

import (
	"strings"

	"github.com/ivrsim/ivrsim/models"
)

// The distribution families in the schema: one form per family, each with
// its parameters, so an editor flags exponentail(mean=4m) or
// lognormal(mean=3m) (no cv) as you type rather than ivrsim validate later.

// PatternDist matches a distribution: a fixed duration, or any family
// written with its parameters, such as "lognormal(mean=3m, cv=1.2)".
var PatternDist = func() string {
	alts := []string{durationPattern}
	for _, f := range models.DistFamilies() {
		alts = append(alts, familyBody(f))
	}
	return `^\s*(` + strings.Join(alts, "|") + `)\s*$`
}()

// distSchema is the schema of a distribution: a fixed duration as a number
// or text, or one of the families, each described.
func distSchema() map[string]any {
	forms := []any{
		map[string]any{"type": "number", "minimum": 0, "description": "A fixed duration in seconds."},
		map[string]any{"type": "string", "pattern": PatternDuration, "description": "A fixed duration such as 45s, 3m or 1h30m."},
	}
	var names []string
	for _, f := range models.DistFamilies() {
		names = append(names, f.Name)
		forms = append(forms, map[string]any{
			"type":        "string",
			"title":       f.Name,
			"description": f.Description + " Written " + familyUsage(f) + ".",
			"pattern":     `^\s*` + familyBody(f) + `\s*$`,
			"examples":    []any{f.Example},
		})
	}
	return map[string]any{
		"description": "A distribution of durations: a fixed duration such as 45s, or a family with its parameters: " + strings.Join(names, ", ") + ". Family and parameter names are case-insensitive.",
		"anyOf":       forms,
	}
}

// familyUsage writes how a family takes its parameters, for people.
func familyUsage(f models.DistFamily) string {
	if f.List {
		return f.Name + "(d1, d2, ...)"
	}
	var ways []string
	for _, set := range f.ParamSets {
		parts := make([]string, len(set))
		for i, p := range set {
			parts[i] = p + "=…"
		}
		ways = append(ways, f.Name+"("+strings.Join(parts, ", ")+")")
	}
	if len(f.Positional) > 0 {
		ways = append(ways, f.Name+"("+strings.Join(f.Positional, ", ")+")")
	}
	return strings.Join(ways, " or ")
}

// familyBody is the pattern of one family's text, without anchors: its
// name (or an alias), then its parameters in one of the accepted
// combinations, named in any order, or positional.
func familyBody(f models.DistFamily) string {
	names := []string{caseless(f.Name)}
	for _, a := range f.Aliases {
		names = append(names, caseless(a))
	}
	isDuration := map[string]bool{}
	for _, p := range f.Durations {
		isDuration[p] = true
	}
	value := func(p string) string {
		if isDuration[p] {
			return durationPattern
		}
		return `-?` + numberPattern
	}
	const comma = `\s*,\s*`
	var args []string
	if f.List {
		args = append(args, durationPattern+`(`+comma+durationPattern+`)*`)
	}
	for _, set := range f.ParamSets {
		for _, order := range permutations(set) {
			parts := make([]string, len(order))
			for i, p := range order {
				parts[i] = caseless(p) + `\s*=\s*` + value(p)
			}
			args = append(args, strings.Join(parts, comma))
		}
	}
	if len(f.Positional) > 0 {
		parts := make([]string, len(f.Positional))
		for i, p := range f.Positional {
			parts[i] = value(p)
		}
		args = append(args, strings.Join(parts, comma))
	}
	return `(` + strings.Join(names, "|") + `)\s*\(\s*(` + strings.Join(args, "|") + `)\s*\)`
}

// caseless writes a pattern matching s in any case: JSON Schema patterns
// have no flag for it.
func caseless(s string) string {
	var b strings.Builder
	for _, r := range s {
		lo, up := strings.ToLower(string(r)), strings.ToUpper(string(r))
		if lo == up {
			b.WriteRune(r)
			continue
		}
		b.WriteString("[" + lo + up + "]")
	}
	return b.String()
}

// permutations lists every order of xs.
func permutations(xs []string) [][]string {
	if len(xs) <= 1 {
		return [][]string{append([]string(nil), xs...)}
	}
	var out [][]string
	for i := range xs {
		rest := append(append([]string(nil), xs[:i]...), xs[i+1:]...)
		for _, p := range permutations(rest) {
			out = append(out, append([]string{xs[i]}, p...))
		}
	}
	return out
}
