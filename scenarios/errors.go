package scenarios

import (
	"cmp"
	"fmt"
	"github.com/ivrsim/ivrsim/models"
	"slices"
	"strings"
)

// Error is one problem in a scenario: where, which field, what is wrong and
// how to fix it.
type Error struct {
	Pos  Pos
	Path string
	Msg  string
}

// Error formats the problem as "file:line:col: path: message", the form
// editors and CI logs turn into links.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Pos.String())
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// String writes file:line:col, or what is known of it.
func (p Pos) String() string {
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return p.File
	}
}

// Errors is every problem found in a scenario, in file order.
type Errors []*Error

// Error writes one problem per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// maxErrors bounds the problems reported for one scenario: past it, the file
// is very likely not a scenario at all, and a screenful more helps no one.
const maxErrors = 100

// sortErrors orders problems by file, line and column, and drops exact
// duplicates, so messages read top to bottom like the files. Files are
// taken in the order given (the scenario, then its flow files, then the
// --set overrides as typed); files not listed come last, by name.
func sortErrors(es Errors, files []string, dropped int) Errors {
	rank := func(f string) int {
		if i := slices.Index(files, f); i >= 0 {
			return i
		}
		return len(files)
	}
	slices.SortStableFunc(es, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(rank(a.Pos.File), rank(b.Pos.File)),
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
		)
	})
	es = slices.CompactFunc(es, func(a, b *Error) bool { return *a == *b })
	if len(es) > maxErrors || dropped > 0 {
		more := max(len(es)-maxErrors, 0) + dropped
		if len(es) < maxErrors {
			es = append(es, &Error{Pos: Pos{File: es[len(es)-1].Pos.File}, Msg: fmt.Sprintf("%d more problems not shown; fix those above and validate again", more)})
			return es
		}
		last := es[maxErrors-1].Pos
		es = append(es[:maxErrors:maxErrors], &Error{
			Pos: Pos{File: last.File},
			Msg: fmt.Sprintf("%d more problems not shown; fix those above and validate again", more),
		})
	}
	return es
}

// hint returns ` (did you mean "X"?)` when a close candidate exists.
func hint(s string, candidates []string) string {
	if m := models.Suggest(s, candidates); m != "" {
		return fmt.Sprintf(" (did you mean %q?)", m)
	}
	return ""
}

// list joins names for a message, or says there are none.
func list(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
