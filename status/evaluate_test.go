package status

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/engine/enginetest/fakeintrospect"
)

// serve starts an introspect stand-in on 127.0.0.1 and returns its port.
func serve(t *testing.T, bodies map[string]string) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: fakeintrospect.Handler(bodies)}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().(*net.TCPAddr).Port
}

func hung(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go fakeintrospect.Hang(ln)
	t.Cleanup(func() { ln.Close() })
	return ln.Addr().(*net.TCPAddr).Port
}

func closedPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return p
}

func unit(pod, svc string, env map[string]string) Unit {
	return Unit{Key: pod + "." + svc, Pod: pod, Service: svc, OriginalName: svc,
		Container: engine.Container{ID: pod + svc, Name: pod + "-" + svc, State: engine.StateRunning, Pid: 0, Env: env}}
}

// TestEvaluateStatesOverHTTP runs the whole evaluation against local
// stand-ins: functional, non-functional, refused (plain and backup
// service), hung, multi-worker config API, stopped container. The hung
// daemon must not stretch the run beyond one timeout.
func TestEvaluateStatesOverHTTP(t *testing.T) {
	ns := func(m, s, d string) map[string]string {
		return map[string]string{"NodeStatus": fakeintrospect.NodeStatusXML(m, s, d)}
	}
	w0 := serve(t, ns("contrail-api", "Functional", ""))
	w1 := serve(t, ns("contrail-api", "Non-Functional", "Database:Cassandra connection down"))
	api := ns("contrail-api", "Functional", "")
	api["ConfigApiWorker"] = fakeintrospect.ConfigAPIWorkersXML(w0, w1)
	stopped := unit("config", "svc-monitor", nil)
	stopped.Container.State = engine.StateExited
	d := Discovery{Units: []Unit{
		unit("control", "control", map[string]string{"CONTROL_INTROSPECT_PORT": fmt.Sprint(serve(t, ns("contrail-control", "Functional", "")))}),
		unit("control", "dns", map[string]string{"DNS_INTROSPECT_PORT": fmt.Sprint(closedPort(t))}), // no NodeStatus asked: container state
		unit("vrouter", "agent", map[string]string{"VROUTER_AGENT_INTROSPECT_PORT": fmt.Sprint(serve(t, ns("contrail-vrouter-agent", "Non-Functional", "No control-node connection")))}),
		unit("analytics", "collector", map[string]string{"COLLECTOR_INTROSPECT_PORT": fmt.Sprint(hung(t))}),
		unit("analytics", "api", map[string]string{"ANALYTICS_API_INTROSPECT_PORT": fmt.Sprint(closedPort(t))}),
		unit("config", "api", map[string]string{"CONFIG_API_INTROSPECT_PORT": fmt.Sprint(serve(t, api)), "CONFIG_API_WORKER_COUNT": "2"}),
		stopped,
	}}
	timeout := time.Second
	start := time.Now()
	rep, err := Evaluate(context.Background(), d, Options{Timeout: timeout, ProcRoot: t.TempDir(), Hostname: "127.0.0.1"})
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range rep.Pods {
		for _, s := range p.Services {
			got[p.Pod+"/"+s.Service] = s.Line()
		}
	}
	want := map[string]string{
		"control/control":     "active",
		"control/dns":         "active",
		"control/nodemgr":     "inactive", // in the map row, no container
		"vrouter/agent":       "initializing (No control-node connection)",
		"analytics/collector": "timeout",
		"analytics/api":       "initializing",
		"config/api":          "active",
		"config/api-0":        "active",
		"config/api-1":        "initializing (Database:Cassandra connection down)",
		"config/svc-monitor":  "inactive",
		"config/schema":       "inactive",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	// Behavioural bound, not a benchmark: one timeout plus a generous margin.
	if elapsed > timeout+2*time.Second {
		t.Errorf("run took %v with one hung daemon; the bound is one timeout (%v)", elapsed, timeout)
	}
	if rep.ExitCode() != 1 {
		t.Error("exit code 0 with a hung and an inactive service")
	}
	var order []string
	for _, p := range rep.Pods {
		if p.Pod == "config" {
			for _, s := range p.Services {
				order = append(order, s.Service)
			}
		}
	}
	if strings.Join(order, " ") != "nodemgr api api-0 api-1 schema svc-monitor device-manager" {
		t.Errorf("config section order %v", order)
	}
}

func TestEvaluateBackupAndTLSNeverFallsBack(t *testing.T) {
	// A backup-capable service refusing connections is "backup".
	schema := unit("config", "schema", nil)
	schema.Container.Pid = 0
	// An HTTPS-enabled daemon that only speaks HTTP: the TLS failure is
	// reported, never papered over by a plain-HTTP retry.
	plain := serve(t, map[string]string{"NodeStatus": fakeintrospect.NodeStatusXML("contrail-control", "Functional", "")})
	ctl := unit("control", "control", map[string]string{"CONTROL_INTROSPECT_PORT": fmt.Sprint(plain), "INTROSPECT_SSL_ENABLE": "True"})
	rep, err := Evaluate(context.Background(), Discovery{Units: []Unit{ctl}}, Options{Timeout: time.Second, ProcRoot: t.TempDir(), Hostname: "127.0.0.1",
		CAFile: "", CertFile: "", KeyFile: ""})
	if err != nil {
		t.Fatal(err)
	}
	s := rep.Pods[0].Services[1]
	if s.Service != "control" || s.State != StateInitializing || !strings.Contains(s.Description, "TLS") || !strings.HasPrefix(s.URL, "https://") {
		t.Errorf("https to a plain daemon: %q via %s, want initializing with a TLS reason over https", s.Line(), s.URL)
	}
	if st, _ := judge("contrail-schema", nodeStatus{}, failRefused, nil); st != StateBackup {
		t.Errorf("schema refused: %s", st)
	}
	if _, err := Evaluate(context.Background(), Discovery{Units: []Unit{ctl}}, Options{CAFile: "/nonexistent/ca.pem"}); err == nil {
		t.Error("a missing --cacert file was accepted with an https daemon to ask")
	}
}

// TestEvaluateHTTPSWithCA asks an HTTPS daemon, trusting it through -a.
func TestEvaluateHTTPSWithCA(t *testing.T) {
	srv := httptest.NewTLSServer(fakeintrospect.Handler(map[string]string{"NodeStatus": fakeintrospect.NodeStatusXML("contrail-control", "Functional", "")}))
	defer srv.Close()
	ca := writeCA(t, srv)
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	ctl := unit("control", "control", map[string]string{"CONTROL_INTROSPECT_PORT": fmt.Sprint(port), "INTROSPECT_SSL_ENABLE": "true"})
	rep, err := Evaluate(context.Background(), Discovery{Units: []Unit{ctl}}, Options{Timeout: 2 * time.Second, ProcRoot: t.TempDir(), Hostname: "127.0.0.1", CAFile: ca})
	if err != nil {
		t.Fatal(err)
	}
	if s := rep.Pods[0].Services[1]; s.Line() != "active" || !strings.HasPrefix(s.URL, "https://") {
		t.Errorf("https daemon with its CA: %q via %s", s.Line(), s.URL)
	}
}
