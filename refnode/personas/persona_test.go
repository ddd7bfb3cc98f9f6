package personas

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
	"github.com/tfkit/tfkit/refnode/topo"
)

var httpc = &http.Client{Timeout: 2 * time.Second}

// nodeStatusOf fetches NodeStatus over HTTP and decodes it with the model.
func nodeStatusOf(t *testing.T, addr string) (schema.NodeStatus, *sandesh.Node) {
	t.Helper()
	resp, err := httpc.Get("http://" + addr + "/Snh_SandeshUVECacheReq?x=NodeStatus")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	doc, err := sandesh.ParseBytes(body)
	if err != nil {
		t.Fatalf("%v\n%s", err, body)
	}
	n := doc.Find("NodeStatus")
	if n == nil {
		t.Fatalf("no NodeStatus in %s", body)
	}
	var ns schema.NodeStatus
	if err := sandesh.Unmarshal(n, &ns); err != nil {
		t.Fatal(err)
	}
	return ns, doc
}

func start(t *testing.T, cfg Config) *Persona {
	t.Helper()
	p, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Stop() })
	return p
}

func TestNodemgrFollowsTheWatchedNode(t *testing.T) {
	var state atomic.Value
	state.Store("running")
	start(t, Config{Role: topo.RoleControlNodemgr, Host: "control-1", Address: netip.MustParseAddr("127.0.77.1"), Port: 18101,
		Watch: func() string { return state.Load().(string) }, Version: "v1"})
	ns, doc := nodeStatusOf(t, "127.0.77.1:18101")
	if k := doc.Find("name").Attr("key"); k != "ObjectBgpRouter" || ns.Name != "control-1" {
		t.Errorf("name %q key %q", ns.Name, k)
	}
	if doc.Find("more") != nil || doc.Find("period").Text != "-1" {
		t.Error("a nodemgr is a Python daemon: no more, period -1")
	}
	ps := ns.ProcessStatus[0]
	if ps.ModuleID != "contrail-control-nodemgr" || ps.State != "Functional" || ps.ConnectionInfos[0].Type != "Collector" {
		t.Errorf("process status %+v", ps)
	}
	want := func(st string, starts, stops uint32) {
		t.Helper()
		ns, _ := nodeStatusOf(t, "127.0.77.1:18101")
		pi := ns.ProcessInfo[0]
		if pi.ProcessName != "contrail-control" || pi.ProcessState != st || pi.StartCount != starts || pi.StopCount != stops {
			t.Errorf("process info %+v, want %s starts %d stops %d", pi, st, starts, stops)
		}
	}
	want("PROCESS_STATE_RUNNING", 1, 0)
	state.Store("paused") // a hung process still runs for supervisord
	want("PROCESS_STATE_RUNNING", 1, 0)
	state.Store("stopped")
	want("PROCESS_STATE_STOPPED", 1, 1)
	state.Store("running")
	want("PROCESS_STATE_RUNNING", 2, 1)
}

func TestNodemgrProbesWhenAlone(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.77.2:18085")
	if err != nil {
		t.Fatal(err)
	}
	start(t, Config{Role: topo.RoleVRouterNodemgr, Host: "vrouter-1", Address: netip.MustParseAddr("127.0.77.2"), Port: 18102,
		WatchAddr: netip.MustParseAddrPort("127.0.77.2:18085")})
	ns, doc := nodeStatusOf(t, "127.0.77.2:18102")
	if ns.ProcessInfo[0].ProcessName != "contrail-vrouter-agent" || ns.ProcessInfo[0].ProcessState != "PROCESS_STATE_RUNNING" ||
		doc.Find("name").Attr("key") != "ObjectVRouter" {
		t.Errorf("with the agent listening: %+v", ns.ProcessInfo)
	}
	ln.Close()
	if ns, _ := nodeStatusOf(t, "127.0.77.2:18102"); ns.ProcessInfo[0].ProcessState != "PROCESS_STATE_STOPPED" {
		t.Errorf("with the agent gone: %+v", ns.ProcessInfo)
	}
}

func TestDNSPersonaAndLifecycle(t *testing.T) {
	p := start(t, Config{Role: topo.RoleDNS, Host: "control-2", Address: netip.MustParseAddr("127.0.77.3"), Port: 18092})
	ns, doc := nodeStatusOf(t, "127.0.77.3:18092")
	ps := ns.ProcessStatus[0]
	if ps.ModuleID != "contrail-dns" || len(ps.ConnectionInfos) != 3 || ps.ConnectionInfos[1].Name != "Cassandra" || len(ns.ProcessInfo) != 0 {
		t.Errorf("dns status %+v", ns)
	}
	if doc.Find("more") == nil {
		t.Error("contrail-dns is C++: its answer ends with more")
	}
	if err := p.Pause(); err != nil {
		t.Fatal(err)
	}
	short := &http.Client{Timeout: 300 * time.Millisecond}
	if _, err := short.Get("http://127.0.77.3:18092/Snh_SandeshUVECacheReq?x=NodeStatus"); err == nil {
		t.Error("a paused persona answered")
	}
	p.Resume()
	nodeStatusOf(t, "127.0.77.3:18092")
	p.Stop()
	if _, err := httpc.Get("http://127.0.77.3:18092/Snh_SandeshUVECacheReq?x=NodeStatus"); err == nil || !strings.Contains(err.Error(), "refused") {
		t.Errorf("stopped persona: %v", err)
	}
	if err := p.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	nodeStatusOf(t, "127.0.77.3:18092")
}

func TestNamedHasNoIntrospectAndBadRoles(t *testing.T) {
	start(t, Config{Role: topo.RoleNamed, Host: "control-1"})
	if _, err := New(Config{Role: "collector", Host: "x"}); err == nil {
		t.Error("unknown role accepted")
	}
	if _, err := New(Config{Role: topo.RoleDNS, Host: "x"}); err == nil || !strings.Contains(err.Error(), "needs an address") {
		t.Errorf("dns without address: %v", err)
	}
}

func TestNodemgrCountsChangesBetweenRequests(t *testing.T) {
	var state atomic.Value
	state.Store("running")
	p := start(t, Config{Role: topo.RoleVRouterNodemgr, Host: "vrouter-9", Address: netip.MustParseAddr("127.0.77.4"), Port: 18102,
		Watch: func() string { return state.Load().(string) }, PollInterval: 20 * time.Millisecond})
	// Nobody asks while the agent stops and runs again: the poll sees it.
	counts := func() (starts, stops uint32) {
		p.proc.mu.Lock()
		defer p.proc.mu.Unlock()
		return p.proc.starts, p.proc.stops
	}
	state.Store("stopped")
	testwait.For(t, "the poll to see the agent stop", 10*time.Second, func() bool { _, stops := counts(); return stops == 1 })
	state.Store("running")
	testwait.For(t, "the poll to see the agent start again", 10*time.Second, func() bool { starts, _ := counts(); return starts == 2 })
	ns, _ := nodeStatusOf(t, "127.0.77.4:18102")
	if pi := ns.ProcessInfo[0]; pi.StartCount != 2 || pi.StopCount != 1 || pi.LastStopTime == "" {
		t.Errorf("process info %+v", pi)
	}
}
