package results

import (
	"strings"
	"testing"
)

// TestObject: members keep their order, values encode as encoding/json
// encodes them, and text is written as MarshalJSON writes it.
func TestObject(t *testing.T) {
	half := 0.5
	doc := struct {
		Units Object `json:"units"`
		None  Object `json:"none"`
	}{Units: Object{{"z", "a < b & c"}, {"a", &half}, {"m", (*float64)(nil)}, {"n", []int{1}}}}
	b, err := MarshalJSON(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "units": {
    "z": "a < b & c",
    "a": 0.5,
    "m": null,
    "n": [
      1
    ]
  },
  "none": {}
}
`
	if string(b) != want {
		t.Errorf("got\n%s\nwant\n%s", b, want)
	}
	if _, err := MarshalJSON(Object{{"bad", func() {}}}); err == nil || !strings.Contains(err.Error(), "func") {
		t.Errorf("an unencodable value: %v", err)
	}
}
