package lookup

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/netdebug"
)

func podLabels(pod, ns, kind string) map[string]string {
	return map[string]string{engine.LabelPodName: pod, engine.LabelPodNamespace: ns, engine.LabelDockerType: kind}
}

// node is what the engines of a small node report.
func node() []engine.Container {
	t0 := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	return []engine.Container{
		// pod default/web: an old exited sandbox, the running one, an app container
		{Engine: "docker", ID: "aaaa00000000000000000001", Name: "k8s_POD_web_old", Labels: podLabels("web", "default", "podsandbox"), State: "exited", Created: t0},
		{Engine: "docker", ID: "aaaa00000000000000000002", Name: "k8s_POD_web", Labels: podLabels("web", "default", "podsandbox"), State: "running", Pid: 101, Created: t0.Add(time.Hour)},
		{Engine: "docker", ID: "aaaa00000000000000000003", Name: "k8s_app_web", Labels: podLabels("web", "default", "container"), State: "running", Pid: 102, Created: t0.Add(2 * time.Hour)},
		// a pod of the same name in another namespace, on containerd/CRI with its netns file
		{Engine: "containerd", Namespace: "k8s.io", ID: "bbbb00000000000000000001", Name: "bbbb00000000000000000001",
			Labels: map[string]string{engine.LabelPodName: "db", engine.LabelPodNamespace: "prod", labelCRIKind: "sandbox"}, State: "running", Pid: 201, NetnsPath: "/var/run/netns/cni-1234"},
		// plain containers
		{Engine: "docker", ID: "cccc00000000000000000001", Name: "contrail_control", State: "running", Pid: 301},
		{Engine: "docker", ID: "cccc00000000000000000002", Name: "contrail_dns", State: "exited", ExitCode: 137},
		{Engine: "containerd", Namespace: "default", ID: "dddd00000000000000000001", Name: "agent", Labels: map[string]string{engine.LabelNerdctlName: "agent"}, State: "running", Pid: 401},
	}
}

func TestResolvePodUsesRunningSandbox(t *testing.T) {
	tg, err := Resolve(node(), "web", "default")
	if err != nil {
		t.Fatal(err)
	}
	if tg.Netns != "/proc/101/ns/net" || tg.Pid != 101 || !strings.Contains(tg.Description, "sandbox") {
		t.Errorf("target %+v", tg)
	}
	tg, err = Resolve(node(), "db", "prod")
	if err != nil || tg.Netns != "/var/run/netns/cni-1234" {
		t.Errorf("CRI sandbox: %+v %v", tg, err)
	}
}

func TestResolveContainerByNameAndPrefix(t *testing.T) {
	for name, want := range map[string]string{"contrail_control": "/proc/301/ns/net", "agent": "/proc/401/ns/net", "dddd0": "/proc/401/ns/net"} {
		tg, err := Resolve(node(), name, "default")
		if err != nil || tg.Netns != want {
			t.Errorf("%s: %+v %v", name, tg, err)
		}
	}
}

func TestResolveErrors(t *testing.T) {
	_, err := Resolve(node(), "cccc", "default")
	if !errors.Is(err, netdebug.ErrAmbiguous) || !strings.Contains(err.Error(), "contrail_control") || !strings.Contains(err.Error(), "contrail_dns") {
		t.Errorf("ambiguous prefix: %v", err)
	}
	_, err = Resolve(node(), "db", "default")
	if !errors.Is(err, netdebug.ErrNotFound) || !strings.Contains(err.Error(), "use -n with one of: prod") {
		t.Errorf("pod in another namespace: %v", err)
	}
	_, err = Resolve(node(), "nope", "default")
	if !errors.Is(err, netdebug.ErrNotFound) || !strings.Contains(err.Error(), "pod default/web") || !strings.Contains(err.Error(), "contrail_control") {
		t.Errorf("unknown: %v", err)
	}
	_, err = Resolve(node(), "contrail_dns", "default")
	if err == nil || errors.Is(err, netdebug.ErrNotFound) || !strings.Contains(err.Error(), "tf-capture why contrail_dns") {
		t.Errorf("exited container: %v", err)
	}
	_, err = Resolve(nil, "x", "default")
	if !errors.Is(err, netdebug.ErrNotFound) || !strings.Contains(err.Error(), "no containers") {
		t.Errorf("empty node: %v", err)
	}
}

func TestSelectForWhySkipsSandbox(t *testing.T) {
	cs, err := SelectForWhy(node(), "web", "default")
	if err != nil || len(cs) != 1 || cs[0].Name != "k8s_app_web" {
		t.Errorf("%+v %v", cs, err)
	}
}

// TestNoEngineIsBoth: callers without the engine package classify "no
// engine answered" through netdebug.ErrNoEngine; the hint follows it.
func TestNoEngineIsBoth(t *testing.T) {
	_, err := SearchContainers(context.Background(), netdebug.EngineOptions{Kind: "containerd", ContainerdAddress: "/nonexistent.sock", Timeout: time.Second})
	if !errors.Is(err, engine.ErrNoEngine) || !errors.Is(err, netdebug.ErrNoEngine) || !netdebug.IsUserError(err) ||
		!strings.HasSuffix(err.Error(), ": start dockerd or containerd, pick one with --engine/--containerd-address, or use --pid/--netns") {
		t.Errorf("err = %v", err)
	}
}
