package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestCheckJUnitValid: the JUnit report ivrsim check writes, with passed,
// failed and regression cases, is valid by the Jenkins xUnit and the Ant
// JUnit schemas (../shared/schemas/junit beside the repository), as
// xmllint judges them.
func TestCheckJUnitValid(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "schemas", "junit"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s is absent (the shared folder belongs beside the repository)", dir)
	}
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint is not installed (Debian: apt-get install libxml2-utils)")
	}
	file := filepath.Join(t.TempDir(), "junit.xml")
	code, _, errs := cli(t, "check", "testdata/check/gate.yaml", "--reps", "3",
		"--threshold", "abandon_rate < 50%", "--threshold", "asa{fewer-agents} < 0.1s",
		"--compare", "current:fewer-agents", "--tolerance", "abandon_rate=1pp", "--junit", file)
	if code != exitThresholds {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, xsd := range []string{"jenkins-xunit-junit-10.xsd", "windyroad-JUnit.xsd"} {
		if out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join(dir, xsd), file).CombinedOutput(); err != nil {
			data, _ := os.ReadFile(file)
			t.Errorf("not valid by %s: %v\n%s\n%s", xsd, err, out, data)
		}
	}
}
