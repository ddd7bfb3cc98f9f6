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
	pools := map[string]*addrPool{} // by network fq_name
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
		pool := pools[nw.FQName]
		if pool == nil {
			pool = newAddrPool(netip.MustParsePrefix(nw.Subnet), netip.MustParseAddr(nw.Gateway), nw.Name+" gateway", nw.Name+" DNS server")
			pools[nw.FQName] = pool
		}
		if p.IP == "" {
			auto = append(auto, i)
			continue
		}
		if a, ok := pool.claimText(c, path+".ip", p.IP, nw.Subnet, nw.Name); ok {
			p.IP = a.String()
		}
	}
	// Automatic addresses after the explicit ones, so they never collide.
	for _, i := range auto {
		p := &t.Pods[i]
		nw := t.Network(p.Network)
		if a, ok := pools[nw.FQName].next(c, t.podPaths[i]+".ip", nw.Subnet, nw.Name); ok {
			p.IP = a.String()
		}
	}
}

// addrPool gives the addresses of one subnet to pods: the ones they name,
// then free ones from the top down (as Contrail's IPAM hands them out),
// never the gateway nor the DNS address below it.
type addrPool struct {
	pfx    netip.Prefix
	taken  map[netip.Addr]string // address → key path (or role) of its user
	cursor netip.Addr            // next candidate
}

func newAddrPool(pfx netip.Prefix, gw netip.Addr, gwRole, dnsRole string) *addrPool {
	return &addrPool{pfx: pfx, taken: map[netip.Addr]string{gw: gwRole, gw.Prev(): dnsRole}, cursor: gw.Prev().Prev()}
}

// claimText takes the address text s for the pod at path (an error names
// the key and what to do).
func (p *addrPool) claimText(c *errs, path, s, subnet, network string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil || !p.pfx.Contains(a) {
		c.add(path, "%q is not an address in %s (%s): use one inside the subnet or leave it out", s, subnet, network)
		return a, false
	}
	if prev, ok := p.taken[a]; ok {
		c.add(path, "%s is already used by %s: give each pod its own address", a, prev)
		return a, false
	}
	p.taken[a] = path
	return a, true
}

// next takes the highest free address for the pod at path.
func (p *addrPool) next(c *errs, path, subnet, network string) (netip.Addr, bool) {
	a := p.cursor
	for p.taken[a] != "" {
		a = a.Prev()
	}
	if !p.pfx.Contains(a) || a == p.pfx.Addr() {
		c.add(path, "no free address left in %s (%s): use a wider subnet or fewer pods", subnet, network)
		return a, false
	}
	p.taken[a] = path
	p.cursor = a.Prev()
	return a, true
}

// Pod address as a prefix helper for consumers.
func (p *Pod) Addr() netip.Addr { return netip.MustParseAddr(p.IP) }

// String names the pod for messages.
func (p *Pod) String() string { return fmt.Sprintf("%s/%s", p.Namespace, p.Name) }
