package results

import (
	"fmt"
	"math"

	"github.com/ivrsim/ivrsim/models"
)

// erlangB answers Erlang B: the blocking of the given lines, or the fewest
// lines that meet the target.
func (in erlangInputs) erlangB() (ErlangResult, error) {
	res := ErlangBResult{SchemaVersion: SchemaVersion, IvrsimVersion: Version, Model: "erlang_b", Load: in.load, Lines: in.size}
	if in.hasTarget {
		lines, err := models.StaffErlangB(in.load, in.target)
		if err != nil {
			return nil, err
		}
		res.Lines, res.Target = lines, in.target.String()
	}
	res.BlockedRate = models.ErlangB(in.load, res.Lines)
	return res, nil
}

// queue answers Erlang C or A, which differ only in the model evaluated
// and in patience.
func (in erlangInputs) queue(model string) (ErlangResult, error) {
	rate := in.load / in.aht
	res := ErlangQueueResult{SchemaVersion: SchemaVersion, IvrsimVersion: Version, Model: "erlang_" + model, Load: in.load, Within: in.within, Agents: in.size}
	if in.hasTarget {
		target := in.target
		if target.Metric == models.MetricServiceLevel {
			target.Within = in.within
		}
		var err error
		if model == "a" {
			res.Agents, err = models.StaffErlangA(rate, in.aht, in.patience, target)
		} else {
			res.Agents, err = models.StaffErlangC(rate, in.aht, target)
		}
		if err != nil {
			return nil, err
		}
		res.Target = target.String()
	}

	var p models.Performance
	if model == "a" {
		p = models.ErlangAPerformance(rate, in.aht, in.patience, res.Agents, in.within)
		ab := p.PAbandon
		res.AbandonRate = &ab
	} else {
		p = models.ErlangCPerformance(rate, in.aht, res.Agents, in.within)
	}
	res.PWait, res.ServiceLevel, res.Occupancy = p.PWait, p.ServiceLevel, p.Occupancy
	if asa := p.ASA; !math.IsNaN(asa) && !math.IsInf(asa, 0) {
		res.ASA = &asa
	}
	switch {
	case !p.Stable:
		res.Note = fmt.Sprintf("the queue grows without bound: %d agents cannot keep up with %s Erlangs, so every call waits and the wait has no average; staff at least %d agents, or use erlang a, where callers hang up",
			res.Agents, FormatLoad(in.load), int(math.Floor(in.load))+1)
	case res.ASA == nil:
		res.Note = "with no agents every caller hangs up, so no call is answered and asa has no value"
	}
	return res, nil
}
