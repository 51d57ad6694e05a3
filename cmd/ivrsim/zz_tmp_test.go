package main

import (
	"encoding/json"
	"os"
	"testing"
)

func TestZZTmpGen(t *testing.T) {
	for _, c := range []struct{ name, days, out string }{{"bank", "5", "/tmp/rw/bankA.json"}, {"telco", "1", "/tmp/rw/telcoA.json"}} {
		code, out, errs := cli(t, "run", c.name, "--reps", "4", "--set", "horizon.days="+c.days, "--format", "json")
		if code != 0 {
			t.Fatal(errs)
		}
		var m map[string]json.RawMessage
		json.Unmarshal([]byte(out), &m)
		sc, err := loadScenario(c.name, []string{"horizon.days=" + c.days})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(assumptionsOf(sc))
		m["assumptions"] = b
		all, _ := json.MarshalIndent(m, "", " ")
		os.WriteFile(c.out, all, 0o644)
	}
}
