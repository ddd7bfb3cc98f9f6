package personas

import (
	"context"
	"net/netip"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/refnode/topo"
	"github.com/tfkit/tfkit/refnode/xmpp"
)

// TestDNSXMPPServer: contrail-dns accepts an agent's XMPP session as
// network-dns@contrailsystems.com and lists it; paused, it goes silent
// and the agent's hold timer ends the session (resumed, it comes back);
// stopped, the agent sees the connection go and reconnects once it is
// started again. A persona of another role, or without XMPPPort, opens
// no XMPP server.
func TestDNSXMPPServer(t *testing.T) {
	addr := netip.MustParseAddr("127.0.77.5")
	p := start(t, Config{Role: topo.RoleDNS, Host: "control-1", Address: addr, Port: 8092,
		XMPPPort: xmpp.DefaultDNSPort, XMPPHold: 300 * time.Millisecond})
	c := xmpp.NewClient(xmpp.ClientConfig{Name: "vrouter-1", LocalAddr: netip.MustParseAddr("127.0.77.6"),
		ServerAddr: netip.AddrPortFrom(addr, xmpp.DefaultDNSPort), ServerJID: xmpp.DNSJID, Hold: 300 * time.Millisecond,
		BackoffUnit: 10 * time.Millisecond, BackoffCap: 50 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c.Start(ctx)
	defer c.Stop()
	state := func(want xmpp.State, not bool) {
		t.Helper()
		testwait.For(t, "client state "+want.String(), 10*time.Second, func() bool { return (c.State() == want) != not })
	}
	state(xmpp.Established, false)
	if st := c.Stats(); st.PeerName != xmpp.DNSJID {
		t.Errorf("peer name %q, want %s", st.PeerName, xmpp.DNSJID)
	}
	testwait.For(t, "the server lists vrouter-1", 5*time.Second, func() bool { return p.DNSPeers()["vrouter-1"] == "Established" })

	p.Pause()
	state(xmpp.Established, true)
	if c.Stats().FlapCount != 1 {
		t.Errorf("flaps %d after a pause, want 1", c.Stats().FlapCount)
	}
	p.Resume()
	state(xmpp.Established, false)

	if err := p.Stop(); err != nil {
		t.Fatal(err)
	}
	state(xmpp.Established, true)
	if len(p.DNSPeers()) != 0 {
		t.Errorf("stopped server lists %v", p.DNSPeers())
	}
	if err := p.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	state(xmpp.Established, false)
	if c.Stats().FlapCount < 2 {
		t.Errorf("flaps %d after pause and stop, want at least 2", c.Stats().FlapCount)
	}

	nodemgr := start(t, Config{Role: topo.RoleControlNodemgr, Host: "control-2", Address: netip.MustParseAddr("127.0.77.7"), Port: 8101,
		XMPPPort: 18093, Watch: func() string { return "running" }})
	dnsNoXMPP := start(t, Config{Role: topo.RoleDNS, Host: "control-2", Address: netip.MustParseAddr("127.0.77.7"), Port: 8092})
	if nodemgr.xs != nil || dnsNoXMPP.xs != nil {
		t.Error("an XMPP server without Role dns and XMPPPort")
	}
}
