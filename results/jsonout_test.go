package results

import (
	"strings"
	"testing"
)

// TestNoHTMLEscapes: values that types write with their own MarshalJSON
// keep <, > and & as themselves inside a document, as the document's own
// strings do.
func TestNoHTMLEscapes(t *testing.T) {
	name := "Q&A <vip>"
	rec := &ContactRecord{Design: name, Segment: "a>b", Path: []string{"menu&more"}}
	for _, v := range []any{rec, []any{rec}, map[string]any{"r": rec}} {
		b, err := MarshalJSON(v)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		if strings.Contains(s, `\u00`) || !strings.Contains(s, `"Q&A <vip>"`) || !strings.Contains(s, `"menu&more"`) {
			t.Errorf("escaped for HTML:\n%s", s)
		}
	}
}
