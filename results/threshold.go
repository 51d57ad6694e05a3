package results

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ivrsim/ivrsim/models"
)

// Aggregation is what a threshold compares: a statistic of a metric across
// replications, or a percentile of a pooled distribution.
type Aggregation int

const (
	// AggMean is the mean across replications (the default).
	AggMean Aggregation = iota
	// AggCILow is the lower bound of the 95% confidence interval.
	AggCILow
	// AggCIHigh is the upper bound of the 95% confidence interval.
	AggCIHigh
	// AggPercentile is a percentile of a pooled distribution, p(N).
	AggPercentile
)

// Operator compares an observed value with a threshold's value.
type Operator int

const (
	OpLess Operator = iota
	OpLessEqual
	OpGreater
	OpGreaterEqual
	OpEqual
	OpNotEqual
)

var operatorText = [...]string{"<", "<=", ">", ">=", "==", "!="}

// String writes the operator as it is written in a threshold.
func (o Operator) String() string { return operatorText[o] }

// Holds reports whether "a o b" is true; nothing holds of NaN.
func (o Operator) Holds(a, b float64) bool {
	switch o {
	case OpLess:
		return a < b
	case OpLessEqual:
		return a <= b
	case OpGreater:
		return a > b
	case OpGreaterEqual:
		return a >= b
	case OpEqual:
		return a == b
	default:
		return !math.IsNaN(a) && a != b
	}
}

// ThresholdDistributions are the targets p(N) reads: pooled distributions
// of every replication's observations, in seconds. wait is the queue wait
// of answered contacts, ttr the time to resolution of resolved issues.
var ThresholdDistributions = []string{"wait", "ttr"}

// Threshold is one pass/fail criterion of ivrsim check, such as
// "abandon_rate{forced-menu} ci_high < 10%" or "wait p(90) < 2m".
type Threshold struct {
	// Target is the metric, or metric{design}, as written.
	Target string
	// Metric is the metric's name, or a distribution of
	// ThresholdDistributions for p(N).
	Metric string
	// Design restricts the threshold to one design; "" means every design.
	Design string
	// Expr is the expression as written, such as "ci_high < 10%".
	Expr string
	Agg  Aggregation
	// Percentile is N of p(N), from 0 to 100.
	Percentile float64
	Op         Operator
	// Value is in the metric's unit: a share from 0 to 1, seconds, a
	// count.
	Value float64
	Unit  Unit
	// Within is the time of service_level(20s), in seconds; zero when the
	// target gave none and the scenario's (or the command's) applies.
	Within float64
}

// AggregationName writes the aggregation as it is written in a threshold:
// mean, ci_low, ci_high or p(N).
func (t Threshold) AggregationName() string {
	switch t.Agg {
	case AggCILow:
		return "ci_low"
	case AggCIHigh:
		return "ci_high"
	case AggPercentile:
		return "p(" + strconv.FormatFloat(t.Percentile, 'g', -1, 64) + ")"
	}
	return "mean"
}

// String writes the threshold in a canonical form that ParseThresholdLine
// reads back to the same threshold.
func (t Threshold) String() string {
	v := strconv.FormatFloat(t.Value, 'g', -1, 64)
	if t.Unit == Seconds && strings.ContainsAny(v, "eE") {
		return t.Target + " " + t.AggregationName() + " " + t.Op.String() + " " + v
	}
	if t.Unit == Seconds {
		v += "s"
	}
	return t.Target + " " + t.AggregationName() + " " + t.Op.String() + " " + v
}

// Name is how the threshold is shown: its target and its expression as
// written.
func (t Threshold) Name() string { return t.Target + " " + t.Expr }

// ThresholdError is a mistake in a threshold. Offset is the byte offset in
// Text where the mistake is, so a caller can point at it; InTarget says
// Text is the target (a scenario's key) rather than the expression.
type ThresholdError struct {
	Text     string
	Offset   int
	InTarget bool
	Msg      string
}

func (e *ThresholdError) Error() string { return e.Msg }

// ParseThreshold parses expr, one of the expressions a scenario lists
// under target in thresholds:. The target is a metric, or metric{design};
// the expression is "[aggregation] operator value" with the aggregation
// mean (the default), ci_low, ci_high or, for the distributions wait and
// ttr, p(N). Values read as the metric's values do (8%, 45s, 2m).
func ParseThreshold(target, expr string) (Threshold, error) {
	t, err := parseThresholdTarget(target)
	if err != nil {
		return Threshold{}, err
	}
	if err := t.parseExpr(expr, 0); err != nil {
		return Threshold{}, err
	}
	return t, nil
}

// ParseThresholdLine parses a threshold written on one line, its target
// then its expression, as --threshold takes it: "abandon_rate < 0.08",
// "abandon_rate{forced-menu} ci_high < 10%", "wait p(90) < 2m". Offsets in
// its errors count from the start of s.
func ParseThresholdLine(s string) (Threshold, error) {
	start := len(s) - len(strings.TrimLeft(s, " \t"))
	i := start
	for i < len(s) {
		c := s[i]
		if c == '{' || c == '(' {
			closer := byte('}')
			if c == '(' {
				closer = ')'
			}
			j := strings.IndexByte(s[i:], closer)
			if j < 0 {
				msg := fmt.Sprintf("%q: the design's { is never closed; write metric{design}", s)
				if c == '(' {
					msg = fmt.Sprintf("%q: the ( is never closed; write the service-level time in parentheses right after the name, as in service_level(20s) >= 80%%", s)
				}
				return Threshold{}, &ThresholdError{Text: s, Offset: i, InTarget: true, Msg: msg}
			}
			i += j + 1
			continue
		}
		if c == ' ' || c == '\t' || strings.IndexByte("<>=!", c) >= 0 {
			break
		}
		i++
	}
	if i == start {
		return Threshold{}, &ThresholdError{Text: s, Offset: start, InTarget: true,
			Msg: fmt.Sprintf("%q does not start with a metric; write metric [aggregation] operator value, such as 'abandon_rate < 8%%'", s)}
	}
	t, err := parseThresholdTarget(s[start:i])
	if err != nil {
		te := err.(*ThresholdError)
		te.Text, te.Offset = s, te.Offset+start
		return Threshold{}, te
	}
	if err := t.parseExpr(s[i:], i); err != nil {
		te := err.(*ThresholdError)
		te.Text = s
		return Threshold{}, te
	}
	return t, nil
}

// parseThresholdTarget reads "metric" or "metric{design}".
func parseThresholdTarget(target string) (Threshold, error) {
	fail := func(off int, format string, args ...any) error {
		return &ThresholdError{Text: target, Offset: off, InTarget: true, Msg: fmt.Sprintf(format, args...)}
	}
	lead := len(target) - len(strings.TrimLeft(target, " \t"))
	name := strings.TrimSpace(target)
	t := Threshold{Target: name}
	metric := name
	if i := strings.IndexByte(name, '{'); i >= 0 {
		metric = name[:i]
		rest := name[i+1:]
		j := strings.IndexByte(rest, '}')
		switch {
		case j < 0:
			return t, fail(lead+i, "%q: the design's { is never closed; write metric{design}", name)
		case j != len(rest)-1:
			return t, fail(lead+i+1+j+1, "%q: nothing may follow the design in braces; write metric{design}", name)
		case strings.TrimSpace(rest[:j]) == "":
			return t, fail(lead+i, "%q: the braces name no design; write metric{design}, or the metric alone for every design", name)
		case strings.ContainsAny(rest[:j], "{"):
			return t, fail(lead+i, "%q: one design per threshold; write metric{design}", name)
		}
		t.Design = strings.TrimSpace(rest[:j])
		metric = strings.TrimSpace(metric)
	} else if j := strings.IndexByte(name, '}'); j >= 0 {
		return t, fail(lead+j, "%q: a } without {; write metric{design}", name)
	}
	if k := strings.IndexByte(metric, '('); k >= 0 {
		within, err := parseWithin(metric[:k], metric[k:])
		if err != "" {
			return t, fail(lead+k, "%q: %s", name, err)
		}
		metric, t.Within = strings.TrimSpace(metric[:k]), within
	}
	t.Metric = metric
	if metric == "" {
		return t, fail(lead, "%q names no metric; write metric{design}", name)
	}
	if alias, ok := metricAliases[strings.ToLower(metric)]; ok && alias != metric {
		return t, fail(lead, "unknown metric %q; ivrsim calls it %s", metric, alias)
	}
	if isThresholdDistribution(metric) {
		t.Unit = Seconds
		return t, nil
	}
	m, ok := LookupMetric(metric)
	if !ok {
		if hint := checkSuggestion(metric, ThresholdTargets()); hint != "" {
			return t, fail(lead, "unknown metric %q%s", metric, hint)
		}
		return t, fail(lead, "unknown metric %q; use one of %s, or the distributions %s with p(N)",
			metric, strings.Join(MetricNames(), ", "), strings.Join(ThresholdDistributions, " and "))
	}
	t.Unit = m.Unit
	return t, nil
}

// metricAliases are names people bring from other tools or from queueing
// texts, and the metric ivrsim calls that.
var metricAliases = map[string]string{
	"sl": "service_level", "servicelevel": "service_level", "service-level": "service_level", "service": "service_level",
	"p_abandon": "abandon_rate", "pab": "abandon_rate", "p_ab": "abandon_rate", "abandonment": "abandon_rate", "abandon": "abandon_rate",
	"blocking": "blocked_rate", "p_block": "blocked_rate", "gos": "blocked_rate", "grade_of_service": "blocked_rate", "block": "blocked_rate",
	"pwait": "p_wait", "p_delay": "p_wait",
	"utilization": "occupancy", "utilisation": "occupancy", "util": "occupancy",
	"speed_of_answer": "asa", "mean_wait": "asa",
	"service_level": "service_level", "abandon_rate": "abandon_rate", "blocked_rate": "blocked_rate",
	"p_wait": "p_wait", "occupancy": "occupancy", "asa": "asa",
}

// maxWithin bounds a service-level time: a day is already far past any
// wait a service level is written for.
const maxWithin = 86400

// parseWithin reads the "(20s)" after a metric's name. It returns the
// problem as a message, or "".
func parseWithin(name, paren string) (float64, string) {
	const form = "write the service-level time in parentheses right after the name, as in service_level(20s) >= 80%"
	if strings.TrimSpace(name) != "service_level" {
		return 0, "only service_level takes a time in parentheses, as in service_level(20s) >= 80%"
	}
	inner, ok := strings.CutPrefix(paren, "(")
	inner, closed := strings.CutSuffix(inner, ")")
	if !ok || !closed || strings.ContainsAny(inner, "()") {
		return 0, form
	}
	within, err := models.ParseDuration(strings.TrimSpace(inner))
	switch {
	case err != nil:
		return 0, "service-level time: " + err.Error()
	case within == 0:
		return 0, "a service level within 0s is the share answered without waiting; write it as p_wait (p_wait <= 20% means 80% answered at once)"
	case within > maxWithin:
		return 0, fmt.Sprintf("service-level time %s is not a plausible wait; use seconds or minutes, e.g. 20s", strings.TrimSpace(inner))
	}
	return within, ""
}

func isThresholdDistribution(name string) bool {
	for _, d := range ThresholdDistributions {
		if d == name {
			return true
		}
	}
	return false
}

// parseExpr reads "[aggregation] operator value" into t. base is added to
// offsets in errors.
func (t *Threshold) parseExpr(expr string, base int) error {
	t.Expr = strings.TrimSpace(expr)
	fail := func(off int, format string, args ...any) error {
		return &ThresholdError{Text: expr, Offset: base + off, Msg: fmt.Sprintf(format, args...)}
	}
	example := "'< 8%', 'ci_high < 10%' or, for wait and ttr, 'p(90) < 2m'"
	if t.Expr == "" {
		return fail(0, "%s: the expression is empty; write [aggregation] operator value, such as %s", t.Target, example)
	}
	i := skipThresholdBlanks(expr, 0)
	aggAt := i
	if c := expr[i]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' {
		j := i
		for j < len(expr) && (isThresholdWordByte(expr[j])) {
			j++
		}
		word := expr[i:j]
		switch word {
		case "mean":
			t.Agg = AggMean
		case "ci_low":
			t.Agg = AggCILow
		case "ci_high":
			t.Agg = AggCIHigh
		case "p":
			k := skipThresholdBlanks(expr, j)
			if k >= len(expr) || expr[k] != '(' {
				return fail(j, "%q: p needs a percentile in parentheses; write p(90)", t.Expr)
			}
			end := strings.IndexByte(expr[k:], ')')
			if end < 0 {
				return fail(k, "%q: the ( of p( is never closed; write p(90)", t.Expr)
			}
			text := strings.TrimSpace(expr[k+1 : k+end])
			p, err := strconv.ParseFloat(text, 64)
			if err != nil || math.IsNaN(p) || p < 0 || p > 100 {
				return fail(k+1, "%q: the percentile %q must be a number from 0 to 100, such as p(90) or p(99.9)", t.Expr, text)
			}
			t.Agg, t.Percentile = AggPercentile, p
			j = k + end + 1
		default:
			return fail(i, "%q: unknown aggregation %q%s; use mean (the default), ci_low, ci_high or, for wait and ttr, p(N)", t.Expr, word, aggregationHint(word))
		}
		i = skipThresholdBlanks(expr, j)
	}
	op, value, at, err := readComparison(expr, i, t.Expr, example, fail)
	if err != nil {
		return err
	}
	t.Op = op

	// What the metric allows.
	dist := isThresholdDistribution(t.Metric)
	switch {
	case dist && t.Agg != AggPercentile:
		alt := "asa"
		if t.Metric == "ttr" {
			alt = "ttr_mean"
		}
		return fail(aggAt, "%q: %s is a distribution, read by percentile: write p(N), such as p(90) %s 2m (for the mean, use the metric %s)", t.Expr, t.Metric, op, alt)
	case !dist && t.Agg == AggPercentile:
		return fail(aggAt, "%q: p(N) applies to the distributions %s; for %s use mean, ci_low or ci_high", t.Expr, strings.Join(ThresholdDistributions, " and "), t.Metric)
	}
	v, err := comparisonValue(Metric{Name: t.Metric, Unit: t.Unit}, value, at, t.Expr, fail)
	if err != nil {
		return err
	}
	t.Value = v
	return nil
}

// failAt reports a mistake at a byte offset of the text being parsed.
type failAt func(off int, format string, args ...any) error

// readComparison reads "operator value" from expr at offset i: the
// operator, and the value as written with its offset. Messages quote
// quoted, the expression as written, and show example.
func readComparison(expr string, i int, quoted, example string, fail failAt) (op Operator, value string, at int, err error) {
	if i >= len(expr) {
		return 0, "", 0, fail(i, "%q: the operator and value are missing; write %s", quoted, example)
	}
	op, n := readOperator(expr[i:])
	if n == 0 {
		return 0, "", 0, fail(i, "%q: expected an operator (<, <=, >, >=, == or !=) at %q%s", quoted, thresholdClip(expr[i:]), operatorHint(expr[i:]))
	}
	at = skipThresholdBlanks(expr, i+n)
	value = strings.TrimSpace(expr[at:])
	if value == "" {
		return 0, "", 0, fail(at, "%q: the value after %s is missing; write %s", quoted, op, example)
	}
	return op, value, at, nil
}

// comparisonValue reads value, written at offset at, as a value of m and
// checks it lies in m's range: never negative, a share at most 1. Messages
// quote quoted, the expression as written.
func comparisonValue(m Metric, value string, at int, quoted string, fail failAt) (float64, error) {
	if m.Unit == Ratio && strings.HasSuffix(value, "pp") {
		return 0, fail(at, "%q: pp (percentage points) is for differences; write a share such as 8%% or 0.08", quoted)
	}
	v, err := ParseValue(m, value)
	if err != nil {
		return 0, fail(at, "%q: %v", quoted, err)
	}
	switch {
	case v < 0:
		return 0, fail(at, "%q: %s is never negative; write a value of 0 or more", quoted, m.Name)
	case m.Unit == Ratio && v > 1:
		hint := "0.08 or 8%"
		if v <= 100 && !strings.HasSuffix(value, "%") {
			hint = strconv.FormatFloat(v/100, 'g', -1, 64) + " or " + value + "%"
		}
		return 0, fail(at, "%q: %s is a share from 0 to 1 (0%% to 100%%); write %s", quoted, m.Name, hint)
	}
	return v, nil
}

func isThresholdWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

func skipThresholdBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// readOperator reads the operator at the start of s and its length, 0 if
// there is none.
func readOperator(s string) (Operator, int) {
	two := map[string]Operator{"<=": OpLessEqual, ">=": OpGreaterEqual, "==": OpEqual, "!=": OpNotEqual}
	if len(s) >= 2 {
		if op, ok := two[s[:2]]; ok {
			if op == OpEqual && len(s) >= 3 && s[2] == '=' {
				return 0, 0 // === is not ==: say so rather than guess
			}
			return op, 2
		}
	}
	if len(s) >= 1 {
		switch s[0] {
		case '<':
			return OpLess, 1
		case '>':
			return OpGreater, 1
		}
	}
	return 0, 0
}

func operatorHint(s string) string {
	switch {
	case strings.HasPrefix(s, "==="):
		return "; write == for equality"
	case strings.HasPrefix(s, "=<"):
		return "; write <="
	case strings.HasPrefix(s, "=>"):
		return "; write >="
	case strings.HasPrefix(s, "="):
		return "; write == for equality"
	case strings.HasPrefix(s, "≤"):
		return "; write <="
	case strings.HasPrefix(s, "≥"):
		return "; write >="
	case strings.HasPrefix(s, "≠"):
		return "; write !="
	}
	return ""
}

func aggregationHint(word string) string {
	switch strings.ToLower(word) {
	case "avg", "average":
		return " (write mean)"
	case "med", "median":
		return " (write p(50) for wait and ttr)"
	case "min", "max", "count", "rate":
		return " (k6's " + word + " has no counterpart here)"
	}
	if len(word) > 1 && (word[0] == 'p' || word[0] == 'P') {
		if _, err := strconv.ParseFloat(word[1:], 64); err == nil {
			return " (write p(" + word[1:] + "))"
		}
	}
	if s := checkSuggestion(word, []string{"mean", "ci_low", "ci_high"}); s != "" {
		return s
	}
	return ""
}

// thresholdClip shortens text quoted in a message.
func thresholdClip(s string) string {
	if utf8.RuneCountInString(s) <= 12 {
		return s
	}
	r := []rune(s)
	return string(r[:12]) + "…"
}

// ThresholdResult is one threshold applied to one design.
type ThresholdResult struct {
	Threshold Threshold
	Design    string
	// Observed is the value compared with the threshold's (NaN when it is
	// undefined).
	Observed float64
	// Estimate is the metric across replications, for every aggregation
	// but p(N).
	Estimate Estimate
	// Count is the number of observations a p(N) pooled.
	Count int64
	Pass  bool
	// Reason says why the threshold failed other than by its comparison.
	Reason string
}

// Evaluate applies t to the runs of design d. A value that is undefined
// (no answered calls, say) fails, with the reason.
func (t Threshold) Evaluate(d *DesignRuns) ThresholdResult {
	r := ThresholdResult{Threshold: t, Design: d.Name, Observed: math.NaN()}
	if t.Agg == AggPercentile {
		r.Observed, r.Count = d.PooledPercentile(t.Metric, t.Percentile)
		if r.Count == 0 {
			what := "no contact was answered from a queue"
			if t.Metric == "ttr" {
				what = "no issue was resolved"
			}
			r.Reason = fmt.Sprintf("the %s distribution is empty: %s in any replication", t.Metric, what)
			return r
		}
		r.Pass = t.Op.Holds(r.Observed, t.Value)
		return r
	}
	k, ok := metricIndex[t.Metric]
	if !ok {
		r.Reason = fmt.Sprintf("unknown metric %q", t.Metric)
		return r
	}
	r.Estimate = EstimateOf(column(d.Reps, k))
	switch t.Agg {
	case AggCILow:
		r.Observed = r.Estimate.CILow
	case AggCIHigh:
		r.Observed = r.Estimate.CIHigh
	default:
		r.Observed = r.Estimate.Mean
	}
	switch {
	case r.Estimate.N == 0 && Metrics[k].Unit == Money:
		r.Reason = fmt.Sprintf("%s is undefined in every replication: the scenario gives no costs (add costs: {agent_hour: …, ivr_minute: …} to measure it), or no issue was resolved", t.Metric)
		return r
	case r.Estimate.N == 0:
		r.Reason = fmt.Sprintf("%s is undefined in every replication: there was nothing to measure (its denominator was zero)", t.Metric)
		return r
	case math.IsNaN(r.Observed):
		r.Reason = fmt.Sprintf("%s needs at least 2 replications where %s is defined; it is defined in %d", t.AggregationName(), t.Metric, r.Estimate.N)
		return r
	}
	r.Pass = t.Op.Holds(r.Observed, t.Value)
	return r
}

// EvaluateThresholds applies every threshold to the designs it names, or
// to every design, in the order of the thresholds and then of the designs.
func EvaluateThresholds(rs *RunSet, ths []Threshold) []ThresholdResult {
	var out []ThresholdResult
	for _, t := range ths {
		found := false
		for _, d := range rs.Designs {
			if t.Design == "" || t.Design == d.Name {
				out = append(out, t.Evaluate(d))
				found = true
			}
		}
		if !found {
			out = append(out, ThresholdResult{Threshold: t, Design: t.Design, Observed: math.NaN(),
				Reason: fmt.Sprintf("the run has no design %q", t.Design)})
		}
	}
	return out
}

// PooledPercentile is the pth percentile, in seconds, of the pooled distribution
// dist of ThresholdDistributions, and the number of observations pooled;
// NaN and 0 when there are none.
func (d *DesignRuns) PooledPercentile(dist string, p float64) (float64, int64) {
	h := d.Wait
	if dist == "ttr" {
		h = d.TTR
	}
	if h == nil || h.TotalCount() == 0 {
		return math.NaN(), 0
	}
	// The histograms hold milliseconds.
	return float64(h.ValueAtPercentile(p)) / 1000, h.TotalCount()
}

// CheckDesign reports a threshold naming a design not among designs.
func (t Threshold) CheckDesign(designs []string) error {
	if t.Design == "" {
		return nil
	}
	for _, d := range designs {
		if d == t.Design {
			return nil
		}
	}
	return &ThresholdError{Text: t.Target, Offset: strings.IndexByte(t.Target, '{') + 1, InTarget: true,
		Msg: fmt.Sprintf("%q: there is no design %q%s; the designs are %s", t.Target, t.Design,
			checkSuggestion(t.Design, designs), strings.Join(designs, ", "))}
}

// checkSuggestion returns ` (did you mean "X"?)` when one of candidates is
// a likely typo of s.
func checkSuggestion(s string, candidates []string) string {
	if best := models.Suggest(s, candidates); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}
