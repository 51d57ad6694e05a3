package scenarios

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// Fingerprint identifies the scenario as simulated: every value after
// overrides and defaults, but not where it was read from. Shards of a run
// carry it, so results of different scenarios never merge.
func (s *Scenario) Fingerprint() string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err) // every field marshals
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}

// MarshalJSON writes the distribution in its text form.
func (d Dist) MarshalJSON() ([]byte, error) {
	if d.Dist == nil {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}
