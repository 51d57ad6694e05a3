package results

import (
	"encoding/json"
	"fmt"
	"slices"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"
)

// Partial is the result of one shard of a run (--shard i/N): every
// replication it ran, kept whole, so that Merge can rebuild exactly the
// RunSet, and so the bytes, an unsharded run would have produced.
type Partial struct {
	SchemaVersion int    `json:"schema_version"`
	IvrsimVersion string `json:"ivrsim_version"`
	Kind          string `json:"kind"` // always "partial"
	Scenario      string `json:"scenario"`
	// Fingerprint identifies the scenario after overrides; shards of
	// different scenarios do not merge.
	Fingerprint  string          `json:"fingerprint"`
	Seed         uint64          `json:"seed"`
	Replications int             `json:"replications"` // in the whole run
	Shard        ShardID         `json:"shard"`
	Layout       Layout          `json:"layout"`
	Metrics      []string        `json:"metrics"` // the order of every value list
	Designs      []PartialDesign `json:"designs"`
	Assumptions  *Assumptions    `json:"assumptions,omitempty"`

	// Source names where the partial was read from, for messages; it is
	// not part of the file.
	Source string `json:"-"`
}

// label names p in messages: its file, else its shard.
func (p *Partial) label() string {
	if p.Source != "" {
		return p.Source
	}
	return fmt.Sprintf("shard %d/%d", p.Shard.Index, p.Shard.Count)
}

// ShardID is shard Index (1-based) of Count.
type ShardID struct {
	Index int `json:"index"`
	Count int `json:"count"`
}

// ParseShard reads "i/N". Batch systems that number their jobs from 0 (a
// Kubernetes Indexed Job's JOB_COMPLETION_INDEX, a Slurm array started at
// 0) are the usual cause of a shard 0, so its error says how to convert.
func ParseShard(s string) (ShardID, error) {
	id, err := parseShard(s)
	var i, n int
	if _, scanErr := fmt.Sscanf(s, "%d/%d", &i, &n); err != nil && scanErr == nil && i == 0 && n > 0 {
		err = fmt.Errorf("%w: shards count from 1; with a Kubernetes JOB_COMPLETION_INDEX (or a Slurm array task id) counting from 0, use --shard $((i+1))/%d", err, n)
	}
	return id, err
}

func parseShard(s string) (ShardID, error) {
	var id ShardID
	if _, err := fmt.Sscanf(s, "%d/%d", &id.Index, &id.Count); err != nil || fmt.Sprintf("%d/%d", id.Index, id.Count) != s {
		return id, fmt.Errorf("--shard %q: expected i/N, such as 1/4 (shard 1 of 4)", s)
	}
	if id.Count > MaxShardCount {
		return id, fmt.Errorf("--shard %q: at most %d shards", s, MaxShardCount)
	}
	if id.Count < 1 || id.Index < 1 || id.Index > id.Count {
		return id, fmt.Errorf("--shard %q: the index must be between 1 and the count", s)
	}
	return id, nil
}

// Replications lists the replications shard id runs out of n: every
// Count-th one from Index−1, so shards stay balanced whatever n is.
func (id ShardID) Replications(n int) []int {
	var reps []int
	for r := id.Index - 1; r < n; r += id.Count {
		reps = append(reps, r)
	}
	return reps
}

// PartialDesign is one design's replications in a shard.
type PartialDesign struct {
	Name  string        `json:"name"`
	Reps  []PartialRep  `json:"reps"`
	Wait  SparseCounts  `json:"wait_histogram"`
	TTR   SparseCounts  `json:"ttr_histogram"`
	Flows *PartialFlows `json:"flows,omitempty"`
}

// PartialRep is one replication's values; null stands for undefined.
type PartialRep struct {
	Rep       int     `json:"rep"`
	Calls     int64   `json:"calls"`
	Total     []num   `json:"total"`
	Intervals [][]num `json:"intervals"`
	Days      [][]num `json:"days"`
	// Outside is the contacts that arrived outside the intervals.
	Outside []num `json:"outside,omitempty"`
}

// SparseCounts is a histogram's non-zero counts as [index, count] pairs.
type SparseCounts [][2]int64

// PartialFlows are a design's flow counts.
type PartialFlows struct {
	Nodes  []string `json:"nodes"`
	Counts []int64  `json:"counts"`
}

// Partial packs the run for merging later.
func (rs *RunSet) Partial(fingerprint string, total int, shard ShardID) *Partial {
	p := &Partial{
		SchemaVersion: SchemaVersion, IvrsimVersion: Version, Kind: "partial", Scenario: rs.Scenario, Fingerprint: fingerprint,
		Seed: rs.Seed, Replications: total, Shard: shard, Layout: rs.Layout, Metrics: MetricNames(),
		Assumptions: rs.Assumptions,
	}
	for _, d := range rs.Designs {
		pd := PartialDesign{Name: d.Name, Wait: sparse(d.Wait), TTR: sparse(d.TTR)}
		if d.Flows != nil {
			pd.Flows = &PartialFlows{Nodes: d.Flows.Nodes, Counts: d.Flows.Counts}
		}
		for _, r := range d.Reps {
			pr := PartialRep{Rep: r.Rep, Calls: r.Calls, Total: nums(r.Total)}
			if r.Outside != nil {
				pr.Outside = nums(r.Outside)
			}
			for _, v := range r.Intervals {
				pr.Intervals = append(pr.Intervals, nums(v))
			}
			for _, v := range r.Days {
				pr.Days = append(pr.Days, nums(v))
			}
			pd.Reps = append(pd.Reps, pr)
		}
		p.Designs = append(p.Designs, pd)
	}
	return p
}

func nums(v []float64) []num {
	out := make([]num, len(v))
	for i, x := range v {
		out[i] = num(x)
	}
	return out
}

func floats(v []num) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = float64(x)
	}
	return out
}

func sparse(h *hdrhistogram.Histogram) SparseCounts {
	out := SparseCounts{}
	for i, c := range h.Export().Counts {
		if c != 0 {
			out = append(out, [2]int64{int64(i), c})
		}
	}
	return out
}

func (s SparseCounts) histogram() (*hdrhistogram.Histogram, error) {
	h := hdrhistogram.New(histLowest, histHighest, histDigits)
	snap := h.Export()
	for _, ic := range s {
		if ic[0] < 0 || ic[0] >= int64(len(snap.Counts)) || ic[1] < 0 {
			return nil, fmt.Errorf("histogram entry %v is out of range", ic)
		}
		snap.Counts[ic[0]] += ic[1]
	}
	return hdrhistogram.Import(snap), nil
}

// UnmarshalJSON reads a number or null (NaN).
func (n *num) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*n = num(NaN)
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*n = num(f)
	return nil
}

// Merge combines the partial results of every shard of one run into the
// run, checking they belong together and that none is missing or given
// twice.
func Merge(parts []*Partial) (*RunSet, error) {
	if len(parts) == 0 {
		return nil, fmt.Errorf("no partial results to merge")
	}
	for _, p := range parts {
		if p.SchemaVersion == 1 {
			upgradePartialV1(p)
		}
		if err := p.Verify(); err != nil {
			return nil, fmt.Errorf("%s: %w", p.label(), err)
		}
	}
	first := parts[0]
	seen := map[int]*Partial{}
	for _, p := range parts {
		switch {
		case p.Fingerprint != first.Fingerprint || p.Scenario != first.Scenario:
			return nil, fmt.Errorf("%s is of a different scenario or overrides than %s", p.label(), first.label())
		case p.Seed != first.Seed || p.Replications != first.Replications || p.Shard.Count != first.Shard.Count:
			return nil, fmt.Errorf("%s has a different seed, replication count or shard count than %s", p.label(), first.label())
		case p.Layout != first.Layout:
			return nil, fmt.Errorf("%s has another calendar layout than %s", p.label(), first.label())
		case len(p.Designs) != len(first.Designs):
			return nil, fmt.Errorf("%s has %d designs, %s has %d", p.label(), len(p.Designs), first.label(), len(first.Designs))
		case seen[p.Shard.Index] != nil:
			if seen[p.Shard.Index].label() == p.label() {
				return nil, fmt.Errorf("%s is given twice", p.label())
			}
			return nil, fmt.Errorf("shard %d/%d is given twice: %s and %s", p.Shard.Index, p.Shard.Count, seen[p.Shard.Index].label(), p.label())
		}
		seen[p.Shard.Index] = p
	}
	for i := 1; i <= first.Shard.Count; i++ {
		if seen[i] == nil {
			return nil, fmt.Errorf("shard %d/%d is missing", i, first.Shard.Count)
		}
	}
	rs := &RunSet{Scenario: first.Scenario, Seed: first.Seed, Replications: first.Replications, Layout: first.Layout, Assumptions: first.Assumptions}
	for d := range first.Designs {
		dr := NewDesignRuns(first.Designs[d].Name)
		for _, p := range parts {
			pd := p.Designs[d]
			if pd.Name != dr.Name {
				return nil, fmt.Errorf("%s: design %d is %q, expected %q", p.label(), d+1, pd.Name, dr.Name)
			}
			for _, r := range pd.Reps {
				rr := RepResult{Rep: r.Rep, Calls: r.Calls, Total: floats(r.Total)}
				if len(rr.Total) != len(Metrics) || len(r.Intervals) != first.Layout.WindowIntervals || len(r.Days) != first.Layout.Days {
					return nil, fmt.Errorf("%s: replication %d has the wrong shape", p.label(), r.Rep)
				}
				for _, v := range r.Intervals {
					rr.Intervals = append(rr.Intervals, floats(v))
				}
				for _, v := range r.Days {
					rr.Days = append(rr.Days, floats(v))
				}
				if r.Outside != nil {
					rr.Outside = floats(r.Outside)
				}
				dr.Reps = append(dr.Reps, rr)
			}
			for _, pair := range []struct {
				into *hdrhistogram.Histogram
				from SparseCounts
			}{{dr.Wait, pd.Wait}, {dr.TTR, pd.TTR}} {
				h, err := pair.from.histogram()
				if err != nil {
					return nil, fmt.Errorf("%s: %w", p.label(), err)
				}
				pair.into.Merge(h)
			}
			if pd.Flows != nil {
				// Verify checked the shape against the nodes without
				// allocating from their number.
				f := &Flows{Nodes: pd.Flows.Nodes, Counts: pd.Flows.Counts}
				if dr.Flows == nil {
					dr.Flows = NewFlows(f.Nodes)
				}
				if !slices.Equal(dr.Flows.Nodes, f.Nodes) {
					return nil, fmt.Errorf("%s: design %q has other nodes than in %s", p.label(), dr.Name, first.label())
				}
				dr.Flows.Add(f)
			}
		}
		slices.SortFunc(dr.Reps, func(a, b RepResult) int { return a.Rep - b.Rep })
		for i, r := range dr.Reps {
			if r.Rep != i {
				return nil, fmt.Errorf("design %q: replication %d is missing or repeated", dr.Name, i)
			}
		}
		if len(dr.Reps) != first.Replications {
			return nil, fmt.Errorf("design %q: %d replications, expected %d", dr.Name, len(dr.Reps), first.Replications)
		}
		rs.Designs = append(rs.Designs, dr)
	}
	return rs, nil
}
