package agent

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/tfkit/tfkit/introspect/schema"
	"github.com/tfkit/tfkit/refnode/xmpp"
)

// DefaultDNSXMPPPort is contrail-dns's XMPP port (ContrailPorts::DnsXmpp).
const DefaultDNSXMPPPort = xmpp.DefaultDNSPort

// dnsChannel is one DNS server channel (AgentDnsXmppChannel): an XMPP
// session to contrail-dns that carries only keep-alives in refnode (the
// real one carries virtual-DNS updates the agent's DNS proxy uses), so it
// holds no route state and costs the session's two goroutines and a
// small read buffer.
type dnsChannel struct {
	a      *Agent
	srv    Control
	client *xmpp.Client
	conn   xmppConn // its NodeStatus entry
}

// serverAddr is the DNS server's XMPP address.
func (d *dnsChannel) serverAddr() netip.AddrPort {
	return netip.AddrPortFrom(d.srv.Address, uint16(d.srv.Port))
}

// startDNSLocked opens the DNS channels: the first MaxXMPPServers of the
// configured DNS servers after the same seeded shuffle as the control
// list (a topology that lists the same nodes for both gets the same
// pair). A DNS channel that times out keeps retrying its server: DNS
// servers are not rotated.
func (a *Agent) startDNSLocked() {
	for _, s := range shuffledControls(a.cfg.DNSServers, a.cfg.Seed, a.cfg.Name) {
		if len(a.dns) >= MaxXMPPServers {
			return
		}
		d := &dnsChannel{a: a, srv: s} // its entry: Down "Idle" (created)
		tm := a.cfg.Timers
		d.client = xmpp.NewClient(xmpp.ClientConfig{
			Name: a.cfg.Name, LocalAddr: a.cfg.Address, ServerAddr: d.serverAddr(),
			ServerName: s.Name, ServerJID: xmpp.DNSJID, Hold: tm.XMPPHold, BackoffCap: tm.XMPPBackoff, BackoffUnit: tm.XMPPBackoff / 30,
			Handler: d, ReadBuffer: xmpp.KeepaliveReadBuffer,
		})
		if a.paused {
			d.client.Pause()
		}
		if a.dnsBlocked[s.Name] {
			d.client.Block(true)
		}
		d.client.Start(a.ctx)
		a.dns = append(a.dns, d)
	}
}

// dnsNow is a snapshot of the DNS channels.
func (a *Agent) dnsNow() []*dnsChannel {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]*dnsChannel(nil), a.dns...)
}

// DNSServers returns the names of the DNS servers the agent's DNS
// channels use, in slot order.
func (a *Agent) DNSServers() []string {
	var out []string
	for _, d := range a.dnsNow() {
		out = append(out, d.srv.Name)
	}
	return out
}

// dnsChannelLocked finds the channel to a DNS server by node name.
func (a *Agent) dnsChannelLocked(server string) (*dnsChannel, error) {
	for _, d := range a.dns {
		if d.srv.Name == server {
			return d, nil
		}
	}
	var names []string
	for _, d := range a.dns {
		names = append(names, d.srv.Name)
	}
	return nil, fmt.Errorf("agent %s: no DNS channel to %q (DNS channels: %s)", a.cfg.Name, server, strings.Join(names, ", "))
}

// CutDNS closes the session to one DNS server; it re-connects at once
// (one flap).
func (a *Agent) CutDNS(server string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	d, err := a.dnsChannelLocked(server)
	if err != nil {
		return err
	}
	d.client.Cut()
	return nil
}

// BlockDNS partitions the agent from one DNS server (blocked=true): the
// session is cut and re-connects fail until BlockDNS(server, false).
func (a *Agent) BlockDNS(server string, blocked bool) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	d, err := a.dnsChannelLocked(server)
	if err != nil {
		return err
	}
	if blocked {
		a.dnsBlocked[server] = true
	} else {
		delete(a.dnsBlocked, server)
	}
	d.client.Block(blocked)
	return nil
}

// dnsStatusReq answers AgentDnsXmppConnectionStatusReq from the channels'
// sessions.
func (a *Agent) dnsStatusReq() []any {
	resp := &schema.AgentDnsXmppConnectionStatus{Peer: []schema.AgentXmppDnsData{}}
	for _, d := range a.dnsNow() {
		st := d.client.Stats()
		peerName := st.PeerName
		if peerName == "" {
			peerName = xmpp.DNSJID
		}
		resp.Peer = append(resp.Peer, schema.AgentXmppDnsData{
			DNSControllerIP: d.srv.Address.String(), State: st.State.String(), PeerName: peerName,
			PeerAddress: d.serverAddr().String(),
			LastState:   st.LastState.String(), LastEvent: st.LastEvent, LastStateAt: ptime(st.LastStateAt),
			FlapCount: st.FlapCount, FlapTime: ptime(st.FlapTime),
			RxProtoStats: protoStats(st.Rx), TxProtoStats: protoStats(st.Tx), XmppAuthType: "NIL",
		})
	}
	return []any{resp}
}

// --- xmpp.ClientHandler: nothing is exchanged but keep-alives; each
// event rewrites the channel's NodeStatus entry ---

func (d *dnsChannel) Established(c *xmpp.Client) {
	d.conn.note(c, true)
	d.a.trace.add("DNS server " + d.srv.Address.String() + " (" + d.srv.Name + ") Established")
}

func (d *dnsChannel) Down(c *xmpp.Client, reason string) {
	d.conn.note(c, false)
	d.a.trace.add("DNS server " + d.srv.Address.String() + " (" + d.srv.Name + ") down: " + reason)
}

func (d *dnsChannel) TimedOut(c *xmpp.Client) { d.conn.note(c, false) }

func (d *dnsChannel) Update(*xmpp.Client, string, xmpp.Family, []xmpp.Route, []netip.Prefix) {}

func (d *dnsChannel) EndOfRib(*xmpp.Client) {}
