package sim

import (
	"slices"
	"testing"
)

func TestSelectDesigns(t *testing.T) {
	v := validated(t, "bank", nil)
	designs := func(plans []*Plan) []string {
		var names []string
		for _, p := range plans {
			names = append(names, p.Design)
		}
		return names
	}

	all, err := SelectDesigns(v, nil)
	if err != nil || !slices.Equal(designs(all), DesignNames(v.Scenario)) {
		t.Errorf("no names: %v, %v; want every design, %v", designs(all), err, DesignNames(v.Scenario))
	}
	picked, err := SelectDesigns(v, []string{"queue-preserving-va", "forced-menu"})
	if err != nil || !slices.Equal(designs(picked), []string{"queue-preserving-va", "forced-menu"}) {
		t.Errorf("two names: %v, %v; want them in the order given", designs(picked), err)
	}

	for _, tc := range []struct {
		names []string
		want  string
	}{
		{[]string{"nope"}, `--design "nope": the scenario has no such design; its designs are forced-menu, queue-preserving-va`},
		{[]string{"forced-menu", "forced-menu"}, `--design "forced-menu" is given twice`},
	} {
		if _, err := SelectDesigns(v, tc.names); err == nil || err.Error() != tc.want {
			t.Errorf("%v: error %v, want %q", tc.names, err, tc.want)
		}
	}
}
