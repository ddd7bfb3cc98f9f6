package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/engine/enginetest"
	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/netdebug"
)

// TestContainerdCaptureWhyAndAmbiguity runs the test program in a private
// containerd (namespace k8s.io): capture by name through containerd, `why`
// on an exited task, and a name that exists in Docker and in containerd.
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
	for _, c := range []struct {
		name    string
		code    int
		oom     bool
		meaning string
	}{{failed, 3, false, "own code 3"}, {oom, 137, true, "OOM killer"}} {
		testwait.Until(t, c.name+" to exit", 30*time.Second, func() error {
			k, err := ctd.Get(ctx, c.name)
			if err == nil && k.State != engine.StateExited {
				err = fmt.Errorf("state %s", k.State)
			}
			return err
		})
		r = runTF(t, nil, append([]string{"why", c.name, "-f", "json"}, addr...)...)
		var reps []netdebug.ExitReport
		if err := json.Unmarshal([]byte(r.stdout), &reps); err != nil || len(reps) != 1 || r.code != 1 {
			t.Fatalf("why %s: code %d %v: %s%s", c.name, r.code, err, r.stdout, r.stderr)
		}
		if rep := reps[0]; rep.Source != "containerd" || rep.ExitCode != c.code || rep.OOMKilled != c.oom || !rep.Terminated ||
			rep.FinishedAt == nil || rep.Explanation == nil || !strings.Contains(rep.Explanation.Meaning, c.meaning) {
			t.Errorf("why %s: %+v %+v", c.name, rep, rep.Explanation)
		}
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
