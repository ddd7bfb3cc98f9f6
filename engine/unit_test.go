package engine

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestNormalizeRef(t *testing.T) {
	for in, want := range map[string]string{
		"refnode":                         "docker.io/library/refnode:latest",
		"refnode:v1":                      "docker.io/library/refnode:v1",
		"tungsten/status:1":               "docker.io/tungsten/status:1",
		"localhost:5000/x":                "localhost:5000/x:latest",
		"docker.io/library/refnode:v1":    "docker.io/library/refnode:v1",
		"quay.io/a/b@sha256:0123456789ab": "quay.io/a/b@sha256:0123456789ab",
	} {
		if got := NormalizeRef(in); got != want {
			t.Errorf("NormalizeRef(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStatusText(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		c    Container
		want string
	}{
		{Container{State: StateRunning, StartedAt: now.Add(-2 * time.Minute)}, "Up 2 minutes"},
		{Container{State: StatePaused, StartedAt: now.Add(-3 * time.Hour)}, "Up 3 hours (Paused)"},
		{Container{State: StateExited, ExitCode: 137, FinishedAt: now.Add(-5 * time.Second)}, "Exited (137) 5 seconds ago"},
		{Container{State: StateCreated}, "Created"},
	} {
		if got := StatusText(tc.c, now); got != tc.want {
			t.Errorf("StatusText(%s) = %q, want %q", tc.c.State, got, tc.want)
		}
	}
}

func TestPods(t *testing.T) {
	t0 := time.Unix(1000, 0)
	lab := func(pod, ns, kind string) map[string]string {
		return map[string]string{LabelPodName: pod, LabelPodNamespace: ns, LabelCRIType: kind}
	}
	all := []Container{
		{ID: "old", Labels: lab("web", "default", "sandbox"), State: StateExited, Created: t0},
		{ID: "sb", Labels: lab("web", "default", "sandbox"), State: StateRunning, Created: t0.Add(time.Minute), NetnsPath: "/var/run/netns/cni-1"},
		{ID: "app", Name: "app", Labels: lab("web", "default", "container"), State: StateRunning},
		{ID: "db", Labels: lab("web", "prod", "container"), State: StateRunning, NetnsPath: "/proc/9/ns/net"},
		{ID: "plain", State: StateRunning},
	}
	pods := Pods(all)
	if len(pods) != 2 {
		t.Fatalf("Pods: %d pods, want 2 (web in default and prod)", len(pods))
	}
	p, err := FindPod(all, "web", "default")
	if err != nil {
		t.Fatal(err)
	}
	if p.Sandbox == nil || p.Sandbox.ID != "sb" || len(p.Containers) != 1 || p.NetnsPath() != "/var/run/netns/cni-1" {
		t.Errorf("pod web/default: sandbox %v containers %d netns %q", p.Sandbox, len(p.Containers), p.NetnsPath())
	}
	if _, err := FindPod(all, "web", ""); err == nil {
		t.Error("FindPod(web, any namespace) accepted an ambiguous name")
	}
	if p, _ := FindPod(all, "web", "prod"); p.NetnsPath() != "/proc/9/ns/net" {
		t.Errorf("pod without sandbox: netns %q, want the member's", p.NetnsPath())
	}
	if !IsSandbox(Container{Labels: map[string]string{LabelDockerType: "podsandbox"}}) {
		t.Error("dockershim pause container not recognised")
	}
	if !IsSandbox(Container{Labels: map[string]string{LabelCRIKind: "sandbox"}}) {
		t.Error("containerd CRI pause container (io.cri-containerd.kind) not recognised")
	}
	if IsSandbox(Container{Labels: map[string]string{LabelCRIKind: "container"}}) {
		t.Error("containerd CRI app container taken for a sandbox")
	}
}

func TestScratchImageArchive(t *testing.T) {
	im := ScratchImage{Ref: "x:1", Files: []ImageFile{{Path: "/bin/x", Mode: 0o755, Data: []byte("hi")}, {Path: "/var/run", Link: "/run"}},
		Entrypoint: []string{"/bin/x"}}
	a, err := im.Archive()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := im.Archive()
	if !bytes.Equal(a, b) {
		t.Error("same files gave different archives: image ids would change on every build")
	}
	files := map[string][]byte{}
	tr := tar.NewReader(bytes.NewReader(a))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		files[h.Name], _ = io.ReadAll(tr)
	}
	var man []struct {
		Config           string
		RepoTags, Layers []string
	}
	if err := json.Unmarshal(files["manifest.json"], &man); err != nil || len(man) != 1 {
		t.Fatalf("manifest.json: %v %s", err, files["manifest.json"])
	}
	if man[0].RepoTags[0] != "x:1" || files[man[0].Config] == nil {
		t.Errorf("manifest %+v does not name its config", man[0])
	}
	layer := tar.NewReader(bytes.NewReader(files[man[0].Layers[0]]))
	var names []string
	for {
		h, err := layer.Next()
		if err != nil {
			break
		}
		if h.Typeflag == tar.TypeSymlink {
			h.Name += "->" + h.Linkname
		}
		names = append(names, h.Name)
	}
	if strings.Join(names, " ") != "bin/ bin/x var/ var/run->/run tmp/" {
		t.Errorf("layer entries %v, want [bin/ bin/x var/ var/run->/run tmp/]", names)
	}
	if _, err := (ScratchImage{Files: []ImageFile{{Path: "rel"}}}).Archive(); err == nil {
		t.Error("a relative image path was accepted")
	}
}

func TestCgroupOOMKills(t *testing.T) {
	root := t.TempDir()
	defer func(old string) { cgroupRoot = old }(cgroupRoot)
	cgroupRoot = root
	write := func(rel, text string) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("k8s.io/a/memory.events", "low 0\nhigh 0\nmax 12\noom 3\noom_kill 2\n")
	write("memory/k8s.io/b/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n")
	write("memory/k8s.io/c/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n")
	for path, want := range map[string]int{"/k8s.io/a": 2, "/k8s.io/b": 1, "/k8s.io/c": 0, "/k8s.io/gone": 0, "system.slice:cri:x": 0, "": 0} {
		if got := cgroupOOMKills(path); got != want {
			t.Errorf("cgroupOOMKills(%q) = %d, want %d", path, got, want)
		}
	}
}
