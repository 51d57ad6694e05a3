package cdr

import (
	"os"
	"testing"
)

// The Anonymous Bank records, when IVRSIM_BANK_RECORDS names the file,
// read with the built-in mapping: every malformed row is counted, and few
// are.
func TestReadAnonymousBank(t *testing.T) {
	path := os.Getenv("IVRSIM_BANK_RECORDS")
	if path == "" {
		t.Skip("IVRSIM_BANK_RECORDS is not set")
	}
	m, err := LoadMapping("anonymous-bank")
	if err != nil {
		t.Fatal(err)
	}
	recs, rep, err := ReadFile(path, m, ReadOptions{SkipBad: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d rows, %d records, skipped %v, ignored %v", rep.Rows, rep.Records, rep.Skipped, rep.Ignored)
	for _, b := range rep.Bad {
		t.Logf("bad: %d %s (first: %v)", b.Count, b.Reason, b.First)
	}
	if rep.Rows != len(recs)+rep.SkippedRows()+rep.BadRows() {
		t.Errorf("%d rows ≠ %d records + %d skipped + %d bad", rep.Rows, len(recs), rep.SkippedRows(), rep.BadRows())
	}
	if float64(rep.BadRows()) > 0.02*float64(rep.Rows) {
		t.Errorf("%d malformed rows of %d", rep.BadRows(), rep.Rows)
	}
}
