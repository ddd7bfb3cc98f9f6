package agent

import (
	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
)

// The services module's requests (services/services.sandesh, ist.py `vr
// service`). refnode's vRouters forward no packets, so every counter is
// zero and every packet trace empty; the shapes and part sequences are the
// agent's (services_sandesh.cc): Snh_<Proto>Info answers <Proto>Stats
// (more) then <Proto>PktSandesh whose type is the packet module's name.

// MetadataProxyPort is the agent's metadata proxy port
// (MetadataProxyVrouterAgentPort, the default of METADATA.metadata_proxy_port).
const MetadataProxyPort = 8097

// The parts of one packet module: its counters, then its packet trace.
func dhcpParts() []any {
	return []any{&schema.DhcpStats{}, &schema.DhcpPktSandesh{Type: "Dhcp", PktList: []schema.DhcpPkt{}}}
}

func dhcpv6Parts() []any {
	return []any{&schema.Dhcpv6Stats{}, &schema.Dhcpv6PktSandesh{Type: "Dhcpv6", PktList: []schema.Dhcpv6Pkt{}}}
}

func arpParts() []any {
	return []any{&schema.ArpStats{}, &schema.ArpPktSandesh{Type: "Arp", PktList: []schema.ArpPkt{}}}
}

func dnsParts() []any {
	return []any{&schema.DnsStats{DNSResolver: []string{}}, &schema.DnsPktSandesh{Type: "Dns", PktList: []schema.DnsPkt{}}}
}

func icmpParts() []any {
	return []any{&schema.IcmpStats{}, &schema.IcmpPktSandesh{Type: "Icmp", PktList: []schema.IcmpPkt{}}}
}

func icmpv6Parts() []any {
	return []any{&schema.Icmpv6Stats{}, &schema.Icmpv6PktSandesh{Type: "Icmpv6", PktList: []schema.Icmpv6Pkt{}}}
}

// otherPkts is the trace of a module without its own statistics.
func otherPkts(module string) any {
	return &schema.PktSandesh{Type: module, PktList: []schema.PktDump{}}
}

func metadataPart() any { return &schema.MetadataResponse{MetadataServerPort: MetadataProxyPort} }

func (a *Agent) registerServices(srv *sandesh.Server) {
	sandesh.Handle(srv, "services", func(r *schema.DhcpInfo) []any { return dhcpParts() })
	sandesh.Handle(srv, "services", func(r *schema.Dhcpv6Info) []any { return dhcpv6Parts() })
	sandesh.Handle(srv, "services", func(r *schema.ArpInfo) []any { return arpParts() })
	sandesh.Handle(srv, "services", func(r *schema.DnsInfo) []any { return dnsParts() })
	sandesh.Handle(srv, "services", func(r *schema.IcmpInfo) []any { return icmpParts() })
	sandesh.Handle(srv, "services", func(r *schema.Icmpv6Info) []any { return icmpv6Parts() })
	sandesh.Handle(srv, "services", func(r *schema.MetadataInfo) []any { return []any{metadataPart()} })
	sandesh.Handle(srv, "services", func(r *schema.ShowAllInfo) []any {
		// ShowAllInfo::HandleRequest: packet totals, then DHCP, ARP, DNS,
		// ICMP, the Flow/Diagnostics/Invalid/MacLearning traces, metadata.
		ps := []any{&schema.PktStats{}}
		ps = append(ps, dhcpParts()...)
		ps = append(ps, arpParts()...)
		ps = append(ps, dnsParts()...)
		ps = append(ps, icmpParts()...)
		for _, m := range []string{"Flow", "Diagnostics", "Invalid", "MacLearning"} {
			ps = append(ps, otherPkts(m))
		}
		return append(ps, metadataPart())
	})
	sandesh.Handle(srv, "services", func(r *schema.InterfaceArpStatsReq) []any {
		return []any{&schema.InterfaceArpStatsResponse{StatsList: []schema.InterfaceArpStats{}}}
	})
	sandesh.Handle(srv, "services", func(r *schema.InterfaceIcmpv6StatsReq) []any { return a.icmpv6ItfStatsReq(r.InterfaceIndex) })
	sandesh.Handle(srv, "services", func(r *schema.ShowArpCache) []any {
		return []any{&schema.ArpCacheResp{ARPList: []schema.ArpSandeshData{}}}
	})
	sandesh.Handle(srv, "services", func(r *schema.ShowGratuitousArpCache) []any {
		return []any{&schema.ArpCacheResp{ARPList: []schema.ArpSandeshData{}}}
	})
	sandesh.Handle(srv, "services", func(r *schema.VmVdnsListReq) []any { return a.vmVdnsListReq() })
	sandesh.Handle(srv, "services", func(r *schema.VmVdnsDataReq) []any { return a.vmVdnsDataReq(r.VMInterfaceIndex) })
}

// icmpv6ItfStatsReq lists the ICMPv6 counters the agent keeps for every
// VM interface from its creation (Icmpv6Proto::InterfaceNotify), all zero
// here; index -1 = every interface. The ARP module, by contrast, only
// tracks interfaces once they saw ARP, so InterfaceArpStatsReq is empty.
func (a *Agent) icmpv6ItfStatsReq(index int32) []any {
	a.mu.Lock()
	defer a.mu.Unlock()
	rows := []schema.InterfaceIcmpv6Stats{}
	for _, it := range a.t.itfs {
		if it.cfg != nil && (index < 0 || index == it.index) {
			rows = append(rows, schema.InterfaceIcmpv6Stats{InterfaceIndex: uint32(it.index)})
		}
	}
	return []any{&schema.InterfaceIcmpv6StatsResponse{StatsList: rows}}
}

// vmVdnsDataReq lists the IPv4 address of one VM interface with its
// virtual DNS ("" as refnode IPAMs have none); empty for other indexes.
func (a *Agent) vmVdnsDataReq(index uint32) []any {
	a.mu.Lock()
	defer a.mu.Unlock()
	rows := []schema.VmVdnsDataEntry{}
	for _, it := range a.t.itfs {
		if it.cfg != nil && uint32(it.index) == index && it.cfg.IP.Is4() {
			rows = append(rows, schema.VmVdnsDataEntry{IP: it.cfg.IP.String()})
		}
	}
	return []any{&schema.VmVdnsDataResponse{Rlist: rows}}
}

// vmVdnsListReq lists the VM interfaces the DNS module tracks: every VM
// interface, by name and interface index.
func (a *Agent) vmVdnsListReq() []any {
	a.mu.Lock()
	defer a.mu.Unlock()
	rows := []schema.VmVdnsListEntry{}
	for _, it := range a.t.itfs {
		if it.cfg != nil {
			rows = append(rows, schema.VmVdnsListEntry{Name: it.name, VMInterfaceIndex: uint32(it.index)})
		}
	}
	return []any{&schema.VmVdnsListResponse{Rlist: rows}}
}
