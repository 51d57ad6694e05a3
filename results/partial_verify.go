package results

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Bounds on what a partial result may hold. They are far above any real
// run and keep a crafted file from making Merge allocate without limit.
const (
	// MaxShardCount bounds --shard i/N and a partial's shard count.
	MaxShardCount = 100_000
	// MaxPartialReplications bounds the replications of a run a partial
	// belongs to.
	MaxPartialReplications = 100_000
	// MaxPartialDesigns bounds the designs of a partial.
	MaxPartialDesigns = 1000
	// MaxFlowNodes bounds the nodes of one design's flow counts: the
	// counts grow with its square.
	MaxFlowNodes = 2000
	// MaxLayoutDays bounds a partial's days (ten years).
	MaxLayoutDays = 3660
)

// Verify checks a partial result's internal consistency before it is
// merged: sizes within bounds, the shard's own replications each once,
// every value list of the right length, counts non-negative and summing
// (a run's offered contacts are its days' offered contacts), shares in
// [0, 1], histograms with in-range indices and non-negative counts that
// do not overflow, and flow counts of the shape their nodes give. It
// names the first problem found.
func (p *Partial) Verify() error {
	switch {
	case p.Kind != "partial":
		return fmt.Errorf("not a partial result (written with --shard)")
	case !ReadableSchema(p.SchemaVersion):
		return fmt.Errorf("schema_version %d; this ivrsim merges version %d (and 1)", p.SchemaVersion, SchemaVersion)
	case p.Shard.Count < 1 || p.Shard.Count > MaxShardCount || p.Shard.Index < 1 || p.Shard.Index > p.Shard.Count:
		return fmt.Errorf("shard %d/%d is not a shard: the index must be 1 to the count, the count 1 to %d", p.Shard.Index, p.Shard.Count, MaxShardCount)
	case p.Replications < 1 || p.Replications > MaxPartialReplications:
		return fmt.Errorf("replications %d: expected 1 to %d", p.Replications, MaxPartialReplications)
	case !slices.Equal(p.Metrics, MetricNames()):
		return fmt.Errorf("written by an ivrsim with other metrics (%s); shards of one run must come from one ivrsim: run every shard again with this one", metricsDiff(p.Metrics, MetricNames()))
	case len(p.Designs) == 0 || len(p.Designs) > MaxPartialDesigns:
		return fmt.Errorf("%d designs: expected 1 to %d", len(p.Designs), MaxPartialDesigns)
	}
	if err := p.Layout.verify(); err != nil {
		return err
	}
	want := p.Shard.Replications(p.Replications)
	for d := range p.Designs {
		pd := &p.Designs[d]
		if !printable(pd.Name) {
			return fmt.Errorf("design %d: its name %q has control characters", d+1, pd.Name)
		}
		if err := pd.verify(p.Layout, want); err != nil {
			return fmt.Errorf("design %q: %w", pd.Name, err)
		}
	}
	return nil
}

func (l Layout) verify() error {
	bad := func(what string) error { return fmt.Errorf("layout: %s", what) }
	switch {
	case l.Days < 1 || l.Days > MaxLayoutDays:
		return bad(fmt.Sprintf("days %d: expected 1 to %d", l.Days, MaxLayoutDays))
	case math.IsNaN(l.Interval) || l.Interval < 60 || l.Interval > 86400 || math.Mod(86400, l.Interval) != 0:
		return bad(fmt.Sprintf("interval %g s does not divide a day", l.Interval))
	case l.WindowStart < 0 || l.WindowIntervals < 0 || l.WindowStart+l.WindowIntervals > l.IntervalsPerDay():
		return bad(fmt.Sprintf("window %d+%d is outside the day's %d intervals", l.WindowStart, l.WindowIntervals, l.IntervalsPerDay()))
	}
	return nil
}

func (pd *PartialDesign) verify(l Layout, want []int) error {
	if len(pd.Reps) != len(want) {
		return fmt.Errorf("%d replications; this shard runs %d", len(pd.Reps), len(want))
	}
	var offered, calls float64
	for i, r := range pd.Reps {
		if r.Rep != want[i] {
			return fmt.Errorf("replication %d is not this shard's, or out of order (expected %d)", r.Rep, want[i])
		}
		if err := r.verify(l); err != nil {
			return fmt.Errorf("replication %d: %w", r.Rep, err)
		}
		offered += float64(r.Total[offeredIndex])
		calls += float64(r.Calls)
	}
	for _, h := range []struct {
		name  string
		sc    SparseCounts
		limit float64
	}{
		// A contact waits once per queue it reaches an agent from: a
		// few times at most (a misrouted caller is transferred); the
		// bound is loose on purpose, to catch only the impossible.
		{"wait_histogram", pd.Wait, maxWaitsPerContact * calls},
		{"ttr_histogram", pd.TTR, offered},
	} {
		total, err := h.sc.verify()
		if err != nil {
			return fmt.Errorf("%s: %w", h.name, err)
		}
		// Every resolved issue was resolved by a contact offered.
		if float64(total) > h.limit {
			return fmt.Errorf("%s counts %d values, more than the %g its replications' contacts allow", h.name, total, h.limit)
		}
	}
	if f := pd.Flows; f != nil {
		n := len(f.Nodes)
		if n > MaxFlowNodes {
			return fmt.Errorf("flows: %d nodes; at most %d", n, MaxFlowNodes)
		}
		for _, name := range f.Nodes {
			if !printable(name) {
				return fmt.Errorf("flows: node name %q has control characters", name)
			}
		}
		if len(f.Counts) != (n+1)*(n+len(FlowOutcomes)) {
			return fmt.Errorf("flows: %d counts for %d nodes; expected %d", len(f.Counts), n, (n+1)*(n+len(FlowOutcomes)))
		}
		var sum int64
		for _, c := range f.Counts {
			if c < 0 || c > math.MaxInt64-sum {
				return fmt.Errorf("flows: a count is negative or the counts overflow")
			}
			sum += c
		}
	}
	return nil
}

// maxWaitsPerContact bounds the answered waits of one simulated contact
// for Verify.
const maxWaitsPerContact = 100

// offeredIndex is the position of "offered" in Metrics.
var offeredIndex = slices.IndexFunc(Metrics, func(m Metric) bool { return m.Name == "offered" })

func (r *PartialRep) verify(l Layout) error {
	n := len(Metrics)
	if r.Calls < 0 {
		return fmt.Errorf("calls %d is negative", r.Calls)
	}
	if len(r.Total) != n || len(r.Intervals) != l.WindowIntervals || len(r.Days) != l.Days {
		return fmt.Errorf("the wrong shape: %d totals, %d intervals, %d days; expected %d, %d, %d", len(r.Total), len(r.Intervals), len(r.Days), n, l.WindowIntervals, l.Days)
	}
	if err := checkValues(r.Total, true); err != nil {
		return fmt.Errorf("total: %w", err)
	}
	if float64(r.Total[offeredIndex]) > float64(r.Calls) {
		return fmt.Errorf("offered %g is more than the %d contacts simulated", float64(r.Total[offeredIndex]), r.Calls)
	}
	var days float64
	for i, v := range r.Days {
		if len(v) != n {
			return fmt.Errorf("day %d: %d values, expected %d", i+1, len(v), n)
		}
		if err := checkValues(v, false); err != nil {
			return fmt.Errorf("day %d: %w", i+1, err)
		}
		days += float64(v[offeredIndex])
	}
	if days != float64(r.Total[offeredIndex]) {
		return fmt.Errorf("offered %g is not the sum of its days' offered, %g", float64(r.Total[offeredIndex]), days)
	}
	var window float64
	for i, v := range r.Intervals {
		if len(v) != n {
			return fmt.Errorf("interval %d: %d values, expected %d", i+1, len(v), n)
		}
		if err := checkValues(v, false); err != nil {
			return fmt.Errorf("interval %d: %w", i+1, err)
		}
		window += float64(v[offeredIndex])
	}
	if r.Outside != nil {
		if len(r.Outside) != n {
			return fmt.Errorf("outside the intervals: %d values, expected %d", len(r.Outside), n)
		}
		if err := checkValues(r.Outside, false); err != nil {
			return fmt.Errorf("outside the intervals: %w", err)
		}
		window += float64(r.Outside[offeredIndex])
	}
	if window > float64(r.Total[offeredIndex]) {
		return fmt.Errorf("the intervals' offered, %g, is more than the total offered, %g", window, float64(r.Total[offeredIndex]))
	}
	return nil
}

// checkValues checks one list of metric values: undefined (NaN) or finite;
// counts whole and non-negative; shares in [0, 1]; the effort score in
// [1, 7]; everything else non-negative.
func checkValues(v []num, total bool) error {
	for i, x := range v {
		f := float64(x)
		m := Metrics[i]
		if math.IsNaN(f) {
			continue
		}
		ok := !math.IsInf(f, 0) && f >= 0
		switch m.Unit {
		case Count:
			ok = ok && f == math.Trunc(f) && f <= 1e15
		case Ratio:
			ok = ok && (f <= 1 || m.Name == "occupancy")
		case Score:
			ok = ok && f >= 1 && f <= 7
		}
		if !ok {
			return fmt.Errorf("%s %v is impossible", m.Name, f)
		}
	}
	return nil
}

// verify checks a sparse histogram and returns its total count.
func (s SparseCounts) verify() (int64, error) {
	var total int64
	last := int64(-1)
	for _, ic := range s {
		if ic[0] <= last {
			return 0, fmt.Errorf("index %d is repeated or out of order", ic[0])
		}
		last = ic[0]
		if ic[1] < 0 || ic[1] > math.MaxInt64-total {
			return 0, fmt.Errorf("count %d at index %d is negative or overflows the total", ic[1], ic[0])
		}
		total += ic[1]
	}
	return total, nil
}

// printable reports whether s holds printable characters only.
func printable(s string) bool {
	for _, r := range s {
		if !unicode.IsPrint(r) && r != ' ' {
			return false
		}
	}
	return true
}

// metricsDiff says how a shard's metric list differs from this ivrsim's:
// the names it lacks and the names it has that this ivrsim does not.
func metricsDiff(have, want []string) string {
	var missing, extra []string
	for _, m := range want {
		if !slices.Contains(have, m) {
			missing = append(missing, m)
		}
	}
	for _, m := range have {
		if !slices.Contains(want, m) {
			extra = append(extra, strconv.Quote(m)) // from the file: quoted, never raw
		}
	}
	// A crafted shard may list thousands of names: a few say enough.
	list := func(names []string) string {
		if len(names) > 5 {
			return strings.Join(names[:5], ", ") + fmt.Sprintf(" and %d more", len(names)-5)
		}
		return strings.Join(names, ", ")
	}
	var parts []string
	if len(missing) > 0 {
		parts = append(parts, "it lacks "+list(missing))
	}
	if len(extra) > 0 {
		parts = append(parts, "it has "+list(extra))
	}
	if len(parts) == 0 {
		return "in another order"
	}
	return strings.Join(parts, "; ")
}
