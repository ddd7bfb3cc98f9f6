package status_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/engine/enginetest"
	"github.com/tfkit/tfkit/status"
)

// standin is one fake Contrail service in a container.
type standin struct {
	pod, service, module string
	addr                 string // 127.x.y.z:port it listens on; "" = no introspect
	state                string // Functional, Non-Functional, hang
	description          string
}

// testVendor keeps the test's containers apart from any other Contrail
// labelled container on the engine (other tests, a real deployment).
func testVendor() string { return fmt.Sprintf("tfkit-test-%d.contrail", os.Getpid()) }

// runStandins starts one host-network container per stand-in, labelled
// like a Contrail deployment under vendor, and removes them at cleanup.
func runStandins(tb testing.TB, rt engine.Runtime, vendor string, list []standin) map[string]string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	ref, err := enginetest.LoadBinaryImage(ctx, rt, enginetest.StandinPackage, "tfkit-standin:test")
	if err != nil {
		tb.Fatal(err)
	}
	names := map[string]string{}
	for _, s := range list {
		name := fmt.Sprintf("tfkit-st-%d-%s-%s", os.Getpid(), s.pod, s.service)
		rt.Remove(ctx, name)
		args := []string{"--module", s.module, "--state", s.state, "--description", s.description}
		env := map[string]string{"NODE_TYPE": s.pod, "SERVICE_NAME": s.service}
		if s.addr != "" {
			args = append(args, "--listen", s.addr)
			_, port, _ := strings.Cut(s.addr, ":")
			for _, k := range []string{"CONTROL_INTROSPECT_PORT", "VROUTER_AGENT_INTROSPECT_PORT", "DNS_INTROSPECT_PORT"} {
				env[k] = port
			}
		}
		_, err := rt.Run(ctx, engine.RunSpec{
			Name: name, Image: ref, Args: args, Env: env, Network: "host",
			Labels: map[string]string{vendor + ".pod": s.pod, vendor + ".service": s.service,
				vendor + ".container.name": "contrail-" + s.pod + "-" + s.service, "version": "test"},
		})
		tb.Cleanup(func() { rt.Remove(context.Background(), name) })
		if err != nil {
			tb.Fatal(err)
		}
		names[s.pod+"/"+s.service] = name
	}
	for _, s := range list {
		if s.addr != "" {
			if err := enginetest.WaitListening(s.addr, 20*time.Second); err != nil {
				tb.Fatalf("%s/%s: %v", s.pod, s.service, err)
			}
		}
	}
	return names
}

func lines(r status.Report) map[string]string {
	out := map[string]string{}
	for _, p := range r.Pods {
		for _, s := range p.Services {
			out[p.Pod+"/"+s.Service] = s.Line()
		}
	}
	return out
}

// nodeServices is a controller + compute node. The control pod listens on
// 127.0.77.1, the vrouter pod on 127.0.77.2, each on its standard port; the
// agent and control use the same port env names as contrail.
func nodeServices() []standin {
	return []standin{
		{"control", "control", "contrail-control", "127.0.77.1:8083", "Functional", ""},
		{"control", "nodemgr", "contrail-control-nodemgr", "127.0.77.1:8101", "Functional", ""},
		{"control", "dns", "contrail-dns", "", "Functional", ""},
		{"control", "named", "contrail-named", "", "Functional", ""},
		{"vrouter", "agent", "contrail-vrouter-agent", "127.0.77.2:8085", "Functional", ""},
		{"vrouter", "nodemgr", "contrail-vrouter-nodemgr", "127.0.77.2:8102", "Functional", ""},
	}
}

// checkNode runs the shared scenario on an engine: all active, then a
// stopped container is inactive, a Non-Functional daemon is initializing
// with its reason, a hung one is timeout within one timeout.
func checkNode(t *testing.T, rt engine.Runtime) {
	vendor := testVendor()
	list := nodeServices()
	list = append(list,
		standin{"config", "api", "contrail-api", "127.0.77.3:8084", "Non-Functional", "Database:Cassandra connection down"},
		standin{"analytics", "collector", "contrail-collector", "127.0.77.4:8089", "hang", ""})
	names := runStandins(t, rt, vendor, list)
	ctx := context.Background()
	timeout := 2 * time.Second
	opts := status.Options{Timeout: timeout}

	start := time.Now()
	rep, err := runOn(ctx, rt, vendor, opts)
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	got := lines(rep)
	for _, k := range []string{"control/control", "control/nodemgr", "control/dns", "control/named", "vrouter/agent", "vrouter/nodemgr"} {
		if got[k] != "active" {
			t.Errorf("%s: %q, want active", k, got[k])
		}
	}
	if got["config/api"] != "initializing (Database:Cassandra connection down)" {
		t.Errorf("config/api: %q", got["config/api"])
	}
	if got["analytics/collector"] != "timeout" {
		t.Errorf("analytics/collector: %q, want timeout", got["analytics/collector"])
	}
	if got["config/schema"] != "inactive" {
		t.Errorf("config/schema (no container): %q", got["config/schema"])
	}
	if elapsed > timeout+3*time.Second { // behavioural bound with a generous margin
		t.Errorf("run took %v with a hung daemon; bound is one timeout (%v) plus discovery", elapsed, timeout)
	}
	for _, p := range rep.Pods {
		for _, s := range p.Services {
			if p.Pod == "control" && s.Service == "control" && s.URL != "http://127.0.77.1:8083/" {
				t.Errorf("control asked at %q: the listener owned by the container's pid is 127.0.77.1:8083", s.URL)
			}
		}
	}
	if len(rep.Units) != len(list) {
		t.Errorf("%d containers discovered, want %d", len(rep.Units), len(list))
	}

	only, err := runOn(ctx, rt, vendor, status.Options{Timeout: timeout, Labels: map[string]string{vendor + ".pod": "vrouter"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(only.Pods) != 1 || only.Pods[0].Pod != "vrouter" || len(only.Units) != 2 {
		t.Errorf("label filter %s.pod=vrouter: %d pods, %d containers; want the vrouter pod's 2", vendor, len(only.Pods), len(only.Units))
	}

	if err := rt.Stop(ctx, names["vrouter/agent"], 5*time.Second); err != nil {
		t.Fatal(err)
	}
	rep, err = runOn(ctx, rt, vendor, opts)
	if err != nil {
		t.Fatal(err)
	}
	if got := lines(rep)["vrouter/agent"]; got != "inactive" {
		t.Errorf("stopped agent: %q, want inactive", got)
	}
	if rep.ExitCode() != 1 {
		t.Error("exit code 0 with an inactive agent")
	}
}

func TestDockerNodeStatus(t *testing.T) {
	checkNode(t, enginetest.Docker(t))
}

func TestContainerdNodeStatus(t *testing.T) {
	checkNode(t, enginetest.PrivateContainerd(t))
}

// runOn lists rt's containers and runs tf-status's evaluation on them.
func runOn(ctx context.Context, rt engine.Engine, vendor string, opts status.Options) (status.Report, error) {
	all, err := rt.List(ctx)
	if err != nil {
		return status.Report{}, err
	}
	return status.Run(ctx, all, vendor, opts)
}
