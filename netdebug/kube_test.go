package netdebug

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

func kubeReports(t *testing.T, file, pod string) []ExitReport {
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
	if api.Container != "api" || api.State != "running" || api.Terminated || api.Abnormal() {
		t.Errorf("api: %+v", api)
	}
	if col.Container != "collector" || col.State != "waiting (CrashLoopBackOff)" || !col.LastState || col.ExitCode != 137 ||
		!col.OOMKilled || col.Signal != 9 || col.Restarts != 6 || col.ID != "f0e1d2c3b4a5" || !col.Abnormal() {
		t.Errorf("collector: %+v", col)
	}
	if col.Explanation == nil || !strings.Contains(col.Explanation.Meaning, "OOM") || col.FinishedAt == nil || col.FinishedAt.Format("15:04:05") != "09:14:02" {
		t.Errorf("collector explanation/finish: %+v %v", col.Explanation, col.FinishedAt)
	}
}

func TestKubeErrorWithLivenessProbe(t *testing.T) {
	r := kubeReports(t, "pod-error.json", "config-api-0")[0]
	if r.ExitCode != 1 || r.Reason != "Error" || r.OOMKilled || r.Restarts != 3 || !strings.Contains(r.Explanation.Meaning, "generic error") {
		t.Errorf("%+v %+v", r, r.Explanation)
	}
}

func TestKubeCompletedIsNotAbnormal(t *testing.T) {
	r := kubeReports(t, "pod-completed.json", "")[0]
	if r.State != "terminated" || r.ExitCode != 0 || r.Reason != "Completed" || r.Abnormal() || !strings.Contains(r.Explanation.Meaning, "normally") {
		t.Errorf("%+v %+v", r, r.Explanation)
	}
}

func TestKubeContainerCannotRun(t *testing.T) {
	r := kubeReports(t, "pod-cannotrun.json", "vrouter-agent-abcde")[0]
	if r.Reason != "ContainerCannotRun" || r.ExitCode != 128 || !r.Abnormal() ||
		!strings.Contains(r.Explanation.Meaning, "could not start") || !strings.Contains(r.Explanation.Next, "contrail-vrouter-agnet") {
		t.Errorf("%+v %+v", r, r.Explanation)
	}
}

func TestKubeListProbeKillTermAndEviction(t *testing.T) {
	rs := kubeReports(t, "pods-list.json", "")
	if len(rs) != 3 {
		t.Fatalf("got %d reports, want 3", len(rs))
	}
	if rs[0].Pod != "webui-0" || rs[0].ExitCode != 137 || rs[0].OOMKilled || !strings.Contains(rs[0].Explanation.Next, "liveness probe") {
		t.Errorf("webui: %+v %+v", rs[0], rs[0].Explanation)
	}
	if rs[1].Pod != "rabbitmq-0" || rs[1].Explanation.Signal != "SIGTERM" || strings.Contains(rs[1].Explanation.Next, "liveness") {
		t.Errorf("rabbitmq: %+v %+v", rs[1], rs[1].Explanation)
	}
	if rs[2].Pod != "evicted-x" || rs[2].Reason != "Evicted" || !strings.Contains(rs[2].Explanation.Meaning, "evicted") {
		t.Errorf("evicted: %+v %+v", rs[2], rs[2].Explanation)
	}
	one := kubeReports(t, "pods-list.json", "rabbitmq-0")
	if len(one) != 1 || one[0].Container != "rabbitmq" {
		t.Errorf("filter by pod name: %+v", one)
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

func TestRenderReportsFormats(t *testing.T) {
	rs := kubeReports(t, "pod-oomkilled.json", "")
	var js bytes.Buffer
	if err := RenderReports(&js, "json", rs); err != nil {
		t.Fatal(err)
	}
	var back []ExitReport
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back) != 2 || back[1].ExitCode != 137 || !back[1].OOMKilled {
		t.Errorf("json round trip: %v %+v", err, back)
	}
	var tb bytes.Buffer
	if err := RenderReports(&tb, "table", rs); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(tb.String()), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "SOURCE") || !strings.Contains(lines[2], "137 (SIGKILL) last") || !strings.HasPrefix(lines[3], "next (collector): raise the memory limit") {
		t.Errorf("table:\n%s", tb.String())
	}
	var tx bytes.Buffer
	if err := RenderReports(&tx, "text", rs); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tx.String(), "  last exit:  137 (SIGKILL) last\n  oom killed: true") {
		t.Errorf("text:\n%s", tx.String())
	}
	if err := RenderReports(&tx, "yaml", rs); err == nil {
		t.Error("yaml accepted")
	}
}
