package topo

import (
	"fmt"
	"net"
	"net/netip"
)

// expandPods resolves each pod's vRouter and network, gives it an address
// (from the top of the subnet down, as Contrail's IPAM hands them out,
// skipping the gateway and the DNS address below it), UUIDs, MAC and tap
// name.
func (t *Topology) expandPods(c *errs) {
	names := map[string]string{}
	taken := map[string]map[netip.Addr]string{} // network fq_name → address → path
	cursor := map[string]netip.Addr{}           // next candidate per network
	var auto []int
	for i := range t.Pods {
		p := &t.Pods[i]
		path := t.podPaths[i]
		if p.Name == "" {
			c.add(path+".name", "missing: every pod needs a name")
		}
		if p.Kind == "" {
			p.Kind = "pod"
		}
		if p.Kind != "pod" && p.Kind != "vm" {
			c.add(path+".kind", "%q is not a workload kind: use pod or vm", p.Kind)
		}
		if p.Namespace == "" && p.Kind == "pod" {
			p.Namespace = "default"
		}
		if prev, ok := names[p.Name]; ok {
			c.add(path+".name", "%q is already used by %s: pod names must be unique", p.Name, prev)
		}
		names[p.Name] = path
		if t.VRouter(p.VRouter) == nil {
			c.add(path+".vrouter", "%q is not a vRouter of this topology: use one of the vrouters[].name", p.VRouter)
		}
		switch p.LocalPref {
		case 0:
			p.LocalPref = 100
		case 100, 200:
		default:
			c.add(path+".local_pref", "%d: the agent publishes 100 (LOW) or 200 (HIGH)", p.LocalPref)
		}
		key := p.Namespace + "/" + p.Name
		p.UUID = uuidFor(t.Cluster.Seed, "virtual-machine", key)
		p.VMIUUID = uuidFor(t.Cluster.Seed, "virtual-machine-interface", key)
		p.Interface = tapName(p.VMIUUID)
		if p.MAC == "" {
			p.MAC = macFor(p.VMIUUID)
		} else if hw, err := net.ParseMAC(p.MAC); err != nil || len(hw) != 6 {
			c.add(path+".mac", "%q is not a MAC address: write e.g. 02:aa:bb:cc:dd:ee or leave it out", p.MAC)
		}
		nw, msg := t.lookupNetwork(p.Network)
		if nw == nil {
			c.add(path+".network", "%s", msg)
			continue
		}
		p.Network = nw.Name
		if nw.Subnet == "" {
			c.add(path+".network", "network %s has no subnet: give it one so pods get addresses", nw.Name)
			continue
		}
		pfx := netip.MustParsePrefix(nw.Subnet)
		gw := netip.MustParseAddr(nw.Gateway)
		if taken[nw.FQName] == nil {
			taken[nw.FQName] = map[netip.Addr]string{gw: nw.Name + " gateway", gw.Prev(): nw.Name + " DNS server"}
			cursor[nw.FQName] = gw.Prev().Prev()
		}
		if p.IP == "" {
			auto = append(auto, i)
			continue
		}
		a, err := netip.ParseAddr(p.IP)
		if err != nil || !pfx.Contains(a) {
			c.add(path+".ip", "%q is not an address in %s (%s): use one inside the subnet or leave it out", p.IP, nw.Subnet, nw.Name)
			continue
		}
		if prev, ok := taken[nw.FQName][a]; ok {
			c.add(path+".ip", "%s is already used by %s: give each pod its own address", a, prev)
			continue
		}
		taken[nw.FQName][a] = path
	}
	// Automatic addresses after the explicit ones, so they never collide.
	for _, i := range auto {
		p := &t.Pods[i]
		nw := t.Network(p.Network)
		pfx := netip.MustParsePrefix(nw.Subnet)
		a := cursor[nw.FQName]
		for taken[nw.FQName][a] != "" {
			a = a.Prev()
		}
		if !pfx.Contains(a) || a == pfx.Addr() {
			c.add(t.podPaths[i]+".ip", "no free address left in %s (%s): use a wider subnet or fewer pods", nw.Subnet, nw.Name)
			continue
		}
		p.IP = a.String()
		taken[nw.FQName][a] = t.podPaths[i]
		cursor[nw.FQName] = a.Prev()
	}
}

// Pod address as a prefix helper for consumers.
func (p *Pod) Addr() netip.Addr { return netip.MustParseAddr(p.IP) }

// String names the pod for messages.
func (p *Pod) String() string { return fmt.Sprintf("%s/%s", p.Namespace, p.Name) }
