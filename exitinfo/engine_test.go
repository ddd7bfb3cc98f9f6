package exitinfo

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/engine"
)

var t0 = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

func TestReportKeepsExitOfRestartingContainer(t *testing.T) {
	c := engine.Container{Engine: "docker", ID: "eeee0000000000000001", Name: "api", State: engine.StateRestarting, ExitCode: 1,
		FinishedAt: t0, Restarts: 4}
	r := FromContainer(c, nil)
	if !r.Terminated || r.Code() != 1 || r.Restarts != 4 || !r.Abnormal() || r.Explanation == nil || r.Record != "docker inspect" {
		t.Errorf("%+v", r)
	}
	c.State, c.ExitCode = engine.StateRunning, 0
	if r := FromContainer(c, nil); r.Terminated || r.Explanation != nil || r.Abnormal() || r.Verdict != VerdictRunning {
		t.Errorf("running: %+v", r)
	}
}

func TestStartFailures(t *testing.T) {
	msg := `failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/nonexistent": stat /nonexistent: no such file or directory: unknown`
	r := FromContainer(engine.Container{Engine: "docker", ID: "d0000000000000000001", Name: "bad", State: engine.StateCreated, ExitCode: 127, Error: msg}, nil)
	if !r.StartFailed || r.Code() != 127 || r.Verdict != VerdictStartFailed || !r.Abnormal() || r.Message != msg ||
		!strings.Contains(r.Explanation.Meaning, "not found (127)") || !strings.Contains(r.Explanation.Next, "no such file") || r.State != "created (start failed)" {
		t.Errorf("docker 127: %+v %+v", r, r.Explanation)
	}
	r = FromContainer(engine.Container{Engine: "docker", ID: "d0000000000000000002", Name: "never", State: engine.StateCreated}, nil)
	if r.Verdict != VerdictCreated || r.Abnormal() || r.Terminated {
		t.Errorf("docker create, never started: %+v", r)
	}
	r = FromContainer(engine.Container{Engine: "containerd", Namespace: "default", ID: "c0000000000000000001", Name: "bad", State: engine.StateCreated,
		Error: "containerd task c00: " + msg}, &Evidence{CRIRoot: t.TempDir()})
	if !r.StartFailed || r.ExitCode != nil || r.Verdict != VerdictStartFailed || !strings.Contains(r.Record, "nerdctl/error") ||
		!strings.Contains(r.Explanation.Meaning, "not found (127)") || exitCell(r) != "none" {
		t.Errorf("containerd start failure: %+v %+v", r, r.Explanation)
	}
}

// writeCRIStatus writes a status the way the CRI plugin checkpoints it.
func writeCRIStatus(t *testing.T, root, id string, st CRIStatus) {
	t.Helper()
	dir := filepath.Join(root, "containers", id)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	st.Version = "v1"
	b, err := json.Marshal(struct {
		CRIStatus
		Resources *struct{}
	}{st, nil})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "status"), b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestContainerdWithoutTaskReadsCRIStatus(t *testing.T) {
	root := t.TempDir()
	ev := &Evidence{CRIRoot: root}
	k8s := func(id string) engine.Container {
		return engine.Container{Engine: "containerd", Namespace: "k8s.io", ID: id, Name: id, State: engine.StateCreated,
			Labels: map[string]string{engine.LabelPodName: "web-0", engine.LabelPodNamespace: "prod", engine.LabelContainerName: "web", engine.LabelCRIKind: "container"}}
	}
	exited := strings.Repeat("a", 64)
	writeCRIStatus(t, root, exited, CRIStatus{Pid: 42, CreatedAt: t0.UnixNano(), StartedAt: t0.Add(time.Second).UnixNano(),
		FinishedAt: t0.Add(time.Minute).UnixNano(), ExitCode: 3, Reason: "Error", Message: "config missing"})
	r := FromContainer(k8s(exited), ev)
	if r.Code() != 3 || r.Reason != "Error" || r.Message != "config missing" || !strings.HasPrefix(r.Record, "CRI status "+root) ||
		r.Verdict != VerdictFailed || r.FinishedAt == nil || !r.FinishedAt.Equal(t0.Add(time.Minute)) || r.Container != "web" ||
		!strings.Contains(r.Logs, "kubectl logs -n prod web-0 -c web --previous") {
		t.Errorf("CRI exit: %+v", r)
	}
	startErr := strings.Repeat("b", 64)
	writeCRIStatus(t, root, startErr, CRIStatus{CreatedAt: t0.UnixNano(), FinishedAt: t0.Add(time.Second).UnixNano(), ExitCode: 128, Reason: "StartError",
		Message: `failed to create containerd task: exec: "/app": stat /app: no such file or directory`})
	r = FromContainer(k8s(startErr), ev)
	if !r.StartFailed || r.Code() != 128 || r.Verdict != VerdictStartFailed || !strings.Contains(r.Explanation.Meaning, "(StartError): the command was not found (127)") {
		t.Errorf("CRI StartError: %+v %+v", r, r.Explanation)
	}
	oom := strings.Repeat("c", 64)
	writeCRIStatus(t, root, oom, CRIStatus{CreatedAt: 1, StartedAt: 2, FinishedAt: 3, ExitCode: 137, Reason: "OOMKilled"})
	if r = FromContainer(k8s(oom), ev); !r.OOMKilled || r.OOM != "CRI reason OOMKilled" || r.Verdict != VerdictFailed {
		t.Errorf("CRI OOMKilled: %+v", r)
	}
	// No task and no CRI status: say there is no record anywhere.
	r = FromContainer(k8s(strings.Repeat("d", 64)), ev)
	if r.Verdict != VerdictNoRecord || !r.Abnormal() || r.Record != "none" || !strings.Contains(r.Explanation.Meaning, "no exit record exists anywhere") ||
		!strings.Contains(r.Message, "no CRI status under "+root) {
		t.Errorf("no record: %+v %+v", r, r.Explanation)
	}
}

// oomLine is the kernel's summary line of a cgroup OOM kill (format of
// Linux 5.x/6.x), as /dev/kmsg hands it out.
func oomLine(id string, usec int) string {
	return "6,51234," + strconv.Itoa(usec) + ",-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=" + id + ",mems_allowed=0,oom_memcg=/docker/" + id +
		",task_memcg=/docker/" + id + ",task=testprog,pid=16037,uid=0\n"
}

func TestSIGKILLUnderALimit(t *testing.T) {
	id := strings.Repeat("e", 64)
	c := engine.Container{Engine: "docker", ID: id, Name: "hog", State: engine.StateExited, ExitCode: 137,
		StartedAt: t0, FinishedAt: t0.Add(300 * time.Millisecond), MemoryLimit: 32 << 20}
	// Docker's flag missed it, the kernel log has it.
	boot := t0.Add(-time.Hour)
	k, ok := parseOOMRecord([]byte(oomLine(id, 3600_000_000+200_000)), boot)
	if !ok || k.memcg != "/docker/"+id || k.task != "testprog" || !k.at.Equal(t0.Add(200*time.Millisecond)) {
		t.Fatalf("parse: %+v %v", k, ok)
	}
	if _, ok := parseOOMRecord([]byte("6,1,2,-;Memory cgroup out of memory: Killed process 1 (x)\n"), boot); ok {
		t.Error("a line that is not the oom-kill summary was taken")
	}
	ev := &Evidence{KernelLog: true}
	ev.once.Do(func() { ev.kernel = &KernelOOM{kills: []oomKill{k}} })
	r := FromContainer(c, ev)
	if !r.OOMKilled || !strings.Contains(r.OOM, "kernel log: oom-kill of testprog in memory cgroup /docker/"+id) || !strings.Contains(r.OOM, "docker State.OOMKilled missed it") {
		t.Errorf("kernel evidence: %+v", r)
	}
	// Nothing in the kernel log: probably OOM, not "not OOM".
	ev = &Evidence{KernelLog: true}
	ev.once.Do(func() { ev.kernel = &KernelOOM{} })
	r = FromContainer(c, ev)
	if r.OOMKilled || !strings.HasPrefix(r.OOM, "probable: memory limit 32 MiB, killed 300ms after it started") || oomCell(r) != "probably" ||
		!strings.Contains(r.Explanation.Meaning, "probably by the OOM killer") || strings.Contains(r.Explanation.Meaning, "not a cgroup OOM") {
		t.Errorf("probable: %+v %+v", r, r.Explanation)
	}
	c.MemoryLimit = 0
	if r = FromContainer(c, ev); r.OOM != "" || !strings.Contains(r.Explanation.Meaning, "no memory limit: not a cgroup OOM kill") {
		t.Errorf("no limit: %+v %+v", r, r.Explanation)
	}
}
