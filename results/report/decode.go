package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/ivrsim/ivrsim/results"
)

// Decode reads a results file: the JSON of ivrsim run (a run, or a sweep
// when it has points) or of ivrsim merge, with the scenario's assumptions
// when it carries them. Anything else, the partial result of one shard
// included, is refused with a message saying what to do.
func Decode(data []byte) (Input, error) {
	var head struct {
		SchemaVersion *int                 `json:"schema_version"`
		Kind          string               `json:"kind"`
		Designs       json.RawMessage      `json:"designs"`
		Points        json.RawMessage      `json:"points"`
		Assumptions   *results.Assumptions `json:"assumptions"`
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return Input{}, errors.New("the file is empty; give the JSON written by ivrsim run --format json")
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return Input{}, fmt.Errorf("not a results file of ivrsim run --format json: %v", err)
	}
	switch {
	case head.Kind == "partial":
		return Input{}, errors.New("this is the partial result of one shard (--shard); merge the shards first, such as: ivrsim merge part-*.json --out results.json, then report on results.json")
	case head.SchemaVersion == nil:
		return Input{}, errors.New("not a results file of ivrsim run: it has no schema_version; write one with ivrsim run --format json")
	case !results.ReadableSchema(*head.SchemaVersion):
		return Input{}, fmt.Errorf("results schema_version %d; this ivrsim reads version %d: report with the ivrsim that wrote the file, or run the scenario again", *head.SchemaVersion, results.SchemaVersion)
	case head.Kind != "":
		return Input{}, fmt.Errorf("a results file of kind %q; ivrsim report reads the result of ivrsim run or ivrsim merge", head.Kind)
	}
	in := Input{Assumptions: head.Assumptions}
	if head.Points != nil {
		var doc results.SweepDocument
		if err := json.Unmarshal(data, &doc); err != nil {
			return Input{}, fmt.Errorf("a sweep result that cannot be read: %v", err)
		}
		if len(doc.Points) == 0 {
			return Input{}, errors.New("a sweep result without points: there is nothing to report")
		}
		for i, p := range doc.Points {
			if len(p.Designs) == 0 {
				return Input{}, fmt.Errorf("sweep point %d (%s) has no designs: there is nothing to report", i+1, p.Label())
			}
		}
		doc.Upgrade()
		in.Sweep = &doc
		return in, nil
	}
	if head.Designs == nil {
		return Input{}, errors.New("not a results file of ivrsim run: it has neither designs nor points")
	}
	var doc results.Document
	if err := json.Unmarshal(data, &doc); err != nil {
		return Input{}, fmt.Errorf("a run result that cannot be read: %v", err)
	}
	if len(doc.Designs) == 0 {
		return Input{}, errors.New("the result has no designs: there is nothing to report")
	}
	doc.Upgrade()
	in.Document = &doc
	return in, nil
}
