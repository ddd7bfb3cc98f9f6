package cluster

import (
	"net/netip"
	"slices"

	"github.com/tfkit/tfkit/refnode/agent"
	"github.com/tfkit/tfkit/refnode/control"
)

// ControlConfig maps a control node of the topology to control.Config:
// the other control nodes as its full iBGP mesh and every network as a
// routing instance (route targets and policy connections).
func ControlConfig(s Service) control.Config {
	t := s.Topo
	me := t.Control(s.Node)
	p := t.Cluster.Ports
	cfg := control.Config{
		Name:           me.Name,
		Address:        netip.MustParseAddr(me.Address),
		RouterID:       netip.MustParseAddr(me.RouterID),
		ASN:            t.Cluster.ASN,
		BGPPort:        p.BGP,
		XMPPPort:       p.XMPP,
		IntrospectPort: p.ControlIntrospect,
		Timers:         s.Timers,
		Version:        t.Cluster.Version,
		Services:       controlServices(t),
		ClockOffset:    me.ClockOffset,
	}
	if me.ASN != 0 {
		cfg.ASN = me.ASN
	}
	for _, o := range t.Controls {
		if o.Name == me.Name || slices.Contains(me.OmitPeers, o.Name) {
			continue
		}
		cfg.Peers = append(cfg.Peers, control.Peer{Name: o.Name, Address: netip.MustParseAddr(o.Address),
			RouterID: netip.MustParseAddr(o.RouterID), ASN: t.Cluster.ASN, Port: p.BGP})
	}
	for _, n := range t.Networks {
		cn := control.Network{FQName: n.FQName, VNIndex: n.VNIndex, ExportTargets: n.RouteTargets,
			Policies: t.PoliciesOf(n.Name)}
		for _, o := range t.Connected(n.Name) {
			cn.Connect = append(cn.Connect, o.FQName)
		}
		if n.Subnet != "" {
			cn.Subnet = netip.MustParsePrefix(n.Subnet)
		}
		cfg.Networks = append(cfg.Networks, cn)
	}
	return cfg
}

// AgentConfig maps a vRouter of the topology to agent.Config: its
// configured control list (and the same nodes as its DNS servers when
// the personas run), every network as a VRF and its pods as interfaces.
func AgentConfig(s Service) agent.Config {
	t := s.Topo
	me := t.VRouter(s.Node)
	cfg := agent.Config{
		Name:           me.Name,
		Address:        netip.MustParseAddr(me.Address),
		UUID:           me.UUID,
		IntrospectPort: t.Cluster.Ports.AgentIntrospect,
		Timers:         s.Timers,
		Seed:           t.Cluster.Seed*1000003 + int64(me.Index),
		EncapPriority:  t.Cluster.EncapPriority,
		Version:        t.Cluster.Version,
	}
	cfg.LinkLocalServices, cfg.Services = agentServices(t, me.Name)
	for _, name := range me.Controls.Names {
		c := t.Control(name)
		cfg.Controls = append(cfg.Controls, agent.Control{Name: c.Name, Address: netip.MustParseAddr(c.Address), Port: t.Cluster.Ports.XMPP})
		// DNS_SERVERS lists the same nodes: their contrail-dns, which
		// runs only with the personas.
		if t.PersonasEnabled() {
			cfg.DNSServers = append(cfg.DNSServers, agent.Control{Name: c.Name, Address: netip.MustParseAddr(c.Address), Port: t.Cluster.Ports.DNSXMPP})
		}
	}
	for _, n := range t.Networks {
		an := agent.Network{FQName: n.FQName, UUID: n.UUID, VNIndex: n.VNIndex,
			Layer2: n.ForwardingMode != "l3", Layer3: n.ForwardingMode != "l2"}
		if n.Subnet != "" {
			an.Subnets = []netip.Prefix{netip.MustParsePrefix(n.Subnet)}
			an.Gateway = netip.MustParseAddr(n.Gateway)
		}
		an.Policy = agentACL(t.ACLOf(n.Name))
		cfg.Networks = append(cfg.Networks, an)
	}
	cfg.SecurityGroups = agentSGs(t)
	for _, p := range t.PodsOn(me.Name) {
		n := t.Network(p.Network)
		itf := agent.Interface{Name: p.Interface, UUID: p.VMIUUID,
			VMName: p.Name, VMUUID: p.UUID, Network: n.FQName, IP: netip.MustParseAddr(p.IP), MAC: p.MAC,
			LocalPref: uint32(p.LocalPref)}
		podSecurity(t, &p, &itf)
		cfg.Interfaces = append(cfg.Interfaces, itf)
	}
	return cfg
}
