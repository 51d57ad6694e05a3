package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"html"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ivrsim/ivrsim/models/golden"

	"github.com/ivrsim/ivrsim/results"
)

// TestGolden compares whole pages with reviewed copies; run with -update
// after a deliberate change and look at the pages in a browser.
func TestGolden(t *testing.T) {
	cases := []struct {
		file string
		in   Input
	}{
		{"sample.html", Input{Document: sampleDocument(), Assumptions: sampleAssumptions()}},
		{"sweep.html", Input{Sweep: sampleSweep(), Assumptions: sampleAssumptions()}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			got := render(t, c.in)
			path := filepath.Join("testdata", c.file)
			golden.Check(t, path, got)
		})
	}
}

func oneReplication() *results.Document {
	doc := sampleDocument()
	doc.Replications = 1
	for i := range doc.Designs {
		for k, e := range doc.Designs[i].Metrics {
			e.CILow, e.CIHigh, e.StdDev, e.N = math.NaN(), math.NaN(), math.NaN(), 1
			doc.Designs[i].Metrics[k] = e
		}
	}
	for k, d := range doc.Comparisons[0].Metrics {
		d.CILow, d.CIHigh, d.Significant, d.N = math.NaN(), math.NaN(), false, 1
		doc.Comparisons[0].Metrics[k] = d
	}
	return doc
}

func gridSweep() *results.SweepDocument {
	doc := sampleSweep()
	doc.Sweep = append(doc.Sweep, "horizon.days")
	for i := range doc.Points {
		doc.Points[i].Values = append(doc.Points[i].Values, results.SweepValue{Path: "horizon.days", Value: strconv.Itoa(i + 1)})
	}
	return doc
}

// inputs are the shapes of results a page must handle.
func inputs() map[string]Input {
	noFlows := sampleDocument()
	for i := range noFlows.Designs {
		noFlows.Designs[i].Flows = nil
		noFlows.Designs[i].Intervals = nil
		noFlows.Designs[i].Days = nil
		noFlows.Designs[i].Wait = results.Distribution{}
	}
	undefined := sampleDocument()
	for i := range undefined.Designs {
		undefined.Designs[i].Metrics["adoption_rate"] = results.Estimate{Mean: math.NaN(), CILow: math.NaN(), CIHigh: math.NaN(), StdDev: math.NaN()}
		for _, r := range undefined.Designs[i].Days {
			r.Metrics["adoption_rate"] = results.Estimate{Mean: math.NaN(), CILow: math.NaN(), CIHigh: math.NaN()}
		}
	}
	delete(undefined.Comparisons[0].Metrics, "adoption_rate")
	return map[string]Input{
		"run":                     {Document: sampleDocument(), Assumptions: sampleAssumptions()},
		"run without assumptions": {Document: sampleDocument()},
		"one design":              {Document: sampleDocument("only")},
		"three designs":           {Document: sampleDocument("a", "b", "c")},
		"nine designs":            {Document: sampleDocument("a", "b", "c", "d", "e", "f", "g", "h", "i")},
		"one replication":         {Document: oneReplication()},
		"no flows or series":      {Document: noFlows},
		"no automation":           {Document: undefined},
		"sweep":                   {Sweep: sampleSweep(), Assumptions: sampleAssumptions()},
		"sweep grid":              {Sweep: gridSweep()},
		"sensitivity":             {Sensitivity: sampleSensitivity()},
	}
}

// TestWellFormed: every page parses as XML, so its markup is balanced and
// every value escaped, and has exactly one script, the page's own.
func TestWellFormed(t *testing.T) {
	for name, in := range inputs() {
		t.Run(name, func(t *testing.T) {
			page := render(t, in)
			_, elements, err := wellFormed(page)
			if err != nil {
				t.Fatalf("not well formed: %v", err)
			}
			if elements["script"] != 1 {
				t.Errorf("%d script elements, want 1", elements["script"])
			}
			if bytes.Contains(page, []byte("NaN")) || bytes.Contains(page, []byte("Inf")) {
				t.Errorf("the page shows NaN or Inf")
			}
		})
	}
}

var (
	chartRE = regexp.MustCompile(`(?s)<svg class="chart[^"]*" id="svg-([^"]+)"[^>]*data-marks="(\d+)">(.*?)</svg>`)
	markRE  = regexp.MustCompile(`class="mark[ "]`)
)

// TestChartMarks: each chart declares as many marks as it has, and every
// chart of the sample has something to draw.
func TestChartMarks(t *testing.T) {
	page := string(render(t, Input{Document: sampleDocument(), Assumptions: sampleAssumptions()}))
	charts := chartRE.FindAllStringSubmatch(page, -1)
	// 7 cards, 2 flow diagrams, 4 interval charts, 2 distributions,
	// adoption and effort.
	if len(charts) != 17 {
		t.Fatalf("%d charts, want 17", len(charts))
	}
	for _, c := range charts {
		n, _ := strconv.Atoi(c[2])
		if got := len(markRE.FindAllString(c[3], -1)); got != n || n == 0 {
			t.Errorf("chart %s: declares %d marks, has %d", c[1], n, got)
		}
	}
}

// TestSelfContained: the page refers to nothing outside itself, and its
// Content-Security-Policy forbids loading anything but allows the page's
// own style and script, whose hashes it names.
func TestSelfContained(t *testing.T) {
	for name, in := range inputs() {
		page := string(render(t, in))
		for _, bad := range []string{"http:", "https:", "//www.", "src=", "href=", "url(", "@import", "<link", "<img", "<iframe", "<object", "<embed", "<base"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s: the page contains %q", name, bad)
			}
		}
		csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]+)" />`).FindStringSubmatch(page)
		if csp == nil {
			t.Fatalf("%s: no Content-Security-Policy", name)
		}
		policy := html.UnescapeString(csp[1])
		if !strings.HasPrefix(policy, "default-src 'none';") {
			t.Errorf("%s: the policy does not start by forbidding everything: %s", name, policy)
		}
		for _, el := range []string{"style", "script"} {
			m := regexp.MustCompile(`(?s)<` + el + `>(.*?)</` + el + `>`).FindStringSubmatch(page)
			if m == nil {
				t.Fatalf("%s: no %s", name, el)
			}
			h := sha256.Sum256([]byte(m[1]))
			want := el + "-src 'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
			if !strings.Contains(policy, want) {
				t.Errorf("%s: the policy lacks %s for the page's own %s", name, want, el)
			}
		}
	}
}

// hostile names: markup, quotes, ampersands and the sequences that end
// comments, CDATA and raw-text elements.
var hostile = []string{
	`<script>alert(1)</script>`,
	`menu "A" & <B>`,
	`va '<img src=x onerror=alert(3)>'`,
	`q&"<script>alert(2)</script>`,
	`]]></style></title>--><!--`,
}

func hostileInput() Input {
	doc := sampleDocument(hostile[1], hostile[2])
	doc.Scenario = hostile[0]
	for i := range doc.Designs {
		for j := range doc.Designs[i].Flows {
			f := &doc.Designs[i].Flows[j]
			if f.From == "queue" {
				f.From = hostile[3]
			}
			if f.To == "queue" {
				f.To = hostile[3]
			}
			if f.From == "self" || f.To == "self" {
				f.From = strings.ReplaceAll(f.From, "self", hostile[4])
				f.To = strings.ReplaceAll(f.To, "self", hostile[4])
			}
		}
	}
	a := sampleAssumptions()
	a.Description = hostile[4] + hostile[0]
	a.Segments[0].Name = hostile[0]
	a.Intents[0].Name = hostile[3]
	a.Agents[0].Name = hostile[1]
	a.Designs[0].Name = hostile[1]
	a.Designs[0].Nodes[0].Name = hostile[4]
	a.Designs[0].Nodes[0].Summary = hostile[0]
	return Input{Document: doc, Assumptions: a}
}

// TestInjection: names from the results are shown as text, never read as
// markup: the page parses, has only its own script, and shows every name.
func TestInjection(t *testing.T) {
	sweep := sampleSweep()
	sweep.Scenario = hostile[0]
	sweep.Sweep = []string{hostile[4]}
	for i := range sweep.Points {
		sweep.Points[i].Values[0] = results.SweepValue{Path: hostile[4], Value: hostile[3]}
		sweep.Points[i].Designs[0].Name = hostile[1]
		sweep.Points[i].Designs[1].Name = hostile[2]
		sweep.Points[i].Comparisons[0].Base = hostile[1]
		sweep.Points[i].Comparisons[0].Other = hostile[2]
	}
	for name, in := range map[string]Input{"run": hostileInput(), "sweep": {Sweep: sweep}} {
		t.Run(name, func(t *testing.T) {
			page := render(t, in)
			text, elements, err := wellFormed(page)
			if err != nil {
				t.Fatalf("not well formed: %v", err)
			}
			if elements["script"] != 1 || elements["img"] != 0 || elements["B"] != 0 || elements["b"] != 0 {
				t.Errorf("injected elements: %v", elements)
			}
			for _, h := range hostile {
				if bytes.Contains(page, []byte(h)) {
					t.Errorf("%q appears unescaped", h)
				}
			}
			for _, h := range hostile[:3] {
				if !strings.Contains(text, h) {
					t.Errorf("%q is not shown as text", h)
				}
			}
		})
	}
}

// TestVerdict: the verdict names the better headline metrics and every
// worse metric, largest first, with their values, differences and
// intervals, the other gains, and what did not change.
func TestVerdict(t *testing.T) {
	text, _, err := wellFormed(render(t, Input{Document: sampleDocument()}))
	if err != nil {
		t.Fatal(err)
	}
	text = strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"other is better than base on 19 of 26 metrics and worse on 6: containment, busy signals, abandonment in the IVR, abandonment in queue, abandonment among callers who waited and callers who had to wait.",
		"It cuts effort score from 2.46 to 1.61 (−0.85, 95% CI −0.86 to −0.84), cuts abandonment from 14.5% to 9.5% (−4.9pp, 95% CI −5.4pp to −4.4pp), raises adoption from 62.7% to 80.1%",
		"and cuts cost per resolution from 2.29 to 2.23 (−0.06, 95% CI −0.07 to −0.05), but cuts containment from 11.1% to 4.3%",
		"and raises callers who had to wait from 20.0% to 25.0% (+5.0pp, 95% CI +4.0pp to +6.0pp); it is also better on service level,",
		"; no clear difference in average speed of answer.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the verdict lacks %q", want)
		}
	}
}

func TestTicks(t *testing.T) {
	cases := []struct {
		lo, hi float64
		n      int
		want   []float64
	}{
		{0, 1, 5, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{0, 0.145, 5, []float64{0, 0.05, 0.1, 0.15}},
		{0, 8046, 5, []float64{0, 2000, 4000, 6000, 8000, 10000}},
		{0.62, 0.82, 3, []float64{0.6, 0.7, 0.8, 0.9}},
		{5, 5, 5, []float64{5, 5.2, 5.4, 5.6, 5.8, 6}},
		{1e300, 1e300, 3, nil}, // no step at this magnitude: two ticks all the same
	}
	for _, c := range cases {
		got := ticks(c.lo, c.hi, c.n)
		if c.want == nil {
			if len(got) != 2 {
				t.Errorf("ticks(%g, %g) = %v, want two", c.lo, c.hi, got)
			}
			continue
		}
		if len(got) != len(c.want) {
			t.Errorf("ticks(%g, %g, %d) = %v, want %v", c.lo, c.hi, c.n, got, c.want)
			continue
		}
		for i := range got {
			if math.Abs(got[i]-c.want[i]) > 1e-9*math.Max(1, math.Abs(c.want[i])) {
				t.Errorf("ticks(%g, %g, %d) = %v, want %v", c.lo, c.hi, c.n, got, c.want)
				break
			}
		}
	}
}

func TestShortDuration(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 20: "20s", 90: "1.5m", 600: "10m", 3600: "1h", 5400: "1.5h", 86400: "1d", 45.5: "45.5s"} {
		if got := shortDuration(v); got != want {
			t.Errorf("shortDuration(%g) = %q, want %q", v, got, want)
		}
	}
}
