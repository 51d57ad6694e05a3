package main

import (
	"context"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/results/outfile"
	"github.com/ivrsim/ivrsim/scenarios"
	"github.com/spf13/cobra"
)

type schemaOptions struct {
	flow bool
	out  string
}

func newSchemaCmd(s streams) *cobra.Command {
	opts := &schemaOptions{}
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the scenario format, for editors",
		Long: `Schema prints a JSON Schema (draft 2020-12) of the scenario format. Editors use
it to complete keys, show each field's description, and flag unknown keys,
wrong types and malformed durations, rates and distributions as you type.
It is generated from the same definitions the loader reads, so it matches
this version of ivrsim. What needs the whole scenario (shares adding up to
1, references between nodes, loops) is checked by ivrsim validate.

With the YAML language server (VS Code's YAML extension, Neovim, Helix...),
save the schema next to your scenarios:

  ivrsim schema --out ivrsim.schema.json

and name it on the first line of a scenario file:

  # yaml-language-server: $schema=./ivrsim.schema.json

or for all scenario files at once, in VS Code's settings.json:

  "yaml.schemas": {"./ivrsim.schema.json": ["scenarios/*.yaml"]}

Flow files (designs.NAME.file) hold one design; give them the flow schema:

  ivrsim schema --flow --out ivrsim.flow.schema.json
  # yaml-language-server: $schema=../ivrsim.flow.schema.json

Exit codes: 0 success, 1 the file could not be written. See ivrsim help
exit-codes.`,
		Example: `  ivrsim schema --out ivrsim.schema.json
  ivrsim schema --flow --out ivrsim.flow.schema.json`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSchema(cmd.Context(), opts, s)
		},
	}
	cmd.Flags().BoolVar(&opts.flow, "flow", false, "the schema of a flow file (one design) instead of a scenario")
	addOutFlag(cmd, &opts.out, "the schema")
	return cmd
}

func runSchema(_ context.Context, opts *schemaOptions, s streams) error {
	if err := new(outfile.Paths).Output("--out", opts.out).Check(); err != nil {
		return err
	}
	b, err := scenarios.JSONSchemaWith(opts.flow, scenarios.SchemaOptions{ThresholdTargets: results.ThresholdTargets()})
	if err != nil {
		return err
	}
	return emit(s, opts.out, b)
}
