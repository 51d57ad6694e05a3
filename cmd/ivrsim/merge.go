package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/results/outfile"
	"github.com/spf13/cobra"
)

type mergeOptions struct {
	files     []string
	format    string
	formatSet bool
	out       string
}

func newMergeCmd(s streams) *cobra.Command {
	opts := &mergeOptions{}
	cmd := &cobra.Command{
		Use:   "merge FILES...",
		Short: "Combine the partial results of a sharded run",
		Long: `Merge reads the partial results written by ivrsim run --shard i/N, one per
shard, checks they are the shards of one run (same scenario and overrides,
seed and replications; every shard once) and writes the run's result:
byte for byte what the unsharded run writes in the same format.

Exit codes: 0 success, 1 runtime error, 2 unreadable, foreign or missing
shards. See ivrsim help exit-codes.`,
		Example: `  ivrsim run bank --reps 40 --shard 1/4 --out part-1.json   # ... one per shard
  ivrsim merge part-*.json --out results.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.files = args
			opts.formatSet = cmd.Flags().Changed("format")
			return runMerge(cmd.Context(), opts, s)
		},
	}
	addFormatFlag(cmd, &opts.format, "", mergeFormats...)
	addOutFlag(cmd, &opts.out, "the output")
	return cmd
}

func runMerge(ctx context.Context, opts *mergeOptions, s streams) error {
	if err := chooseFormat(&opts.format, opts.formatSet, opts.out, mergeFormats); err != nil {
		return err
	}
	paths := new(outfile.Paths)
	for _, f := range opts.files {
		paths.Input("the shard", f)
	}
	if err := paths.Output("--out", opts.out).Check(); err != nil {
		return err
	}
	var parts []*results.Partial
	for _, f := range opts.files {
		if err := ctx.Err(); err != nil {
			return err
		}
		var p *results.Partial
		err := interruptible(ctx, func() (err error) {
			p, err = readPartial(ctx, f)
			return err
		})
		if err != nil {
			return err
		}
		parts = append(parts, p)
	}
	var rs *results.RunSet
	err := interruptible(ctx, func() (err error) {
		rs, err = results.Merge(parts)
		return err
	})
	if errors.Is(err, context.Canceled) {
		return err
	}
	if err != nil {
		return usageErrorf("cannot merge: %v", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	doc := rs.Document()
	// The merged result is what the shards computed: it names the ivrsim
	// that wrote them, and says so when they disagree.
	version, mixed := results.ShardVersions(parts)
	if mixed == nil {
		doc.IvrsimVersion = version
	} else {
		fmt.Fprintf(s.Err, "ivrsim: warning: the shards were written by different versions of ivrsim: %s; their replications may not be comparable\n", strings.Join(mixed, "; "))
	}
	var buf bytes.Buffer
	if err := results.WriteDocumentAs(&buf, opts.format, doc); err != nil {
		return fmt.Errorf("writing the merged result: %w", err)
	}
	return emit(s, opts.out, buf.Bytes())
}

// readPartial reads and decodes one shard's partial result, refusing
// special files, files over the results limit and trailing data.
func readPartial(ctx context.Context, path string) (*results.Partial, error) {
	data, err := readResultsFile(ctx, path)
	if err != nil {
		return nil, err
	}
	p, err := results.DecodePartial(data, path)
	if err != nil {
		return nil, usageError(err)
	}
	return p, nil
}
