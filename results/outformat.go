package results

import "io"

// The formats of a command's output by name, as --format gives them:
// "json", "csv", and the table for anything else (the command has checked
// the name).

// WriteDocumentAs writes the result of a run in format.
func WriteDocumentAs(w io.Writer, format string, doc *Document) error {
	switch format {
	case "json":
		return writeJSON(w, doc)
	case "csv":
		return WriteCSV(w, doc)
	default:
		return WriteTable(w, doc)
	}
}

// WriteSweepAs writes the result of a sweep in format; the table shows
// metrics (the headline metrics when empty).
func WriteSweepAs(w io.Writer, format string, doc *SweepDocument, metrics []string) error {
	switch format {
	case "json":
		return writeJSON(w, doc)
	case "csv":
		return WriteSweepCSV(w, doc)
	default:
		return WriteSweepTable(w, doc, metrics)
	}
}

// WriteSensitivityAs writes a sensitivity analysis in format.
func WriteSensitivityAs(w io.Writer, format string, doc *SensitivityDocument) error {
	switch format {
	case "json":
		b, err := WriteSensitivityJSON(doc)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	case "csv":
		return WriteSensitivityCSV(w, doc)
	default:
		return WriteSensitivityTable(w, doc)
	}
}

// writeJSON writes v to w the one way ivrsim writes JSON (MarshalJSON).
func writeJSON(w io.Writer, v any) error {
	b, err := MarshalJSON(v)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}
