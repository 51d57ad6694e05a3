package results

import (
	"bytes"
	"strings"
	"testing"
)

// TestWriteDocumentAs: each format name writes what its writer writes.
func TestWriteDocumentAs(t *testing.T) {
	doc := verdictDocument()
	var table, csv, got bytes.Buffer
	if err := WriteTable(&table, doc); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&csv, doc); err != nil {
		t.Fatal(err)
	}
	js, err := WriteJSON(doc)
	if err != nil {
		t.Fatal(err)
	}
	for format, want := range map[string][]byte{"table": table.Bytes(), "csv": csv.Bytes(), "json": js} {
		got.Reset()
		if err := WriteDocumentAs(&got, format, doc); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%s: wrote\n%s\nwant\n%s", format, got.String(), want)
		}
	}
}

// TestWriteSweepAs: a sweep's JSON is written the one way JSON is.
func TestWriteSweepAs(t *testing.T) {
	doc := &SweepDocument{Scenario: "s", Sweep: []string{"p"}, Points: []SweepPoint{{Values: []SweepValue{{Path: "p", Value: "1 < 2"}}}}}
	var got bytes.Buffer
	if err := WriteSweepAs(&got, "json", doc, nil); err != nil {
		t.Fatal(err)
	}
	want, err := MarshalJSON(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) || !strings.Contains(got.String(), "1 < 2") {
		t.Errorf("wrote\n%s\nwant\n%s", got.String(), want)
	}
}
