package agent

import (
	"context"
	"fmt"
	"net/netip"
	"testing"
	"time"

	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
	"github.com/tfkit/tfkit/refnode/personas"
	"github.com/tfkit/tfkit/refnode/topo"
	"github.com/tfkit/tfkit/refnode/xmpp"
)

// startDNS runs a contrail-dns persona with its XMPP server on addr.
func startDNS(t testing.TB, name, addr string) (*personas.Persona, Control) {
	t.Helper()
	p, err := personas.New(personas.Config{Role: topo.RoleDNS, Host: name, Address: netip.MustParseAddr(addr), Port: 18092,
		XMPPPort: DefaultDNSXMPPPort, XMPPHold: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Stop() })
	return p, Control{Name: name, Address: netip.MustParseAddr(addr)}
}

// dnsRows reads AgentDnsXmppConnectionStatus over HTTP, by DNS server IP.
func dnsRows(t *testing.T, a *Agent) map[string]schema.AgentXmppDnsData {
	t.Helper()
	var resp schema.AgentDnsXmppConnectionStatus
	if err := sandesh.Unmarshal(get(t, a, "/Snh_AgentDnsXmppConnectionStatusReq"), &resp); err != nil {
		t.Fatal(err)
	}
	out := map[string]schema.AgentXmppDnsData{}
	for _, r := range resp.Peer {
		out[r.DNSControllerIP] = r
	}
	return out
}

// waitDNS waits until the row of ip is in state (or not, when not is set).
func waitDNS(t *testing.T, a *Agent, ip, state string, not bool) schema.AgentXmppDnsData {
	t.Helper()
	var row schema.AgentXmppDnsData
	waitFor(t, fmt.Sprintf("DNS session to %s state %s (not=%v)", ip, state, not), func() bool {
		row = dnsRows(t, a)[ip]
		return (row.State == state) != not
	})
	return row
}

// TestDNSSessionsFollowTheServers: the agent keeps a session to each of
// its first two DNS servers (a third is not used); stopping one server
// takes its row out of Established with a flap, starting it brings it
// back, and a cut counts one more flap.
func TestDNSSessionsFollowTheServers(t *testing.T) {
	srv := map[string]*personas.Persona{}
	ip := map[string]string{}
	var servers []Control
	for i := 1; i <= 3; i++ {
		name, addr := fmt.Sprintf("control-%d", i), fmt.Sprintf("127.0.3.%d", 80+i)
		p, c := startDNS(t, name, addr)
		srv[name], ip[name] = p, addr
		servers = append(servers, c)
	}
	cfg := testConfig("vrouter-dns", "127.0.3.91", nil)
	cfg.DNSServers = servers
	a := startAgent(t, cfg)
	used := a.DNSServers()
	if len(used) != 2 {
		t.Fatalf("DNS channels %v, want 2 of the 3 servers", used)
	}
	for _, s := range used {
		row := waitDNS(t, a, ip[s], "Established", false)
		if row.PeerName != xmpp.DNSJID || row.PeerAddress != ip[s]+":8093" || row.FlapCount != 0 || row.FlapTime != "" ||
			row.XmppAuthType != "NIL" || row.RxProtoStats.Open != 1 || row.TxProtoStats.Open != 1 {
			t.Errorf("row %+v", row)
		}
		if st := srv[s].DNSPeers()["vrouter-dns"]; st != "Established" {
			t.Errorf("%s's DNS server sees vrouter-dns %q, want Established (peers %v)", s, st, srv[s].DNSPeers())
		}
	}
	if len(dnsRows(t, a)) != 2 {
		t.Errorf("rows %v, want 2", dnsRows(t, a))
	}
	stopped, other := used[0], used[1]
	if err := srv[stopped].Stop(); err != nil {
		t.Fatal(err)
	}
	down := waitDNS(t, a, ip[stopped], "Established", true)
	if down.State != "Active" && down.State != "Connect" {
		t.Errorf("stopped server: state %q, want Active or Connect", down.State)
	}
	waitFor(t, "flap counted", func() bool { return dnsRows(t, a)[ip[stopped]].FlapCount == 1 })
	if r := dnsRows(t, a)[ip[stopped]]; r.FlapTime == "" || r.LastState == "" {
		t.Errorf("flap not shown: %+v", r)
	}
	if r := dnsRows(t, a)[ip[other]]; r.State != "Established" || r.FlapCount != 0 {
		t.Errorf("the other server's session moved: %+v", r)
	}
	if err := srv[stopped].Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if r := waitDNS(t, a, ip[stopped], "Established", false); r.FlapCount != 1 {
		t.Errorf("after restart: %+v", r)
	}
	if err := a.CutDNS(other); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "cut counted", func() bool {
		r := dnsRows(t, a)[ip[other]]
		return r.FlapCount == 1 && r.State == "Established"
	})
	unused := "control-1"
	for n := range srv {
		if n != stopped && n != other {
			unused = n
		}
	}
	if err := a.CutDNS(unused); err == nil {
		t.Error("cut of a DNS server not in use: no error")
	}
}

// TestDNSBlockAndNoServers: a blocked DNS server's session stays down
// until healed; an agent configured with no DNS server answers an empty
// list.
func TestDNSBlockAndNoServers(t *testing.T) {
	_, c1 := startDNS(t, "control-1", "127.0.3.84")
	cfg := testConfig("vrouter-dnsb", "127.0.3.92", nil)
	cfg.DNSServers = []Control{c1}
	a := startAgent(t, cfg)
	waitDNS(t, a, "127.0.3.84", "Established", false)
	if err := a.BlockDNS("control-1", true); err != nil {
		t.Fatal(err)
	}
	waitDNS(t, a, "127.0.3.84", "Established", true)
	if err := a.BlockDNS("control-1", false); err != nil {
		t.Fatal(err)
	}
	waitDNS(t, a, "127.0.3.84", "Established", false)

	b := startAgent(t, testConfig("vrouter-nodns", "127.0.3.93", nil))
	if rows := dnsRows(t, b); len(rows) != 0 {
		t.Errorf("no DNS servers configured, rows %v", rows)
	}
}
