package scenarios

import (
	"strings"
	"testing"
)

// TestDurationAndRateBounds: durations past a year, distributions whose
// mean is, and rates past a million a second (or infinite) are refused.
func TestDurationAndRateBounds(t *testing.T) {
	tests := []struct{ set, want string }{
		{"intents.call.handle_time=1e300h", "longer than a year"},
		{"intents.call.handle_time=lognormal(mean=400d, cv=1)", "longer than a year"},
		{"segments.everyone.patience=exponential(mean=1e9)", "longer than a year"},
		{"service_level.within=367d", "longer than a year"},
		{"arrivals.rate=1e307/1ms", "more than 1e+06 a second"},
		{"arrivals.rate=2000000/s", "more than 1e+06 a second"},
		{"arrivals.rate=1e400/h", "invalid rate"},
	}
	for _, tt := range tests {
		es := parseErr(t, minimal, tt.set)
		if !strings.Contains(es.Error(), tt.want) {
			t.Errorf("--set %s: %v; want %q", tt.set, es, tt.want)
		}
	}
	mustParse(t, minimal, "intents.call.handle_time=lognormal(mean=3m, cv=1)", "service_level.within=366d", "arrivals.rate=10000/s")
}

// TestMenuOptionLoopsBack: an intent whose right option replays the same
// menu is flagged; an option without intents ("9: repeat") is not.
func TestMenuOptionLoopsBack(t *testing.T) {
	flow := func(opts string) string {
		return minimal + "designs: {d: {start: m, nodes: {m: {type: menu, duration: 10s, options: [" + opts + "]}, q: {type: queue, group: team}}}}\n"
	}
	es := parseErr(t, flow("{key: '1', intents: [call], next: m}, {key: '2', next: q}"))
	if !strings.Contains(es.Error(), "leads back to this menu") {
		t.Errorf("not flagged: %v", es)
	}
	mustParse(t, flow("{key: '1', intents: [call], next: q}, {key: '9', next: m}"))
}

// TestFileNameControlCharacters: a scenario named after a file whose name
// holds a control character is refused; with a name: field it loads.
func TestFileNameControlCharacters(t *testing.T) {
	_, err := Parse("x\x1b[2J.yaml", []byte(minimal), nil)
	if err == nil || !strings.Contains(err.Error(), "the file name holds the control character U+001B") {
		t.Fatalf("err = %v", err)
	}
	if _, err := Parse("x\x1b[2J.yaml", []byte(minimal+"name: fine\n"), nil); err != nil {
		t.Fatal(err)
	}
}
