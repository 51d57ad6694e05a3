//go:build !race

// The recipes run ivrsim as a separate program, so the race detector has
// nothing to watch here; and the Kubernetes API types are costly to build
// twice.

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	sigsjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

// readmeBlock is the README's fenced block of language lang that contains
// every one of marks.
func readmeBlock(t *testing.T, lang string, marks ...string) string {
	t.Helper()
	readme := string(repoFile(t, "README.md"))
	for _, m := range regexp.MustCompile("(?s)```"+lang+"\n(.*?)```").FindAllStringSubmatch(readme, -1) {
		ok := true
		for _, mark := range marks {
			ok = ok && strings.Contains(m[1], mark)
		}
		if ok {
			return m[1]
		}
	}
	t.Fatalf("the README has no %s block with %q", lang, marks)
	return ""
}

// buildIvrsim builds the command into dir, as the tests build it.
func buildIvrsim(t *testing.T, dir string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", filepath.Join(dir, "ivrsim"), ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
}

// shell runs script with sh in dir, ivrsim from bin on the PATH, and env.
func shell(t *testing.T, dir, bin, script string, env ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), append(env, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s (%v): %v\n%s", script, env, err, out)
	}
}

// unsharded is the JSON result of the run the recipes split.
func unsharded(t *testing.T, bin string) []byte {
	t.Helper()
	out, err := exec.Command(filepath.Join(bin, "ivrsim"), "run", "bank", "--reps", "64", "--quiet", "--format", "json").Output()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDistributedRecipes runs the README's Kubernetes and Slurm recipes
// with one build of ivrsim, against one unsharded run.
func TestDistributedRecipes(t *testing.T) {
	bin := t.TempDir()
	buildIvrsim(t, bin)
	want := unsharded(t, bin)
	t.Run("kubernetes", func(t *testing.T) { kubernetesRecipe(t, bin, want) })
	t.Run("slurm", func(t *testing.T) { slurmRecipe(t, bin, want) })
}

// kubernetesRecipe decodes the README's Indexed Job and merge Job
// strictly as batch/v1 Jobs: the Kubernetes API's own types, decoded as
// the API server's strict field validation does (field names matched
// case-sensitively, unknown and duplicate fields refused),
// then runs each pod's command as the pod would (sh -c, with
// JOB_COMPLETION_INDEX from 0, the volume a directory) and the merge's:
// the merged result is the unsharded run's, byte for byte.
func kubernetesRecipe(t *testing.T, bin string, want []byte) {
	block := readmeBlock(t, "yaml", "kind: Job", "completionMode: Indexed")
	decode := func(doc string) (batchv1.Job, error) {
		var j batchv1.Job
		data, err := yaml.YAMLToJSONStrict([]byte(doc))
		if err != nil {
			return j, err
		}
		strict, err := sigsjson.UnmarshalStrict(data, &j, sigsjson.DisallowDuplicateFields, sigsjson.DisallowUnknownFields)
		if err == nil && len(strict) > 0 {
			err = errors.Join(strict...)
		}
		return j, err
	}
	var jobs []batchv1.Job
	for _, doc := range regexp.MustCompile(`(?m)^---\s*$`).Split(block, -1) {
		if strings.TrimSpace(doc) == "" {
			continue
		}
		j, err := decode(doc)
		if err != nil {
			t.Fatalf("the manifest does not decode strictly as a batch/v1 Job: %v\n%s", err, doc)
		}
		jobs = append(jobs, j)
	}
	if len(jobs) != 2 {
		t.Fatalf("%d objects, want the shard Job and the merge Job", len(jobs))
	}
	// The decoding is strict: a misspelt field, or a field in the wrong
	// place, is refused.
	for _, bad := range []string{
		strings.Replace(block, "completionMode:", "completionmode:", 1),
		strings.Replace(block, "restartPolicy:", "restartPolicyy:", 1),
	} {
		if _, err := decode(strings.SplitN(bad, "\n---", 2)[0]); err == nil {
			t.Fatal("a misspelt field decoded")
		}
	}
	shardJob, mergeJob := jobs[0], jobs[1]
	for _, j := range jobs {
		pod := j.Spec.Template.Spec
		if j.APIVersion != "batch/v1" || j.Kind != "Job" || j.Name == "" || len(pod.Containers) != 1 ||
			(pod.RestartPolicy != "Never" && pod.RestartPolicy != "OnFailure") {
			t.Fatalf("not a runnable Job: %+v", j)
		}
		if sc := pod.SecurityContext; sc == nil || sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot || sc.RunAsUser == nil || *sc.RunAsUser == 0 {
			t.Errorf("%s: pods not held to a non-root user", j.Name)
		}
		c := pod.Containers[0]
		if strings.Join(c.Command, " ") != "sh -c" || len(c.Args) != 1 {
			t.Errorf("%s: command %q args %q", j.Name, c.Command, c.Args)
		}
		mounted := map[string]bool{}
		for _, v := range pod.Volumes {
			mounted[v.Name] = v.PersistentVolumeClaim != nil
		}
		for _, m := range c.VolumeMounts {
			if !mounted[m.Name] {
				t.Errorf("%s: volume %s is not a claim of the pod", j.Name, m.Name)
			}
		}
	}
	spec := shardJob.Spec
	if spec.CompletionMode == nil || *spec.CompletionMode != batchv1.IndexedCompletion || spec.Completions == nil || spec.Parallelism == nil {
		t.Fatalf("not an Indexed Job: %+v", spec)
	}
	n := int(*spec.Completions)
	args := shardJob.Spec.Template.Spec.Containers[0].Args[0]
	if !strings.Contains(args, "/"+strconv.Itoa(n)) {
		t.Fatalf("the shard count in %q is not completions (%d)", args, n)
	}

	dir := t.TempDir()
	mount := shardJob.Spec.Template.Spec.Containers[0].VolumeMounts[0].MountPath
	for i := range n {
		shell(t, dir, bin, strings.ReplaceAll(args, mount+"/", dir+"/"), "JOB_COMPLETION_INDEX="+strconv.Itoa(i))
	}
	mergeArgs := mergeJob.Spec.Template.Spec.Containers[0].Args[0]
	shell(t, dir, bin, strings.ReplaceAll(mergeArgs, mount+"/", dir+"/"))
	got, err := os.ReadFile(filepath.Join(dir, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("the merged result differs from the unsharded run")
	}
}

// slurmRecipe runs the README's job-array recipe. Where a Slurm cluster
// answers (CI starts a single-node one), the recipe is submitted with
// sbatch as printed and the test waits for the merge job; elsewhere each
// task runs as sbatch --array would run it. Either way the merged result
// is the unsharded run's, byte for byte. IVRSIM_REQUIRE_SLURM=1 makes a
// missing cluster a failure rather than a fallback.
func slurmRecipe(t *testing.T, bin string, want []byte) {
	script := readmeBlock(t, "sh", "#SBATCH --array=")
	submit := readmeBlock(t, "sh", "sbatch --parsable")
	dir := t.TempDir()
	file := filepath.Join(dir, "ivrsim-bank.sh")
	if err := os.WriteFile(file, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	if slurmAnswers() {
		t.Log("submitting to Slurm")
		shell(t, dir, bin, submit)
		waitForSlurm(t, dir)
	} else {
		if os.Getenv("IVRSIM_REQUIRE_SLURM") == "1" {
			t.Fatal("IVRSIM_REQUIRE_SLURM=1, but no Slurm cluster answers (sinfo)")
		}
		t.Log("no Slurm cluster answers: running each array task as sbatch would")
		m := regexp.MustCompile(`#SBATCH --array=(\d+)-(\d+)`).FindStringSubmatch(script)
		wrap := regexp.MustCompile(`--wrap '([^']*)'`).FindStringSubmatch(submit)
		if m == nil || wrap == nil {
			t.Fatalf("no array range or merge command:\n%s\n%s", script, submit)
		}
		first, _ := strconv.Atoi(m[1])
		last, _ := strconv.Atoi(m[2])
		for id := first; id <= last; id++ {
			shell(t, dir, bin, "sh ./ivrsim-bank.sh", "SLURM_ARRAY_TASK_ID="+strconv.Itoa(id), "SLURM_CPUS_PER_TASK=1")
		}
		shell(t, dir, bin, wrap[1])
	}
	got, err := os.ReadFile(filepath.Join(dir, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("the merged result differs from the unsharded run")
	}
}

// slurmAnswers reports whether a Slurm controller answers with a node
// that can take work.
func slurmAnswers() bool {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "sinfo", "--noheader", "--format=%T").Output()
	if err != nil {
		return false
	}
	for _, state := range strings.Fields(string(out)) {
		if state == "idle" || state == "mixed" || state == "allocated" {
			return true
		}
	}
	return false
}

// waitForSlurm waits until the recipe's jobs have left the queue and the
// merged result exists; on failure it shows the tasks' logs and cancels
// what is left.
func waitForSlurm(t *testing.T, dir string) {
	t.Helper()
	deadline := time.Now().Add(4 * time.Minute)
	for {
		out, err := exec.Command("squeue", "--noheader", "--format=%i %T %r", "--name=ivrsim-bank,wrap").Output()
		if err != nil {
			t.Fatalf("squeue: %v", err)
		}
		queued := strings.TrimSpace(string(out))
		_, statErr := os.Stat(filepath.Join(dir, "results.json"))
		if queued == "" && statErr == nil {
			return
		}
		if strings.Contains(queued, "DependencyNeverSatisfied") || time.Now().After(deadline) || (queued == "" && statErr != nil) {
			logs, _ := filepath.Glob(filepath.Join(dir, "*.log"))
			outs, _ := filepath.Glob(filepath.Join(dir, "slurm-*.out"))
			logs = append(logs, outs...)
			var b strings.Builder
			for _, l := range logs {
				data, _ := os.ReadFile(l)
				fmt.Fprintf(&b, "--- %s\n%s", filepath.Base(l), data)
			}
			_ = exec.Command("scancel", "--name=ivrsim-bank").Run()
			_ = exec.Command("scancel", "--name=wrap").Run()
			t.Fatalf("the Slurm jobs did not produce results.json (queue: %q)\n%s", queued, b.String())
		}
		time.Sleep(500 * time.Millisecond)
	}
}
