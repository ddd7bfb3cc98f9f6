package cluster

import (
	"net/netip"

	"github.com/tfkit/tfkit/refnode/agent"
	"github.com/tfkit/tfkit/refnode/topo"
)

// Security groups, network policies and a pod's extra addresses, mapped
// from the topology to the agent configuration (AgentConfig).

// agentSGs maps every security group of the topology; a group without
// rules passes everything both ways (and both families).
func agentSGs(t *topo.Topology) []agent.SecurityGroup {
	var out []agent.SecurityGroup
	for _, sg := range t.SecurityGroups {
		a := agent.SecurityGroup{Name: sg.FQName, UUID: sg.UUID, ID: sg.ID,
			Ingress: agent.ACL{UUID: sg.IngressACL, Name: "ingress-access-control-list"},
			Egress:  agent.ACL{UUID: sg.EgressACL, Name: "egress-access-control-list"}}
		rules := sg.Rules
		if len(rules) == 0 {
			rules = []topo.SGRule{{Direction: "ingress", UUID: stableUUID("security-group-rule", sg.FQName+"/default-ingress")},
				{Direction: "egress", UUID: stableUUID("security-group-rule", sg.FQName+"/default-egress")}}
		}
		for _, r := range rules {
			proto, _ := topo.ParseProtocol(r.Protocol)
			lo, hi, _ := topo.ParsePorts(r.Ports)
			ar := agent.Rule{UUID: r.UUID, Action: r.Action, Protocol: proto, DstPorts: agent.PortRange{Min: lo, Max: hi}}
			if r.Remote != "" {
				ar.Remote = netip.MustParsePrefix(r.Remote)
			}
			if r.Direction == "ingress" {
				a.Ingress.Rules = append(a.Ingress.Rules, ar)
			} else {
				a.Egress.Rules = append(a.Egress.Rules, ar)
			}
		}
		out = append(out, a)
	}
	return out
}

// agentACL maps a network's ACL (nil: no policy).
func agentACL(acl *topo.NetworkACL) *agent.ACL {
	if acl == nil {
		return nil
	}
	a := &agent.ACL{UUID: acl.UUID, Name: acl.Name}
	for _, r := range acl.Rules {
		a.Rules = append(a.Rules, agent.Rule{UUID: r.UUID, Action: r.Action, Protocol: r.Protocol, SrcVN: r.SrcVN, DstVN: r.DstVN,
			DstPorts: agent.PortRange{Min: r.PortMin, Max: r.PortMax}})
	}
	return a
}

// podSecurity fills a pod interface's IPv6 and service addresses and its
// security groups.
func podSecurity(t *topo.Topology, p *topo.Pod, itf *agent.Interface) {
	if p.IP6 != "" {
		itf.IP6 = netip.MustParseAddr(p.IP6)
	}
	for _, s := range p.ServiceIPs {
		itf.ServiceIPs = append(itf.ServiceIPs, netip.MustParseAddr(s))
	}
	for _, name := range p.SecurityGroups {
		itf.SecurityGroups = append(itf.SecurityGroups, t.SecurityGroup(name).UUID)
	}
}
