package scenarios

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ivrsim/ivrsim/models"
	"go.yaml.in/yaml/v3"
)

// scalarDecoder is implemented by the scenario's value types that read
// themselves from one YAML scalar.
type scalarDecoder interface {
	decodeScalar(n *yaml.Node) error
}

// Duration is a length of time in seconds, written "45s", "3m", "1h30m" or
// as a number of seconds.
type Duration float64

func (d *Duration) decodeScalar(n *yaml.Node) error {
	if strings.HasPrefix(strings.TrimSpace(n.Value), "-") {
		return fmt.Errorf("%s is negative; a duration is 0 or more, such as 45s or 3m", strings.TrimSpace(n.Value))
	}
	v, err := models.ParseDuration(n.Value)
	if err != nil {
		return err
	}
	if v > models.MaxDuration {
		return fmt.Errorf("%s is longer than a year (366d), the longest duration a scenario takes", clipValue(n.Value))
	}
	*d = Duration(v)
	return nil
}

// Seconds returns d in seconds.
func (d Duration) Seconds() float64 { return float64(d) }

// Rate is a number of events per second, written "100/min", "6000/h" or
// "100/30m".
type Rate float64

func (r *Rate) decodeScalar(n *yaml.Node) error {
	v, err := models.ParseRate(n.Value)
	if err != nil {
		return err
	}
	*r = Rate(v)
	return nil
}

// PerSecond returns r in events per second.
func (r Rate) PerSecond() float64 { return float64(r) }

// Probability is a number between 0 and 1, written 0.25 or 25%.
type Probability float64

func (p *Probability) decodeScalar(n *yaml.Node) error {
	v, err := parseFraction(n.Value)
	if err != nil {
		return err
	}
	if v < 0 || v > 1 {
		return fmt.Errorf("%s is not a probability; use a value between 0 and 1 (or 0%% to 100%%)", n.Value)
	}
	*p = Probability(v)
	return nil
}

// parseFraction reads "0.25" or "25%".
func parseFraction(s string) (float64, error) {
	v, ok := models.ParseFraction(s)
	if !ok {
		return 0, fmt.Errorf("%q is not a number; write a value such as 0.25 or 25%%", s)
	}
	return v, nil
}

// TimeOfDay is seconds after midnight, written "08:00" or "08:30:15".
type TimeOfDay float64

func (t *TimeOfDay) decodeScalar(n *yaml.Node) error {
	v, err := ParseTimeOfDay(n.Value)
	if err != nil {
		return err
	}
	*t = TimeOfDay(v)
	return nil
}

// ParseTimeOfDay reads "HH:MM" or "HH:MM:SS" and returns seconds after
// midnight.
func ParseTimeOfDay(s string) (float64, error) {
	parts := strings.Split(strings.TrimSpace(s), ":")
	bad := fmt.Errorf("%q is not a time of day; write HH:MM such as 08:00", s)
	if len(parts) < 2 || len(parts) > 3 {
		return 0, bad
	}
	limits := []int{24, 59, 59}
	total := 0
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || v > limits[i] || len(p) == 0 || len(p) > 2 {
			return 0, bad
		}
		total = total*60 + v
	}
	if len(parts) == 2 {
		total *= 60
	}
	if total > 86400 {
		return 0, bad
	}
	return float64(total), nil
}

// FormatTimeOfDay writes seconds after midnight as HH:MM (or HH:MM:SS when
// the seconds are not zero).
func FormatTimeOfDay(sec float64) string {
	s := int(math.Round(sec))
	if s%60 != 0 {
		return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%02d:%02d", s/3600, s/60%60)
}

// Dist is a distribution written in the text form models.ParseDist reads,
// such as "lognormal(mean=3m, cv=1.2)" or "45s".
type Dist struct {
	models.Dist
}

func (d *Dist) decodeScalar(n *yaml.Node) error {
	v, err := models.ParseDist(n.Value)
	if err != nil {
		return err
	}
	if m := v.Mean(); m > models.MaxDuration {
		return fmt.Errorf("%s has a mean longer than a year (366d), the longest a scenario takes", clipValue(n.Value))
	}
	d.Dist = v
	return nil
}

// IsSet reports whether a distribution was given.
func (d Dist) IsSet() bool { return d.Dist != nil }

// MustDist parses a distribution known to be valid; for defaults.
func MustDist(s string) Dist {
	v, err := models.ParseDist(s)
	if err != nil {
		panic(err)
	}
	return Dist{v}
}

// clipValue quotes a value for a message, cut to 40 characters.
func clipValue(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 40 {
		return strconv.Quote(string(r[:40])) + "…"
	}
	return strconv.Quote(s)
}
