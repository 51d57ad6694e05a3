package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"html"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ivrsim/ivrsim/results"
	"github.com/ivrsim/ivrsim/scenarios"
)

// resultsFile runs a scenario through the CLI and writes its JSON result,
// with the scenario's assumptions, to a file in dir.
func resultsFile(t *testing.T, dir, scenario string, sets []string, extra ...string) string {
	t.Helper()
	args := []string{"run", scenario, "--format", "json"}
	for _, s := range sets {
		args = append(args, "--set", s)
	}
	code, out, errs := cli(t, append(args, extra...)...)
	if code != 0 {
		t.Fatalf("ivrsim %s: exit %d: %s", strings.Join(args, " "), code, errs)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if _, ok := doc["assumptions"]; !ok {
		v, err := loadValidated(context.Background(), scenario, sets, false)
		if err != nil {
			t.Fatal(err)
		}
		if doc["assumptions"], err = json.Marshal(v.Assumptions()); err != nil {
			t.Fatal(err)
		}
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, strings.TrimSuffix(filepath.Base(scenario), ".yaml")+".json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// bankReport is the report of a short bank run, made once for the tests
// that read it.
var bankReport = struct {
	once       sync.Once
	dir        string
	json, html string
	err        error
}{}

func bankFiles(t *testing.T) (jsonPath, htmlPath string) {
	t.Helper()
	bankReport.once.Do(func() {
		dir, err := os.MkdirTemp("", "ivrsim-report-")
		if err != nil {
			bankReport.err = err
			return
		}
		bankReport.dir = dir
		bankReport.json = resultsFile(t, dir, "bank", []string{"horizon.days=2"}, "--reps", "3")
		bankReport.html = filepath.Join(dir, "bank.html")
		if code, _, errs := cli(t, "report", bankReport.json, "-o", bankReport.html); code != 0 {
			bankReport.err = errors.New(errs)
		}
	})
	if bankReport.err != nil {
		t.Fatal(bankReport.err)
	}
	return bankReport.json, bankReport.html
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bankReport.dir != "" {
		_ = os.RemoveAll(bankReport.dir)
	}
	os.Exit(code)
}

func TestReportWritesPage(t *testing.T) {
	jsonPath, htmlPath := bankFiles(t)
	page, err := os.ReadFile(htmlPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(page, []byte("<!DOCTYPE html>")) || !bytes.Contains(page, []byte("<h1>bank</h1>")) {
		t.Fatalf("not the bank's report: %.200s", page)
	}
	for _, want := range []string{"queue-preserving-va</strong> is better than", "How calls flow", "Assumptions", "10,000, whose trust carries"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the report lacks %q", want)
		}
	}
	// Standard output and standard input give the same page, byte for byte.
	code, out, errs := cli(t, "report", jsonPath)
	if code != 0 || out != string(page) {
		t.Errorf("report to standard output: exit %d, %s, same page %v", code, errs, out == string(page))
	}
	data, _ := os.ReadFile(jsonPath)
	withStdin(t, string(data), func() { code, out, errs = cli(t, "report", "-") })
	if code != 0 || out != string(page) {
		t.Errorf("report from standard input: exit %d, %s, same page %v", code, errs, out == string(page))
	}
	t.Logf("bank report, 2 days × 3 replications: %d bytes", len(page))
}

func TestReportRefuses(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	part := filepath.Join(dir, "part-1.json")
	if code, _, errs := cli(t, "run", "erlang-a", "--reps", "2", "--set", "horizon.days=1", "--shard", "1/2", "--out", part); code != 0 {
		t.Fatalf("shard: exit %d: %s", code, errs)
	}
	out := filepath.Join(dir, "report.html")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no file", []string{"report"}, "give one results file"},
		{"two files", []string{"report", "a.json", "b.json"}, "give one results file"},
		{"missing", []string{"report", filepath.Join(dir, "nope.json"), "-o", out}, "cannot read"},
		{"partial", []string{"report", part, "-o", out}, "merge the shards first"},
		{"csv", []string{"report", write("r.csv", "point,design\n"), "-o", out}, "not a results file"},
		{"other JSON", []string{"report", write("x.json", `{"name": "x"}`), "-o", out}, "no schema_version"},
	}
	for _, c := range cases {
		code, _, errs := cli(t, c.args...)
		if code != exitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%s: exit %d, %q; want exit 2 and %q", c.name, code, errs, c.want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused report left %s behind", out)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

// TestReportDeterministic: the same results give the same page, byte for
// byte.
func TestReportDeterministic(t *testing.T) {
	jsonPath, htmlPath := bankFiles(t)
	page, _ := os.ReadFile(htmlPath)
	for range 2 {
		if _, out, _ := cli(t, "report", jsonPath); out != string(page) {
			t.Fatal("the same results gave a different page")
		}
	}
}

// A headless Chromium renders the pages for real: the tests fail on any
// console message (errors, and the refusals a Content-Security-Policy
// logs when the page tries to load something), and read what the page's
// own check found: every chart drew all its marks, nothing overflows the
// width.

func chromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("the browser tests take seconds; they run without -short")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("headless Chromium not found; install Debian's chromium package to run the browser test")
	return ""
}

// rendered is what the browser made of a page.
type rendered struct {
	dom     string
	console []string
	attrs   map[string]string // the <html> element's attributes after the page's check
}

var (
	consoleRE = regexp.MustCompile(`:CONSOLE[^\]]*\] (.*)`)
	htmlTagRE = regexp.MustCompile(`<html([^>]*)>`)
	attrRE    = regexp.MustCompile(`([a-z-]+)="([^"]*)"`)
	svgTagRE  = regexp.MustCompile(`<svg [^>]*data-marks="[^>]*>`)
)

// open renders file in a window of w×h pixels, offline, and takes a
// screenshot to shot (or a PDF when it ends in .pdf) unless shot is "".
func open(t *testing.T, file string, w, h int, shot string) rendered {
	t.Helper()
	abs, err := filepath.Abs(file)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-extensions", "--disable-default-apps", "--no-default-browser-check",
		// Offline: no name resolves, and any connection goes nowhere.
		"--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
		"--user-data-dir=" + t.TempDir(),
		"--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--hide-scrollbars",
		"--window-size=" + strconv.Itoa(w) + "," + strconv.Itoa(h),
		"--dump-dom",
	}
	switch {
	case strings.HasSuffix(shot, ".pdf"):
		args = append(args, "--print-to-pdf="+shot, "--no-pdf-header-footer")
	case shot != "":
		args = append(args, "--screenshot="+shot)
	}
	args = append(args, "file://"+abs)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium(t), args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, errb.String())
	}
	r := rendered{dom: out.String(), attrs: map[string]string{}}
	for _, m := range consoleRE.FindAllStringSubmatch(errb.String(), -1) {
		r.console = append(r.console, m[1])
	}
	tag := htmlTagRE.FindStringSubmatch(r.dom)
	if tag == nil {
		t.Fatalf("chromium returned no page:\n%.500s\n%s", r.dom, errb.String())
	}
	for _, a := range attrRE.FindAllStringSubmatch(tag[1], -1) {
		r.attrs[a[1]] = html.UnescapeString(a[2])
	}
	return r
}

// checkRendered fails on console messages, script errors, charts that did
// not draw and horizontal overflow, and checks the chart count.
func checkRendered(t *testing.T, r rendered, charts int) {
	t.Helper()
	if len(r.console) > 0 {
		t.Errorf("console messages:\n%s", strings.Join(r.console, "\n"))
	}
	if r.attrs["data-selfcheck"] != "done" {
		t.Fatalf("the page's check did not run (blocked by its own Content-Security-Policy?): %v", r.attrs)
	}
	if e, ok := r.attrs["data-errors"]; ok {
		t.Errorf("the page reported: %s", e)
	}
	if r.attrs["data-charts"] != strconv.Itoa(charts) || r.attrs["data-charts-failed"] != "0" {
		t.Errorf("charts: %s drawn, %s failed; want %d, 0", r.attrs["data-charts"], r.attrs["data-charts-failed"], charts)
	}
	if r.attrs["data-overflow-x"] != "0" {
		t.Errorf("the page is %s px wider than the window", r.attrs["data-overflow-x"])
	}
	// Each chart's own count, as the page wrote it.
	for _, tag := range svgTagRE.FindAllString(r.dom, -1) {
		attrs := map[string]string{}
		for _, a := range attrRE.FindAllStringSubmatch(tag, -1) {
			attrs[a[1]] = a[2]
		}
		if attrs["data-drawn"] != attrs["data-marks"] || attrs["data-marks"] == "0" {
			t.Errorf("chart %s: drew %s of %s marks", attrs["id"], attrs["data-drawn"], attrs["data-marks"])
		}
	}
}

func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}

// TestReportInBrowser: the bank's report renders with every chart, no
// console message and no request, fits a laptop's width, and leaves a
// screenshot of its first screens in artifacts/.
func TestReportInBrowser(t *testing.T) {
	chromium(t)
	t.Parallel()
	_, page := bankFiles(t)
	artifacts := filepath.Join(repoRoot(t), "artifacts")
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	copyFile(t, page, filepath.Join(artifacts, "report-bank.html"))
	// The page is at most 1,220 px wide, so a 1280 px window lays it out
	// as a 1366×768 laptop screen does.
	shot := filepath.Join(artifacts, "report-bank.png")
	r := open(t, page, 1280, 2400, shot)
	// 7 cards, 2 flow diagrams, 4 charts of the day, 2 distributions,
	// adoption and effort.
	checkRendered(t, r, 17)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	_ = f.Close()
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 2400 {
		t.Errorf("screenshot is %v, want 1280×2400", b)
	}
	// Not blank: a good share of the pixels are ink or colour.
	b, marked := img.Bounds(), 0
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			if r, g, bl, _ := img.At(x, y).RGBA(); r < 0xe000 || g < 0xe000 || bl < 0xe000 {
				marked++
			}
		}
	}
	if share := float64(marked) / float64((b.Dx()/4)*(b.Dy()/4)); share < 0.05 {
		t.Errorf("the screenshot is nearly blank: %.1f%% marked", 100*share)
	}
	t.Logf("screenshot of the bank report: %s (1280×2400 of a %s px page)", shot, r.attrs["data-page-height"])
}

// TestReportPrintsInBrowser: the bank's report prints, with its print
// stylesheet, to a PDF in artifacts/.
func TestReportPrintsInBrowser(t *testing.T) {
	chromium(t)
	t.Parallel()
	_, page := bankFiles(t)
	artifacts := filepath.Join(repoRoot(t), "artifacts")
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(artifacts, "report-bank.pdf")
	r := open(t, page, 1280, 800, pdf)
	if len(r.console) > 0 {
		t.Errorf("console messages when printing:\n%s", strings.Join(r.console, "\n"))
	}
	data, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Fatalf("no PDF printed: %v", err)
	}
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(data, -1))
	if pages < 3 || pages > 30 {
		t.Errorf("printed on %d pages", pages)
	}
	t.Logf("printed: %s, %d pages", pdf, pages)
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReportToggleInBrowser: unticking a design hides exactly its marks
// in every chart, and nothing else.
func TestReportToggleInBrowser(t *testing.T) {
	chromium(t)
	t.Parallel()
	_, page := bankFiles(t)
	src, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	box := `<input type="checkbox" id="show-1" checked="checked" />`
	if !bytes.Contains(src, []byte(box)) {
		t.Fatalf("no toggle for the second design")
	}
	off := filepath.Join(t.TempDir(), "toggled.html")
	if err := os.WriteFile(off, bytes.Replace(src, []byte(box), []byte(`<input type="checkbox" id="show-1" />`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	// The marks of design 1 per chart, from the page's source.
	chartRE := regexp.MustCompile(`(?s)<svg class="chart[^"]*" id="([^"]+)"[^>]*data-marks="(\d+)">(.*?)</svg>`)
	hidden := map[string]int{}
	marks := map[string]string{}
	for _, m := range chartRE.FindAllStringSubmatch(string(src), -1) {
		hidden[m[1]] = len(regexp.MustCompile(`class="mark [^"]*\bd1\b`).FindAllString(m[3], -1))
		marks[m[1]] = m[2]
	}
	r := open(t, off, 1366, 768, "")
	if len(r.console) > 0 || r.attrs["data-selfcheck"] != "done" {
		t.Fatalf("console %v, attributes %v", r.console, r.attrs)
	}
	touched := 0
	for _, tag := range svgTagRE.FindAllString(r.dom, -1) {
		attrs := map[string]string{}
		for _, a := range attrRE.FindAllStringSubmatch(tag, -1) {
			attrs[a[1]] = a[2]
		}
		id := attrs["id"]
		n, _ := strconv.Atoi(marks[id])
		if want := strconv.Itoa(n - hidden[id]); attrs["data-drawn"] != want {
			t.Errorf("chart %s with design 1 off: drew %s marks, want %s of %d", id, attrs["data-drawn"], want, n)
		}
		if hidden[id] > 0 {
			touched++
		}
	}
	if touched < 10 {
		t.Errorf("design 1 has marks in only %d charts", touched)
	}
}

// TestReportInjectionInBrowser: a scenario whose names are markup renders
// them as text: the browser runs no script but the page's own, finds no
// injected element and logs nothing. On a narrow window the page still
// fits its width.
func TestReportInjectionInBrowser(t *testing.T) {
	chromium(t)
	t.Parallel()
	dir := t.TempDir()
	results := resultsFile(t, dir, filepath.Join("testdata", "report", "injection.yaml"), nil, "--reps", "2")
	page := filepath.Join(dir, "injection.html")
	if code, _, errs := cli(t, "report", results, "-o", page); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	src, _ := os.ReadFile(page)
	if n := bytes.Count(src, []byte("<script")); n != 1 {
		t.Errorf("%d <script in the page's source, want 1", n)
	}
	r := open(t, page, 800, 900, "")
	checkRendered(t, r, 17)
	for _, el := range []string{"<script", "<img", "<b>", "<x>"} {
		want := 0
		if el == "<script" {
			want = 1
		}
		if n := strings.Count(r.dom, el); n != want {
			t.Errorf("the browser's DOM has %d %s, want %d", n, el, want)
		}
	}
	if !strings.Contains(r.dom, "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>") {
		t.Errorf("the scenario's name is not shown as text")
	}
}

// TestReportSweepInBrowser: a sweep's report draws each headline metric
// against the swept value.
func TestReportSweepInBrowser(t *testing.T) {
	chromium(t)
	t.Parallel()
	dir := t.TempDir()
	results := resultsFile(t, dir, "bank", []string{"horizon.days=1"}, "--reps", "2", "--sweep", "segments.regular.trust=0.3,0.6,0.9")
	page := filepath.Join(dir, "sweep.html")
	if code, _, errs := cli(t, "report", results, "-o", page); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	checkRendered(t, open(t, page, 1366, 768, ""), 8)
}

// TestReportSensitivityInBrowser: a sensitivity analysis's report draws
// the probability of winning and a tornado per headline metric.
func TestReportSensitivityInBrowser(t *testing.T) {
	chromium(t)
	t.Parallel()
	page := filepath.Join(t.TempDir(), "sensitivity.html")
	if code, _, errs := cli(t, "sensitivity", "bank", "--samples", "8", "--reps", "1", "-q", "--report", page); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	checkRendered(t, open(t, page, 1366, 768, ""), 1+len(results.HeadlineMetrics))
}

// TestBuiltinReportsInBrowser: the report of every built-in scenario
// renders with every chart drawn and, by the page's own check, no label of
// a chart covering another (the flow diagrams of large designs most of
// all).
func TestBuiltinReportsInBrowser(t *testing.T) {
	chromium(t)
	for _, name := range scenarios.BuiltinNames() {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			res := resultsFile(t, dir, name, nil, "--reps", "2")
			page := filepath.Join(dir, name+".html")
			if code, _, errs := cli(t, "report", res, "-o", page); code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			r := open(t, page, 1366, 768, "")
			if r.attrs["data-selfcheck"] != "done" {
				t.Fatalf("the page's check did not run: %v", r.attrs)
			}
			if e, ok := r.attrs["data-errors"]; ok {
				t.Errorf("the page reported: %s", e)
			}
			if n := r.attrs["data-label-overlaps"]; n != "0" {
				t.Errorf("%s labels overlap another", n)
			}
			if r.attrs["data-overflow-x"] != "0" {
				t.Errorf("the page is %s px wider than the window", r.attrs["data-overflow-x"])
			}
		})
	}
}

// TestLabelOverlapCheckFails: the page's overlap check is not blind — a
// flow label drawn twice in one place is reported.
func TestLabelOverlapCheckFails(t *testing.T) {
	chromium(t)
	_, htmlPath := bankFiles(t)
	src, err := os.ReadFile(htmlPath)
	if err != nil {
		t.Fatal(err)
	}
	label := regexp.MustCompile(`<text class="node-label"[^>]*>[^<]*</text>`).Find(src)
	if label == nil {
		t.Fatal("no node label in the bank report")
	}
	doubled := bytes.Replace(src, label, append(append([]byte{}, label...), label...), 1)
	page := filepath.Join(t.TempDir(), "doubled.html")
	if err := os.WriteFile(page, doubled, 0o644); err != nil {
		t.Fatal(err)
	}
	r := open(t, page, 1366, 768, "")
	if r.attrs["data-label-overlaps"] == "0" || !strings.Contains(r.attrs["data-errors"], "overlaps") {
		t.Errorf("a doubled label went unreported: overlaps %q, errors %q", r.attrs["data-label-overlaps"], r.attrs["data-errors"])
	}
}

// TestSweepTableFitsALaptop: the table of every sweep point fits a
// 1366-pixel laptop window without scrolling sideways.
func TestSweepTableFitsALaptop(t *testing.T) {
	chromium(t)
	dir := t.TempDir()
	res := filepath.Join(dir, "sweep.json")
	if code, _, errs := cli(t, "run", "bank", "--reps", "2", "--sweep", "segments.regular.trust=0.2,0.4,0.6", "--format", "json", "-o", res); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	page := filepath.Join(dir, "sweep.html")
	if code, _, errs := cli(t, "report", res, "-o", page); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	r := open(t, page, 1366, 768, "")
	if r.attrs["data-selfcheck"] != "done" {
		t.Fatalf("the page's check did not run: %v", r.attrs)
	}
	if n := r.attrs["data-table-overflow"]; n != "0" {
		t.Errorf("a table runs %s px past its box at 1366 px", n)
	}
}
