package control

import (
	"context"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/tfkit/tfkit/refnode/bgp"
	"github.com/tfkit/tfkit/refnode/work"
	"github.com/tfkit/tfkit/refnode/xmpp"
)

// This file joins the RIB to the outside: BGP-learned paths in, XMPP
// publishes in, VPN routes out to GoBGP, table changes out to agents.

// bgpSource is how contrail-control names a BGP peer in ShowRoutePath.source:
// its address, with ":port" only when the port is not 179.
func bgpSource(addr netip.Addr, port int) string {
	if port == 0 || port == DefaultBGPPort {
		return addr.String()
	}
	return netip.AddrPortFrom(addr, uint16(port)).String()
}

func (n *Node) peerPort(addr netip.Addr) int {
	for _, p := range n.cfg.Peers {
		if p.Address == addr {
			return p.Port
		}
	}
	return 0
}

// vnByIndex maps an originvn index back to the VN's fq name.
func (n *Node) vnByIndex(idx int) string {
	for _, v := range n.cfg.Networks {
		if v.VNIndex == idx {
			return v.FQName
		}
	}
	return ""
}

func (n *Node) onBGP(ev bgp.Event) {
	if ev.Kind == bgp.EventPeer {
		n.trace.Add("BgpPeerObjectTrace", "BgpPeerStateChange: "+ev.Peer.Name+" "+ev.Peer.LastState+" -> "+ev.Peer.State)
		return
	}
	r := ev.Route
	key := "b|" + r.Peer.String() + "|" + r.Key()
	now := stamp(ev.At)
	work.Begin(work.Control)
	defer work.End()
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.state == StateStopped {
		return
	}
	var ch []changed
	switch {
	case r.Withdraw:
		ch = n.rib.removePrimary(key, now)
	case r.Target != "":
		a := &attrs{protocol: protoBGP, source: bgpSource(r.Peer, n.peerPort(r.Peer)), nextHop: r.NextHop,
			localPref: 100, peerAS: r.PeerASN, peerRouterID: r.PeerID.String(), localAS: n.cfg.ASN, origin: "igp"}
		ch = n.rib.addPrimary(&primary{key: key, table: rtargetTable, prefix: r.Key(), a: a}, "", "", now)
	default:
		a := &attrs{
			protocol: protoBGP, source: bgpSource(r.Peer, n.peerPort(r.Peer)),
			nextHop: r.NextHop, label: r.Label, localPref: r.LocalPref, med: r.MED,
			communities: r.Communities, peerAS: r.PeerASN, peerRouterID: r.PeerID.String(),
			localAS: n.cfg.ASN, origin: originText(r.Origin), asPath: asPathText(r.ASPath),
		}
		for _, c := range r.Communities {
			if e, ok := strings.CutPrefix(c, "encapsulation:"); ok {
				a.encaps = append(a.encaps, e)
			}
			if v, ok := strings.CutPrefix(c, "originvn:"); ok {
				if _, idx, ok := strings.Cut(v, ":"); ok {
					if i, err := strconv.Atoi(idx); err == nil {
						a.originVN = n.vnByIndex(i)
					}
				}
			}
		}
		p := &primary{key: key, table: vpnTable, prefix: r.Key(), a: a}
		ch = n.rib.addPrimary(p, "", r.Prefix.String(), now)
	}
	n.fanoutLocked(ch)
}

func originText(o uint8) string {
	switch o {
	case 1:
		return "egp"
	case 2:
		return "incomplete"
	}
	return "igp"
}

func asPathText(as []uint32) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = strconv.FormatUint(uint64(a), 10)
	}
	return strings.Join(parts, " ")
}

// medFromLocalPref is contrail-control's MED for an XMPP path without one
// (bgp_xmpp_channel.cc GetMedFromLocalPref).
func medFromLocalPref(lp uint32) uint32 {
	switch lp {
	case 100:
		return 200
	case 200:
		return 100
	}
	return ^uint32(0) - lp
}

// xmppHandler is the Node seen as the XMPP server's handler.
type xmppHandler Node

func (h *xmppHandler) node() *Node { return (*Node)(h) }

func (h *xmppHandler) PeerUp(p *xmpp.ServerPeer) {
	n := h.node()
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.state == StateStopped {
		// Accepted just before the listener closed: a dead process has
		// no sessions.
		go p.Close("server stopped")
		return
	}
	n.trace.Add("XmppTrace", "XmppPeerUp: "+p.Name())
	a := &agent{peer: p, name: p.Name(), subs: map[string]int{}, primary: map[string]bool{}, upAt: stamp(time.Now())}
	for op, old := range n.agents {
		if old.name == a.name && n.faults.isForgotten(op) {
			n.replaceForgottenLocked(old, a)
		}
	}
	n.agents[p] = a
	if len(n.agents) > n.maxXMPP {
		n.maxXMPP = len(n.agents)
	}
}

func (h *xmppHandler) PeerDown(p *xmpp.ServerPeer, reason string) {
	n := h.node()
	work.Begin(work.Control) // route work: see refnode/work
	defer work.End()
	n.mu.Lock()
	defer n.mu.Unlock()
	a := n.agents[p]
	if a == nil {
		return
	}
	delete(n.agents, p)
	n.faults.unforget(p)
	n.unsubscribeLocked(a, "")
	f := n.xmppFlaps[a.name]
	n.xmppFlaps[a.name] = flap{count: f.count + 1, at: stamp(time.Now())}
	n.trace.Add("XmppTrace", "XmppPeerDown: "+a.name+" "+reason)
	if a.eor != nil {
		a.eor.Stop()
	}
	n.dropAgentPathsLocked(a, "")
}

// dropAgentPathsLocked withdraws the agent's paths (in one instance, or all
// when instance is "").
func (n *Node) dropAgentPathsLocked(a *agent, instance string) {
	now := stamp(time.Now())
	var ch []changed
	for key := range a.primary {
		pr := n.rib.primaries[key]
		if pr == nil {
			delete(a.primary, key)
			continue
		}
		if instance != "" && n.rib.tables[pr.table].instance != instance {
			continue
		}
		delete(a.primary, key)
		ch = append(ch, n.rib.removePrimary(key, now)...)
		n.withdrawBGP(pr)
	}
	n.fanoutLocked(ch)
}

func (n *Node) withdrawBGP(pr *primary) {
	for _, pl := range pr.placed {
		if pl.table == vpnTable {
			r := vpnRoute(pl.prefix)
			n.later(func() { _ = n.speaker.DeletePath(context.Background(), r) })
		}
	}
}

// vpnRoute parses "rd-ip:rd-n:prefix" back into a bgp.Route key.
func vpnRoute(s string) bgp.Route {
	i := strings.LastIndexByte(s, ':')
	pfx, _ := netip.ParsePrefix(s[i+1:])
	return bgp.Route{RD: s[:i], Prefix: pfx}
}

func (h *xmppHandler) Subscribe(p *xmpp.ServerPeer, instance string, id int) error {
	n := h.node()
	work.Begin(work.Control) // route work: see refnode/work
	defer work.End()
	n.mu.Lock()
	defer n.mu.Unlock()
	a := n.agents[p]
	if a == nil {
		return nil
	}
	if _, dup := a.subs[instance]; dup {
		return errDuplicate(instance)
	}
	a.subs[instance] = id
	// Initial sync: everything in the instance's inet and inet6 tables.
	n.subscribeLocked(a, instance)
	// End-of-RIB once the subscribes have stopped coming for a moment,
	// after whatever is queued by then (see ribout.go).
	quiet := n.cfg.Timers.AgentEoRQuiet / 5
	if a.eor == nil {
		a.eor = time.AfterFunc(quiet, func() { n.endOfRib(a) })
	} else {
		a.eor.Reset(quiet)
	}
	return nil
}

type errDuplicate string

func (e errDuplicate) Error() string { return "duplicate subscribe for " + string(e) }

type errNotSubscribed string

func (e errNotSubscribed) Error() string { return "unsubscribe without subscribe for " + string(e) }

func (h *xmppHandler) Unsubscribe(p *xmpp.ServerPeer, instance string) error {
	n := h.node()
	work.Begin(work.Control) // route work: see refnode/work
	defer work.End()
	n.mu.Lock()
	defer n.mu.Unlock()
	a := n.agents[p]
	if a == nil {
		return nil
	}
	if _, ok := a.subs[instance]; !ok {
		return errNotSubscribed(instance)
	}
	delete(a.subs, instance)
	n.unsubscribeLocked(a, instance)
	n.dropAgentPathsLocked(a, instance)
	return nil
}

func (h *xmppHandler) Publish(p *xmpp.ServerPeer, instance string, r xmpp.Route) {
	n := h.node()
	work.Begin(work.Control) // route work: see refnode/work
	defer work.End()
	n.mu.Lock()
	defer n.mu.Unlock()
	a := n.agents[p]
	if a == nil {
		return
	}
	id, subscribed := a.subs[instance]
	in := n.rib.instances[instance]
	if !subscribed || in == nil || in.vn == nil || len(r.NextHops) == 0 {
		return // Contrail defers or drops these; refnode agents do not send them
	}
	n.publishLocked(a, in, id, r)
}

// publishLocked installs an agent route as an XMPP primary and exports it.
func (n *Node) publishLocked(a *agent, in *instance, instanceID int, r xmpp.Route) {
	nh := r.NextHops[0]
	proto := protoXMPP
	if r.SubProtocol != "" {
		proto += " (" + r.SubProtocol + ")"
	}
	lp := r.LocalPref
	if lp == 0 {
		lp = 100
	}
	med := r.MED
	if med == 0 {
		med = medFromLocalPref(lp)
	}
	// Only known encapsulations count; a next hop with none is infeasible
	// (BgpPath::NoTunnelEncap), so it is neither best nor advertised.
	var encaps []string
	comms := append([]string(nil), in.exports...)
	for _, e := range nh.Encaps {
		switch e {
		case "gre", "udp", "vxlan":
			comms = append(comms, "encapsulation:"+e)
			encaps = append(encaps, e)
		case "native":
			encaps = append(encaps, e)
		}
	}
	comms = append(comms, "originvn:"+itoa(uint64(n.cfg.ASN))+":"+itoa(uint64(in.vn.VNIndex)))
	at := &attrs{
		protocol: proto, source: a.name, nextHop: nh.Address, label: nh.Label,
		localPref: lp, med: med, communities: comms, encaps: encaps,
		originVN: in.vn.FQName, seqNo: r.SequenceNumber, origin: "igp", xmpp: true,
		infeasible: len(encaps) == 0,
	}
	rd := nh.Address.String() + ":" + itoa(uint64(instanceID))
	key := "x|" + a.name + "|" + in.name + "|" + r.Prefix.String()
	pr := &primary{key: key, table: in.name + "." + familyTable(r.Prefix), prefix: r.Prefix.String(), a: at}
	ch := n.rib.addPrimary(pr, rd+":"+r.Prefix.String(), r.Prefix.String(), stamp(time.Now()))
	a.primary[key] = true
	// The BGP speaker carries l3vpn-ipv4 only: IPv6 routes reach the
	// agents of this control node, not the other control nodes.
	if !at.infeasible && r.Prefix.Addr().Is4() {
		br := bgp.Route{RD: rd, Prefix: r.Prefix, Label: nh.Label, NextHop: nh.Address, LocalPref: lp, MED: med, Communities: comms}
		n.later(func() { _ = n.speaker.AddPath(context.Background(), br) })
	}
	n.fanoutLocked(ch)
}

func (h *xmppHandler) Retract(p *xmpp.ServerPeer, instance string, family xmpp.Family, prefix netip.Prefix) {
	n := h.node()
	work.Begin(work.Control) // route work: see refnode/work
	defer work.End()
	n.mu.Lock()
	defer n.mu.Unlock()
	a := n.agents[p]
	if a == nil {
		return
	}
	key := "x|" + a.name + "|" + instance + "|" + prefix.String()
	pr := n.rib.primaries[key]
	if pr == nil {
		return
	}
	delete(a.primary, key)
	ch := n.rib.removePrimary(key, stamp(time.Now()))
	n.withdrawBGP(pr)
	n.fanoutLocked(ch)
}

func (h *xmppHandler) EndOfRib(p *xmpp.ServerPeer) {}

// encodedItem returns the route's item as agents get it (all ECMP next
// hops), encoded once per route change and reused for every agent, as
// contrail-control caches item text on its out-attributes; and the agent
// that alone contributed the best paths (it does not get its route back).
func (n *Node) encodedItem(rt *route) (xmpp.EncodedItem, string, bool) {
	if rt.enc != nil {
		return rt.enc, rt.encOwner, true
	}
	best := rt.best()
	pfx, err := netip.ParsePrefix(rt.prefix)
	if len(best) == 0 || err != nil {
		return nil, "", false
	}
	fam := xmpp.FamilyInet
	if pfx.Addr().Is6() {
		fam = xmpp.FamilyInet6
	}
	r := xmpp.Route{Family: fam, Prefix: pfx, VirtualNetwork: best[0].a.originVN,
		LocalPref: best[0].a.localPref, MED: best[0].a.med, SequenceNumber: best[0].a.seqNo}
	seen := map[string]bool{}
	owner := ""
	for i, p := range best {
		switch {
		case !p.a.xmpp:
			owner = "\x00" // a BGP path: everyone gets it
		case i == 0:
			owner = p.a.source
		case owner != p.a.source:
			owner = "\x00"
		}
		k := p.a.nextHop.String() + "/" + itoa(uint64(p.a.label))
		if seen[k] {
			continue
		}
		seen[k] = true
		r.NextHops = append(r.NextHops, xmpp.NextHop{Address: p.a.nextHop, Label: p.a.label,
			Encaps: p.a.encaps, VirtualNetwork: p.a.originVN})
	}
	rt.enc, rt.encOwner = xmpp.EncodeItem(r), owner
	return rt.enc, owner, true
}

// familyTable is the VRF table of a prefix's family: "inet.0" or "inet6.0".
func familyTable(p netip.Prefix) string {
	if p.Addr().Is6() {
		return "inet6.0"
	}
	return "inet.0"
}
