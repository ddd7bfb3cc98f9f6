package topo

import (
	"fmt"
	"net/netip"
)

// Dual stack and service addresses: a network may have an IPv6 subnet
// (subnet6, gateway6); its pods then get an IPv6 address too (ip6, from
// the top of subnet6 down like IPv4). A pod's service_ips are more
// addresses it answers; several pods may share one (an ECMP service VIP).

// checkNetworks6 validates subnet6 and gives gateway6 its default.
func (t *Topology) checkNetworks6(c *errs) {
	for i := range t.Networks {
		n := &t.Networks[i]
		path := "networks(" + n.Name + ")"
		if n.Subnet6 == "" {
			if n.Gateway6 != "" {
				c.add(path+".gateway6", "a gateway6 needs a subnet6: add subnet6 or remove gateway6")
			}
			continue
		}
		p, err := netip.ParsePrefix(n.Subnet6)
		if err != nil || !p.Addr().Is6() || p.Addr().Is4In6() || p.Bits() > 126 {
			c.add(path+".subnet6", "%q is not an IPv6 prefix of /126 or wider: write e.g. fd00:10::/64", n.Subnet6)
			continue
		}
		p = p.Masked()
		n.Subnet6 = p.String()
		if n.Gateway6 == "" {
			n.Gateway6 = lastUsable6(p).String()
		} else if g, err := netip.ParseAddr(n.Gateway6); err != nil || !p.Contains(g) {
			c.add(path+".gateway6", "%q is not an address inside %s: use one in subnet6 or leave it out", n.Gateway6, p)
		}
	}
}

// lastUsable6 is the highest address of p but one.
func lastUsable6(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().As16()
	for i := p.Bits(); i < 128; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	return netip.AddrFrom16(b).Prev()
}

// expandPods6 gives pods of dual-stack networks their IPv6 address and
// checks service addresses.
func (t *Topology) expandPods6(c *errs) {
	pools := map[string]*addrPool{}
	var auto []int
	for i := range t.Pods {
		p := &t.Pods[i]
		path := t.podPaths[i]
		for j, s := range p.ServiceIPs {
			if a, err := netip.ParseAddr(s); err != nil || a.Zone() != "" {
				c.add(fmt.Sprintf("%s.service_ips[%d]", path, j), "%q is not an IP address: write e.g. 10.96.0.10", s)
			} else {
				p.ServiceIPs[j] = a.String()
			}
		}
		nw := t.Network(p.Network)
		if nw == nil {
			continue
		}
		if nw.Subnet6 == "" {
			if p.IP6 != "" {
				c.add(path+".ip6", "network %s has no subnet6: give it one or remove ip6", nw.Name)
			}
			continue
		}
		pfx, err1 := netip.ParsePrefix(nw.Subnet6)
		gw, err2 := netip.ParseAddr(nw.Gateway6)
		if err1 != nil || err2 != nil {
			continue // reported by checkNetworks6
		}
		pool := pools[nw.FQName]
		if pool == nil {
			pool = newAddrPool(pfx, gw, nw.Name+" gateway6", nw.Name+" IPv6 DNS server")
			pools[nw.FQName] = pool
		}
		if p.IP6 == "" {
			auto = append(auto, i)
			continue
		}
		if a, ok := pool.claimText(c, path+".ip6", p.IP6, nw.Subnet6, nw.Name); ok {
			p.IP6 = a.String()
		}
	}
	for _, i := range auto {
		p := &t.Pods[i]
		nw := t.Network(p.Network)
		if a, ok := pools[nw.FQName].next(c, t.podPaths[i]+".ip6", nw.Subnet6, nw.Name); ok {
			p.IP6 = a.String()
		}
	}
}
