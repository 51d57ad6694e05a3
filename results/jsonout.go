package results

import (
	"bytes"
	"encoding/json"
	"io"
)

// MarshalJSON is the one way ivrsim writes a JSON document: indented by two
// spaces, with a final newline, and with <, > and & written as themselves
// (encoding/json escapes them for HTML by default, which turns a target
// such as "service_level >= 0.8" into "\u003e=" for no reader's benefit).
// Every command's JSON output goes through it, so all of them read alike.
func MarshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// NewJSONLinesEncoder returns an encoder for JSON Lines (one compact value a
// line), escaping as MarshalJSON does.
func NewJSONLinesEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}

// marshalValue is json.Marshal escaping as MarshalJSON does: the types whose
// own MarshalJSON builds their member values use it, since what they return
// is copied as is into the enclosing document, escapes and all.
func marshalValue(v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := NewJSONLinesEncoder(&buf).Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
