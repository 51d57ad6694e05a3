package models

import "sort"

// DistFamily describes how one family of distributions is written, for
// documentation and the scenario schema: ParseDist is the authority.
type DistFamily struct {
	// Name is the canonical name; Aliases are other names ParseDist reads.
	Name    string
	Aliases []string
	// Description says what the family is for, in one sentence.
	Description string
	// ParamSets are the accepted combinations of named parameters.
	ParamSets [][]string
	// Positional names the parameters that may be given without names, in
	// order.
	Positional []string
	// Durations lists the parameters read as durations (45s, 2m, or
	// seconds); the others are plain numbers.
	Durations []string
	// List is set for a family written as a list of durations
	// (empirical).
	List bool
	// Example is a typical use.
	Example string
}

// distDescriptions say what each family is for.
var distDescriptions = map[string]string{
	"exponential":   "Memoryless durations, such as patience in Erlang A or handle times in Erlang C: one parameter, the mean.",
	"lognormal":     "Right-skewed durations such as agent handle times (call centre service times are close to lognormal): mean and coefficient of variation, or mu and sigma of the log of seconds.",
	"gamma":         "Skewed durations with a tunable shape: mean and coefficient of variation, or shape and scale.",
	"weibull":       "Durations whose hazard rises or falls with time, such as patience: shape and scale, or mean and shape.",
	"uniform":       "Durations equally likely anywhere between min and max.",
	"deterministic": "A fixed duration (a plain duration such as 45s means the same).",
	"empirical":     "Durations drawn from the values listed, each equally likely.",
}

// DistFamilies lists the families ParseDist reads, by canonical name.
func DistFamilies() []DistFamily {
	aliases := map[*distFamily][]string{}
	canonical := map[*distFamily]string{}
	for name, f := range distFamilies {
		if _, ok := distDescriptions[name]; ok {
			canonical[f] = name
		} else {
			aliases[f] = append(aliases[f], name)
		}
	}
	var out []DistFamily
	for f, name := range canonical {
		d := DistFamily{Name: name, Description: distDescriptions[name], Positional: f.positional, List: f.empirical, Example: f.example}
		d.Aliases = append(d.Aliases, aliases[f]...)
		sort.Strings(d.Aliases)
		seen := map[string]bool{}
		for _, set := range f.sets {
			d.ParamSets = append(d.ParamSets, append([]string(nil), set...))
			for _, p := range set {
				if durationParams[p] && !seen[p] {
					seen[p] = true
					d.Durations = append(d.Durations, p)
				}
			}
		}
		for _, p := range f.positional {
			if durationParams[p] && !seen[p] {
				seen[p] = true
				d.Durations = append(d.Durations, p)
			}
		}
		sort.Strings(d.Durations)
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
