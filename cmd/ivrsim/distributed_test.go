package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// The Kubernetes objects the README's recipe uses, as a subset of the
// batch/v1 and core/v1 API types with their JSON field names. Decoding
// with unknown fields refused holds the manifest to these: a misspelt or
// misplaced field fails. It is a hand-written subset, not k8s.io/api,
// whose generated types are too heavy to compile in every test run.
type (
	k8sJob struct {
		APIVersion string     `yaml:"apiVersion"`
		Kind       string     `yaml:"kind"`
		Metadata   k8sMeta    `yaml:"metadata"`
		Spec       k8sJobSpec `yaml:"spec"`
	}
	k8sMeta struct {
		Name        string            `yaml:"name"`
		Namespace   string            `yaml:"namespace"`
		Labels      map[string]string `yaml:"labels"`
		Annotations map[string]string `yaml:"annotations"`
	}
	k8sJobSpec struct {
		CompletionMode          string         `yaml:"completionMode"`
		Completions             *int32         `yaml:"completions"`
		Parallelism             *int32         `yaml:"parallelism"`
		BackoffLimit            *int32         `yaml:"backoffLimit"`
		ActiveDeadlineSeconds   *int64         `yaml:"activeDeadlineSeconds"`
		TTLSecondsAfterFinished *int32         `yaml:"ttlSecondsAfterFinished"`
		Template                k8sPodTemplate `yaml:"template"`
	}
	k8sPodTemplate struct {
		Metadata k8sMeta    `yaml:"metadata"`
		Spec     k8sPodSpec `yaml:"spec"`
	}
	k8sPodSpec struct {
		RestartPolicy   string              `yaml:"restartPolicy"`
		SecurityContext *k8sPodSecurity     `yaml:"securityContext"`
		Containers      []k8sContainer      `yaml:"containers"`
		Volumes         []k8sVolume         `yaml:"volumes"`
		NodeSelector    map[string]string   `yaml:"nodeSelector"`
		Tolerations     []map[string]string `yaml:"tolerations"`
	}
	k8sPodSecurity struct {
		RunAsNonRoot *bool  `yaml:"runAsNonRoot"`
		RunAsUser    *int64 `yaml:"runAsUser"`
		RunAsGroup   *int64 `yaml:"runAsGroup"`
		FSGroup      *int64 `yaml:"fsGroup"`
	}
	k8sContainer struct {
		Name         string           `yaml:"name"`
		Image        string           `yaml:"image"`
		Command      []string         `yaml:"command"`
		Args         []string         `yaml:"args"`
		WorkingDir   string           `yaml:"workingDir"`
		Env          []k8sEnv         `yaml:"env"`
		Resources    map[string]any   `yaml:"resources"`
		VolumeMounts []k8sVolumeMount `yaml:"volumeMounts"`
	}
	k8sEnv struct {
		Name  string `yaml:"name"`
		Value string `yaml:"value"`
	}
	k8sVolumeMount struct {
		Name      string `yaml:"name"`
		MountPath string `yaml:"mountPath"`
		ReadOnly  bool   `yaml:"readOnly"`
	}
	k8sVolume struct {
		Name                  string `yaml:"name"`
		PersistentVolumeClaim *struct {
			ClaimName string `yaml:"claimName"`
			ReadOnly  bool   `yaml:"readOnly"`
		} `yaml:"persistentVolumeClaim"`
		EmptyDir *struct{} `yaml:"emptyDir"`
	}
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
// strictly, then runs each pod's command as the pod would (sh -c, with
// JOB_COMPLETION_INDEX from 0, the volume a directory) and the merge's:
// the merged result is the unsharded run's, byte for byte.
func kubernetesRecipe(t *testing.T, bin string, want []byte) {
	block := readmeBlock(t, "yaml", "kind: Job", "completionMode: Indexed")
	dec := yaml.NewDecoder(strings.NewReader(block))
	dec.KnownFields(true)
	var jobs []k8sJob
	for {
		var j k8sJob
		err := dec.Decode(&j)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the manifest does not decode strictly as batch/v1 Jobs: %v", err)
		}
		jobs = append(jobs, j)
	}
	if len(jobs) != 2 {
		t.Fatalf("%d objects, want the shard Job and the merge Job", len(jobs))
	}
	// The decoding is strict: a misspelt field is refused.
	bad := yaml.NewDecoder(strings.NewReader(strings.Replace(block, "completionMode:", "completionmode:", 1)))
	bad.KnownFields(true)
	if err := bad.Decode(new(k8sJob)); err == nil {
		t.Fatal("a misspelt field decoded")
	}
	shardJob, mergeJob := jobs[0], jobs[1]
	for _, j := range jobs {
		pod := j.Spec.Template.Spec
		if j.APIVersion != "batch/v1" || j.Kind != "Job" || j.Metadata.Name == "" || len(pod.Containers) != 1 ||
			(pod.RestartPolicy != "Never" && pod.RestartPolicy != "OnFailure") {
			t.Fatalf("not a runnable Job: %+v", j)
		}
		if sc := pod.SecurityContext; sc == nil || sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot || sc.RunAsUser == nil || *sc.RunAsUser == 0 {
			t.Errorf("%s: pods not held to a non-root user", j.Metadata.Name)
		}
		c := pod.Containers[0]
		if strings.Join(c.Command, " ") != "sh -c" || len(c.Args) != 1 {
			t.Errorf("%s: command %q args %q", j.Metadata.Name, c.Command, c.Args)
		}
		mounted := map[string]bool{}
		for _, v := range pod.Volumes {
			mounted[v.Name] = v.PersistentVolumeClaim != nil
		}
		for _, m := range c.VolumeMounts {
			if !mounted[m.Name] {
				t.Errorf("%s: volume %s is not a claim of the pod", j.Metadata.Name, m.Name)
			}
		}
	}
	spec := shardJob.Spec
	if spec.CompletionMode != "Indexed" || spec.Completions == nil || spec.Parallelism == nil {
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

// slurmRecipe runs the README's job-array script once per task id, as
// sbatch --array would (Slurm itself is not installed here), and the
// merge job's command: the merged result is the unsharded run's.
func slurmRecipe(t *testing.T, bin string, want []byte) {
	script := readmeBlock(t, "sh", "#SBATCH --array=")
	submit := readmeBlock(t, "sh", "sbatch --parsable")
	m := regexp.MustCompile(`#SBATCH --array=(\d+)-(\d+)`).FindStringSubmatch(script)
	wrap := regexp.MustCompile(`--wrap '([^']*)'`).FindStringSubmatch(submit)
	if m == nil || wrap == nil {
		t.Fatalf("no array range or merge command:\n%s\n%s", script, submit)
	}
	first, _ := strconv.Atoi(m[1])
	last, _ := strconv.Atoi(m[2])
	dir := t.TempDir()
	file := filepath.Join(dir, "ivrsim-bank.sh")
	if err := os.WriteFile(file, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	for id := first; id <= last; id++ {
		shell(t, dir, bin, "sh ./ivrsim-bank.sh", "SLURM_ARRAY_TASK_ID="+strconv.Itoa(id), "SLURM_CPUS_PER_TASK=1")
	}
	shell(t, dir, bin, wrap[1])
	got, err := os.ReadFile(filepath.Join(dir, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("the merged result differs from the unsharded run")
	}
}
