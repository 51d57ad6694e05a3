package main

import (
	"bytes"
	"context"
	"fmt"

	"github.com/ivrsim/ivrsim/results/outfile"
	"github.com/ivrsim/ivrsim/results/report"
	"github.com/spf13/cobra"
)

type reportOptions struct {
	file string
	out  string
}

func newReportCmd(s streams) *cobra.Command {
	opts := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report RESULTS.json",
		Short: "Write a self-contained HTML report of a run's results",
		Long: `Report turns the JSON result of ivrsim run (or ivrsim merge) into one HTML
page for people who decide: the verdict in a sentence per comparison,
headline cards with 95% confidence intervals and paired differences, flow
paths as Sankey diagrams, the day's intervals, waiting times, adoption per
day, effort, every metric, and the scenario's assumptions and the metric
definitions behind them. A sweep's result gives each headline metric
against the swept value.

The page is a single file that works offline: its charts are drawn as
inline SVG, and it loads nothing from anywhere. It prints cleanly.

RESULTS.json is the output of ivrsim run --format json (or - for standard
input). The partial result of one shard must be merged first (ivrsim merge).
ivrsim run --report FILE writes the report directly.

Exit codes: 0 success, 1 runtime error, 2 unreadable or unsuitable results
file. See ivrsim help exit-codes.`,
		Example: `  ivrsim run bank --format json --out results.json
  ivrsim report results.json -o report.html
  ivrsim run bank --sweep segments.regular.trust=0.2,0.4,0.6 --format json | ivrsim report - -o sweep.html`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("give one results file, such as: ivrsim report results.json -o report.html")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.file = args[0]
			return runReport(cmd.Context(), opts, s)
		},
	}
	addOutFlag(cmd, &opts.out, "the report")
	return cmd
}

func runReport(ctx context.Context, opts *reportOptions, s streams) error {
	if err := new(outfile.Paths).Input("the results file", opts.file).Output("--out", opts.out).Check(); err != nil {
		return err
	}
	data, err := readResultsFile(ctx, opts.file)
	if err != nil {
		return err
	}
	in, err := report.Decode(data)
	if err != nil {
		return usageErrorf("%s: %v", opts.file, err)
	}
	var page bytes.Buffer
	if err := report.Write(&page, in); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return emit(s, opts.out, page.Bytes())
}
