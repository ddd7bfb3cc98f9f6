package doctor_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/introspect/doctor"
	"github.com/tfkit/tfkit/refnode/agent"
)

// twoControls pins every vRouter to control-1 and control-2, so that an
// agent cannot fail over to a third one.
func twoControls(s string) string {
	return strings.ReplaceAll(s, "controls: all", "controls: [control-1, control-2]")
}

// TestBGPPartition: a partitioned BGP session is down on both ends.
func TestBGPPartition(t *testing.T) {
	f := startCluster(t, 172, 173, nil)
	f.healthy()
	if err := f.c.Partition("control-1", "control-2"); err != nil {
		t.Fatal(err)
	}
	f.expect(
		want{node: "control-1", check: "bgp.not-established", severity: doctor.Error, next: "ist --host " + f.host("control-1") + " ctr nei -t BGP control-2",
			what: []string{"BGP neighbor control-2 (127.0.172.2) is"}, cause: "does not come up"},
		want{node: "control-2", check: "bgp.not-established", severity: doctor.Error, next: "ist --host " + f.host("control-2") + " ctr nei -t BGP control-1",
			what: []string{"BGP neighbor control-1 (127.0.172.1) is"}, cause: "does not come up"},
	)
}

// TestBGPAsymmetric: control-2's configuration lacks its peering with
// control-1 (topology omit_peers): control-1 lists control-2, which does
// not list control-1.
func TestBGPAsymmetric(t *testing.T) {
	f := startCluster(t, 174, 175, func(s string) string {
		return strings.Replace(s, "{name: control-2, address: 127.0.174.2}", "{name: control-2, address: 127.0.174.2, omit_peers: [control-1]}", 1)
	})
	f.expect(
		want{node: "control-1", check: "bgp.asymmetric", severity: doctor.Error, next: "ist --host " + f.host("control-2") + " ctr nei -t BGP",
			what: []string{"lists control-2 as a BGP neighbor, but control-2 does not list control-1"}, cause: "configuration"},
		want{node: "control-1", check: "bgp.not-established", severity: doctor.Error, next: "ist --host " + f.host("control-1") + " ctr nei -t BGP control-2",
			what: []string{"control-2"}},
	)
}

// TestFlaps: a cut BGP session and a cut XMPP session come back up and
// are reported as recent flaps (warnings: the cluster is up).
func TestFlaps(t *testing.T) {
	f := startCluster(t, 176, 177, nil)
	f.healthy()
	if err := f.c.Cut("control-1", "control-2"); err != nil {
		t.Fatal(err)
	}
	ctl := f.c.Node("vrouter-1").(*agent.Agent).Controls()[0]
	if err := f.c.Cut(ctl, "vrouter-1"); err != nil {
		t.Fatal(err)
	}
	rep := f.expect(
		want{node: "control-1", check: "bgp.flapping", severity: doctor.Warning, next: "ist --host " + f.host("control-1") + " ctr nei -t BGP control-2",
			what: []string{"BGP neighbor control-2 flapped 1 time, last at"}},
		want{node: "vrouter-1", check: "xmpp.flapping", severity: doctor.Warning, next: "ist --host " + f.host("vrouter-1") + " vr xmpp",
			what: []string{"XMPP session to " + ctl + " flapped 1 time"}},
	)
	if !rep.Healthy() {
		t.Errorf("flaps are warnings, got errors:\n%s", list(rep))
	}
}

// TestAgentSessions: an agent pinned to two control nodes and partitioned
// from one keeps one session (warning), from both none (error).
func TestAgentSessions(t *testing.T) {
	f := startCluster(t, 178, 179, twoControls)
	f.healthy()
	if err := f.c.Partition("control-1", "vrouter-1"); err != nil {
		t.Fatal(err)
	}
	next := "ist --host " + f.host("vrouter-1") + " vr xmpp"
	f.expect(want{node: "vrouter-1", check: "xmpp.sessions", severity: doctor.Warning, next: next,
		what: []string{"1 of 2 XMPP sessions Established", "control-2 Established"}, cause: "do not accept it"})
	// With no session left no control node reports the agent: the hosts
	// file brings it in (by its address; NodeStatus gives its name).
	f.writeHosts(f.top.VRouter("vrouter-1").Address + " " + f.host("vrouter-1"))
	if err := f.c.Partition("control-2", "vrouter-1"); err != nil {
		t.Fatal(err)
	}
	f.expect(want{node: "vrouter-1", check: "xmpp.sessions", severity: doctor.Error, next: next,
		what: []string{"0 of 2 XMPP sessions Established"}, cause: "do not accept it"})
}

// TestXMPPUnknownToControl: a control node that lost an agent's session
// while the agent still believes it Established (half-open).
func TestXMPPUnknownToControl(t *testing.T) {
	f := startCluster(t, 180, 181, nil)
	f.healthy()
	ctl := f.c.Node("vrouter-2").(*agent.Agent).Controls()[1]
	if err := f.c.ForgetXMPP(ctl, "vrouter-2"); err != nil {
		t.Fatal(err)
	}
	f.expect(want{node: "vrouter-2", check: "xmpp.unknown-to-control", severity: doctor.Error,
		next: "ist --host " + f.host(ctl) + " ctr nei -t XMPP vrouter-2",
		what: []string{"says its XMPP session to " + ctl, "is Established, " + ctl + " does not list it"}, cause: "half-open"})
}

// spreadTopology is controls control nodes and vrouters vRouters with
// the control lists given by controlsOf(i) (1-based).
func spreadTopology(ctlNet, vrNet, controls, vrouters int, controlsOf func(i int) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "apiVersion: refnode.tfkit/v1\ncluster: {name: spread, seed: 7, timers: {scale: 0.1}, personas: false,\n")
	fmt.Fprintf(&b, "  ports: {bgp: 179, xmpp: 5269, control_introspect: 8083, agent_introspect: 8085}}\ncontrols:\n")
	for i := 1; i <= controls; i++ {
		fmt.Fprintf(&b, "  - {name: control-%d, address: 127.0.%d.%d}\n", i, ctlNet, i)
	}
	b.WriteString("vrouters:\n")
	for i := 1; i <= vrouters; i++ {
		fmt.Fprintf(&b, "  - {name: vrouter-%d, address: 127.0.%d.%d, controls: %s}\n", i, vrNet, i, controlsOf(i))
	}
	return b.String()
}

// TestAgentsUneven: every agent uses control-1 and one other: control-1
// carries far more than its share.
func TestAgentsUneven(t *testing.T) {
	f := startYAML(t, spreadTopology(182, 183, 4, 10, func(i int) string { return fmt.Sprintf("[control-1, control-%d]", 2+i%3) }))
	f.expect(want{node: "control-1", check: "xmpp.uneven", severity: doctor.Warning, next: "ist --host " + f.host("control-1") + " ctr nei -t XMPP",
		what: []string{"carries 10 agents, 2.0× the mean of 5.0 over 4 control nodes"}, cause: "CONTROL_NODES"})
}

// TestControlWithoutAgents: control-3 is partitioned from every agent,
// which all move to the other two: control-3 has none left.
func TestControlWithoutAgents(t *testing.T) {
	f := startYAML(t, spreadTopology(184, 185, 3, 12, func(int) string { return "all" }))
	f.healthy()
	for i := 1; i <= 12; i++ {
		if err := f.c.Partition("control-3", fmt.Sprintf("vrouter-%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	f.expect(want{node: "control-3", check: "xmpp.control-without-agents", severity: doctor.Warning,
		next: "ist --host " + f.host("control-3") + " ctr nei -t XMPP", what: []string{"has no Established XMPP agent; the 3 control nodes carry 8.0 on average"}})
}
