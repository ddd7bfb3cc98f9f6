package personas

import (
	"fmt"
	"net/netip"

	"github.com/tfkit/tfkit/refnode/topo"
	"github.com/tfkit/tfkit/refnode/xmpp"
)

// startDNSXMPP opens contrail-dns's XMPP server when the persona has one
// (Config.XMPPPort): agents keep a session to each of their DNS servers.
// Nothing but keep-alives flows on it (no virtual DNS configuration is
// pushed, no handler), so a session costs two goroutines and a small read
// buffer on each side.
// Called with p.mu held.
func (p *Persona) startDNSXMPP() error {
	if p.cfg.Role != topo.RoleDNS || p.cfg.XMPPPort <= 0 || p.xs != nil {
		return nil
	}
	addr := netip.AddrPortFrom(p.cfg.Address, uint16(p.cfg.XMPPPort)).String()
	xs := xmpp.NewServer(xmpp.ServerConfig{Addr: addr, Name: xmpp.DNSJID, Hold: p.cfg.XMPPHold,
		ReadBuffer: xmpp.KeepaliveReadBuffer})
	if err := xs.Start(); err != nil {
		return fmt.Errorf("%s %s XMPP server (%s): %w", p.kind.module, p.cfg.Host, addr, err)
	}
	p.xs = xs
	return nil
}

// DNSPeers lists the agents with an XMPP session to this DNS server
// (name from their stream header) and each session's state.
func (p *Persona) DNSPeers() map[string]string {
	p.mu.Lock()
	xs := p.xs
	p.mu.Unlock()
	out := map[string]string{}
	if xs == nil {
		return out
	}
	for _, peer := range xs.Peers() {
		out[peer.Name()] = peer.State().String()
	}
	return out
}
