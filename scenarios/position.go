package scenarios

import (
	"os"
	"strings"
	"unicode/utf8"
)

// SourceLines reads a scenario's files on demand to place a problem inside
// a value rather than at its start: an error in the middle of a threshold
// expression points at the word that is wrong. The zero value is ready to
// use; it reads each file at most once.
type SourceLines map[string][]string

// Inside moves p, where a scalar with the given text starts, to byte offset
// off of that text, when the file shows the text as is on that line (plain,
// or quoted without escapes); otherwise p stays at the scalar.
func (sl SourceLines) Inside(p Pos, text string, off int) Pos {
	if p.Line <= 0 || p.Col <= 0 || off < 0 || off > len(text) {
		return p
	}
	lines, ok := sl[p.File]
	if !ok {
		data, err := os.ReadFile(p.File)
		if err == nil {
			lines = strings.Split(string(data), "\n")
		}
		sl[p.File] = lines
	}
	if p.Line > len(lines) {
		return p
	}
	line := []rune(strings.TrimSuffix(lines[p.Line-1], "\r"))
	start := p.Col - 1
	if start >= len(line) {
		return p
	}
	lead := 0
	if line[start] == '"' || line[start] == '\'' {
		lead = 1
	}
	if !strings.HasPrefix(string(line[start+lead:]), text[:off]) {
		return p
	}
	p.Col += lead + utf8.RuneCountInString(text[:off])
	return p
}
