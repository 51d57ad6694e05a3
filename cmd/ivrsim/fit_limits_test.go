package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFitTooManyIntents: records with more intents than a scenario holds
// are the user's to group (exit 2, nothing written), not a bug.
func TestFitTooManyIntents(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("arrival,outcome,intent,wait,handle_time\n")
	for i := range 402 {
		fmt.Fprintf(&b, "2024-03-04 %02d:%02d:%02d,served,type-%d,%d,%d\n", 8+i/600, i/10%60, i%10*6, i%201, 5+i%7, 100+i%50)
	}
	records := filepath.Join(dir, "calls.csv")
	if err := os.WriteFile(records, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "fitted.yaml")
	code, stdout, errs := cli(t, "fit", records, "-o", out)
	if code != exitUsage || stdout != "" || !strings.Contains(errs, "201 intents; a scenario holds at most 200") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("output written")
	}
}
