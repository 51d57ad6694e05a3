package results

import (
	"bytes"
	"encoding/json"
)

// Object is a JSON object whose members are written in the order given,
// for documents whose keys are data, such as metric names, yet must read
// in a fixed, meaningful order rather than encoding/json's sorted one.
type Object []Member

// Member is one key and value of an Object.
type Member struct {
	Key   string
	Value any
}

// MarshalJSON writes the members in order, escaping as MarshalJSON does
// (<, > and & as themselves).
func (o Object) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	buf.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		// Encode ends each value with a newline, which is blank space
		// between tokens; the enclosing encoder compacts it away.
		if err := enc.Encode(m.Key); err != nil {
			return nil, err
		}
		buf.WriteByte(':')
		if err := enc.Encode(m.Value); err != nil {
			return nil, err
		}
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}
