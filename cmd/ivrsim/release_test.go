package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// repoFile reads a file at the repository's root.
func repoFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestGoreleaserConfig holds .goreleaser.yaml to what the releases
// promise: static binaries for Linux, macOS and Windows on amd64 and
// arm64, the version, commit and date linked into the variables version.go
// reads, checksums, an SBOM, and archive names without a version (the
// action and the GitLab template fetch .../latest/download/NAME). It is
// not goreleaser check, which needs goreleaser: make release-check runs it.
func TestGoreleaserConfig(t *testing.T) {
	var cfg struct {
		Version int `yaml:"version"`
		Builds  []struct {
			Main    string   `yaml:"main"`
			Env     []string `yaml:"env"`
			Flags   []string `yaml:"flags"`
			Ldflags []string `yaml:"ldflags"`
			Goos    []string `yaml:"goos"`
			Goarch  []string `yaml:"goarch"`
		} `yaml:"builds"`
		Archives []struct {
			NameTemplate string `yaml:"name_template"`
		} `yaml:"archives"`
		Checksum struct {
			NameTemplate string `yaml:"name_template"`
		} `yaml:"checksum"`
		SBOMs []map[string]any `yaml:"sboms"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(repoFile(t, ".goreleaser.yaml"))))
	if err := dec.Decode(&cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Version != 2 || len(cfg.Builds) != 1 {
		t.Fatalf("version %d, %d builds", cfg.Version, len(cfg.Builds))
	}
	b := cfg.Builds[0]
	if b.Main != "./cmd/ivrsim" || !slices.Contains(b.Env, "CGO_ENABLED=0") || !slices.Contains(b.Flags, "-trimpath") {
		t.Errorf("build: %+v", b)
	}
	for _, os := range []string{"linux", "darwin", "windows"} {
		if !slices.Contains(b.Goos, os) {
			t.Errorf("no %s build", os)
		}
	}
	for _, arch := range []string{"amd64", "arm64"} {
		if !slices.Contains(b.Goarch, arch) {
			t.Errorf("no %s build", arch)
		}
	}
	ld := strings.Join(b.Ldflags, " ")
	for _, v := range []string{"main.version=v{{ .Version }}", "main.commit=", "main.date="} {
		if !strings.Contains(ld, "-X "+v) {
			t.Errorf("ldflags %q do not set %s", ld, v)
		}
	}
	if len(cfg.Archives) != 1 || strings.Contains(cfg.Archives[0].NameTemplate, "Version") || cfg.Checksum.NameTemplate != "checksums.txt" || len(cfg.SBOMs) == 0 {
		t.Errorf("archives %+v, checksum %+v, sboms %v", cfg.Archives, cfg.Checksum, cfg.SBOMs)
	}
	// The action and the template fetch exactly these names.
	want := strings.NewReplacer("{{ .ProjectName }}", "ivrsim", "{{ .Os }}", "${os}", "{{ .Arch }}", "${arch}").Replace(cfg.Archives[0].NameTemplate)
	if !strings.Contains(string(repoFile(t, "action.yml")), want) {
		t.Errorf("action.yml does not fetch %s", want)
	}
	if !strings.Contains(string(repoFile(t, ".gitlab/ivrsim.gitlab-ci.yml")), strings.Replace(want, "${os}", "linux", 1)) {
		t.Errorf("the GitLab template does not fetch %s", want)
	}
}

// TestReleaseLdflags: a binary linked as the release config links it
// says the release's version and commit.
func TestReleaseLdflags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := filepath.Join(t.TempDir(), "ivrsim")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// Built as the tests are (the build cache has every package), linked
	// with the release's -X flags.
	build := exec.CommandContext(ctx, "go", "build", "-o", bin,
		"-ldflags", "-X main.version=v9.8.7 -X main.commit=0123456789abcdef -X main.date=2026-12-01T00:00:00Z", ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.CommandContext(ctx, bin, "--version").CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "ivrsim v9.8.7\n") || !strings.Contains(string(out), "0123456789abcdef") {
		t.Fatalf("--version: %v\n%s", err, out)
	}
	// Results name the version too.
	out, err = exec.CommandContext(ctx, bin, "run", "erlang-a", "--reps", "1", "--set", "horizon.days=1", "--set", "warmup=0", "--format", "json").Output()
	if err != nil || !strings.Contains(string(out), `"ivrsim_version": "v9.8.7"`) {
		t.Fatalf("run: %v\n%.300s", err, out)
	}
}

// TestGitHubAction: the composite action installs from a release and
// verifies the checksum, and puts ivrsim on the PATH.
func TestGitHubAction(t *testing.T) {
	var a struct {
		Name   string                       `yaml:"name"`
		Inputs map[string]map[string]string `yaml:"inputs"`
		Runs   struct {
			Using string `yaml:"using"`
			Steps []struct {
				Shell string `yaml:"shell"`
				Run   string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(repoFile(t, "action.yml"), &a); err != nil {
		t.Fatal(err)
	}
	if a.Runs.Using != "composite" || len(a.Runs.Steps) == 0 || a.Inputs["version"]["default"] != "latest" {
		t.Fatalf("%+v", a)
	}
	run := a.Runs.Steps[0].Run
	for _, want := range []string{"checksums.txt", "sha256sum -c", "GITHUB_PATH", "releases/latest/download", "ivrsim\" version"} {
		if !strings.Contains(run, want) {
			t.Errorf("the action's script lacks %q", want)
		}
	}
	if strings.Contains(run, "go install") || strings.Contains(run, "go build") {
		t.Error("the action compiles ivrsim")
	}
	checkShell(t, "action.yml", run)
}

// TestGitLabTemplate: the template's jobs fetch a release, handle a flow
// the merge request adds, and report JUnit.
func TestGitLabTemplate(t *testing.T) {
	var jobs map[string]struct {
		Extends      string   `yaml:"extends"`
		BeforeScript []string `yaml:"before_script"`
		Script       []string `yaml:"script"`
		Artifacts    struct {
			Reports map[string]string `yaml:"reports"`
		} `yaml:"artifacts"`
	}
	if err := yaml.Unmarshal(repoFile(t, ".gitlab/ivrsim.gitlab-ci.yml"), &jobs); err != nil {
		t.Fatal(err)
	}
	install, check := jobs[".ivrsim-install"], jobs[".ivrsim-check"]
	if check.Extends != ".ivrsim-install" || check.Artifacts.Reports["junit"] != "ivrsim-junit.xml" {
		t.Fatalf("%+v", check)
	}
	script := strings.Join(check.Script, "\n")
	for _, want := range []string{"git cat-file -e", "--compare current:proposed", "--junit ivrsim-junit.xml"} {
		if !strings.Contains(script, want) {
			t.Errorf("the check script lacks %q", want)
		}
	}
	for _, s := range append(install.BeforeScript, check.Script...) {
		checkShell(t, ".gitlab/ivrsim.gitlab-ci.yml", s)
	}
}

// checkShell has sh parse a script without running it.
func checkShell(t *testing.T, where, script string) {
	t.Helper()
	sh, err := exec.LookPath("sh")
	if err != nil {
		return
	}
	// GitHub expressions are not shell; they are replaced before it runs.
	script = regexp.MustCompile(`\$\{\{[^}]*\}\}`).ReplaceAllString(script, "x")
	if out, err := exec.Command(sh, "-n", "-c", script).CombinedOutput(); err != nil {
		t.Errorf("%s: a script sh cannot parse: %v\n%s\n%s", where, err, out, script)
	}
}

// TestDockerfile: multi-stage, static, not root, with a shell; and where
// a container builder is running, built and run.
func TestDockerfile(t *testing.T) {
	df := string(repoFile(t, "Dockerfile"))
	froms := regexp.MustCompile(`(?m)^FROM (\S+)`).FindAllStringSubmatch(df, -1)
	if len(froms) < 2 {
		t.Fatalf("%d stages", len(froms))
	}
	final := df[strings.LastIndex(df, "\nFROM "):]
	user := regexp.MustCompile(`(?m)^USER (\S+)`).FindStringSubmatch(final)
	if user == nil || strings.HasPrefix(user[1], "0") || strings.HasPrefix(user[1], "root") {
		t.Errorf("the final stage runs as %v", user)
	}
	if !strings.Contains(df, "CGO_ENABLED=0") || !strings.Contains(froms[len(froms)-1][1], "busybox") {
		t.Errorf("not a static binary on a base with a shell: %v", froms)
	}
	docker, err := exec.LookPath("docker")
	if err != nil || exec.Command(docker, "info").Run() != nil {
		t.Skip("no running container builder (docker info fails): the image is not built here")
	}
	if testing.Short() {
		t.Skip("builds an image")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	tag := "ivrsim-test:" + strings.ToLower(strings.ReplaceAll(t.Name(), "/", "-"))
	if out, err := exec.CommandContext(ctx, docker, "build", "-t", tag, "--build-arg", "VERSION=v0.0.0-test", "../..").CombinedOutput(); err != nil {
		t.Fatalf("docker build: %v\n%s", err, out)
	}
	defer func() { _ = exec.Command(docker, "rmi", tag).Run() }() // best effort: the image is the test's own
	out, err := exec.CommandContext(ctx, docker, "run", "--rm", "--entrypoint", "sh", tag, "-c", "id -u && ivrsim version && ivrsim run erlang-a --reps 1 --set horizon.days=1 --shard $((0 + 1))/1 --format json > /tmp/p.json && echo ok").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "v0.0.0-test") || !strings.HasSuffix(strings.TrimSpace(string(out)), "ok") || strings.HasPrefix(string(out), "0\n") {
		t.Fatalf("docker run: %v\n%s", err, out)
	}
}

// TestReadmeCIRecipes: the README's CI jobs are valid YAML, their shell
// parses, none compiles ivrsim, and the GitHub job handles a flow the pull
// request adds.
func TestReadmeCIRecipes(t *testing.T) {
	readme := string(repoFile(t, "README.md"))
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(readme, -1)
	found := 0
	for _, b := range blocks {
		text := b[1]
		if !strings.Contains(text, "ivrsim/ivrsim@") && !strings.Contains(text, ".ivrsim-check") {
			continue
		}
		found++
		var doc map[string]any
		if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
			t.Errorf("a CI block is not YAML: %v\n%s", err, text)
			continue
		}
		if strings.Contains(text, "go install") {
			t.Errorf("a CI block compiles ivrsim:\n%s", text)
		}
		var runs []string
		var walk func(v any)
		walk = func(v any) {
			switch x := v.(type) {
			case map[string]any:
				if r, ok := x["run"].(string); ok {
					runs = append(runs, r)
				}
				for _, y := range x {
					walk(y)
				}
			case []any:
				for _, y := range x {
					walk(y)
				}
			}
		}
		walk(doc)
		for _, r := range runs {
			checkShell(t, "README", r)
			if strings.Contains(r, "ivrsim check") && !strings.Contains(r, "git cat-file -e") {
				t.Errorf("the job does not handle a flow the pull request adds:\n%s", r)
			}
		}
	}
	if found != 2 {
		t.Fatalf("%d CI blocks in the README, want the GitHub and the GitLab one", found)
	}
}
