package results

import (
	"strings"
	"testing"
)

// TestParseComparison: design names may hold a colon, so the split that
// names two designs wins; every error names the designs there are.
func TestParseComparison(t *testing.T) {
	designs := []string{"menu", "menu:v2", "va"}
	for spec, want := range map[string][2]string{
		"menu:va":    {"menu", "va"},
		"menu:v2:va": {"menu:v2", "va"},
		"va:menu:v2": {"va", "menu:v2"},
	} {
		cur, prop, err := ParseComparison(spec, designs)
		if err != nil || cur != want[0] || prop != want[1] {
			t.Errorf("%q: %q, %q, %v; want %q", spec, cur, prop, err, want)
		}
	}
	for spec, want := range map[string]string{
		"menu":       "expected current:proposed, two of the designs menu, menu:v2, va",
		"menu:menu":  "a design compared with itself; name two different designs of menu, menu:v2, va",
		"menu:nope":  `no design "nope" in the scenario; the designs are menu, menu:v2, va`,
		"x:y":        `no design "x" or "y" in the scenario`,
		"menu:v2:v3": `no design "v3" in the scenario`, // the last split tried
	} {
		if _, _, err := ParseComparison(spec, designs); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v; want %q", spec, err, want)
		}
	}
}
