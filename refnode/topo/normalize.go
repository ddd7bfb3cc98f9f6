package topo

import (
	"fmt"
	"net/netip"
	"strings"
)

// Defaults for the cluster section.
const (
	DefaultASN     = 64512
	DefaultVersion = "refnode-dev"
	rtBase         = 8000000 // schema transformer: first type-0 route target number
)

// DefaultPorts are the standard Contrail ports.
var DefaultPorts = Ports{BGP: 179, XMPP: 5269, ControlIntrospect: 8083, AgentIntrospect: 8085,
	ControlNodemgr: 8101, VRouterNodemgr: 8102, DNS: 8092, DNSXMPP: 8093}

// DefaultFamilies are the address families provision_bgp.py configures.
var DefaultFamilies = []string{"route-target", "inet-vpn", "e-vpn", "erm-vpn", "inet6-vpn"}

// builtinNetworks exist in every Contrail cluster; their routing instances
// are the familiar rows of `ist ctr route summary`.
var builtinNetworks = []string{"default-virtual-network", "ip-fabric", "__link_local__", "dci-network"}

// normalize fills defaults, expands generate blocks and orchestrators,
// derives ids and checks everything; it reports all problems at once.
func (t *Topology) normalize() error {
	c := &errs{}
	if t.APIVersion == "" {
		t.APIVersion = APIVersion
	} else if t.APIVersion != APIVersion {
		c.add("apiVersion", "%q is not supported: write %s", t.APIVersion, APIVersion)
	}
	t.clusterDefaults(c)
	t.expandControls(c)
	t.checkOmitPeers(c)
	t.expandVRouters(c)
	t.expandNetworks(c)
	t.checkNetworks6(c)
	t.checkPolicies(c)
	t.expandSecurity(c)
	t.expandPods(c)
	t.expandPods6(c)
	t.podPaths = nil
	if c.err() == nil {
		t.expandNetworkServices(c) // names pods and networks: once they are sound
	}
	if err := c.err(); err != nil {
		return err
	}
	t.deriveImports()
	return nil
}

func (t *Topology) clusterDefaults(c *errs) {
	cl := &t.Cluster
	if cl.Name == "" {
		cl.Name = "refnode"
	}
	if cl.ASN == 0 {
		cl.ASN = DefaultASN
	}
	if cl.Version == "" {
		cl.Version = DefaultVersion
	}
	if len(cl.Families) == 0 {
		cl.Families = append([]string(nil), DefaultFamilies...)
	}
	if len(cl.EncapPriority) == 0 {
		cl.EncapPriority = []string{"MPLSoUDP", "MPLSoGRE", "VXLAN"}
	}
	for i, e := range cl.EncapPriority {
		if e != "MPLSoUDP" && e != "MPLSoGRE" && e != "VXLAN" {
			c.add(fmt.Sprintf("cluster.encap_priority[%d]", i), "%q is not an encapsulation: use MPLSoUDP, MPLSoGRE or VXLAN", e)
		}
	}
	if cl.Timers.Scale < 0 {
		c.add("cluster.timers.scale", "%v is negative: use a factor such as 0.1 (fast tests) or 1 (Contrail defaults)", cl.Timers.Scale)
	}
	if cl.Timers.Scale == 0 {
		cl.Timers.Scale = 1
	}
	p := &cl.Ports
	for _, f := range []struct {
		name string
		v    *int
		def  int
	}{{"bgp", &p.BGP, DefaultPorts.BGP}, {"xmpp", &p.XMPP, DefaultPorts.XMPP},
		{"control_introspect", &p.ControlIntrospect, DefaultPorts.ControlIntrospect},
		{"agent_introspect", &p.AgentIntrospect, DefaultPorts.AgentIntrospect},
		{"control_nodemgr", &p.ControlNodemgr, DefaultPorts.ControlNodemgr},
		{"vrouter_nodemgr", &p.VRouterNodemgr, DefaultPorts.VRouterNodemgr},
		{"dns", &p.DNS, DefaultPorts.DNS}, {"dns_xmpp", &p.DNSXMPP, DefaultPorts.DNSXMPP}} {
		if *f.v == 0 {
			*f.v = f.def
		}
		if *f.v < 1 || *f.v > 65535 {
			c.add("cluster.ports."+f.name, "%d is not a TCP port: use 1..65535", *f.v)
		}
	}
}

// nodeSeen remembers names and addresses already used, with the path that
// used them, so that duplicates name both places.
type nodeSeen struct {
	names, addrs map[string]string
}

func (s *nodeSeen) claim(c *errs, path, name, addr string) {
	if name == "" {
		c.add(path+".name", "missing: every node needs a name")
	}
	if _, msg := parseLoopback(addr); msg != "" {
		c.add(path+".address", "%s", msg)
	}
	if s.names == nil {
		s.names, s.addrs = map[string]string{}, map[string]string{}
	}
	if prev, ok := s.names[name]; ok {
		c.add(path+".name", "%q is already used by %s: node names must be unique", name, prev)
	} else {
		s.names[name] = path
	}
	if prev, ok := s.addrs[addr]; ok {
		c.add(path+".address", "%s is already used by %s: give every node its own address", addr, prev)
	} else {
		s.addrs[addr] = path
	}
}

// generateNodes runs a generate block: count names from a %d pattern and
// addresses from address_from, calling add for each.
func generateNodes(c *errs, path string, count int, pattern, from string, add func(name, addr string)) {
	if count < 1 {
		c.add(path+".count", "%d: generate at least 1 node", count)
		return
	}
	if strings.Count(pattern, "%d") != 1 {
		c.add(path+".name", "%q needs exactly one %%d for the node number, e.g. vrouter-%%d", pattern)
		return
	}
	a, msg := parseLoopback(from)
	if msg != "" {
		c.add(path+".address_from", "%s", msg)
		return
	}
	for i := 1; i <= count; i++ {
		add(fmt.Sprintf(pattern, i), a.String())
		next, err := nextAddress(a)
		if err != nil && i < count {
			c.add(path+".count", "%v: start lower or generate fewer nodes", err)
			return
		}
		a = next
	}
}

func (t *Topology) expandControls(c *errs) {
	if len(t.Controls) == 0 {
		c.add("controls", "no control nodes: add at least one, e.g. {name: control-1, address: 127.0.1.1}")
	}
	var out []Control
	seen := &nodeSeen{}
	for i, e := range t.Controls {
		path := fmt.Sprintf("controls[%d]", i)
		add := func(p string, ctl Control) {
			if ctl.RouterID == "" {
				ctl.RouterID = ctl.Address
			} else if _, err := netip.ParseAddr(ctl.RouterID); err != nil {
				c.add(p+".router_id", "%q is not an IPv4 address: leave it out to use the node address", ctl.RouterID)
			}
			seen.claim(c, p, ctl.Name, ctl.Address)
			ctl.Index = len(out) + 1
			ctl.UUID = uuidFor(t.Cluster.Seed, "bgp-router", ctl.Name)
			out = append(out, ctl)
		}
		if g := e.Generate; g != nil {
			if e.Name != "" || e.Address != "" {
				c.add(path, "has both generate and name/address: use one or the other")
			}
			generateNodes(c, path+".generate", g.Count, g.Name, g.AddressFrom, func(name, addr string) {
				add(path+".generate("+name+")", Control{Name: name, Address: addr})
			})
			continue
		}
		add(path, e)
	}
	t.Controls = out
}

func (t *Topology) expandVRouters(c *errs) {
	var out []VRouter
	seen := &nodeSeen{}
	for _, ctl := range t.Controls {
		seen.claim(&errs{}, "controls", ctl.Name, ctl.Address)
	}
	var genPods []Pod
	var genPaths []string
	for i, e := range t.VRouters {
		path := fmt.Sprintf("vrouters[%d]", i)
		add := func(p string, vr VRouter) {
			seen.claim(c, p, vr.Name, vr.Address)
			if vr.Controls.IsZero() {
				vr.Controls = NameList{All: true}
			}
			if vr.Controls.All {
				vr.Controls = NameList{Names: t.ControlNames()}
			}
			for j, n := range vr.Controls.Names {
				if t.Control(n) == nil {
					c.add(fmt.Sprintf("%s.controls[%d]", p, j), "%q is not a control node: use one of %s or `all`", n, strings.Join(t.ControlNames(), ", "))
				}
			}
			vr.Index = len(out) + 1
			vr.UUID = uuidFor(t.Cluster.Seed, "virtual-router", vr.Name)
			out = append(out, vr)
		}
		if g := e.Generate; g != nil {
			if e.Name != "" || e.Address != "" {
				c.add(path, "has both generate and name/address: use one or the other")
			}
			if g.PodsPerVRouter < 0 {
				c.add(path+".generate.pods_per_vrouter", "%d is negative: use 0 or more", g.PodsPerVRouter)
			}
			if g.PodName != "" && strings.Count(g.PodName, "%d") != 1 {
				c.add(path+".generate.pod_name", "%q needs exactly one %%d for the pod number, e.g. web-%%d", g.PodName)
				g.PodsPerVRouter = 0
			}
			if g.PodsPerVRouter > 0 && g.Network == "" {
				c.add(path+".generate.network", "missing: generated pods need a network, e.g. k8s-default-pod-network")
			}
			generateNodes(c, path+".generate", g.Count, g.Name, g.AddressFrom, func(name, addr string) {
				add(path+".generate("+name+")", VRouter{Name: name, Address: addr, Controls: g.Controls})
				pattern := g.PodName
				if pattern == "" {
					pattern = name + "-pod-%d"
				}
				for k := 1; k <= g.PodsPerVRouter; k++ {
					genPods = append(genPods, Pod{Name: fmt.Sprintf(pattern, k), VRouter: name, Network: g.Network})
					genPaths = append(genPaths, path+".generate("+name+").pods")
				}
			})
			continue
		}
		if len(e.Controls.Names) == 0 && !e.Controls.All {
			e.Controls = NameList{All: true}
		}
		add(path, e)
	}
	t.VRouters = out
	t.podPaths = make([]string, 0, len(t.Pods)+len(genPods))
	for i := range t.Pods {
		t.podPaths = append(t.podPaths, fmt.Sprintf("pods[%d]", i))
	}
	t.Pods = append(t.Pods, genPods...)
	t.podPaths = append(t.podPaths, genPaths...)
}

// checkOmitPeers checks that omit_peers names other control nodes.
func (t *Topology) checkOmitPeers(c *errs) {
	for i, ctl := range t.Controls {
		for j, name := range ctl.OmitPeers {
			if t.Control(name) == nil || name == ctl.Name {
				c.add(fmt.Sprintf("controls[%d].omit_peers[%d]", i, j), "%q is not another control node: use one of %s", name, strings.Join(t.ControlNames(), ", "))
			}
		}
	}
}
