package exitinfo

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "capture", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func kubeReports(t *testing.T, file, pod string) []Report {
	t.Helper()
	rs, err := KubeReports(bytes.NewReader(fixture(t, file)), pod, "")
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestKubeOOMKilledInCrashLoop(t *testing.T) {
	rs := kubeReports(t, "pod-oomkilled.json", "contrail-analytics-7d9f")
	if len(rs) != 2 {
		t.Fatalf("got %d reports, want api and collector", len(rs))
	}
	api, col := rs[0], rs[1]
	if api.Container != "api" || api.State != "running" || api.Terminated || api.Abnormal() || api.Verdict != VerdictRunning {
		t.Errorf("api: %+v", api)
	}
	if col.Container != "collector" || col.State != "waiting" || col.Waiting == nil || col.Waiting.Reason != "CrashLoopBackOff" || !col.LastState ||
		col.Code() != 137 || !col.OOMKilled || col.Signal != 9 || col.Restarts != 6 || col.ID != "f0e1d2c3b4a5" || !col.Abnormal() || col.Verdict != VerdictWaiting {
		t.Errorf("collector: %+v", col)
	}
	// The waiting reason comes first, then the exit before it.
	if col.Explanation == nil || !strings.HasPrefix(col.Explanation.Meaning, "CrashLoopBackOff") || !strings.Contains(col.Explanation.Meaning, "the exit before: killed by the kernel OOM killer") ||
		col.FinishedAt == nil || col.FinishedAt.Format("15:04:05") != "09:14:02" {
		t.Errorf("collector explanation/finish: %+v %v", col.Explanation, col.FinishedAt)
	}
}

func TestKubeErrorWithLivenessProbe(t *testing.T) {
	r := kubeReports(t, "pod-error.json", "config-api-0")[0]
	if r.Code() != 1 || r.Reason != "Error" || r.OOMKilled || r.Restarts != 3 || !strings.Contains(r.Explanation.Meaning, "generic error") {
		t.Errorf("%+v %+v", r, r.Explanation)
	}
}

func TestKubeCompletedIsNotAbnormal(t *testing.T) {
	r := kubeReports(t, "pod-completed.json", "")[0]
	if r.State != "terminated" || r.Code() != 0 || r.Reason != "Completed" || r.Abnormal() || r.Verdict != VerdictCompleted || !strings.Contains(r.Explanation.Meaning, "normally") {
		t.Errorf("%+v %+v", r, r.Explanation)
	}
}

func TestKubeContainerCannotRun(t *testing.T) {
	r := kubeReports(t, "pod-cannotrun.json", "vrouter-agent-abcde")[0]
	if r.Reason != "ContainerCannotRun" || r.Code() != 128 || !r.Abnormal() || r.Verdict != VerdictStartFailed ||
		!strings.Contains(r.Explanation.Meaning, "could not start") || !strings.Contains(r.Explanation.Next, "contrail-vrouter-agnet") {
		t.Errorf("%+v %+v", r, r.Explanation)
	}
}

func TestKubeListProbeKillTermAndEviction(t *testing.T) {
	rs := kubeReports(t, "pods-list.json", "")
	if len(rs) != 3 {
		t.Fatalf("got %d reports, want 3", len(rs))
	}
	if rs[0].Pod != "webui-0" || rs[0].Code() != 137 || rs[0].OOMKilled || !strings.Contains(rs[0].Explanation.Next, "liveness probe") {
		t.Errorf("webui: %+v %+v", rs[0], rs[0].Explanation)
	}
	if rs[1].Pod != "rabbitmq-0" || rs[1].Explanation.Signal != "SIGTERM" {
		t.Errorf("rabbitmq: %+v %+v", rs[1], rs[1].Explanation)
	}
	if rs[2].Pod != "evicted-x" || rs[2].Reason != "Evicted" || !strings.Contains(rs[2].Explanation.Meaning, "evicted") || !rs[2].Abnormal() {
		t.Errorf("evicted: %+v %+v", rs[2], rs[2].Explanation)
	}
	one := kubeReports(t, "pods-list.json", "rabbitmq-0")
	if len(one) != 1 || one[0].Container != "rabbitmq" {
		t.Errorf("filter by pod name: %+v", one)
	}
}

// TestKubeWaitingReasonsAndVerdicts covers the kubelet's present trouble
// (config error, image pull) before an older exit, a container the
// runtime lost (255 Unknown), a restart after SIGTERM (probe), a plain
// graceful stop, and a SIGKILL under a memory limit (probably OOM).
func TestKubeWaitingReasonsAndVerdicts(t *testing.T) {
	rs := kubeReports(t, "pods-waiting.json", "")
	by := map[string]Report{}
	for _, r := range rs {
		by[r.Pod] = r
	}
	for _, tc := range []struct {
		pod, verdict, meaning string
		abnormal              bool
	}{
		{"api-0", VerdictWaiting, `CreateContainerConfigError: the kubelet cannot build the container's configuration, usually a missing Secret or ConfigMap (or key) it refers to (secret "api-creds" not found); the exit before: the application exited with a generic error`, true},
		{"img-0", VerdictWaiting, `ImagePullBackOff: the image cannot be pulled (Back-off pulling image "registry.local/web:9.9")`, true},
		{"lost-0", VerdictLost, "the runtime lost the container", true},
		{"probe-0", VerdictFailed, "restarted in place by the kubelet", true},
		{"stopped-0", VerdictStopped, "graceful stop was requested", false},
		{"mem-0", VerdictFailed, "probably by the OOM killer: memory limit 64 MiB, killed 400ms after it started", true},
	} {
		r, ok := by[tc.pod]
		if !ok {
			t.Errorf("%s: no report", tc.pod)
			continue
		}
		if r.Verdict != tc.verdict || r.Abnormal() != tc.abnormal || r.Explanation == nil || !strings.Contains(r.Explanation.Meaning, tc.meaning) {
			t.Errorf("%s: verdict %s abnormal %t, want %s %t; explanation %+v", tc.pod, r.Verdict, r.Abnormal(), tc.verdict, tc.abnormal, r.Explanation)
		}
	}
	if r := by["lost-0"]; r.Restarts != 4 || r.Code() != 255 || strings.Contains(r.Explanation.Meaning, "exit(-1)") && !strings.Contains(r.Explanation.Meaning, "not the program's exit(-1)") {
		t.Errorf("lost-0: %+v %+v", r, r.Explanation)
	}
	if r := by["api-0"]; !strings.HasPrefix(r.Explanation.Meaning, "CreateContainerConfigError") || r.Restarts != 2 || r.Code() != 1 {
		t.Errorf("api-0: the waiting reason must come first: %+v %+v", r, r.Explanation)
	}
}

func TestKubeUnknownPodListsPods(t *testing.T) {
	_, err := KubeReports(bytes.NewReader(fixture(t, "pods-list.json")), "nope", "tungsten")
	if err == nil || !strings.Contains(err.Error(), "tungsten/rabbitmq-0") || !strings.Contains(err.Error(), "tungsten/webui-0") {
		t.Errorf("err = %v", err)
	}
	if _, err := KubeReports(strings.NewReader("{not json"), "", ""); err == nil || !strings.Contains(err.Error(), "kubectl get pod") {
		t.Errorf("bad JSON: err = %v", err)
	}
}

func TestRenderFormats(t *testing.T) {
	rs := kubeReports(t, "pod-oomkilled.json", "")
	var js bytes.Buffer
	if err := Render(&js, "json", rs); err != nil {
		t.Fatal(err)
	}
	var back []Report
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back) != 2 || back[1].Code() != 137 || !back[1].OOMKilled || back[1].Verdict != VerdictWaiting {
		t.Errorf("json round trip: %v %+v", err, back)
	}
	var tb bytes.Buffer
	if err := Render(&tb, "table", rs); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(tb.String()), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "SOURCE") || !strings.Contains(lines[2], "waiting (CrashLoopBackOff)") ||
		!strings.Contains(lines[2], "137 (SIGKILL) last  yes") || !strings.HasPrefix(lines[3], "next (collector): the last exit says why; raise the memory limit") {
		t.Errorf("table:\n%s", tb.String())
	}
	var tx bytes.Buffer
	if err := Render(&tx, "text", rs); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tx.String(), "  last exit:   137 (SIGKILL)\n  oom killed:  yes (reason OOMKilled)") || !strings.Contains(tx.String(), "  verdict:     waiting\n") {
		t.Errorf("text:\n%s", tx.String())
	}
	if err := Render(&tx, "yaml", rs); err == nil {
		t.Error("yaml accepted")
	}
}
