package control

import (
	"net/netip"
	"sort"
	"strings"

	"github.com/tfkit/tfkit/introspect/schema"
	"github.com/tfkit/tfkit/refnode/bgp"
	"github.com/tfkit/tfkit/refnode/xmpp"
)

// introspectRoutes maps request names to handlers (spec §5.1, §5.3).
func (n *Node) introspectRoutes() map[string]handlerFunc {
	m := map[string]handlerFunc{
		"BgpNeighborReq":                n.neighborReq,
		"BgpNeighborReqIterate":         iterate(n.neighborReq),
		"ShowRouteSummaryReq":           n.routeSummaryReq,
		"ShowRouteSummaryReqIterate":    iterate(n.routeSummaryReq),
		"ShowRoutingInstanceReq":        n.instanceReq,
		"ShowRoutingInstanceReqIterate": iterate(n.instanceReq),
		"ShowRouteReq":                  n.routeReq,
		"ShowRouteReqIterate":           n.routeReqIterate,
		"ShowXmppConnectionReq":         n.xmppConnectionReq,
		"ShowXmppServerReq":             n.xmppServerReq,
		"ShowBgpServerReq":              n.bgpServerReq,
		"SandeshUVECacheReq":            n.uveCacheReq,
		"SandeshUVETypesReq":            n.uveTypesReq,
		"CpuLoadInfoReq":                n.cpuLoadReq,
		"SandeshTraceBufferListRequest": n.traceListReq,
		"SandeshTraceRequest":           n.traceReq,
	}
	m["ShowBgpNeighborSummaryReq"] = func(a []string) []any {
		r := n.neighborReq(a)[0].(schema.BgpNeighborListResp)
		for i := range r.Neighbors {
			summarize(&r.Neighbors[i])
		}
		//lint:ignore S1016 the two responses share a layout by chance: a conversion would break silently when one changes
		return []any{schema.ShowBgpNeighborSummaryResp{Neighbors: r.Neighbors, NextBatch: r.NextBatch}}
	}
	m["ShowBgpNeighborSummaryReqIterate"] = iterate(m["ShowBgpNeighborSummaryReq"])
	m["ShowRoutingInstanceSummaryReq"] = func(a []string) []any {
		r := n.instanceReq(a)[0].(schema.ShowRoutingInstanceResp)
		for i := range r.Instances {
			r.Instances[i].Tables = nil
		}
		//lint:ignore S1016 the two responses share a layout by chance: a conversion would break silently when one changes
		return []any{schema.ShowRoutingInstanceSummaryResp{Instances: r.Instances, NextBatch: r.NextBatch}}
	}
	m["ShowRoutingInstanceSummaryReqIterate"] = iterate(m["ShowRoutingInstanceSummaryReq"])
	n.miscRoutes(m)
	n.ifmapRoutes(m)
	return m
}

// iterate adapts a search-string handler to its …Iterate continuation,
// whose one argument is "<next key>||<search string>".
func iterate(h func([]string) []any) handlerFunc {
	return func(args []string) []any {
		next, search, _ := strings.Cut(arg(args, 0), "||")
		return h([]string{search, next})
	}
}

// page cuts keys (sorted) to one BgpShowHandler page starting at the key
// args[1] (from an Iterate cookie); it returns the page and the cookie for
// the next one ("" when this is the last).
func page(keys []string, search, start string, limit int) ([]string, string) {
	i := 0
	if start != "" {
		i = sort.SearchStrings(keys, start)
	}
	keys = keys[i:]
	if len(keys) <= limit {
		return keys, ""
	}
	return keys[:limit], keys[limit] + "||" + search
}

// ---- neighbors ----

func (n *Node) neighborReq(args []string) []any {
	search := arg(args, 0)
	all := n.neighbors()
	byKey := map[string]schema.BgpNeighborResp{}
	var keys []string
	for _, nb := range all {
		if search != "" && !strings.Contains(nb.Peer, search) && !strings.Contains(nb.PeerAddress, search) {
			continue
		}
		// BGP peers first, then XMPP peers, each by name.
		k := "0|" + nb.Peer
		if nb.Encoding == "XMPP" {
			k = "1|" + nb.Peer
		}
		byKey[k] = nb
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pageKeys, next := page(keys, search, arg(args, 1), schema.ControlPageLimit)
	resp := schema.BgpNeighborListResp{Neighbors: []schema.BgpNeighborResp{}, NextBatch: next}
	for _, k := range pageKeys {
		resp.Neighbors = append(resp.Neighbors, byKey[k])
	}
	return []any{resp}
}

// neighbors lists every BGP and XMPP peer of the node.
func (n *Node) neighbors() []schema.BgpNeighborResp {
	var out []schema.BgpNeighborResp
	prim := n.primaryCounts()
	fams := bgp.ConfiguredFamilies()
	for _, p := range n.speaker.Peers() {
		typ := "internal"
		if p.ASN != n.cfg.ASN {
			typ = "external"
		}
		send := "not advertising"
		if p.State == bgp.StateEstablished {
			send = "in sync"
		}
		hold := p.ConfiguredHold
		rid := ""
		if p.RouterID.IsValid() {
			rid = p.RouterID.String()
		} else if pc := n.peerCfg(p.Address); pc != nil {
			rid = pc.RouterID.String()
		}
		out = append(out, schema.BgpNeighborResp{
			InstanceName: MasterInstance, Peer: p.Name, PeerAddress: p.Address.String(), PeerID: rid,
			PeerASN: p.ASN, Encoding: "BGP", PeerType: typ, State: p.State, RouterType: "control-node",
			AdminDown: p.AdminDown, RouteOrigin: "-", SendReady: true, PeerPort: uint32(p.Port),
			LocalAddress: n.cfg.Address.String(), LocalID: n.cfg.RouterID.String(), LocalASN: n.cfg.ASN,
			ClusterID: "0.0.0.0", PeerCloseInfo: &schema.PeerCloseInfo{State: "NONE", MembershipState: "NONE"},
			SendState: send, LastEvent: p.LastEvent, LastState: p.LastState, LastStateAt: n.ptime(p.LastStateAt),
			LastError: p.LastError, ConfiguredAddressFamilies: fams, NegotiatedAddressFamilies: nonNil(p.Families),
			ConfiguredHoldTime: &hold, NegotiatedHoldTime: p.NegotiatedHold,
			PrimaryPathCount: uint32(prim["b|"+p.Address.String()]), FlapCount: p.FlapCount, FlapTime: n.ptime(p.FlapTime),
			RxProtoStats: protoStats(p.Rx), TxProtoStats: protoStats(p.Tx),
			RxUpdateStats: &schema.PeerUpdateStats{Total: p.Rx.Update, Reach: p.Received},
			TxUpdateStats: &schema.PeerUpdateStats{Total: p.Tx.Update},
		})
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, a := range n.agents {
		if n.faults.isForgotten(a.peer) {
			continue
		}
		st := a.peer.Stats()
		var ris []schema.BgpNeighborRoutingInstance
		names := make([]string, 0, len(a.subs))
		for name := range a.subs {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			ri := schema.BgpNeighborRoutingInstance{Name: name, State: "subscribed", Index: uint32(a.subs[name]), ImportTargets: []string{}}
			if in := n.rib.instances[name]; in != nil {
				ri.ImportTargets = append(ri.ImportTargets, in.imports...)
			} else {
				ri.State = "pending"
			}
			ris = append(ris, ri)
		}
		addr := ""
		if st.RemoteAddr.IsValid() {
			addr = st.RemoteAddr.Addr().String()
		}
		hold := uint32(st.HoldTime.Seconds())
		out = append(out, schema.BgpNeighborResp{
			InstanceName: MasterInstance, Peer: a.name, PeerAddress: addr, PeerID: addr,
			PeerASN: n.cfg.ASN, Encoding: "XMPP", PeerType: "internal", State: st.State.String(),
			RouteOrigin: "-", SendReady: true, PeerPort: uint32(st.RemoteAddr.Port()),
			LocalAddress: n.cfg.Address.String(), LocalID: n.cfg.RouterID.String(), LocalASN: n.cfg.ASN,
			ClusterID: "0.0.0.0", PeerCloseInfo: &schema.PeerCloseInfo{State: "NONE", MembershipState: "NONE"},
			SendState: "in sync", LastEvent: "xmsm::" + st.LastEvent, LastState: st.LastState.String(),
			LastStateAt: n.ptime(st.LastStateAt), ConfiguredHoldTime: &hold, NegotiatedHoldTime: hold,
			PrimaryPathCount: uint32(len(a.primary)), FlapCount: n.xmppFlaps[a.name].count, FlapTime: n.ptime(n.xmppFlaps[a.name].at),
			RoutingInstances: nonNilRI(ris),
			RxProtoStats:     xmppStats(st.Rx), TxProtoStats: xmppStats(st.Tx),
		})
	}
	return out
}

func (n *Node) peerCfg(addr netip.Addr) *Peer {
	for i := range n.cfg.Peers {
		if n.cfg.Peers[i].Address == addr {
			return &n.cfg.Peers[i]
		}
	}
	return nil
}

// primaryCounts counts primaries per source ("b|<peer>" for BGP peers).
func (n *Node) primaryCounts() map[string]int {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := map[string]int{}
	for key := range n.rib.primaries {
		if rest, ok := strings.CutPrefix(key, "b|"); ok {
			peer, _, _ := strings.Cut(rest, "|")
			out["b|"+peer]++
		}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilRI(s []schema.BgpNeighborRoutingInstance) []schema.BgpNeighborRoutingInstance {
	if s == nil {
		return []schema.BgpNeighborRoutingInstance{}
	}
	return s
}

func protoStats(c bgp.MsgCounters) *schema.PeerProtoStats {
	return &schema.PeerProtoStats{Total: c.Total, Open: c.Open, Keepalive: c.Keepalive, Notification: c.Notification, Update: c.Update, Close: c.Close}
}

func xmppStats(c xmpp.Counters) *schema.PeerProtoStats {
	return &schema.PeerProtoStats{Total: uint64(c.Open + c.Keepalive + c.Update + c.Close), Open: uint64(c.Open),
		Keepalive: uint64(c.Keepalive), Update: uint64(c.Update), Close: uint64(c.Close)}
}

// ---- tables ----

// tableOrder lists tables as contrail-control walks them: instances by
// name, tables by name within each.
func (n *Node) tableOrderLocked() []*table {
	names := append([]string(nil), n.rib.order...)
	sort.Strings(names)
	var out []*table
	for _, in := range names {
		ts := append([]string(nil), n.rib.instances[in].tables...)
		sort.Strings(ts)
		for _, t := range ts {
			out = append(out, n.rib.tables[t])
		}
	}
	return out
}

func (n *Node) routeSummaryReq(args []string) []any {
	search := arg(args, 0)
	n.mu.Lock()
	defer n.mu.Unlock()
	var keys []string
	byName := map[string]*table{}
	for _, t := range n.tableOrderLocked() {
		if search == "" || strings.Contains(t.name, search) {
			keys = append(keys, t.name)
			byName[t.name] = t
		}
	}
	sort.Strings(keys)
	pageKeys, next := page(keys, search, arg(args, 1), schema.ControlPageLimit)
	resp := schema.ShowRouteSummaryResp{Tables: []schema.ShowRouteTableSummary{}, NextBatch: next}
	for _, k := range pageKeys {
		t := byName[k]
		pf, ps, pr, se, inf := t.counts()
		resp.Tables = append(resp.Tables, schema.ShowRouteTableSummary{
			Name: t.name, Prefixes: pf, Paths: ps, PrimaryPaths: pr, SecondaryPaths: se, InfeasiblePaths: inf,
			WalkRequests: 1, WalkCompletes: 1, ActualWalks: 1, Listeners: uint64(2 + n.subscribersLocked(t.instance)),
		})
	}
	return []any{resp}
}

// subscribersLocked counts agents subscribed to an instance.
func (n *Node) subscribersLocked(instance string) int {
	c := 0
	for _, a := range n.agents {
		if _, ok := a.subs[instance]; ok {
			c++
		}
	}
	return c
}

func (n *Node) instanceReq(args []string) []any {
	search := arg(args, 0)
	n.mu.Lock()
	defer n.mu.Unlock()
	var keys []string
	for _, name := range n.rib.order {
		if search == "" || strings.Contains(name, search) {
			keys = append(keys, name)
		}
	}
	sort.Strings(keys)
	pageKeys, next := page(keys, search, arg(args, 1), schema.ControlPageLimit)
	resp := schema.ShowRoutingInstanceResp{Instances: []schema.ShowRoutingInstance{}, NextBatch: next}
	for _, name := range pageKeys {
		in := n.rib.instances[name]
		ri := schema.ShowRoutingInstance{Name: in.name, ImportTarget: nonNil(in.imports), ExportTarget: nonNil(in.exports),
			Tables: []schema.ShowRoutingInstanceTable{}, RoutingPolicies: []schema.ShowInstanceRoutingPolicyInfo{}}
		if in.vn != nil {
			ri.VirtualNetwork = in.vn.FQName
			ri.VNIndex = int32(in.vn.VNIndex)
			ri.VXLANID = int32(in.vn.VXLANID)
			if ri.VXLANID == 0 {
				ri.VXLANID = int32(in.vn.VNIndex)
			}
		}
		ts := append([]string(nil), in.tables...)
		sort.Strings(ts)
		for _, tn := range ts {
			t := n.rib.tables[tn]
			pf, ps, pr, se, inf := t.counts()
			ri.Tables = append(ri.Tables, schema.ShowRoutingInstanceTable{Name: tn, Prefixes: pf, Paths: ps,
				PrimaryPaths: pr, SecondaryPaths: se, InfeasiblePaths: inf, WalkRequests: 1, WalkCompletes: 1, ActualWalks: 1,
				Membership: schema.ShowTableMembershipInfo{Peers: []schema.ShowMembershipPeerInfo{}}})
		}
		resp.Instances = append(resp.Instances, ri)
	}
	return []any{resp}
}

// ---- XMPP and server statistics ----

func (n *Node) xmppConnectionReq([]string) []any {
	n.mu.Lock()
	defer n.mu.Unlock()
	resp := schema.ShowXmppConnectionResp{Connections: []schema.ShowXmppConnection{}}
	var names []string
	byName := map[string]*agent{}
	for _, a := range n.agents {
		if n.faults.isForgotten(a.peer) {
			continue
		}
		names = append(names, a.name)
		byName[a.name] = a
	}
	sort.Strings(names)
	for _, name := range names {
		st := byName[name].peer.Stats()
		c := schema.ShowXmppConnection{Name: name, State: st.State.String(), LastEvent: "xmsm::" + st.LastEvent,
			LastState: st.LastState.String(), LastStateAt: n.ptime(st.LastStateAt), Receivers: []string{"BGP"}, ServerAuthType: "NIL"}
		if st.RemoteAddr.IsValid() {
			c.RemoteEndpoint = st.RemoteAddr.String()
		}
		if st.LocalAddr.IsValid() {
			c.LocalEndpoint = st.LocalAddr.String()
		}
		resp.Connections = append(resp.Connections, c)
	}
	return []any{resp}
}

func (n *Node) xmppServerReq([]string) []any {
	n.mu.Lock()
	defer n.mu.Unlock()
	return []any{schema.ShowXmppServerResp{CurrentConnections: uint32(len(n.agents)), MaxConnections: uint32(n.maxXMPP),
		RxSocketStats: schema.SocketIOStats{BlockedDuration: "00:00:00"}, TxSocketStats: schema.SocketIOStats{BlockedDuration: "00:00:00"}}}
}

func (n *Node) bgpServerReq([]string) []any {
	var rx, tx uint64
	for _, p := range n.speaker.Peers() {
		rx += p.Rx.Total
		tx += p.Tx.Total
	}
	return []any{schema.ShowBgpServerResp{
		RxSocketStats: schema.SocketIOStats{Calls: rx, BlockedDuration: "00:00:00"},
		TxSocketStats: schema.SocketIOStats{Calls: tx, BlockedDuration: "00:00:00"},
	}}
}

// summarize keeps what contrail-control fills in summary mode: the fields
// up to auth_type (families, hold times, counters and lists are dropped).
func summarize(r *schema.BgpNeighborResp) {
	*r = schema.BgpNeighborResp{
		InstanceName: r.InstanceName, Peer: r.Peer, Deleted: r.Deleted, PeerAddress: r.PeerAddress, PeerID: r.PeerID,
		PeerASN: r.PeerASN, Encoding: r.Encoding, PeerType: r.PeerType, State: r.State, ClosedAt: r.ClosedAt,
		RouterType: r.RouterType, AdminDown: r.AdminDown, Passive: r.Passive, ASOverride: r.ASOverride,
		OriginOverride: r.OriginOverride, RouteOrigin: r.RouteOrigin, AS4Supported: r.AS4Supported,
		PrivateASAction: r.PrivateASAction, SendReady: r.SendReady, PeerPort: r.PeerPort,
		TransportAddress: r.TransportAddress, LocalAddress: r.LocalAddress, LocalID: r.LocalID, LocalASN: r.LocalASN,
		ClusterID: r.ClusterID, TaskInstance: r.TaskInstance, PeerCloseInfo: r.PeerCloseInfo, SendState: r.SendState,
		LastEvent: r.LastEvent, LastState: r.LastState, LastStateAt: r.LastStateAt, LastError: r.LastError, AuthType: r.AuthType,
		FlapCount: r.FlapCount, FlapTime: r.FlapTime,
	}
}
