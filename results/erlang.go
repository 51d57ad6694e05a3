package results

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"text/tabwriter"

	"github.com/ivrsim/ivrsim/models"
)

// ErlangBResult is the answer of the Erlang B calculator (ivrsim erlang
// b), as JSON and as a table. Field order is the JSON output order.
type ErlangBResult struct {
	SchemaVersion int     `json:"schema_version"`
	IvrsimVersion string  `json:"ivrsim_version"`
	Model         string  `json:"model"`
	Lines         int     `json:"lines"`
	Load          float64 `json:"load"`
	BlockedRate   float64 `json:"blocked_rate"`
	Target        string  `json:"target,omitempty"`
}

// ErlangQueueResult is the answer of the Erlang C and A calculators
// (ivrsim erlang c|a). Field order is the JSON output order. ASA is null when
// it has no finite value; PAbandon is only present for erlang a.
type ErlangQueueResult struct {
	SchemaVersion int      `json:"schema_version"`
	IvrsimVersion string   `json:"ivrsim_version"`
	Model         string   `json:"model"`
	Agents        int      `json:"agents"`
	Load          float64  `json:"load"`
	Within        float64  `json:"within"`
	PWait         float64  `json:"p_wait"`
	AbandonRate   *float64 `json:"abandon_rate,omitempty"`
	ASA           *float64 `json:"asa"`
	ServiceLevel  float64  `json:"service_level"`
	Occupancy     float64  `json:"occupancy"`
	Target        string   `json:"target,omitempty"`
	Note          string   `json:"note,omitempty"`
}

// WriteTable writes the result for people, one figure a line.
func (res ErlangBResult) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "model\tErlang B (M/M/N/N)\n")
	fmt.Fprintf(tw, "lines\t%d%s\n", res.Lines, targetSuffix(res.Target, "lines"))
	fmt.Fprintf(tw, "load\t%s Erlangs\n", FormatLoad(res.Load))
	fmt.Fprintf(tw, "blocked_rate\t%s\n", formatShare(res.BlockedRate))
	return tw.Flush()
}

// WriteTable writes the result for people, one figure a line.
func (res ErlangQueueResult) WriteTable(w io.Writer) error {
	name := "Erlang C (M/M/N)"
	if res.AbandonRate != nil {
		name = "Erlang A (M/M/N+M)"
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "model\t%s\n", name)
	fmt.Fprintf(tw, "agents\t%d%s\n", res.Agents, targetSuffix(res.Target, "agents"))
	fmt.Fprintf(tw, "load\t%s Erlangs\n", FormatLoad(res.Load))
	fmt.Fprintf(tw, "p_wait\t%s\n", formatShare(res.PWait))
	if res.AbandonRate != nil {
		fmt.Fprintf(tw, "abandon_rate\t%s\n", formatShare(*res.AbandonRate))
	}
	asa := "no finite value"
	if res.ASA != nil {
		asa = formatWait(*res.ASA)
	}
	fmt.Fprintf(tw, "asa\t%s\n", asa)
	fmt.Fprintf(tw, "service_level\t%s within %s\n", formatShare(res.ServiceLevel), models.FormatDuration(res.Within))
	fmt.Fprintf(tw, "occupancy\t%s\n", formatShare(res.Occupancy))
	if err := tw.Flush(); err != nil {
		return err
	}
	if res.Note != "" {
		_, err := fmt.Fprintf(w, "\nnote: %s\n", res.Note)
		return err
	}
	return nil
}

func targetSuffix(target, what string) string {
	if target == "" {
		return ""
	}
	return fmt.Sprintf("  (the fewest %s meeting %s)", what, target)
}

// formatShare writes a probability as a percentage with enough digits to
// tell small values apart.
func formatShare(v float64) string { return models.FormatPercent(v, 2, v == 0 || v == 1) }

// formatWait writes seconds, with minutes for long waits.
func formatWait(sec float64) string {
	switch {
	case sec == 0:
		return "0 s"
	case sec < 1:
		return fmt.Sprintf("%.3g s", sec)
	case sec < 120:
		return fmt.Sprintf("%.1f s", sec)
	default:
		return fmt.Sprintf("%.0f s (%s)", sec, models.FormatDuration(math.Round(sec)))
	}
}

// FormatLoad writes a load in Erlangs with six significant digits.
func FormatLoad(load float64) string {
	return strconv.FormatFloat(load, 'g', 6, 64)
}
