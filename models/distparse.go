package models

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DistSyntaxError reports a distribution text that ParseDist cannot read.
// Offset lets a caller that knows where the text sits in a larger document,
// such as a YAML scenario loader, turn the error into a line and column of
// its own; Msg alone says what is wrong and how to fix it, for callers that
// print their own position.
type DistSyntaxError struct {
	Text   string // the text given to ParseDist
	Offset int    // byte offset into Text of the offending token
	Msg    string // what is wrong and how to fix it
}

// Error names the text, the column (counted in characters from 1) and the
// problem.
func (e *DistSyntaxError) Error() string {
	off := min(max(e.Offset, 0), len(e.Text))
	col := utf8.RuneCountInString(e.Text[:off]) + 1
	return fmt.Sprintf("invalid distribution %q at column %d: %s", e.Text, col, e.Msg)
}

// families lists the canonical family names in the order error messages
// present them.
const families = "exponential, lognormal, gamma, weibull, uniform, deterministic, empirical"

// ParseDist reads a distribution of durations written as:
//
//	45s, 1m30s, 12.5                         a fixed value (Deterministic)
//	deterministic(45s), fixed(45s)           the same, spelled out
//	exponential(mean=2m), exponential(2m), exp(mean=2m)
//	lognormal(mean=3m, cv=1.2), lognormal(mu=4.5, sigma=0.9)
//	gamma(mean=3m, cv=0.5), gamma(shape=2, scale=90s)
//	weibull(shape=1.5, scale=2m), weibull(mean=2m, shape=1.5)
//	uniform(min=10s, max=30s), uniform(10s, 30s)
//	empirical(10s, 20s, 35s)
//
// Durations are read by ParseDuration, so a plain number is seconds; the
// dimensionless parameters cv, shape, sigma and mu are plain numbers (mu and
// sigma describe the natural logarithm of seconds). Family and parameter
// names are case-insensitive and blanks are allowed between tokens.
//
// Every error is a *DistSyntaxError that points at the offending token,
// including invalid parameter values such as cv=0.
func ParseDist(s string) (Dist, error) {
	p := &distParser{text: s}
	d, err := p.parse()
	if err != nil {
		return nil, err
	}
	return d, nil
}

// distArg is one parameter as written: name is empty for a positional value.
type distArg struct {
	name    string
	nameOff int
	value   string
	off     int
}

type distParser struct {
	text string
	pos  int
}

func (p *distParser) errAt(off int, format string, args ...any) *DistSyntaxError {
	return &DistSyntaxError{Text: p.text, Offset: off, Msg: fmt.Sprintf(format, args...)}
}

func (p *distParser) skipSpace() {
	for p.pos < len(p.text) {
		r, n := utf8.DecodeRuneInString(p.text[p.pos:])
		if !unicode.IsSpace(r) {
			return
		}
		p.pos += n
	}
}

// word consumes a run of characters up to a blank or one of ,()= and
// returns it with its offset.
func (p *distParser) word() (string, int) {
	start := p.pos
	for p.pos < len(p.text) {
		r, n := utf8.DecodeRuneInString(p.text[p.pos:])
		if unicode.IsSpace(r) || r == ',' || r == '(' || r == ')' || r == '=' {
			break
		}
		p.pos += n
	}
	return p.text[start:p.pos], start
}

func (p *distParser) peek() byte {
	if p.pos < len(p.text) {
		return p.text[p.pos]
	}
	return 0
}

// rest returns the text from the current position for quoting in messages,
// shortened so a long tail does not drown the message.
func (p *distParser) rest() string {
	r := strings.TrimRightFunc(p.text[p.pos:], unicode.IsSpace)
	if len(r) > 20 {
		i := 20
		for i > 0 && !utf8.RuneStart(r[i]) {
			i--
		}
		r = r[:i] + "…"
	}
	return r
}

func (p *distParser) parse() (Dist, error) {
	p.skipSpace()
	if p.pos == len(p.text) {
		return nil, p.errAt(p.pos, "empty distribution; write a duration such as 45s or a distribution such as exponential(mean=2m)")
	}
	tok, off := p.word()
	if tok == "" {
		return nil, p.errAt(off, "unexpected %q; write a duration such as 45s or a distribution such as exponential(mean=2m)", p.text[off:off+1])
	}
	p.skipSpace()
	if p.pos == len(p.text) {
		return p.plain(tok, off)
	}
	if p.peek() != '(' {
		if f, ok := distFamilies[strings.ToLower(tok)]; ok {
			return nil, p.errAt(off, "%s needs parameters in parentheses: write %s", strings.ToLower(tok), f.example)
		}
		return nil, p.errAt(p.pos, "unexpected %q after %q; write a single duration such as 45s, or a distribution such as exponential(mean=2m)", p.rest(), tok)
	}
	name := strings.ToLower(tok)
	fam, ok := distFamilies[name]
	if !ok {
		return nil, p.errAt(off, "%s", unknownFamily(tok))
	}
	p.pos++
	args, err := p.args(tok)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(p.text) {
		return nil, p.errAt(p.pos, "unexpected %q after the closing parenthesis; remove it", p.rest())
	}
	if fam.empirical {
		return p.empirical(name, off, args)
	}
	return p.build(name, off, fam, args)
}

// plain reads a text without parentheses: a fixed duration, or a family
// name the user forgot to give parameters.
func (p *distParser) plain(tok string, off int) (Dist, error) {
	v, err := ParseDuration(tok)
	if err == nil {
		return NewDeterministic(v)
	}
	c, _ := utf8.DecodeRuneInString(tok)
	if _, ferr := strconv.ParseFloat(tok, 64); ferr != nil && unicode.IsLetter(c) {
		name := strings.ToLower(tok)
		if f, ok := distFamilies[name]; ok {
			return nil, p.errAt(off, "%s needs parameters in parentheses: write %s", name, f.example)
		}
		return nil, p.errAt(off, "%s", unknownFamily(tok))
	}
	if strings.HasPrefix(tok, "-") {
		return nil, p.errAt(off, "a duration cannot be negative")
	}
	return nil, p.errAt(off, "%v", err)
}

// args reads the parameter list after the opening parenthesis up to and
// including the closing one.
func (p *distParser) args(fam string) ([]distArg, error) {
	var args []distArg
	p.skipSpace()
	if p.peek() == ')' {
		p.pos++
		return nil, nil
	}
	for {
		p.skipSpace()
		if p.pos == len(p.text) {
			return nil, p.errAt(p.pos, "missing ) to close %s(", fam)
		}
		tok, off := p.word()
		if tok == "" {
			switch c := p.peek(); c {
			case ',', ')':
				return nil, p.errAt(off, "missing parameter before %q; remove the extra comma", string(c))
			case '=':
				return nil, p.errAt(off, "missing parameter name before =")
			default:
				return nil, p.errAt(off, "unexpected %q; parameters are written name=value, separated by commas", string(c))
			}
		}
		p.skipSpace()
		a := distArg{value: tok, off: off}
		if p.peek() == '=' {
			p.pos++
			p.skipSpace()
			v, voff := p.word()
			if v == "" {
				return nil, p.errAt(voff, "missing value for %s; write %s=value", strings.ToLower(tok), strings.ToLower(tok))
			}
			a = distArg{name: strings.ToLower(tok), nameOff: off, value: v, off: voff}
			p.skipSpace()
		}
		args = append(args, a)
		switch p.peek() {
		case ',':
			p.pos++
		case ')':
			p.pos++
			return args, nil
		default:
			if p.pos == len(p.text) {
				return nil, p.errAt(p.pos, "missing ) to close %s(", fam)
			}
			return nil, p.errAt(p.pos, "expected , or ) after %q, found %q", a.value, p.rest())
		}
	}
}

// distFamily describes how one family is written. sets lists the accepted
// combinations of named parameters; positional names the parameters that may
// be given without a name, in order.
type distFamily struct {
	sets       [][]string
	positional []string
	takes      string // the accepted combinations, in words
	needs      string // the message when parameters are missing
	example    string
	empirical  bool
	build      func(v map[string]float64, set int) (Dist, error)
}

// durationParams are read with ParseDuration; all others are plain numbers.
var durationParams = map[string]bool{"mean": true, "scale": true, "min": true, "max": true, "value": true}

var distFamilies = map[string]*distFamily{}

func init() {
	exponential := &distFamily{
		sets:       [][]string{{"mean"}},
		positional: []string{"mean"},
		takes:      "mean",
		needs:      "exponential needs mean: write exponential(mean=2m) or exponential(2m)",
		example:    "exponential(mean=2m)",
		build: func(v map[string]float64, _ int) (Dist, error) {
			return NewExponential(v["mean"])
		},
	}
	deterministic := &distFamily{
		sets:       [][]string{{"value"}},
		positional: []string{"value"},
		takes:      "one value",
		needs:      "deterministic needs a value: write deterministic(45s)",
		example:    "deterministic(45s)",
		build: func(v map[string]float64, _ int) (Dist, error) {
			return NewDeterministic(v["value"])
		},
	}
	distFamilies["exponential"] = exponential
	distFamilies["exp"] = exponential
	distFamilies["deterministic"] = deterministic
	distFamilies["fixed"] = deterministic
	distFamilies["lognormal"] = &distFamily{
		sets:    [][]string{{"mean", "cv"}, {"mu", "sigma"}},
		takes:   "mean and cv, or mu and sigma",
		needs:   "lognormal needs mean and cv (or mu and sigma)",
		example: "lognormal(mean=3m, cv=1.2)",
		build: func(v map[string]float64, set int) (Dist, error) {
			if set == 0 {
				return NewLogNormal(v["mean"], v["cv"])
			}
			return NewLogNormalMuSigma(v["mu"], v["sigma"])
		},
	}
	distFamilies["gamma"] = &distFamily{
		sets:    [][]string{{"mean", "cv"}, {"shape", "scale"}},
		takes:   "mean and cv, or shape and scale",
		needs:   "gamma needs mean and cv (or shape and scale)",
		example: "gamma(mean=3m, cv=0.5)",
		build: func(v map[string]float64, set int) (Dist, error) {
			if set == 0 {
				return NewGamma(v["mean"], v["cv"])
			}
			return NewGammaShapeScale(v["shape"], v["scale"])
		},
	}
	distFamilies["weibull"] = &distFamily{
		sets:    [][]string{{"shape", "scale"}, {"mean", "shape"}},
		takes:   "shape and scale, or mean and shape",
		needs:   "weibull needs shape and scale (or mean and shape)",
		example: "weibull(shape=1.5, scale=2m)",
		build: func(v map[string]float64, set int) (Dist, error) {
			if set == 0 {
				return NewWeibull(v["shape"], v["scale"])
			}
			return NewWeibullMeanShape(v["mean"], v["shape"])
		},
	}
	distFamilies["uniform"] = &distFamily{
		sets:       [][]string{{"min", "max"}},
		positional: []string{"min", "max"},
		takes:      "min and max",
		needs:      "uniform needs min and max: write uniform(min=10s, max=30s)",
		example:    "uniform(min=10s, max=30s)",
		build: func(v map[string]float64, _ int) (Dist, error) {
			return NewUniform(v["min"], v["max"])
		},
	}
	distFamilies["empirical"] = &distFamily{
		example:   "empirical(10s, 20s, 35s)",
		empirical: true,
	}
}

// build checks the parameters against the family's accepted combinations,
// reads their values and calls the constructor, mapping its complaints back
// to the parameter's position in the text.
func (p *distParser) build(name string, nameOff int, fam *distFamily, args []distArg) (Dist, error) {
	values := map[string]float64{}
	where := map[string]int{}
	cands := make([]bool, len(fam.sets)) // sets still compatible with what was given
	for i := range cands {
		cands[i] = true
	}
	var given []string
	named := false
	for i, a := range args {
		pname, off := a.name, a.nameOff
		if pname == "" {
			switch {
			case fam.positional == nil:
				return nil, p.errAt(a.off, "%s parameters must be named: write %s", name, fam.example)
			case named:
				return nil, p.errAt(a.off, "a value without a name cannot follow named parameters; write %s", fam.example)
			case i >= len(fam.positional):
				return nil, p.errAt(a.off, "too many values for %s, which takes %s; write %s", name, fam.takes, fam.example)
			}
			pname, off = fam.positional[i], a.off
		} else {
			named = true
		}
		if _, dup := where[pname]; dup {
			return nil, p.errAt(off, "%s is given twice; keep one", pname)
		}
		known, fits := false, false
		for s, set := range fam.sets {
			in := containsString(set, pname)
			known = known || in
			cands[s] = cands[s] && in
			fits = fits || cands[s]
		}
		if !known {
			return nil, p.errAt(off, "unknown parameter %q for %s; use %s", pname, name, fam.takes)
		}
		if !fits {
			return nil, p.errAt(off, "%s cannot be combined with %s; %s takes %s", pname, strings.Join(given, " and "), name, fam.takes)
		}
		v, err := p.value(pname, a)
		if err != nil {
			return nil, err
		}
		values[pname] = v
		where[pname] = a.off
		given = append(given, pname)
	}
	set := -1
	for s, ok := range cands {
		if ok && len(fam.sets[s]) == len(given) {
			set = s
			break
		}
	}
	if set < 0 {
		return nil, p.errAt(nameOff, "%s", fam.needs)
	}
	d, err := fam.build(values, set)
	if err != nil {
		var pe *paramError
		if errors.As(err, &pe) {
			off, ok := where[pe.param]
			if !ok {
				off = nameOff
			}
			return nil, p.errAt(off, "%s", pe.text())
		}
		return nil, p.errAt(nameOff, "%v", err)
	}
	return d, nil
}

func (p *distParser) empirical(name string, nameOff int, args []distArg) (Dist, error) {
	if len(args) == 0 {
		return nil, p.errAt(nameOff, "empirical needs at least one value: write empirical(10s, 20s, 35s)")
	}
	vals := make([]float64, len(args))
	for i, a := range args {
		if a.name != "" {
			return nil, p.errAt(a.nameOff, "empirical takes a list of values, not named parameters: write empirical(10s, 20s, 35s)")
		}
		v, err := p.value("value", a)
		if err != nil {
			return nil, err
		}
		vals[i] = v
	}
	d, err := NewEmpirical(vals)
	if err != nil {
		return nil, p.errAt(nameOff, "%v", err)
	}
	return d, nil
}

// value reads a parameter: a duration for time-valued parameters, a plain
// finite number for dimensionless ones.
func (p *distParser) value(pname string, a distArg) (float64, error) {
	if durationParams[pname] {
		v, err := ParseDuration(a.value)
		if err != nil {
			if strings.HasPrefix(a.value, "-") {
				return 0, p.errAt(a.off, "%s cannot be negative", pname)
			}
			return 0, p.errAt(a.off, "%s: %v", pname, err)
		}
		return v, nil
	}
	v, err := strconv.ParseFloat(a.value, 64)
	switch {
	case errors.Is(err, strconv.ErrRange):
		return 0, p.errAt(a.off, "%s %s is out of range", pname, a.value)
	case err != nil:
		if _, derr := ParseDuration(a.value); derr == nil {
			return 0, p.errAt(a.off, "%s is a plain number, not a duration; remove the unit", pname)
		}
		return 0, p.errAt(a.off, "%s must be a number, got %q", pname, a.value)
	case v != v || v-v != 0:
		return 0, p.errAt(a.off, "%s must be a finite number", pname)
	}
	return v, nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// familyHints catches well-known names that are not families here and
// points to the one to use instead.
var familyHints = map[string]string{
	"normal":   "durations cannot be negative, so use lognormal or gamma for a bell shape",
	"gaussian": "durations cannot be negative, so use lognormal or gamma for a bell shape",
	"erlang":   "an Erlang distribution is a gamma with a whole-number shape: use gamma(shape=k, scale=…)",
	"constant": "for a fixed value use deterministic(…) or just the duration",
	"const":    "for a fixed value use deterministic(…) or just the duration",
	"poisson":  "for Poisson arrivals the time between calls is exponential: use exponential(mean=…)",
}

// unknownFamily explains an unknown family name, suggesting the closest
// known one when the name looks like a typo.
func unknownFamily(tok string) string {
	name := strings.ToLower(tok)
	if h, ok := familyHints[name]; ok {
		return fmt.Sprintf("unknown distribution %q; %s; families: %s", tok, h, families)
	}
	best, bestDist := "", 3
	for cand := range distFamilies {
		if d := EditDistance(name, cand); d < bestDist || d == bestDist && cand < best {
			best, bestDist = cand, d
		}
	}
	if best != "" && bestDist <= 2 && bestDist < len(name) {
		canon := map[string]string{"exp": "exponential", "fixed": "deterministic"}
		if c, ok := canon[best]; ok {
			best = c
		}
		return fmt.Sprintf("unknown distribution %q; did you mean %s? families: %s", tok, best, families)
	}
	return fmt.Sprintf("unknown distribution %q; families: %s", tok, families)
}
