package agent

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
	"github.com/tfkit/tfkit/refnode/procinfo"
	"github.com/tfkit/tfkit/refnode/xmpp"
)

// register adds every request the agent introspect serves (ist.py `vr …`
// and the common ones) to srv, by .sandesh module.
func (a *Agent) register(srv *sandesh.Server) {
	sandesh.Handle(srv, "agent", func(r *schema.ItfReq) []any {
		return a.itfReq([]string{r.Name, r.Type, r.UUID, r.VN, r.MAC, r.IPv4Address, r.IPv6Address, r.ParentUUID, r.IPActive, r.IP6Active, r.L2Active})
	})
	sandesh.Handle(srv, "agent", func(r *schema.VrfListReq) []any { return firstPage(a.vrfListing(r.Name)) })
	sandesh.Handle(srv, "agent", func(r *schema.VnListReq) []any { return firstPage(a.vnListing(r.Name, r.UUID)) })
	sandesh.Handle(srv, "agent", func(r *schema.Inet4UcRouteReq) []any {
		return a.ucRouteReq(r.VrfIndex, r.SrcIP, r.PrefixLen, r.Stale, false)
	})
	sandesh.Handle(srv, "agent", func(r *schema.Inet6UcRouteReq) []any {
		return a.ucRouteReq(r.VrfIndex, r.SrcIP, r.PrefixLen, r.Stale, true)
	})
	sandesh.Handle(srv, "agent", func(r *schema.Layer2RouteReq) []any { return a.l2RouteReq(r.VrfIndex, r.MAC, ".l2.route.0", l2Layer2) })
	sandesh.Handle(srv, "agent", func(r *schema.BridgeRouteReq) []any { return a.l2RouteReq(r.VrfIndex, r.MAC, ".l2.route.0", l2Bridge) })
	sandesh.Handle(srv, "agent", func(r *schema.EvpnRouteReq) []any { return a.l2RouteReq(r.VrfIndex, r.MAC, ".evpn.route.0", l2Evpn) })
	sandesh.Handle(srv, "agent", func(r *schema.NhListReq) []any { return firstPage(a.nhListing(r.Type, r.NhIndex, r.PolicyEnabled)) })
	sandesh.Handle(srv, "agent", func(r *schema.MplsReq) []any { return firstPage(a.mplsListing(r.Type, r.Label)) })
	sandesh.Handle(srv, "agent", func(r *schema.VmListReq) []any { return firstPage(a.vmListing(r.UUID)) })
	sandesh.Handle(srv, "agent", func(r *schema.PageReq) []any { return a.pageReq(r.Key) })
	sandesh.Handle(srv, "agent", func(r *schema.VxLanReq) []any { return firstPage(a.vxlanListing(r.VxlanID)) })
	sandesh.Handle(srv, "controller", func(r *schema.AgentDnsXmppConnectionStatusReq) []any { return a.dnsStatusReq() })
	sandesh.Handle(srv, "sandesh_trace", func(r *schema.SandeshTraceBufferListRequest) []any { return a.traceListReq() })
	sandesh.Handle(srv, "sandesh_trace", func(r *schema.SandeshTraceRequest) []any { return a.traceReq(r.BufName, r.Count) })
	sandesh.Handle(srv, "stats", func(r *schema.AgentStatsReq) []any { return a.statsReq() })
	sandesh.Handle(srv, "kstate", func(r *schema.KInterfaceReq) []any { return a.kInterfaceReq(int64(r.IfID)) })
	sandesh.Handle(srv, "controller", func(r *schema.AgentXmppConnectionStatusReq) []any { return a.xmppStatusReq() })
	sandesh.Handle(srv, "sandesh_uve", func(r *schema.SandeshUVECacheReq) []any { return a.uveCacheReq(r.Tname, r.Key) })
	sandesh.Handle(srv, "sandesh_uve", func(r *schema.SandeshUVETypesReq) []any {
		return []any{&schema.SandeshUVETypesResp{TypeInfo: []schema.SandeshUVETypeInfo{
			{TypeName: "NodeStatus", SeqNum: 1, Dsconf: map[string]string{}}}}}
	})
	sandesh.Handle(srv, "cpuinfo", func(r *schema.CpuLoadInfoReq) []any { return a.cpuLoadReq() })
	a.registerOper(srv)
	a.registerServices(srv)
	a.registerIFMap(srv)
	a.registerDatapath(srv)
}

// arg returns the i-th positional argument or "".
func arg(args []string, i int) string {
	if i < len(args) {
		return args[i]
	}
	return ""
}

func errorResp(text string) []any { return []any{&schema.ErrorResp{Resp: text}} }

// ptime is Boost's ptime text, as the agent writes times.
func ptime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-Jan-02 15:04:05.000000")
}

// --- interfaces ---

var itfFilterKeys = []string{"ip-active", "ip6-active", "ipv4", "ipv6", "l2-active", "mac", "name", "parent", "type", "uuid", "vn"}

func (a *Agent) itfReq(args []string) []any {
	f := map[string]string{"name": arg(args, 0), "type": arg(args, 1), "uuid": arg(args, 2), "vn": arg(args, 3),
		"mac": arg(args, 4), "ipv4": arg(args, 5), "ipv6": arg(args, 6), "parent": arg(args, 7),
		"ip-active": arg(args, 8), "ip6-active": arg(args, 9), "l2-active": arg(args, 10)}
	return firstPage(a.itfListing(f))
}

func (a *Agent) itfListing(f map[string]string) listing {
	a.mu.Lock()
	defer a.mu.Unlock()
	var rows []schema.ItfSandeshData
	for _, it := range a.t.itfs {
		d := a.itfData(it)
		if !match(f["name"], d.Name, true) || !match(f["type"], d.Type, true) || !match(f["uuid"], d.UUID, true) ||
			!match(f["vn"], d.VnName, false) || !match(f["mac"], d.MACAddr, true) || !match(f["ipv4"], d.IPAddr, true) {
			continue
		}
		rows = append(rows, d)
	}
	var filters []filter
	for _, k := range itfFilterKeys {
		filters = append(filters, filter{k, f[k]})
	}
	return listing{table: "db.interface.0", filters: filters, size: len(a.t.itfs), n: len(rows),
		part: func(lo, hi int) any { return &schema.ItfResp{ItfList: slices.Clip(rows[lo:hi])} }}
}

// match: empty filter matches all; exact or substring.
func match(filter, value string, exact bool) bool {
	if filter == "" {
		return true
	}
	if exact {
		return filter == value
	}
	return strings.Contains(value, filter)
}

var zeroUUID = "00000000-0000-0000-0000-000000000000"

func (a *Agent) itfData(it *iface) schema.ItfSandeshData {
	d := schema.ItfSandeshData{
		Index: it.index, Name: it.name, UUID: zeroUUID, VrfName: it.vrf, Active: "Active", IPv4Active: "Active",
		L2Active: "L2 Active", IP6Active: "Ipv6 Inactive", DHCPService: "Enable", DHCPServiceV6: "Disable", DNSService: "Enable",
		Type: it.typ, Label: it.label, L2Label: -1, VxlanID: 0, OsIfindex: it.osIndex, FabricPort: "NotFabricPort",
		AllocLinklocalIP: "LL-Disable", AdminState: "Enabled", FlowKeyIdx: -1, TxVlanID: -1, RxVlanID: -1, Transport: "Ethernet",
		Policy:  "Disable",
		FipList: []schema.FloatingIpSandeshList{}, ServiceVlanList: []schema.ServiceVlanSandeshList{}, SgUUIDList: []schema.VmIntfSgUuid{},
		StaticRouteList: []schema.StaticRouteSandesh{}, FixedIP4List: []string{}, FixedIP6List: []string{}, FatFlowList: []string{},
		AliasIPList: []schema.AliasIpSandeshList{}, BridgeDomainList: []schema.VmIntfBridgeDomainUuid{}, VmiTagList: []schema.VmiTagData{},
		PolicySetACLList: []string{}, SloList: []schema.SecurityLoggingObjectLink{}, PolicySetFwaasList: []string{},
		BondInterfaceList: []schema.BondInterface{}, MacIPList: []schema.LearntMacIpSandeshList{},
	}
	switch it.typ {
	case "eth":
		d.FabricPort = "FabricPort"
		d.DHCPService, d.DNSService = "Disable", "Disable"
	case "vhost":
		d.IPAddr = a.cfg.Address.String()
		d.DHCPService, d.DNSService = "Disable", "Disable"
	case "pkt":
		d.DHCPService, d.DNSService = "Disable", "Disable"
	}
	if c := it.cfg; c != nil {
		if c.UUID != "" {
			d.UUID = c.UUID
		}
		d.VnName, d.VMUUID, d.VMName = c.Network, c.VMUUID, c.VMName
		d.IPAddr, d.MACAddr = c.IP.String(), c.MAC
		d.FixedIP4List = []string{c.IP.String()}
		if c.IP.Is6() {
			d.IP6Active = "Active"
		}
		if c.IP6.IsValid() {
			d.IP6Addr, d.IP6Active = c.IP6.String(), "Active"
			d.FixedIP6List = []string{c.IP6.String()}
		}
		for _, u := range c.SecurityGroups {
			d.SgUUIDList = append(d.SgUUIDList, schema.VmIntfSgUuid{SgUUID: u})
		}
		d.Policy = "Enable"
		d.MdataIPAddr = fmt.Sprintf("169.254.%d.%d", (it.index>>8)&0xff, it.index&0xff)
		d.AllocLinklocalIP = "LL-Enable"
		d.ConfigName = c.UUID
		d.VMProjectUUID = c.Project
		d.LocalPreference = int32(localPref(c))
		d.VmiType = "Virtual Machine"
		if it.nh != nil {
			d.FlowKeyIdx = it.nh.index
		}
		if v := a.t.vrfByName[it.vrf]; v != nil {
			d.VxlanID = int32(v.vxlan)
		}
		if it.inactive != nil {
			applyInactive(&d, it.inactive)
		}
	}
	return d
}

// --- VRFs and VNs ---

func (a *Agent) vrfListing(name string) listing {
	a.mu.Lock()
	defer a.mu.Unlock()
	var rows []schema.VrfSandeshData
	for _, v := range a.t.vrfs {
		if !match(name, v.name, false) {
			continue
		}
		source := "Config"
		if v.id <= 1 {
			source = "Local"
		}
		rows = append(rows, schema.VrfSandeshData{Name: v.name, UcIndex: v.id, McIndex: v.id, L2Index: v.id, Source: source,
			Uc6Index: v.id, VN: v.vn, TableLabel: -1, VxlanID: int32(v.vxlan), EvpnIndex: v.id, BrIndex: v.id, MplsIndex: v.id,
			RD: fmt.Sprintf("%s:%d", a.cfg.Address, v.id), MacAgingTime: 300})
	}
	return listing{table: "db.vrf.0", filters: []filter{{"name", name}}, size: len(a.t.vrfs), n: len(rows),
		part: func(lo, hi int) any { return &schema.VrfListResp{VrfList: slices.Clip(rows[lo:hi])} }}
}

func (a *Agent) vnListing(name, uuid string) listing {
	var rows []schema.VnSandeshData
	for i := range a.cfg.Networks {
		n := &a.cfg.Networks[i]
		if !match(name, n.FQName, false) || !match(uuid, n.UUID, true) {
			continue
		}
		ipam := n.IPAMName
		if ipam == "" {
			ipam = "default-domain:default-project:default-network-ipam"
		}
		data := []schema.VnIpamData{}
		for _, s := range n.Subnets {
			gw := ""
			if n.Gateway.IsValid() && s.Contains(n.Gateway) {
				gw = n.Gateway.String()
			}
			data = append(data, schema.VnIpamData{IPPrefix: s.Addr().String(), PrefixLen: int32(s.Bits()), Gateway: gw,
				IpamName: ipam, DHCPEnable: "true", DNSServer: gw, DHCPEnableV6: "false"})
		}
		l2, l3 := n.Layer2, n.Layer3
		if !l2 && !l3 {
			l2, l3 = true, true
		}
		vx := n.VXLANID
		if vx == 0 {
			vx = n.VNIndex
		}
		vrfName := VRFName(n.FQName)
		hostRoutes := []schema.VnIpamHostRoutes{}
		if len(n.Subnets) > 0 {
			hostRoutes = append(hostRoutes, schema.VnIpamHostRoutes{IpamName: ipam, HostRoutes: []string{}})
		}
		rows = append(rows, schema.VnSandeshData{Name: n.FQName, UUID: n.UUID, VrfName: vrfName, IpamData: data,
			IpamHostRoutes: hostRoutes, Layer2Forwarding: l2, IPv4Forwarding: l3, AdminState: true,
			VxlanID: int32(vx), VnID: int32(n.VNIndex), EnableRpf: true, Bridging: l2,
			SloList: []schema.SecurityLoggingObjectLink{}, MpList: []schema.MulticastPolicyLink{}})
	}
	return listing{table: "db.vn.0", filters: []filter{{"name", name}, {"uuid", uuid}}, size: len(a.cfg.Networks), n: len(rows),
		part: func(lo, hi int) any { return &schema.VnListResp{VnList: slices.Clip(rows[lo:hi])} }}
}

// --- routes ---

// ucRouteReq answers Inet4/6UcRouteReq. With stale set only stale paths
// count; refnode keeps none (no graceful restart), so the list is empty.
func (a *Agent) ucRouteReq(id int32, src string, plen16 uint16, stale, v6 bool) []any {
	a.mu.Lock()
	if id < 0 || int(id) >= len(a.t.vrfs) {
		a.mu.Unlock()
		return errorResp(schema.DefaultErrorText)
	}
	v := a.t.vrfs[id]
	a.mu.Unlock()
	var only netip.Prefix
	if src != "" {
		addr, err := netip.ParseAddr(src)
		if err != nil {
			return errorResp(schema.DefaultErrorText)
		}
		plen := int(plen16)
		if plen == 0 {
			plen = addr.BitLen()
		}
		only, err = addr.Prefix(plen)
		if err != nil {
			return errorResp(schema.DefaultErrorText)
		}
	}
	suffix := ".uc.route.0"
	if v6 {
		suffix = ".uc.route6.0"
	}
	return firstPage(a.ucListing(v, v6, only, stale, v.name+suffix))
}

func (a *Agent) ucListing(v *vrf, v6 bool, only netip.Prefix, staleOnly bool, table string) listing {
	a.mu.Lock()
	defer a.mu.Unlock()
	var rows []schema.RouteUcSandeshData
	size := 0
	for _, r := range v.sortedRoutes() {
		if r.prefix.Addr().Is6() != v6 {
			continue
		}
		size++
		if staleOnly || (only.IsValid() && r.prefix != only) {
			continue
		}
		d := schema.RouteUcSandeshData{SrcIP: r.prefix.Addr().String(), SrcPlen: int32(r.prefix.Bits()), SrcVrf: v.name}
		for i := range r.paths {
			d.PathList = append(d.PathList, a.pathData(v, &r.paths[i]))
		}
		if r.paths[0].peer == PeerLocalVmPort {
			d.IntfRouteType = "interface"
		}
		rows = append(rows, d)
	}
	return listing{table: table, filters: []filter{{"name", ""}}, size: size, n: len(rows), part: func(lo, hi int) any {
		if v6 {
			return &schema.Inet6UcRouteResp{RouteList: slices.Clip(rows[lo:hi])}
		}
		return &schema.Inet4UcRouteResp{RouteList: slices.Clip(rows[lo:hi])}
	}}
}

func (a *Agent) pathData(v *vrf, p *path) schema.PathSandeshData {
	label := p.label
	active := "MPLSoGRE"
	switch p.nh.kind {
	case nhTunnel:
		active = p.nh.tunnelType()
	case nhComposite:
		active = p.nh.members[0].tunnelType()
	}
	d := schema.PathSandeshData{
		NH: a.nhData(p.nh), Label: label, Peer: p.peer, DestVnList: p.destVN, Unresolved: "false",
		SupportedTunnelType: p.tunnelTypes, ActiveTunnelType: active,
		PathPreferenceData: &schema.PathPreferenceSandeshData{Sequence: int32(p.seq), Preference: int32(p.pref)},
		ActiveLabel:        &label, VMName: p.vmName,
	}
	if d.DestVnList == nil {
		d.DestVnList = []string{}
	}
	if len(p.sgs) > 0 {
		d.SgList = p.sgs
	}
	return d
}

func (a *Agent) nhData(nh *nextHop) schema.NhSandeshData {
	d := schema.NhSandeshData{Type: nhTypeNames[nh.kind], RefCount: nh.refs, Valid: "true", Policy: "disabled", NhIndex: nh.index}
	if nh.policy {
		d.Policy = "enabled"
	}
	switch nh.kind {
	case nhInterface:
		d.Itf, d.Vrf = nh.itf.name, nh.vrfName()
		d.MAC = []string{nh.itf.cfg.MAC}
	case nhReceive:
		d.Itf, d.Vrf = nh.itf.name, nh.vrfName()
	case nhTunnel:
		d.Sip, d.Dip, d.Vrf, d.TunnelType = nh.sip().String(), nh.dip.String(), nh.vrfName(), nh.tunnelType()
	case nhL2Receive, nhVrf:
		d.Vrf = nh.vrfName()
	case nhComposite:
		d.Vrf = nh.vrfName()
		d.McList = []schema.McastData{}
		for i, m := range nh.members {
			d.McList = append(d.McList, schema.McastData{Type: "Tunnel", Sip: m.sip().String(), Dip: m.dip.String(), Label: nh.labels[i]})
		}
	}
	return d
}

type l2Kind int

const (
	l2Layer2 l2Kind = iota
	l2Bridge
	l2Evpn
)

// l2RouteReq answers with the local interfaces' MAC routes (LocalVmPort);
// remote L2/EVPN routes are not exchanged by refnode.
func (a *Agent) l2RouteReq(id int32, mac string, suffix string, kind l2Kind) []any {
	a.mu.Lock()
	defer a.mu.Unlock()
	if id < 0 || int(id) >= len(a.t.vrfs) {
		return errorResp(schema.DefaultErrorText)
	}
	v := a.t.vrfs[id]
	var l2 []schema.RouteL2SandeshData
	var evpn []schema.RouteEvpnSandeshData
	for _, it := range a.t.itfs {
		if it.cfg == nil || it.vrf != v.name || !match(mac, it.cfg.MAC, true) {
			continue
		}
		label := it.label
		p := schema.PathSandeshData{NH: a.nhData(it.nh), Label: label, Peer: PeerLocalVmPort, DestVnList: []string{it.cfg.Network},
			Unresolved: "false", SupportedTunnelType: "MPLSoGRE MPLSoUDP VXLAN", ActiveTunnelType: "MPLSoGRE",
			PathPreferenceData: &schema.PathPreferenceSandeshData{Preference: int32(localPref(it.cfg))}, ActiveLabel: &label,
			VxlanID: int32(v.vxlan)}
		if kind == l2Evpn {
			evpn = append(evpn, schema.RouteEvpnSandeshData{MAC: it.cfg.MAC, SrcVrf: v.name, IPAddr: it.cfg.IP.String(), PathList: []schema.PathSandeshData{p}})
		} else {
			l2 = append(l2, schema.RouteL2SandeshData{MAC: it.cfg.MAC, SrcVrf: v.name, PathList: []schema.PathSandeshData{p}})
		}
	}
	n := len(l2) + len(evpn)
	return firstPage(listing{table: v.name + suffix, filters: []filter{{"name", ""}}, size: n, n: n, part: func(lo, hi int) any {
		switch kind {
		case l2Evpn:
			return &schema.EvpnRouteResp{RouteList: slices.Clip(evpn[lo:hi])}
		case l2Bridge:
			return &schema.BridgeRouteResp{RouteList: slices.Clip(l2[lo:hi])}
		}
		return &schema.Layer2RouteResp{RouteList: slices.Clip(l2[lo:hi])}
	}})
}

// --- next hops, labels, VMs ---

func (a *Agent) nhListing(typ, index, policy string) listing {
	a.mu.Lock()
	defer a.mu.Unlock()
	var rows []schema.NhSandeshData
	size := 0
	for _, nh := range a.t.nhs {
		if nh == nil {
			continue
		}
		size++
		d := a.nhData(nh)
		if !match(typ, d.Type, true) || !match(index, strconv.Itoa(int(d.NhIndex)), true) || !match(policy, d.Policy, true) {
			continue
		}
		rows = append(rows, d)
	}
	return listing{table: "db.nexthop.0", filters: []filter{{"nh_index", index}, {"policy_enabled", policy}, {"type", typ}}, size: size, n: len(rows),
		part: func(lo, hi int) any { return &schema.NhListResp{NhList: slices.Clip(rows[lo:hi])} }}
}

func (a *Agent) mplsListing(typ, label string) listing {
	a.mu.Lock()
	defer a.mu.Unlock()
	labels := make([]int32, 0, len(a.t.labels))
	for l := range a.t.labels {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	var rows []schema.MplsSandeshData
	for _, l := range labels {
		d := schema.MplsSandeshData{Label: l, Type: "Interface", NH: a.nhData(a.t.labels[l])}
		if !match(typ, d.Type, true) || !match(label, strconv.Itoa(int(l)), true) {
			continue
		}
		rows = append(rows, d)
	}
	return listing{table: "db.mpls.0", filters: []filter{{"label", label}, {"type", typ}}, size: len(labels), n: len(rows),
		part: func(lo, hi int) any { return &schema.MplsResp{MplsList: slices.Clip(rows[lo:hi])} }}
}

func (a *Agent) vmListing(uuid string) listing {
	a.mu.Lock()
	defer a.mu.Unlock()
	seen := map[string]bool{}
	var rows []schema.VmSandeshData
	for _, it := range a.t.itfs {
		c := it.cfg
		if c == nil || c.VMUUID == "" || seen[c.VMUUID] {
			continue
		}
		seen[c.VMUUID] = true
		if match(uuid, c.VMUUID, true) {
			rows = append(rows, schema.VmSandeshData{UUID: c.VMUUID})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].UUID < rows[j].UUID })
	return listing{table: "db.vm.0", filters: []filter{{"name", uuid}}, size: len(seen), n: len(rows),
		part: func(lo, hi int) any { return &schema.VmListResp{VmList: slices.Clip(rows[lo:hi])} }}
}

func (a *Agent) vxlanListing(id string) listing {
	a.mu.Lock()
	defer a.mu.Unlock()
	var rows []schema.VxLanSandeshData
	size := 0
	for _, v := range a.t.vrfs {
		if v.vxlanNH == nil {
			continue
		}
		size++
		if !match(id, strconv.Itoa(v.vxlan), true) {
			continue
		}
		rows = append(rows, schema.VxLanSandeshData{VxlanID: int32(v.vxlan), NH: a.nhData(v.vxlanNH), VrfName: v.name})
	}
	return listing{table: "db.vxlan.0", filters: []filter{{"vxlan_id", id}}, size: size, n: len(rows),
		part: func(lo, hi int) any { return &schema.VxLanResp{VxlanList: slices.Clip(rows[lo:hi])} }}
}

// --- kernel interfaces ---

func (a *Agent) kInterfaceReq(id int64) []any {
	a.mu.Lock()
	defer a.mu.Unlock()
	resp := &schema.KInterfaceResp{IfList: []schema.KInterfaceInfo{}}
	for _, it := range a.t.itfs {
		if id >= 0 && int64(it.index) != id {
			continue
		}
		k := schema.KInterfaceInfo{Idx: it.index, Name: it.name, OsIdx: it.osIndex, Mtu: 1514, Flags: "L3L2", RefCnt: 1,
			CrossConnectID: []int32{}, BondChildIntfList: []schema.BondMemberIntfInfo{}, ParentVifID: -1, VlanID: -1, NhID: -1}
		if v := a.t.vrfByName[it.vrf]; v != nil {
			k.Vrf = v.id
		} else {
			k.Vrf = 65535
		}
		switch it.typ {
		case "eth":
			k.Type, k.Flags = "PHYSICAL", "TcL3L2Vp"
		case "vhost":
			k.Type, k.IP = "HOST", a.cfg.Address.String()
		case "pkt":
			k.Type, k.Flags = "AGENT", "L3Er"
		default:
			k.Type, k.Flags = "VIRTUAL", "PL3L2DEr"
			k.MAC, k.IP = VRRPMAC, it.cfg.IP.String()
			if it.nh != nil {
				k.NhID = int16(it.nh.index)
			}
		}
		resp.IfList = append(resp.IfList, k)
	}
	return []any{resp}
}

// --- controller channels ---

// channelsNow is a snapshot of the channels in use.
func (a *Agent) channelsNow() []*channel {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]*channel(nil), a.channels...)
}

func protoStats(c xmpp.Counters) schema.ControllerProtoStats {
	return schema.ControllerProtoStats{Open: c.Open, Keepalive: c.Keepalive, Update: c.Update, Close: c.Close}
}

func (a *Agent) xmppStatusReq() []any {
	chans := a.channelsNow()
	resp := &schema.AgentXmppConnectionStatus{Peer: []schema.AgentXmppData{}}
	for i, ch := range chans {
		st := ch.client.Stats()
		ch.mu.Lock()
		eorTx, eorRx, lastPub, seq := ch.eorTxAt, ch.eorRxAt, ch.lastPublish, ch.seq
		ch.mu.Unlock()
		cfg, mcast := "No", "No"
		if i == 0 {
			cfg, mcast = "Yes", "Yes"
		}
		peerName := st.PeerName
		if peerName == "" {
			peerName = "network-control@contrailsystems.com"
		}
		resp.Peer = append(resp.Peer, schema.AgentXmppData{
			ControllerIP: ch.ctl.Address.String(), State: st.State.String(), PeerName: peerName,
			PeerAddress: netip.AddrPortFrom(ch.ctl.Address, uint16(ch.ctl.Port)).String(), CfgController: cfg, McastController: mcast,
			LastState: st.LastState.String(), LastEvent: st.LastEvent, LastStateAt: ptime(st.LastStateAt),
			FlapCount: st.FlapCount, FlapTime: ptime(st.FlapTime),
			RxProtoStats:   protoStats(st.Rx),
			TxProtoStats:   protoStats(st.Tx),
			XmppAuthType:   "NIL",
			SequenceNumber: seq, LastReadyTime: ptime(st.LastReadyAt),
			EndOfRibStats: schema.ControllerEndOfRibStats{
				Tx: schema.ControllerEndOfRibTxStats{EndOfRibTxTime: ptime(eorTx), LastRoutePublishedTime: ptime(lastPub), EndOfRibReason: eorReason(eorTx)},
				Rx: schema.ControllerEndOfRibRxStats{EndOfRibRxTime: ptime(eorRx), EndOfRibReason: eorReason(eorRx)},
			},
		})
	}
	return []any{resp}
}

// statsReq answers AgentStatsReq: the flow counts are the simulated
// datapath's (flowStats), the XMPP counts the channels' own; IPC, packet
// trap and Sandesh counters are zero.
func (a *Agent) statsReq() []any {
	chans := a.channelsNow()
	x := &schema.XmppStatsResp{XmppList: []schema.XmppStatsInfo{}}
	for _, ch := range chans {
		st := ch.client.Stats()
		sum := func(c xmpp.Counters) uint64 {
			return uint64(c.Open) + uint64(c.Keepalive) + uint64(c.Update) + uint64(c.Close)
		}
		x.XmppList = append(x.XmppList, schema.XmppStatsInfo{IP: ch.ctl.Address.String(), InMsgs: sum(st.Rx), OutMsgs: sum(st.Tx),
			Reconnect: uint16(st.FlapCount)})
	}
	return []any{&schema.IpcStatsResp{}, &schema.PktTrapStatsResp{}, a.flowStats(),
		x, &schema.SandeshStatsResp{}, &schema.SessionEndpointExportStatsResp{}}
}

func eorReason(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return "End of RIB"
}

// --- paging ---

func (a *Agent) pageReq(key string) []any {
	k, err := parsePageKey(key)
	if err != nil {
		return errorResp("Invalid request")
	}
	var l listing
	switch {
	case k.table == "db.interface.0":
		f := map[string]string{}
		for _, key := range itfFilterKeys {
			f[key] = k.get(key)
		}
		l = a.itfListing(f)
	case k.table == "db.vrf.0":
		l = a.vrfListing(k.get("name"))
	case k.table == "db.vn.0":
		l = a.vnListing(k.get("name"), k.get("uuid"))
	case k.table == "db.nexthop.0":
		l = a.nhListing(k.get("type"), k.get("nh_index"), k.get("policy_enabled"))
	case k.table == "db.vxlan.0":
		l = a.vxlanListing(k.get("vxlan_id"))
	case k.table == "db.mpls.0":
		l = a.mplsListing(k.get("type"), k.get("label"))
	case k.table == "db.vm.0":
		l = a.vmListing(k.get("name"))
	case k.table == "db.sg.0":
		l = a.sgListing(k.get("name"))
	case k.table == "db.acl.0":
		l = a.aclListing(k.get("name"))
	case strings.HasSuffix(k.table, ".uc.route.0"), strings.HasSuffix(k.table, ".uc.route6.0"):
		v6 := strings.HasSuffix(k.table, ".uc.route6.0")
		name := strings.TrimSuffix(strings.TrimSuffix(k.table, ".uc.route.0"), ".uc.route6.0")
		a.mu.Lock()
		v := a.t.vrfByName[name]
		a.mu.Unlock()
		if v == nil {
			return errorResp("Invalid DBTable")
		}
		l = a.ucListing(v, v6, netip.Prefix{}, false, k.table)
	default:
		if nl, ok := a.netServiceListing(k); ok {
			l = nl
			break
		}
		e, ok := emptyTables[k.table]
		if !ok {
			return errorResp("Invalid DBTable")
		}
		l = emptyListing(k.table, k.get(e.key))
	}
	return pageParts(l, k.begin, k.end)
}

// --- common: NodeStatus, CPU ---

func (a *Agent) uveCacheReq(tname, key string) []any {
	period := int32(0)
	switch tname {
	case "NodeStatus":
		if key != "" && key != a.cfg.Name {
			return []any{&schema.SandeshUVECacheResp{Returned: 0, Period: &period}}
		}
		return []any{sandesh.UVE("ObjectVRouter", &schema.NodeStatusUVE{Data: a.NodeStatus()}),
			&schema.SandeshUVECacheResp{Returned: 1, Period: &period}}
	default:
		return []any{&schema.SandeshUVECacheResp{Returned: 0}}
	}
}

func (a *Agent) cpuLoadReq() []any {
	return []any{&schema.CpuLoadInfoResp{CPUInfo: procinfo.CpuLoad()}}
}
