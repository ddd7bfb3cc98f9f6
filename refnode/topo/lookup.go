package topo

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tfkit/tfkit/refnode/timers"
)

// Control returns the named control node, or nil.
func (t *Topology) Control(name string) *Control {
	for i := range t.Controls {
		if t.Controls[i].Name == name {
			return &t.Controls[i]
		}
	}
	return nil
}

// VRouter returns the named vRouter, or nil.
func (t *Topology) VRouter(name string) *VRouter {
	for i := range t.VRouters {
		if t.VRouters[i].Name == name {
			return &t.VRouters[i]
		}
	}
	return nil
}

// Network returns a network by short name or fq_name, or nil.
func (t *Topology) Network(ref string) *Network {
	n, _ := t.lookupNetwork(ref)
	return n
}

// ControlNames lists the control node names in order.
func (t *Topology) ControlNames() []string {
	out := make([]string, len(t.Controls))
	for i, c := range t.Controls {
		out[i] = c.Name
	}
	return out
}

// PodsOn lists the pods hosted by one vRouter.
func (t *Topology) PodsOn(vrouter string) []Pod {
	var out []Pod
	for _, p := range t.Pods {
		if p.VRouter == vrouter {
			out = append(out, p)
		}
	}
	return out
}

// RoutingInstance is the name of the network's routing instance
// (<domain>:<project>:<vn>:<vn>).
func (n *Network) RoutingInstance() string { return n.FQName + ":" + n.Name }

// Project is the <domain>:<project> part of the fq_name.
func (n *Network) Project() string {
	i := strings.LastIndex(n.FQName, ":")
	return n.FQName[:i]
}

// Timers are the protocol timers in force: the Contrail defaults scaled by
// cluster.timers.scale (or by scale when it is > 0, e.g. from --scale),
// then the explicit values of the timers section.
func (t *Topology) Timers(scale float64) timers.Timers {
	if scale <= 0 {
		scale = t.Cluster.Timers.Scale
	}
	tm := timers.Scaled(scale)
	s := t.Cluster.Timers
	set := func(dst *time.Duration, v time.Duration) {
		if v > 0 {
			*dst = v
		}
	}
	set(&tm.XMPPHold, s.XMPPHold)
	set(&tm.XMPPKeepalive, s.XMPPKeepalive)
	set(&tm.BGPHold, s.BGPHold)
	set(&tm.BGPKeepalive, s.BGPKeepalive)
	return tm
}

// PersonasEnabled says whether the stand-in daemons run too.
func (t *Topology) PersonasEnabled() bool { return t.Cluster.Personas == nil || *t.Cluster.Personas }

// Roles a process can run (`refnode run --role`).
const (
	RoleControl        = "control"
	RoleVRouter        = "vrouter"
	RoleControlNodemgr = "control-nodemgr"
	RoleVRouterNodemgr = "vrouter-nodemgr"
	RoleDNS            = "dns"
	RoleNamed          = "named"
)

// Roles lists every role in display order.
var Roles = []string{RoleControl, RoleVRouter, RoleControlNodemgr, RoleVRouterNodemgr, RoleDNS, RoleNamed}

// Port is one listening port of a service.
type Port struct {
	Name string // bgp, xmpp, introspect
	Port int
}

// Service is one daemon of the cluster: a role on a node (the node's name
// and address), with the ports it listens on. Personas share the address
// of the node they belong to.
type Service struct {
	Role    string
	Node    string // control or vRouter name
	Address string
	Ports   []Port
}

// PortList prints the ports as "bgp 179, xmpp 5269, introspect 8083".
func (s Service) PortList() string {
	var parts []string
	for _, p := range s.Ports {
		parts = append(parts, fmt.Sprintf("%s %d", p.Name, p.Port))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ", ")
}

// Port returns the port with the given name, or 0.
func (s Service) Port(name string) int {
	for _, p := range s.Ports {
		if p.Name == name {
			return p.Port
		}
	}
	return 0
}

// Services lists every daemon of the cluster: controls, vRouters, then the
// personas when enabled.
func (t *Topology) Services() []Service {
	p := t.Cluster.Ports
	var out []Service
	for _, c := range t.Controls {
		out = append(out, Service{RoleControl, c.Name, c.Address, []Port{{"bgp", p.BGP}, {"xmpp", p.XMPP}, {"introspect", p.ControlIntrospect}}})
	}
	for _, v := range t.VRouters {
		out = append(out, Service{RoleVRouter, v.Name, v.Address, []Port{{"introspect", p.AgentIntrospect}}})
	}
	if !t.PersonasEnabled() {
		return out
	}
	for _, c := range t.Controls {
		out = append(out,
			Service{RoleControlNodemgr, c.Name, c.Address, []Port{{"introspect", p.ControlNodemgr}}},
			Service{RoleDNS, c.Name, c.Address, []Port{{"introspect", p.DNS}, {"xmpp", p.DNSXMPP}}},
			Service{RoleNamed, c.Name, c.Address, nil})
	}
	for _, v := range t.VRouters {
		out = append(out, Service{RoleVRouterNodemgr, v.Name, v.Address, []Port{{"introspect", p.VRouterNodemgr}}})
	}
	return out
}

// Service finds the service of a role on a node; the error says what to do.
func (t *Topology) Service(role, node string) (Service, error) {
	known := false
	for _, r := range Roles {
		known = known || r == role
	}
	if !known {
		return Service{}, fmt.Errorf("unknown role %q: use one of %s", role, strings.Join(Roles, ", "))
	}
	for _, s := range t.Services() {
		if s.Role == role && s.Node == node {
			return s, nil
		}
	}
	return Service{}, fmt.Errorf("no %s named %q in the topology: check `refnode topology print`", role, node)
}

// Connected lists the networks a policy connects to the named one, in
// topology order.
func (t *Topology) Connected(network string) []*Network {
	var out []*Network
	for i := range t.Networks {
		n := &t.Networks[i]
		if n.Name != network && t.sharePolicy(network, n.Name) {
			out = append(out, n)
		}
	}
	return out
}

// PoliciesOf lists the fq names of the policies attached to a network.
func (t *Topology) PoliciesOf(network string) []string {
	var out []string
	for _, p := range t.Policies {
		if slices.Contains(p.Networks, network) {
			out = append(out, p.FQName)
		}
	}
	return out
}

func (t *Topology) sharePolicy(a, b string) bool {
	for _, p := range t.Policies {
		if slices.Contains(p.Networks, a) && slices.Contains(p.Networks, b) {
			return true
		}
	}
	return false
}
