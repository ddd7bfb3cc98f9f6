package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/containerd/containerd/v2/pkg/namespaces"
	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/engine/enginetest"
	"github.com/tfkit/tfkit/exitinfo"
	"github.com/tfkit/tfkit/internal/testwait"
)

// TestContainerdCaptureWhyAndAmbiguity runs the test program in a private
// containerd (namespace k8s.io): capture by name through containerd, `why`
// on an exited task, on a task that is gone (no record, then the CRI
// status), on a task that could not be created, and a name that exists in
// Docker and in containerd.
func TestContainerdCaptureWhyAndAmbiguity(t *testing.T) {
	d, dockerImage := dockerWithImage(t)
	ctd := enginetest.PrivateContainerd(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	image, err := enginetest.LoadBinaryImage(ctx, ctd, testprogPkg, "tfcap-testprog:latest")
	if err != nil {
		t.Fatalf("load image into containerd: %v", err)
	}
	run := func(name string, mem int64, args ...string) {
		t.Helper()
		if _, err := ctd.Run(ctx, engine.RunSpec{Name: name, Image: image, Args: args, Network: "none", Memory: mem}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			ctd.Remove(ctx, name)
		})
	}
	addr := []string{"--engine", "containerd", "--containerd-address", ctd.Address()}

	udp := uniq("ctd-udp")
	run(udp, 0, "-udp", "127.0.0.1:9998", "-every", "20ms")
	r := runTF(t, nil, append([]string{udp, "-i", "lo", "-c", "3", "udp"}, addr...)...)
	if r.code != 0 {
		t.Fatalf("capture via containerd: code %d: %s", r.code, r.stderr)
	}
	checkUDPLines(t, r.stdout, 3, "9998")
	if !strings.Contains(r.stderr, "containerd/k8s.io "+udp) {
		t.Errorf("stderr: %s", r.stderr)
	}

	// An exit of its own and an OOM kill (32 MiB limit): containerd keeps
	// no OOM flag, tf-capture reads the task's cgroup counters.
	failed, oom := uniq("ctd-exit"), uniq("ctd-oom")
	run(failed, 0, "-exit", "3")
	run(oom, 32<<20, "-hog")
	criRoot := t.TempDir()
	addr = append(addr, "--cri-root", criRoot)
	for _, c := range []whyCase{
		{what: "exit3", name: failed, code: 3, verdict: exitinfo.VerdictFailed, meaning: "own code 3"},
		{what: "oom", name: oom, code: 137, verdict: exitinfo.VerdictFailed, oom: true, signal: "SIGKILL", meaning: "OOM killer"},
	} {
		waitCtd(t, ctd, c.name, engine.StateExited)
		rep := whyJSON(t, c, addr...)
		if rep.Source != "containerd" || !rep.Terminated || rep.FinishedAt == nil || rep.Record != "containerd task" {
			t.Errorf("why %s: %+v", c.name, rep)
		}
	}

	// The task is gone (CRI deletes it after an exit): without a CRI
	// status there is no exit record anywhere, and why says so.
	k, err := ctd.Get(ctx, failed)
	if err != nil {
		t.Fatal(err)
	}
	nsctx := namespaces.WithNamespace(ctx, "k8s.io")
	kc, err := ctd.Client().LoadContainer(nsctx, k.ID)
	if err != nil {
		t.Fatal(err)
	}
	task, err := kc.Task(nsctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := task.Delete(nsctx); err != nil {
		t.Fatal(err)
	}
	rep := whyJSON(t, whyCase{what: "no task", name: failed, code: -1, verdict: exitinfo.VerdictNoRecord, meaning: "no exit record exists anywhere"}, addr...)
	if rep.Record != "none" || !strings.Contains(rep.Message, "no CRI status under "+criRoot) {
		t.Errorf("no record: %+v", rep)
	}
	// With the status the CRI plugin checkpoints for a Kubernetes
	// container (this containerd's CRI plugin does not run it, so the
	// test writes the file in the plugin's format), the exit is back.
	finished := time.Now().Add(-time.Minute)
	writeCRIStatus(t, criRoot, k.ID, fmt.Sprintf(`{"Version":"v1","Pid":4242,"CreatedAt":%d,"StartedAt":%d,"FinishedAt":%d,"ExitCode":3,"Reason":"Error","Message":"","Resources":null}`,
		finished.Add(-time.Hour).UnixNano(), finished.Add(-time.Hour).UnixNano(), finished.UnixNano()))
	rep = whyJSON(t, whyCase{what: "cri", name: failed, code: 3, verdict: exitinfo.VerdictFailed, meaning: "own code 3"}, addr...)
	if !strings.HasPrefix(rep.Record, "CRI status "+criRoot) || rep.FinishedAt == nil || rep.FinishedAt.UnixNano() != finished.UnixNano() {
		t.Errorf("CRI record: %+v", rep)
	}

	// A task containerd cannot create: no code, the error kept on the
	// container (as nerdctl does), reported as a start failure.
	missing, _ := startFailureImages(t, ctd)
	bad := uniq("ctd-nocmd")
	if _, err := ctd.Run(ctx, engine.RunSpec{Name: bad, Image: missing, Network: "none"}); err == nil {
		t.Error("a container with a missing entrypoint started")
	}
	t.Cleanup(func() { ctd.Remove(context.Background(), bad) })
	rep = whyJSON(t, whyCase{what: "ctd nocmd", name: bad, code: -1, verdict: exitinfo.VerdictStartFailed, meaning: "the command was not found (127)"}, addr...)
	if !rep.StartFailed || !strings.Contains(rep.Message, "no such file or directory") || !strings.Contains(rep.Record, "nerdctl/error") {
		t.Errorf("containerd start failure: %+v", rep)
	}

	// The same name in Docker and in containerd: both engines are asked
	// (auto) and the error lists both.
	dup := uniq("dup")
	run(dup, 0)
	runContainer(t, d, dockerImage, dup, nil)
	r = runTF(t, nil, dup, "--containerd-address", ctd.Address(), "-c", "1")
	if r.code != 2 || !strings.Contains(r.stderr, "matches 2 containers") || !strings.Contains(r.stderr, "docker "+dup) ||
		!strings.Contains(r.stderr, "containerd/k8s.io "+dup) || r.stdout != "" {
		t.Errorf("ambiguous: code %d stderr %q", r.code, r.stderr)
	}
}

// waitCtd polls containerd until the container reaches state.
func waitCtd(t *testing.T, ctd *engine.Containerd, name, state string) {
	t.Helper()
	testwait.Until(t, name+" "+state, 30*time.Second, func() error {
		k, err := ctd.Get(context.Background(), name)
		if err == nil && k.State != state {
			err = fmt.Errorf("state %s", k.State)
		}
		return err
	})
}

// writeCRIStatus puts a status file where the CRI plugin keeps it.
func writeCRIStatus(t *testing.T, root, id, status string) {
	t.Helper()
	dir := filepath.Join(root, "containers", id)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "status"), []byte(status), 0o600); err != nil {
		t.Fatal(err)
	}
}
