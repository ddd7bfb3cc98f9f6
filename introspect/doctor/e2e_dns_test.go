package doctor_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/introspect/doctor"
	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
	"github.com/tfkit/tfkit/refnode/agent"
)

// agentStatus reads an agent's ProcessStatus over its introspect
// (SandeshUVECacheReq?x=NodeStatus, as tf-status and doctor do).
func agentStatus(t *testing.T, host string) (schema.ProcessStatus, error) {
	t.Helper()
	resp, err := http.Get("http://" + host + "/Snh_SandeshUVECacheReq?x=NodeStatus")
	if err != nil {
		return schema.ProcessStatus{}, err
	}
	defer resp.Body.Close()
	var ns schema.NodeStatus
	err = sandesh.Stream(resp.Body, []string{"NodeStatus"}, func(n *sandesh.Node) error { return sandesh.Unmarshal(n, &ns) })
	if err == nil && len(ns.ProcessStatus) != 1 {
		err = fmt.Errorf("%d process_status", len(ns.ProcessStatus))
	}
	if err != nil {
		return schema.ProcessStatus{}, err
	}
	return ns.ProcessStatus[0], nil
}

// awaitDNSEntry waits until the agent at host lists "dns-server:<ip>"
// with status and description, then checks the process state and
// description.
func awaitDNSEntry(t *testing.T, host, ip, status, desc, procDesc string) {
	t.Helper()
	name := "dns-server:" + ip
	testwait.Until(t, name+" "+status+" "+desc, 30*time.Second, func() error {
		ps, err := agentStatus(t, host)
		if err != nil {
			return err
		}
		for _, ci := range ps.ConnectionInfos {
			if ci.Name != name {
				continue
			}
			if ci.Type != "XMPP" || ci.Status != status || ci.Description == nil || *ci.Description != desc ||
				!slices.Equal(ci.ServerAddrs, []string{ip + ":8093"}) {
				return fmt.Errorf("entry %s %s %v %s %v", ci.Type, ci.Name, ci.ServerAddrs, ci.Status, ci.Description)
			}
			if ps.State != "Functional" || ps.Description == nil || *ps.Description != procDesc {
				return fmt.Errorf("process %s %v, want Functional %q", ps.State, ps.Description, procDesc)
			}
			return nil
		}
		return fmt.Errorf("no %s in %+v", name, ps.ConnectionInfos)
	})
}

// TestDNSSessionsDown: the default cluster (personas on, so every agent
// keeps XMPP sessions to the contrail-dns of its two control nodes) is
// silent, the DNS check included; stopping one node's contrail-dns
// (`refnode ctl stop dns@control-N`) makes every agent that uses it
// report one DNS session down (a warning, nothing else); stopping the
// agent's other DNS server too makes it an error; starting both again
// makes the cluster silent again. Meanwhile the agent's NodeStatus lists
// the DNS server Down (Functional, "XMPP:dns-server:<ip> connection
// down"): no nodestatus.* finding repeats it.
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
	stoppedIP := f.top.Control(stopped).Address
	awaitDNSEntry(t, f.host("vrouter-1"), stoppedIP, "Up", "OpenSent", "")
	if err := f.c.StopNode("dns@" + stopped); err != nil {
		t.Fatal(err)
	}
	// The agent's NodeStatus names the lost DNS server (its last
	// description, after the retries time out, is the failed connect)
	// and stays Functional; doctor reports it once, under the DNS check.
	awaitDNSEntry(t, f.host("vrouter-1"), stoppedIP, "Down", "Connect", "XMPP:dns-server:"+stoppedIP+" connection down")
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
	awaitDNSEntry(t, f.host("vrouter-1"), stoppedIP, "Up", "OpenSent", "")
}
