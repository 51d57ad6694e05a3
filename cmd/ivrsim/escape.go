package main

import (
	"strconv"
	"strings"
	"unicode"
)

// quoteName quotes a name that came from the user (a design, a node, a
// file) for a message, escaping control and invisible characters so that
// no input can move the cursor, colour the terminal or forge a line of
// output in a CI log.
func quoteName(s string) string { return strconv.Quote(s) }

// safeText returns s unchanged when every character is printable (or a
// tab), and else with the others escaped as Go escapes them; line breaks
// are kept only when multiline is set.
func safeText(s string, multiline bool) string {
	clean := true
	for _, r := range s {
		if !printableRune(r, multiline) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if printableRune(r, multiline) {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRune(r)
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

func printableRune(r rune, multiline bool) bool {
	if r == '\t' || (multiline && r == '\n') {
		return true
	}
	return unicode.IsPrint(r) || r == ' '
}
