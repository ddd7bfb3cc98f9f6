package engine_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"testing"
	"time"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/engine/enginetest"
	"github.com/tfkit/tfkit/internal/testwait"
)

// freeLoopbackPort picks a port free on 127.0.0.1 for a host-network container.
func freeLoopbackPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// checkLifecycle runs the same scenario on any Runtime: load a scratch
// image, run a labelled host-network container, see it in List with env,
// pid and netns, stop it and read its exit record, start it again, pause,
// remove.
func checkLifecycle(t *testing.T, rt engine.Runtime) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ref, err := enginetest.LoadBinaryImage(ctx, rt, enginetest.StandinPackage, "tfkit-standin:test")
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("tfkit-enginetest-%d", os.Getpid())
	rt.Remove(ctx, name)
	port := freeLoopbackPort(t)
	id, err := rt.Run(ctx, engine.RunSpec{
		Name:    name,
		Image:   ref,
		Args:    []string{"--listen", fmt.Sprintf("127.0.0.1:%d", port), "--ignore-term"},
		Env:     map[string]string{"NODE_TYPE": "control", "CONTROL_INTROSPECT_PORT": fmt.Sprint(port)},
		Labels:  map[string]string{"net.juniper.contrail.pod": "control", "tfkit.test": "1"},
		Network: "host",
	})
	t.Cleanup(func() { rt.Remove(context.Background(), name) })
	if err != nil {
		t.Fatal(err)
	}

	c := waitState(t, rt, name, engine.StateRunning)
	if c.ID != id || c.Name != name || c.Engine != rt.Name() {
		t.Errorf("Get: id %q name %q engine %q, want %q %q %q", c.ID, c.Name, c.Engine, id, name, rt.Name())
	}
	if c.Labels["net.juniper.contrail.pod"] != "control" || c.Env["NODE_TYPE"] != "control" {
		t.Errorf("labels %v env %v: missing what Run set", c.Labels, c.Env)
	}
	if c.Pid <= 0 || c.NetnsPath != fmt.Sprintf("/proc/%d/ns/net", c.Pid) {
		t.Errorf("pid %d netns %q", c.Pid, c.NetnsPath)
	}
	if hostNs, _ := os.Readlink("/proc/self/ns/net"); hostNs != "" {
		if ns, _ := os.Readlink(c.NetnsPath); ns != hostNs {
			t.Errorf("host network container in netns %s, host is %s", ns, hostNs)
		}
	}
	if c.Status == "" || c.Status[:2] != "Up" {
		t.Errorf("status text %q, want Up…", c.Status)
	}
	all, err := rt.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, x := range all {
		found = found || x.ID == id
	}
	if !found {
		t.Errorf("List does not hold %s", id)
	}
	if err := enginetest.WaitListening(fmt.Sprintf("127.0.0.1:%d", port), 10*time.Second); err != nil {
		t.Errorf("stand-in not listening on the host network: %v", err)
	}

	// It ignores SIGTERM, so the stop ends with SIGKILL: exit 137.
	if err := rt.Stop(ctx, name, time.Second); err != nil {
		t.Fatal(err)
	}
	c = waitState(t, rt, name, engine.StateExited)
	if c.ExitCode != 137 || c.Pid != 0 || c.FinishedAt.IsZero() {
		t.Errorf("after stop: exit %d pid %d finished %v, want 137, 0, a time", c.ExitCode, c.Pid, c.FinishedAt)
	}
	if got := c.Status; len(got) < 12 || got[:12] != "Exited (137)" {
		t.Errorf("status text %q, want Exited (137)…", got)
	}

	if err := rt.Start(ctx, name); err != nil {
		t.Fatal(err)
	}
	waitState(t, rt, name, engine.StateRunning)
	if err := rt.Pause(ctx, name); err != nil {
		t.Fatal(err)
	}
	waitState(t, rt, name, engine.StatePaused)
	if err := rt.Resume(ctx, name); err != nil {
		t.Fatal(err)
	}
	waitState(t, rt, name, engine.StateRunning)

	if err := rt.Remove(ctx, name); err != nil {
		t.Fatal(err)
	}
	if _, err := rt.Get(ctx, name); err == nil {
		t.Errorf("Get after Remove found %s", name)
	}
	if err := rt.Remove(ctx, name); err != nil {
		t.Errorf("second Remove: %v (a missing container is not an error)", err)
	}
}

func waitState(t *testing.T, rt engine.Runtime, name, state string) engine.Container {
	t.Helper()
	var c engine.Container
	testwait.Until(t, name+" in state "+state, 10*time.Second, func() error {
		var err error
		if c, err = rt.Get(context.Background(), name); err == nil && c.State != state {
			err = fmt.Errorf("state %q", c.State)
		}
		return err
	})
	return c
}

func TestDockerLifecycle(t *testing.T) {
	checkLifecycle(t, enginetest.Docker(t))
}

func TestContainerdLifecycle(t *testing.T) {
	checkLifecycle(t, enginetest.PrivateContainerd(t))
}

func TestOpenOneEngineOnly(t *testing.T) {
	ctx := context.Background()
	for _, kind := range []string{"podman", engine.KindAuto, ""} {
		if _, err := engine.Open(ctx, engine.Options{Kind: kind}); err == nil || errors.Is(err, engine.ErrNoEngine) {
			t.Errorf("Open(%q) = %v: a Runtime is one engine, auto is Search's", kind, err)
		}
	}
	_, err := engine.Open(ctx, engine.Options{Kind: engine.KindContainerd, ContainerdAddress: "/nonexistent/c.sock"})
	if err == nil || !errors.Is(err, engine.ErrNoEngine) {
		t.Errorf("Open(containerd at a missing socket) = %v, want ErrNoEngine", err)
	}
}

// TestSearchMergesDockerAndContainerd runs one container in Docker and one
// in a private containerd: --engine auto lists both, each with its engine.
func TestSearchMergesDockerAndContainerd(t *testing.T) {
	d, c := enginetest.Docker(t), enginetest.PrivateContainerd(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	name := fmt.Sprintf("tfkit-engines-search-%d", os.Getpid())
	for _, rt := range []engine.Runtime{d, c} {
		ref, err := enginetest.LoadBinaryImage(ctx, rt, enginetest.StandinPackage, "tfkit-engines-standin:test")
		if err != nil {
			t.Fatal(err)
		}
		rt.Remove(ctx, name)
		if _, err := rt.Run(ctx, engine.RunSpec{Name: name, Image: ref, Network: "none"}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { rt.Remove(context.Background(), name) })
	}
	l, err := engine.Search(ctx, engine.SearchOptions{ContainerdAddress: c.Address(), Namespaces: []string{"k8s.io"}})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, ct := range l.Containers {
		if ct.Name == name {
			seen[ct.Engine] = true
		}
	}
	if !seen[engine.KindDocker] || !seen[engine.KindContainerd] || len(l.Warnings()) != 0 {
		t.Errorf("auto found %s in %v (warnings %q), want in both engines", name, seen, l.Warnings())
	}
}
