package doctor_test

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/doctor"
	"github.com/tfkit/tfkit/refnode/agent"
	"github.com/tfkit/tfkit/refnode/timers"
	"github.com/tfkit/tfkit/refnode/topo"
)

// TestHealthyCluster: a converged cluster gives zero findings, and the
// summary counts every node and session.
func TestHealthyCluster(t *testing.T) {
	f := startCluster(t, 160, 161, nil)
	rep := f.healthy()
	if !rep.Healthy() || rep.Summary.Errors+rep.Summary.Warnings != 0 || len(rep.Checks) != len(doctor.Checks) {
		t.Errorf("summary %+v, %d checks run", rep.Summary, len(rep.Checks))
	}
	got := fmt.Sprintf("%+v", rep.Summary.Roles)
	want := "[{Role:ctr Nodes:3 Answered:3 Unreachable:0 Functional:3 NonFunctional:0 Sessions:BGP SessionsUp:6 SessionsTotal:6 Interfaces:0 Inactive:0} " +
		"{Role:vr Nodes:2 Answered:2 Unreachable:0 Functional:2 NonFunctional:0 Sessions:XMPP SessionsUp:4 SessionsTotal:4 Interfaces:2 Inactive:0}]"
	if got != want {
		t.Errorf("roles\n got %s\nwant %s", got, want)
	}
	// 3 neighbor lists, NodeStatus and route summary of 3 controls,
	// NodeStatus, XMPP, DNS XMPP and interfaces of 2 agents, the pod
	// table of 3 controls.
	if rep.Summary.Requests != 3+6+8+3 {
		t.Errorf("%d requests, want 20", rep.Summary.Requests)
	}
}

// TestControlStopped: a stopped control node is unreachable (refused),
// and both other control nodes report their BGP session to it down,
// naming it as the cause.
func TestControlStopped(t *testing.T) {
	f := startCluster(t, 162, 163, nil)
	f.healthy()
	if err := f.c.StopNode("control-2"); err != nil {
		t.Fatal(err)
	}
	f.expect(
		want{node: "control-2", check: "node.unreachable", severity: doctor.Error, next: "tf-status -d (on control-2)",
			what: []string{"connection refused"}, cause: "nothing listens"},
		want{node: "control-1", check: "bgp.not-established", severity: doctor.Error, next: "ist --host " + f.host("control-1") + " ctr nei -t BGP control-2",
			what: []string{"control-2"}, cause: "control-2 does not answer introspect"},
		want{node: "control-3", check: "bgp.not-established", severity: doctor.Error, next: "ist --host " + f.host("control-3") + " ctr nei -t BGP control-2",
			what: []string{"control-2"}, cause: "control-2 does not answer introspect"},
	)
}

// TestControlPaused: a hung control node is unreachable with the timeout
// class, and the run stays within discovery plus two timeouts.
func TestControlPaused(t *testing.T) {
	f := startCluster(t, 164, 165, nil)
	f.healthy()
	if err := f.c.PauseNode("control-3"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	f.expect(want{node: "control-3", check: "node.unreachable", severity: doctor.Error, next: "tf-status -d (on control-3)",
		what: []string{"no answer within"}, cause: "hung"})
	rep := f.run()
	if d := rep.Summary.Elapsed; d > 3*testTimeout+time.Second {
		t.Errorf("one run took %s with a hung node (timeout %s; started waiting %s ago)", d, testTimeout, time.Since(start))
	}
}

// TestVRouterStoppedFromHostsFile: a stopped agent is no control node's
// XMPP peer any more; the hosts file brings it back as a node to ask, and
// it is unreachable.
func TestVRouterStoppedFromHostsFile(t *testing.T) {
	f := startCluster(t, 166, 167, nil)
	vr2 := f.top.VRouter("vrouter-2")
	f.writeHosts("# the vRouters of the lab", vr2.Address+" "+f.host("vrouter-2"))
	f.healthy()
	if err := f.c.StopNode("vrouter-2"); err != nil {
		t.Fatal(err)
	}
	f.expectOnly(want{node: vr2.Address, check: "node.unreachable", severity: doctor.Error, next: "tf-status -d (on " + vr2.Address + ")",
		what: []string{"vRouter agent " + vr2.Address, "connection refused"}, cause: "daemon is down"})
}

// TestNodeStatus: a Collector down is a warning, a database down an
// error, both with the daemon's own description; an agent with no control
// node configured (added by the hosts file) is Non-Functional with its
// reason named.
func TestNodeStatus(t *testing.T) {
	f := startCluster(t, 168, 169, nil)
	lonely, err := agent.New(agent.Config{Name: "vrouter-lonely", Address: netip.MustParseAddr("127.0.169.50"),
		IntrospectPort: f.top.Cluster.Ports.AgentIntrospect, Timers: timers.Scaled(0.1)})
	if err != nil {
		t.Fatal(err)
	}
	if err := lonely.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = lonely.Stop() })
	f.healthy()
	f.writeHosts("127.0.169.50 127.0.169.50:" + fmt.Sprint(f.top.Cluster.Ports.AgentIntrospect))
	if err := f.c.SetConnection("control-1", "Collector", "", "Down", ""); err != nil {
		t.Fatal(err)
	}
	if err := f.c.SetConnection("control-2", "Database", "Cassandra", "Down", "Cassandra state detected DOWN."); err != nil {
		t.Fatal(err)
	}
	f.expect(
		want{node: "control-1", check: "nodestatus.connection", severity: doctor.Warning, next: "ist --host " + f.host("control-1") + " ctr status",
			what: []string{"Collector is Down: Connect : EvTcpConnectFail"}, cause: "analytics collector at 127.0.168.1:8086"},
		want{node: "control-2", check: "nodestatus.connection", severity: doctor.Error, next: "ist --host " + f.host("control-2") + " ctr status",
			what: []string{"Database:Cassandra is Down: Cassandra state detected DOWN."}, cause: "database (Cassandra)"},
		want{node: "vrouter-lonely", check: "nodestatus.process", severity: doctor.Error, next: "ist --host 127.0.169.50:8085 vr status",
			what: []string{"contrail-vrouter-agent is Non-Functional: No control-nodes configured"}, cause: "no control node in its configuration"},
	)
}

// TestRequestFailed: a node that answers but not a request (a control
// node's port listed as a vRouter in the hosts file: its agent requests
// get HTTP 404) is a warning with the HTTP class, not an unreachable node.
func TestRequestFailed(t *testing.T) {
	f := startCluster(t, 170, 171, nil)
	f.healthy()
	f.writeHosts("10.99.0.1 " + f.host("control-3") + " vr")
	rep := f.expect(want{node: "control-3", check: "node.request-failed", severity: doctor.Warning,
		next: "ist --host " + f.host("control-3") + " --debug vr xmpp", what: []string{"AgentXmppConnectionStatusReq failed", "HTTP 404"},
		cause: "wrong role or port"})
	for _, fd := range rep.Findings {
		if fd.Check == "node.unreachable" {
			t.Errorf("unexpected %s on %s: %s", fd.Check, fd.Node, fd.What)
		}
	}
}

// TestStartHostUnreachable: doctor fails with the client's class when no
// starting control node answers (exit 3).
func TestStartHostUnreachable(t *testing.T) {
	f := &fixture{t: t, top: topo.Default()}
	cfg := f.config()
	cfg.Hosts = []string{"127.0.172.1:1"}
	_, err := doctor.Run(context.Background(), cfg)
	if client.ExitCode(err) != 3 || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("error %v, exit %d; want connection refused, exit 3", err, client.ExitCode(err))
	}
	cfg.HostsFile = "/nonexistent/hosts"
	if _, err := doctor.Run(context.Background(), cfg); client.ExitCode(err) != 2 {
		t.Errorf("missing hosts file: %v, want exit 2", err)
	}
	cfg.HostsFile = ""
	cfg.Collect.Ports = map[string]int{"nope": 1}
	if _, err := doctor.Run(context.Background(), cfg); client.ExitCode(err) != 2 {
		t.Errorf("unknown role in ports: %v, want exit 2", err)
	}
}
