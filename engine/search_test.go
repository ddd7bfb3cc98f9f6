package engine_test

import (
	"context"
	"errors"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/engine/enginetest"
)

// TestSearchAutoWarnsAboutTheEngineThatDoesNotAnswer: auto asks both;
// Docker's containers come back, containerd's failure is a warning that
// names it, its address and what to check, and Searched names only the
// engine that answered.
func TestSearchAutoWarnsAboutTheEngineThatDoesNotAnswer(t *testing.T) {
	enginetest.FakeDocker(t, enginetest.FakeContainer{ID: "aaa111", Env: []string{"A=b"}}, enginetest.FakeContainer{ID: "bbb222"})
	missing := filepath.Join(t.TempDir(), "containerd.sock")
	l, err := engine.Search(context.Background(), engine.SearchOptions{ContainerdAddress: missing, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Containers) != 2 || l.Containers[0].Engine != engine.KindDocker || l.Containers[0].Env["A"] != "b" {
		t.Errorf("containers %+v, want Docker's two, inspected", l.Containers)
	}
	w := l.Warnings()
	if len(w) != 1 || !strings.Contains(w[0], "containerd at "+missing) || !strings.Contains(w[0], "no such file") ||
		!strings.Contains(w[0], "not listed") || !strings.Contains(w[0], "check that containerd runs") {
		t.Errorf("warnings %q: want one naming containerd, its socket, the cause and what to check", w)
	}
	if got := l.Searched(); !strings.HasPrefix(got, "docker at unix://") || strings.Contains(got, "containerd") {
		t.Errorf("Searched() = %q, want Docker alone", got)
	}
	if len(l.Sources) != 2 || l.Sources[0].Containers != 2 || l.Sources[1].Err == nil {
		t.Errorf("sources %+v", l.Sources)
	}
}

// TestSearchNoEngine: when none answers, the error wraps ErrNoEngine
// and names each engine with its cause; a hanging socket costs one
// timeout, not more.
func TestSearchNoEngine(t *testing.T) {
	dir := t.TempDir()
	hang, err := net.Listen("unix", filepath.Join(dir, "hang.sock")) // accepts, never answers
	if err != nil {
		t.Fatal(err)
	}
	defer hang.Close()
	t.Setenv("DOCKER_HOST", "unix://"+filepath.Join(dir, "hang.sock"))
	start := time.Now()
	_, err = engine.Search(context.Background(), engine.SearchOptions{ContainerdAddress: filepath.Join(dir, "none.sock"), Timeout: time.Second})
	if !errors.Is(err, engine.ErrNoEngine) {
		t.Fatalf("err = %v, want ErrNoEngine", err)
	}
	for _, want := range []string{"docker at unix://" + dir + "/hang.sock", "containerd at " + dir + "/none.sock", "no such file"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Search took %v with a hanging Docker and a 1 s timeout", d)
	}
	if _, err := engine.Search(context.Background(), engine.SearchOptions{Kind: "podman"}); err == nil || errors.Is(err, engine.ErrNoEngine) {
		t.Errorf("Search(podman) = %v, want a bad-kind error", err)
	}
}

// TestSearchOneKind: docker alone does not ask containerd at all.
func TestSearchOneKind(t *testing.T) {
	enginetest.FakeDocker(t, enginetest.FakeContainer{ID: "ccc333"})
	l, err := engine.Search(context.Background(), engine.SearchOptions{Kind: engine.KindDocker, ContainerdAddress: "/nonexistent"})
	if err != nil || len(l.Sources) != 1 || len(l.Warnings()) != 0 || len(l.Containers) != 1 {
		t.Errorf("Search(docker) = %+v, %v", l, err)
	}
}

func TestDedupeMoby(t *testing.T) {
	in := []engine.Container{
		{Engine: engine.KindDocker, ID: "x"},
		{Engine: engine.KindContainerd, Namespace: "moby", ID: "x"},
		{Engine: engine.KindContainerd, Namespace: "k8s.io", ID: "x"},
		{Engine: engine.KindContainerd, Namespace: "moby", ID: "y"},
	}
	out := engine.DedupeMoby(in)
	if len(out) != 3 || out[1].Namespace != "k8s.io" || out[2].ID != "y" {
		t.Errorf("DedupeMoby = %+v: want Docker's x, k8s.io's x and moby's y", out)
	}
}
