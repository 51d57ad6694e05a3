package scenarios

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// checkPrintable refuses control characters anywhere in the scenario's
// text values and keys: names (designs, nodes, segments, intents, groups)
// are printed in tables, summaries and CI logs, and an escape sequence or
// a line break in one could colour the terminal or forge a line such as
// "✓ all checks passed". Keys and one-line values may hold no line break
// or tab; block scalars (| and >, such as a description) may hold both.
// Bidirectional-text controls, which reorder what a reader sees, are
// refused as well.
func (d *decoder) checkPrintable(n *yaml.Node, file string, key bool) {
	if n == nil {
		return
	}
	if f, ok := d.fileOf[n]; ok {
		file = f
	}
	switch n.Kind {
	case yaml.ScalarNode:
		block := n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 && !key
		for _, r := range n.Value {
			if bad := unprintable(r, block); bad {
				what := "a value"
				if key {
					what = "a name"
				}
				d.errs = append(d.errs, &Error{Pos: Pos{File: file, Line: n.Line, Col: n.Column},
					Msg: fmt.Sprintf("%s holds the control character %U; names and values are printed, so write them with visible characters only", what, r)})
				return
			}
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			d.checkPrintable(n.Content[i], file, true)
			d.checkPrintable(n.Content[i+1], file, false)
		}
	case yaml.SequenceNode, yaml.DocumentNode:
		for _, c := range n.Content {
			d.checkPrintable(c, file, false)
		}
	}
	// Aliases point into the tree, which is checked where it stands.
}

// unprintable reports whether r may not appear in a scenario's text.
func unprintable(r rune, block bool) bool {
	switch {
	case r == '\t' || r == '\n':
		return !block
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return true
	case r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
		return true
	}
	return false
}
