package results

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// DecodePartial reads the partial result of one shard (ivrsim run --shard)
// from data, which source names in messages: exactly one JSON value, with
// no field the format does not know, so a file of another kind is refused
// rather than merged as empty.
func DecodePartial(data []byte, source string) (*Partial, error) {
	var p Partial
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(&p)
	if err == nil {
		if _, end := dec.Token(); !errors.Is(end, io.EOF) {
			err = fmt.Errorf("data after the end of the JSON value at byte %d; the file holds one result", dec.InputOffset())
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: not a partial result of ivrsim run --shard: %v", source, err)
	}
	p.Source = source
	return &p, nil
}

// ShardVersions says which ivrsim wrote the shards: their one version, or,
// when they disagree, each version with the shards it wrote, such as
// "v1.2.0 (part-1.json, part-2.json)", sorted. Shards of different
// versions may not have drawn comparable replications.
func ShardVersions(parts []*Partial) (version string, mixed []string) {
	var versions []string
	shards := map[string][]string{}
	for _, p := range parts {
		if _, seen := shards[p.IvrsimVersion]; !seen {
			versions = append(versions, p.IvrsimVersion)
		}
		shards[p.IvrsimVersion] = append(shards[p.IvrsimVersion], p.label())
	}
	switch len(versions) {
	case 0:
		return "", nil
	case 1:
		return versions[0], nil
	}
	for _, v := range versions {
		name := v
		if name == "" {
			name = "an unrecorded version"
		}
		mixed = append(mixed, fmt.Sprintf("%s (%s)", name, strings.Join(shards[v], ", ")))
	}
	slices.Sort(mixed)
	return "", mixed
}
