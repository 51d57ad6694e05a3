package fit

import (
	"bytes"
	"fmt"

	"github.com/ivrsim/ivrsim/scenarios"
)

// CheckLimits refuses a model no scenario can hold: more intents or
// segments than a scenario takes. Records with that many are the user's
// to group with a mapping, so the error says how.
func (m *Model) CheckLimits() error {
	if n := len(m.Intents); n > scenarios.MaxIntents {
		return fmt.Errorf("the records have %d intents; a scenario holds at most %d: group them with a mapping (values: {intent: {...}}) or --value intent:SOURCE=NAME", n, scenarios.MaxIntents)
	}
	if n := len(m.Segments); n > scenarios.MaxSegments {
		return fmt.Errorf("the records have %d segments; a scenario holds at most %d: group them with a mapping (values: {segment: {...}}) or --value segment:SOURCE=NAME", n, scenarios.MaxSegments)
	}
	return nil
}

// Scenario is the fitted scenario as WriteYAML writes it, checked as
// ivrsim validate checks a scenario. A model within CheckLimits that
// writes what cannot be read is a bug in the fit, and the error says so.
func (m *Model) Scenario() ([]byte, error) {
	var b bytes.Buffer
	if err := m.WriteYAML(&b); err != nil {
		return nil, err
	}
	if _, err := scenarios.Parse(m.Name+".yaml", b.Bytes(), nil); err != nil {
		return nil, fmt.Errorf("the fitted scenario does not validate (a bug in ivrsim fit; please report it):\n%v", err)
	}
	return b.Bytes(), nil
}
