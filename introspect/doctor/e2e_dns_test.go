package doctor_test

import (
	"slices"
	"testing"

	"github.com/tfkit/tfkit/introspect/doctor"
	"github.com/tfkit/tfkit/refnode/agent"
)

// TestDNSSessionsDown: the default cluster (personas on, so every agent
// keeps XMPP sessions to the contrail-dns of its two control nodes) is
// silent, the DNS check included; stopping one node's contrail-dns
// (`refnode ctl stop dns@control-N`) makes every agent that uses it
// report one DNS session down (a warning, nothing else); stopping the
// agent's other DNS server too makes it an error; starting both again
// makes the cluster silent again.
func TestDNSSessionsDown(t *testing.T) {
	f := startCluster(t, 222, 223, nil)
	rep := f.healthy()
	if !slices.Contains(rep.Checks, "xmpp.dns-sessions") {
		t.Fatalf("xmpp.dns-sessions did not run: %v", rep.Checks)
	}
	vr1 := f.c.Node("vrouter-1").(*agent.Agent)
	servers := vr1.DNSServers()
	if len(servers) != 2 {
		t.Fatalf("vrouter-1 DNS servers %v, want 2", servers)
	}
	stopped := servers[0]
	if err := f.c.StopNode("dns@" + stopped); err != nil {
		t.Fatal(err)
	}
	var ws []want
	for _, v := range f.top.VRouters {
		if !slices.Contains(f.c.Node(v.Name).(*agent.Agent).DNSServers(), stopped) {
			continue
		}
		ws = append(ws, want{node: v.Name, check: "xmpp.dns-sessions", severity: doctor.Warning,
			next: "ist --host " + f.host(v.Name) + " vr xmpp-dns", what: []string{"1 of 2 DNS XMPP sessions Established", stopped + " "},
			cause: "contrail-dns on " + stopped + " is stopped"})
	}
	f.expectOnly(ws...)

	if err := f.c.StopNode("dns@" + servers[1]); err != nil {
		t.Fatal(err)
	}
	f.expect(want{node: "vrouter-1", check: "xmpp.dns-sessions", severity: doctor.Error,
		next: "ist --host " + f.host("vrouter-1") + " vr xmpp-dns", what: []string{"0 of 2 DNS XMPP sessions Established"},
		cause: "contrail-dns on " + servers[1] + " is stopped"})
	for _, s := range servers {
		if err := f.c.StartNode("dns@" + s); err != nil {
			t.Fatal(err)
		}
	}
	f.healthy()
}
