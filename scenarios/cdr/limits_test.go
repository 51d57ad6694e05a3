package cdr

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

// TestReadLimits: a line past MaxLineBytes and rows past the limit are
// refused as the user's problem, without the line in the message; a
// cancelled read stops.
func TestReadLimits(t *testing.T) {
	long := "arrival,outcome\n2024-03-04 08:00:00,served\n" + strings.Repeat("y", MaxLineBytes+1) + "\n"
	_, _, err := Read(strings.NewReader(long), "long.csv", nil, ReadOptions{})
	var ue *UsageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "long.csv:3: the line is longer than 64 KiB") || strings.Contains(err.Error(), "yyyy") {
		t.Errorf("long line: %v", err)
	}
	header := strings.Repeat("h", MaxLineBytes+1)
	if _, _, err := Read(strings.NewReader(header), "h.csv", nil, ReadOptions{}); err == nil || !strings.Contains(err.Error(), "h.csv:1: the line is longer") {
		t.Errorf("long header: %v", err)
	}
	var rows bytes.Buffer
	rows.WriteString("arrival,outcome\n")
	for range 11 {
		rows.WriteString("2024-03-04 08:00:00,abandoned\n")
	}
	if _, _, err := Read(bytes.NewReader(rows.Bytes()), "rows.csv", nil, ReadOptions{MaxRows: 10}); !errors.As(err, &ue) || !strings.Contains(err.Error(), "more than 10 rows") {
		t.Errorf("rows: %v", err)
	}
	if recs, _, err := Read(bytes.NewReader(rows.Bytes()), "rows.csv", nil, ReadOptions{MaxRows: 11}); err != nil || len(recs) != 11 {
		t.Errorf("11 rows within a limit of 11: %d, %v", len(recs), err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Read(bytes.NewReader(rows.Bytes()), "rows.csv", nil, ReadOptions{Context: ctx}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}
