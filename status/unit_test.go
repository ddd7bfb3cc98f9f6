package status

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/engine"
)

func fixture(parts ...string) string {
	return filepath.Join(append([]string{"..", "testdata", "status"}, parts...)...)
}

func TestJudge(t *testing.T) {
	fn := nodeStatus{found: true, state: "Functional"}
	nf := nodeStatus{found: true, state: "Non-Functional", description: "Number of connections:4, Expected:5 Missing: Collector:Initializing"}
	tor := nodeStatus{found: true, state: "Functional", connections: []Connection{{Type: "ToR", Name: "tor1", Status: "Up"}}}
	for _, tc := range []struct {
		name, module string
		ns           nodeStatus
		f            failure
		err          error
		want         string
	}{
		{"functional", "contrail-control", fn, failNone, nil, "active"},
		{"non-functional keeps the reason", "contrail-vrouter-agent", nf, failNone, nil, "initializing (" + nf.description + ")"},
		{"no NodeStatus", "contrail-control", nodeStatus{}, failNone, nil, "initializing"},
		{"refused, backup service", "contrail-schema", nodeStatus{}, failRefused, errors.New("refused"), "backup"},
		{"refused, kube-manager", "contrail-kube-manager", nodeStatus{}, failRefused, errors.New("refused"), "backup"},
		{"refused, plain service", "contrail-control", nodeStatus{}, failRefused, errors.New("refused"), "initializing"},
		{"timeout", "contrail-control", nodeStatus{}, failTimeout, errors.New("t"), "timeout"},
		{"other error is said", "contrail-control", nodeStatus{}, failOther, errors.New("HTTP 404"), "initializing (HTTP 404)"},
		{"ToR replaces the description", "contrail-tor-agent", tor, failNone, nil, "active (ToR:tor1 connection up)"},
	} {
		s, d := judge(tc.module, tc.ns, tc.f, tc.err)
		if got := (ServiceStatus{State: s, Description: d}).Line(); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func ctr(id, state string, created int, labels, env map[string]string) engine.Container {
	return engine.Container{ID: id + strings.Repeat("0", 64-len(id)), Name: id, State: state,
		Created: time.Unix(int64(created), 0), Labels: labels, Env: env, Status: state}
}

func lab(pod, svc, name string) map[string]string {
	return map[string]string{"net.juniper.contrail.pod": pod, "net.juniper.contrail.service": svc,
		"net.juniper.contrail.container.name": name, "version": "2024.1"}
}

func TestDiscoverDedupAndWarnings(t *testing.T) {
	all := []engine.Container{
		ctr("a1", "exited", 300, lab("control", "control", "contrail-controller-control-control"), nil),
		ctr("a2", "running", 100, lab("control", "control", "contrail-controller-control-control"), nil), // running beats newer exited
		ctr("b1", "exited", 100, lab("vrouter", "agent", "contrail-vrouter-agent"), nil),
		ctr("b2", "exited", 200, lab("vrouter", "agent", "contrail-vrouter-agent"), nil), // newest of equals
		ctr("c1", "exited", 100, lab("control", "", "contrail-controller-control-provisioner-init"), nil),
		ctr("d1", "running", 100, map[string]string{"net.juniper.contrail.container.name": "contrail-external-redis"}, nil),
		ctr("e1", "running", 100, map[string]string{"net.juniper.contrail.container.name": "odd", "net.juniper.contrail.service": "thing"}, nil),
		ctr("f1", "running", 100, lab("toragent", "tor-agent", "tor-1"), map[string]string{"TOR_NAME": "tor1"}),
		ctr("f2", "running", 100, lab("toragent", "tor-agent", "tor-2"), map[string]string{"TOR_NAME": "tor2"}),
		ctr("z1", "running", 100, map[string]string{"other": "x"}, map[string]string{"SERVICE_NAME": "agent"}), // unlabelled: ignored when others are labelled
	}
	d := Discover(all, "")
	got := map[string]string{}
	for _, u := range d.Units {
		got[u.Key] = u.Container.Name
	}
	want := map[string]string{"control.control": "a2", "vrouter.agent": "b2", "contrail-external-redis": "d1", "odd": "e1"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("key %s: container %q, want %q", k, got[k], v)
		}
	}
	tors := 0
	for k := range got {
		if strings.HasPrefix(k, "toragent.tor-agent.") {
			tors++
		}
	}
	if tors != 2 || len(got) != 6 {
		t.Errorf("units %v: want 2 ToR agents kept apart by env hash and 6 units in all", got)
	}
	if len(d.Warnings) != 1 || d.Warnings[0] != "WARNING: container with original name 'odd' have Pod or Service empty. Pod: '' / Service: 'thing'. Please pass NODE_TYPE with pod name to container's env" {
		t.Errorf("warnings %q", d.Warnings)
	}
	if d.Units[0].Pod != "" || d.Units[len(d.Units)-1].Pod != "vrouter" {
		t.Errorf("units not sorted by pod: first %q last %q", d.Units[0].Pod, d.Units[len(d.Units)-1].Pod)
	}
}

func TestDiscoverEnvFallbackAndVendor(t *testing.T) {
	env := map[string]string{"NODE_TYPE": "vrouter", "SERVICE_NAME": "agent", "CONTAINER_NAME": "contrail-vrouter-agent", "CONTRAIL_VERSION": "21.4"}
	d := Discover([]engine.Container{ctr("x", "running", 1, nil, env), ctr("y", "running", 1, nil, map[string]string{"PATH": "/bin"})}, "")
	if len(d.Units) != 1 || d.Units[0].Key != "vrouter.agent" || d.Units[0].OriginalVersion != "21.4" || d.Units[0].OriginalName != "contrail-vrouter-agent" {
		t.Fatalf("env fallback: %+v", d.Units)
	}
	vendorLabels := map[string]string{"example.org.pod": "control", "example.org.service": "dns", "example.org.container.name": "dns"}
	d = Discover([]engine.Container{ctr("v", "running", 1, vendorLabels, nil), ctr("w", "running", 1, lab("control", "control", "c"), nil)}, "example.org")
	if len(d.Units) != 1 || d.Units[0].Key != "control.dns" {
		t.Errorf("VENDOR_DOMAIN example.org: %+v", d.Units)
	}
}

func TestListenAddr(t *testing.T) {
	proc := fixture("proc")
	for _, tc := range []struct {
		port   int
		want   string
		wantOK bool
		why    string
	}{
		{8083, "127.0.1.1", true, "two listeners on 8083: the one the pid owns (the other container's is 127.0.1.2)"},
		{8085, "", true, "only a wildcard listener, not owned: host"},
		{8101, "::1", true, "IPv6 listener owned"},
		{9999, "", false, "nothing listens"},
	} {
		got, ok := ListenAddr(proc, 4242, tc.port)
		if got != tc.want || ok != tc.wantOK {
			t.Errorf("port %d: %q %v, want %q %v (%s)", tc.port, got, ok, tc.want, tc.wantOK, tc.why)
		}
	}
	if _, ok := ListenAddr(proc, 1, 8083); ok {
		t.Error("a pid without /proc entries found a listener")
	}
}

func TestDriverMessages(t *testing.T) {
	for _, tc := range []struct {
		dir     string
		vrouter bool
		want    string
	}{
		{"proc", true, MsgKernelModule},
		{"proc-dpdk", true, MsgDPDK},
		{"proc-none", true, MsgNoDriver},
		{"proc-none", false, ""},
	} {
		got := strings.Join(DriverMessages(fixture(tc.dir), tc.vrouter), "|")
		if got != tc.want {
			t.Errorf("%s (vrouter pod %v): %q, want %q", tc.dir, tc.vrouter, got, tc.want)
		}
	}
}

func TestIntrospectPort(t *testing.T) {
	if p := introspectPort("contrail-control", map[string]string{"CONTROL_INTROSPECT_PORT": "18083"}); p != 18083 {
		t.Errorf("env override: %d", p)
	}
	if p := introspectPort("contrail-control", map[string]string{"CONTROL_INTROSPECT_PORT": "x"}); p != 8083 {
		t.Errorf("bad env value: %d, want the standard 8083", p)
	}
	if p := introspectPort("contrail-vrouter-nodemgr", nil); p != 8102 {
		t.Errorf("nodemgr: %d", p)
	}
	for pod, row := range podServices {
		for _, s := range row {
			if uveImplemented[s.Module] && defaultPort[s.Module] == 0 && s.Module != "contrail-tor-agent" {
				t.Errorf("%s/%s: module %s has NodeStatus but no port", pod, s.Service, s.Module)
			}
		}
	}
}
