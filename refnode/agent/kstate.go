package agent

import (
	"encoding/hex"
	"net"
	"net/netip"
	"slices"
	"strings"

	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
)

// The vRouter kernel as the agent reads it back (kstate.sandesh): routes,
// next hops, MPLS labels and drop counters. The kernel holds what the
// agent programmed (its oper tables: same NH ids, labels, VRF ids), except
// the routes a KSync fault removed (datapath.kernelMissing); the datapath
// forwards with this view.

// registerDatapath adds the kernel, flow and diagnostics requests.
func (a *Agent) registerDatapath(srv *sandesh.Server) {
	sandesh.Handle(srv, "kstate", func(r *schema.KRouteReq) []any { return a.kRouteReq(r) })
	sandesh.Handle(srv, "kstate", func(r *schema.KRouteGetReq) []any { return a.kRouteGetReq(r) })
	sandesh.Handle(srv, "kstate", func(r *schema.KNHReq) []any { return a.kNHReq(r.NhID) })
	sandesh.Handle(srv, "kstate", func(r *schema.KMplsReq) []any { return a.kMplsReq(int32(r.MplsLabel)) })
	sandesh.Handle(srv, "kstate", func(r *schema.KDropStatsReq) []any { return a.kDropStatsReq() })
	sandesh.Handle(srv, "kstate", func(r *schema.KFlowReq) []any { return a.kFlowReq(r.FlowIdx, 0, r.ShowEvicted) })
	sandesh.Handle(srv, "kstate", func(r *schema.NextKFlowReq) []any {
		n, evicted, ok := parseFlowHandle(r.FlowHandle)
		if !ok {
			return []any{&schema.ErrResp{Resp: schema.ErrRespDefault}}
		}
		return a.kFlowReq(-1, n, evicted)
	})
	sandesh.Handle(srv, "pkt", func(r *schema.FetchFlowRecord) []any { return a.fetchFlowReq(r) })
	sandesh.Handle(srv, "pkt", func(r *schema.FetchAllFlowRecords) []any { return a.flowRecordsReq("") })
	sandesh.Handle(srv, "pkt", func(r *schema.NextFlowRecordsSet) []any { return a.flowRecordsReq(r.FlowKey) })
	sandesh.Handle(srv, "pkt", func(r *schema.SandeshFlowTableInfoRequest) []any { return a.flowTableInfoReq() })
	sandesh.Handle(srv, "diag", func(r *schema.PingReq) []any { return a.pingReq(r) })
	sandesh.Handle(srv, "diag", func(r *schema.TraceRouteReq) []any { return a.traceRouteReq(r) })
}

// parseFlowHandle reads a NextKFlowReq handle: "<index>" or "<index>
// evicted_set".
func parseFlowHandle(s string) (int64, bool, bool) {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 2 {
		return 0, false, false
	}
	var n int64
	for _, c := range f[0] {
		if c < '0' || c > '9' {
			return 0, false, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, len(f) == 2, true
}

// kernelHas reports whether the kernel holds prefix of VRF v.
func (a *Agent) kernelHas(v *vrf, pfx netip.Prefix) bool {
	return !a.t.dp.kernelMissing[v.name][pfx]
}

// kernelLPM is the kernel's longest match for addr in v, or nil.
func (a *Agent) kernelLPM(v *vrf, addr netip.Addr) *route {
	return v.lpm(addr, func(p netip.Prefix) bool { return !a.kernelHas(v, p) })
}

func family(v6 bool) string {
	if v6 {
		return "AF_INET6"
	}
	return "AF_INET"
}

// kRouteInfo renders the kernel route of r in v.
func (a *Agent) kRouteInfo(v *vrf, r *route) schema.KRouteInfo {
	pa := &r.paths[0]
	d := schema.KRouteInfo{VrfID: v.id, Family: family(r.prefix.Addr().Is6()), Prefix: r.prefix.Masked().Addr().String(),
		PrefixLen: int32(r.prefix.Bits()), LabelFlags: "--NONE--", NhID: pa.nh.index}
	switch pa.nh.kind {
	case nhTunnel:
		d.LabelFlags, d.Label = "MPLS ", pa.label
	case nhInterface:
		d.LabelFlags, d.Label = "MPLS PROXY-ARP", pa.label
	case nhComposite:
		d.LabelFlags = "PROXY-ARP"
	}
	return d
}

// kRouteReq answers KRouteReq: every kernel route of a VRF and family.
func (a *Agent) kRouteReq(r *schema.KRouteReq) []any {
	var v6 bool
	switch r.Family {
	case "inet":
	case "inet6":
		v6 = true
	default:
		return []any{&schema.ErrResp{Resp: "Allowed options for family are inet, inet6, bridge"}}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if int(r.VrfID) >= len(a.t.vrfs) {
		return []any{&schema.ErrResp{Resp: schema.ErrRespDefault}}
	}
	v := a.t.vrfs[r.VrfID]
	resp := &schema.KRouteResp{RtList: []schema.KRouteInfo{}}
	for _, rt := range v.sortedRoutes() {
		if rt.prefix.Addr().Is6() == v6 && a.kernelHas(v, rt.prefix) {
			resp.RtList = append(resp.RtList, a.kRouteInfo(v, rt))
		}
	}
	return []any{resp}
}

// kRouteGetReq answers KRouteGetReq: the kernel's longest match. An
// address the kernel has no route for matches its default entry: prefix
// length 0 and the discard next hop.
func (a *Agent) kRouteGetReq(r *schema.KRouteGetReq) []any {
	addr, err := netip.ParseAddr(r.Prefix)
	if err != nil {
		return []any{&schema.ErrResp{Resp: "Allowed options for family are inet, inet6"}}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if int(r.VrfID) >= len(a.t.vrfs) {
		return []any{&schema.ErrResp{Resp: schema.ErrRespDefault}}
	}
	v := a.t.vrfs[r.VrfID]
	plen := int(r.PrefixLen)
	if plen == 0 || plen > addr.BitLen() {
		plen = addr.BitLen()
	}
	q, _ := addr.Prefix(plen)
	var best *route
	for bits := plen; bits >= 0 && best == nil; bits-- {
		p, _ := q.Addr().Prefix(bits)
		if v.hasRoute(p) && a.kernelHas(v, p) {
			best = v.route(p)
		}
	}
	if best == nil {
		zero, _ := addr.Prefix(0)
		return []any{&schema.KRouteResp{RtList: []schema.KRouteInfo{{VrfID: v.id, Family: family(addr.Is6()),
			Prefix: zero.Addr().String(), LabelFlags: "--NONE--", NhID: a.t.discard.index}}}}
	}
	return []any{&schema.KRouteResp{RtList: []schema.KRouteInfo{a.kRouteInfo(v, best)}}}
}

// kNHReq answers KNHReq: one next hop by id, or all (-1).
func (a *Agent) kNHReq(id int32) []any {
	a.mu.Lock()
	defer a.mu.Unlock()
	resp := &schema.KNHResp{NhList: []schema.KNHInfo{}}
	for _, nh := range a.t.nhs {
		if nh != nil && (id < 0 || nh.index == id) {
			resp.NhList = append(resp.NhList, a.kNHInfo(nh))
		}
	}
	if id >= 0 && len(resp.NhList) == 0 {
		return []any{&schema.ErrResp{Resp: schema.ErrRespDefault}}
	}
	return []any{resp}
}

// kernel next-hop types of the agent's NH kinds (nh_kstate.cc
// TypeToString; L2 receive and VRF translate print INVALID).
var kernelNHTypes = [...]string{nhDiscard: "DISCARD", nhReceive: "RECEIVE", nhInterface: "ENCAP", nhTunnel: "TUNNEL",
	nhL2Receive: "INVALID", nhResolve: "RESOLVE", nhComposite: "COMPOSITE", nhVrf: "INVALID"}

// kNHInfo renders nh as the kernel's KNHInfo.
func (a *Agent) kNHInfo(nh *nextHop) schema.KNHInfo {
	d := schema.KNHInfo{ID: nh.index, Type: kernelNHTypes[nh.kind], Family: "AF_INET", RefCnt: nh.refs + 1, Flags: "VALID "}
	if nh.vrf != nil {
		d.Vrf = nh.vrf.id
	}
	if nh.policy {
		d.Flags += "| POLICY "
	}
	if nh.kind != nhComposite {
		d.EncapFamily, d.EncapOifID = "NO_ENCAP", []int32{}
	}
	eth := func(dst, src string) {
		b := make([]byte, 0, 14)
		for _, m := range []string{dst, src} {
			hw, err := net.ParseMAC(m)
			if err != nil || len(hw) != 6 {
				hw = make(net.HardwareAddr, 6)
			}
			b = append(b, hw...)
		}
		b = append(b, 0x08, 0x00)
		d.EncapLen, d.Encap = int32(len(b)), hex.EncodeToString(b)
	}
	switch nh.kind {
	case nhInterface:
		d.EncapOifID = []int32{nh.itf.index}
		eth(nh.itf.cfg.MAC, VRRPMAC)
	case nhReceive:
		d.EncapOifID = []int32{nh.itf.index}
	case nhTunnel:
		d.EncapOifID = []int32{0} // eth0
		d.TunSip, d.TunDip = nh.sip().String(), nh.dip.String()
		if nh.dip.Is6() {
			d.Family = "AF_INET6"
		}
		switch nh.tunnelType() {
		case "MPLSoUDP":
			d.Flags += "| TUNNEL_UDP_MPLS "
			sport, dport := int32(0), int32(6635)
			d.TunSport, d.TunDport = &sport, &dport
		case "VXLAN":
			d.Flags += "| TUNNEL_UDP "
			sport, dport := int32(0), int32(4789)
			d.TunSport, d.TunDport = &sport, &dport
		default:
			d.Flags += "| TUNNEL_GRE "
		}
		eth("00:00:00:00:00:00", "00:00:5e:00:01:00")
	case nhComposite:
		d.Flags += "| ECMP"
		d.ComponentNH = []schema.KComponentNH{}
		for i, m := range nh.members {
			d.ComponentNH = append(d.ComponentNH, schema.KComponentNH{NhID: m.index, Label: nh.labels[i]})
		}
	}
	return d
}

// kMplsReq answers KMplsReq: one label, or all (-1).
func (a *Agent) kMplsReq(label int32) []any {
	a.mu.Lock()
	defer a.mu.Unlock()
	resp := &schema.KMplsResp{MplsList: []schema.KMplsInfo{}}
	for _, l := range sortedLabels(a.t.labels) {
		if label < 0 || l == label {
			resp.MplsList = append(resp.MplsList, schema.KMplsInfo{Label: int16(l), Nhid: a.t.labels[l].index})
		}
	}
	if label >= 0 && len(resp.MplsList) == 0 {
		return []any{&schema.ErrResp{Resp: schema.ErrRespDefault}}
	}
	return []any{resp}
}

func sortedLabels(m map[int32]*nextHop) []int32 {
	out := make([]int32, 0, len(m))
	for l := range m {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// kDropStatsReq answers KDropStatsReq with the datapath's counters.
func (a *Agent) kDropStatsReq() []any {
	a.mu.Lock()
	defer a.mu.Unlock()
	d := a.t.dp.drops
	return []any{&d}
}

// DropStats returns the agent's drop counters (what KDropStatsReq serves).
func (a *Agent) DropStats() schema.KDropStatsResp {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.t.dp.drops
}
