package golden

import (
	"fmt"
	"strings"
	"testing"
)

func TestFirstDifference(t *testing.T) {
	cases := []struct{ want, got, has string }{
		{"a\nb\nc", "a\nx\nc", "line 2:\n  want: b\n  got:  x"},
		{"a\nb", "a\nb\nc", "line 3:"},
		{"a", "a\n", "final newline"},
	}
	for _, c := range cases {
		if d := firstDifference([]byte(c.want), []byte(c.got)); !strings.Contains(d, c.has) {
			t.Errorf("firstDifference(%q, %q) = %q, want it to contain %q", c.want, c.got, d, c.has)
		}
	}
}

func TestCheckReportsAMismatch(t *testing.T) {
	if Updating() {
		t.Skip("-update rewrites files rather than comparing them")
	}
	rec := &recorder{TB: t}
	Check(rec, "testdata/hello.golden", []byte("hello, world\n"))
	if rec.failed {
		t.Fatalf("the same bytes were reported as different: %s", rec.msg)
	}
	rec = &recorder{TB: t}
	Check(rec, "testdata/hello.golden", []byte("hello, there\n"))
	if !rec.failed || !strings.Contains(rec.msg, "line 1") {
		t.Fatalf("a mismatch was not reported with its line: failed=%v %q", rec.failed, rec.msg)
	}
}

// recorder keeps a Check's failure instead of failing the test.
type recorder struct {
	testing.TB
	failed bool
	msg    string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failed = true
	r.msg = fmt.Sprintf(format, args...)
}
func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }
