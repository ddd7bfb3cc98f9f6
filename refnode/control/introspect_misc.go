package control

import (
	"sort"
	"strings"

	"github.com/tfkit/tfkit/introspect/schema"
	"github.com/tfkit/tfkit/refnode/bgp"
)

// Requests ist knows beyond neighbors and routes. The refnode has no
// multicast trees or aggregates yet: those answer with well-formed empty
// lists, as a control node without such configuration does. Static
// routes and service chains: netservices.go.

func (n *Node) miscRoutes(m map[string]handlerFunc) {
	m["ShowMulticastManagerReq"] = n.mcastReq
	m["ShowMulticastManagerReqIterate"] = iterate(n.mcastReq)
	m["ShowMulticastManagerDetailReq"] = func([]string) []any {
		return []any{schema.ShowMulticastManagerDetailResp{Trees: []schema.ShowMulticastTree{}}}
	}
	m["ShowRtGroupReq"] = func(a []string) []any {
		l, nb := n.rtGroups(a)
		return []any{schema.ShowRtGroupResp{RtgroupList: l, NextBatch: nb}}
	}
	m["ShowRtGroupReqIterate"] = iterate(m["ShowRtGroupReq"])
	m["ShowRtGroupSummaryReq"] = func(a []string) []any {
		l, nb := n.rtGroups(a)
		return []any{schema.ShowRtGroupSummaryResp{RtgroupList: l, NextBatch: nb}}
	}
	m["ShowRtGroupSummaryReqIterate"] = iterate(m["ShowRtGroupSummaryReq"])
	m["ShowStaticRouteReq"] = n.staticRouteReq
	m["ShowServiceChainReq"] = n.serviceChainReq
	m["ShowRouteAggregateReq"] = func([]string) []any {
		return []any{schema.ShowRouteAggregateResp{AggregateRouteEntries: []schema.AggregateRouteEntriesInfo{}}}
	}
	m["IFMapTableShowReq"] = n.ifmapTableReq
	m["IFMapTableShowReqIterate"] = n.ifmapTableIterate
	m["IFMapNodeTableListShowReq"] = n.ifmapTableListReq
	m["ShowBgpNeighborConfigReq"] = n.neighborConfigReq
	m["ShowBgpNeighborConfigReqIterate"] = iterate(n.neighborConfigReq)
	m["ShowBgpInstanceConfigReq"] = n.instanceConfigReq
	m["ShowBgpInstanceConfigReqIterate"] = iterate(n.instanceConfigReq)
}

// pageBy filters items by search on key, sorts them by key and cuts one
// BgpShowHandler page (see page).
func pageBy[T any](items []T, key func(T) string, search, start string, limit int) ([]T, string) {
	byKey := map[string]T{}
	var keys []string
	for _, it := range items {
		k := key(it)
		if search != "" && !strings.Contains(k, search) {
			continue
		}
		byKey[k] = it
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pk, next := page(keys, search, start, limit)
	out := make([]T, 0, len(pk))
	for _, k := range pk {
		out = append(out, byKey[k])
	}
	return out, next
}

func (n *Node) mcastReq(args []string) []any {
	n.mu.Lock()
	var ms []schema.ShowMulticastManager
	for _, in := range n.rib.instances {
		if in.vn != nil {
			ms = append(ms, schema.ShowMulticastManager{Name: in.name + ".ermvpn.0"})
		}
	}
	n.mu.Unlock()
	l, nb := pageBy(ms, func(m schema.ShowMulticastManager) string { return m.Name }, arg(args, 0), arg(args, 1), schema.ControlPageLimit)
	return []any{schema.ShowMulticastManagerResp{Managers: l, NextBatch: nb}}
}

// rtGroups lists one group per route target used by an instance, with the
// tables importing and exporting it and the BGP peers that are up (every
// control node advertises interest in all of them).
func (n *Node) rtGroups(args []string) ([]schema.ShowRtGroupInfo, string) {
	var interested []string
	for _, p := range n.speaker.Peers() {
		if p.State == bgp.StateEstablished {
			interested = append(interested, p.Address.String())
		}
	}
	n.mu.Lock()
	imp, exp := map[string][]string{}, map[string][]string{}
	for _, in := range n.rib.instances {
		for _, t := range in.imports {
			imp[t] = append(imp[t], in.name+".inet.0")
		}
		for _, t := range in.exports {
			exp[t] = append(exp[t], in.name+".inet.0")
		}
	}
	n.mu.Unlock()
	members := func(tables []string) []schema.ShowRtGroupMemberTableList {
		if len(tables) == 0 {
			return []schema.ShowRtGroupMemberTableList{}
		}
		sort.Strings(tables)
		return []schema.ShowRtGroupMemberTableList{{Family: "inetvpn", Tables: tables}}
	}
	var gs []schema.ShowRtGroupInfo
	for t := range imp {
		gs = append(gs, schema.ShowRtGroupInfo{Rtarget: t, ImportMembers: members(imp[t]), ExportMembers: members(exp[t]),
			PeersInterested: nonNil(append([]string(nil), interested...)), DepRoute: []string{}})
	}
	return pageBy(gs, func(g schema.ShowRtGroupInfo) string { return g.Rtarget }, arg(args, 0), arg(args, 1), schema.ControlPageLimit)
}

// ifmapNodes are stand-ins for the configuration a control node holds:
// its bgp-routers, virtual networks and routing instances, and the
// virtual-routers of the agents connected to it.
func (n *Node) ifmapNodes() map[string][]schema.IFMapNodeShowInfo {
	mod := n.ptime(n.startedAt)
	node := func(typ, name string, nbrs ...string) schema.IFMapNodeShowInfo {
		return schema.IFMapNodeShowInfo{NodeName: typ + ":" + name, Interests: "[]", Advertised: "[]", DBEntryFlags: "",
			ObjInfo: []schema.IFMapObjectShowInfo{{SequenceNumber: 1, Origin: "MAP_SERVER"}}, Neighbors: nonNil(nbrs), LastModified: mod}
	}
	out := map[string][]schema.IFMapNodeShowInfo{}
	fab := "default-domain:default-project:ip-fabric:__default__:"
	out["bgp-router"] = append(out["bgp-router"], node("bgp-router", fab+n.cfg.Name))
	for _, p := range n.cfg.Peers {
		out["bgp-router"] = append(out["bgp-router"], node("bgp-router", fab+p.Name))
	}
	policies := map[string][]string{} // policy -> networks it is attached to
	for _, v := range n.cfg.Networks {
		nbrs := []string{"routing-instance:" + v.InstanceName()}
		for _, p := range v.Policies {
			nbrs = append(nbrs, "network-policy:"+p)
			policies[p] = append(policies[p], "virtual-network:"+v.FQName)
		}
		out["virtual-network"] = append(out["virtual-network"], node("virtual-network", v.FQName, nbrs...))
		out["routing-instance"] = append(out["routing-instance"], node("routing-instance", v.InstanceName(), "virtual-network:"+v.FQName))
	}
	for p, vns := range policies {
		out["network-policy"] = append(out["network-policy"], node("network-policy", p, vns...))
	}
	for _, c := range n.ifmapClients() { // each connected agent's virtual-router
		out["virtual-router"] = append(out["virtual-router"], node("virtual-router", strings.TrimPrefix(vrouterPrefix, "virtual-router:")+c.name))
	}
	return out
}

// IFMap pages hold 50 nodes; the cookie is table||search||next table||last node.
const ifmapPageLimit = 50

func (n *Node) ifmapTableReq(args []string) []any {
	return []any{n.ifmapPage(arg(args, 0), arg(args, 1), "")}
}

func (n *Node) ifmapTableIterate(args []string) []any {
	p := strings.Split(arg(args, 0), "||")
	for len(p) < 4 {
		p = append(p, "")
	}
	return []any{n.ifmapPage(p[0], p[1], p[3])}
}

func (n *Node) ifmapPage(tableName, search, after string) schema.IFMapTableShowResp {
	var all []schema.IFMapNodeShowInfo
	for t, nodes := range n.ifmapNodes() {
		if tableName == "" || t == tableName {
			all = append(all, nodes...)
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].NodeName < all[j].NodeName })
	resp := schema.IFMapTableShowResp{IfmapDB: []schema.IFMapNodeShowInfo{}}
	next := ""
	for _, nd := range all {
		if (search != "" && !strings.Contains(nd.NodeName, search)) || (after != "" && nd.NodeName <= after) {
			continue
		}
		if len(resp.IfmapDB) == ifmapPageLimit {
			last := resp.IfmapDB[len(resp.IfmapDB)-1].NodeName
			next = tableName + "||" + search + "||" + tableName + "||" + last
			break
		}
		resp.IfmapDB = append(resp.IfmapDB, nd)
	}
	resp.NextBatch = &next
	return resp
}

func (n *Node) ifmapTableListReq([]string) []any {
	resp := schema.IFMapNodeTableListShowResp{TableList: []schema.IFMapNodeTableListShowEntry{}}
	nodes := n.ifmapNodes()
	var names []string
	for t := range nodes {
		names = append(names, t)
	}
	sort.Strings(names)
	for _, t := range names {
		resp.TableList = append(resp.TableList, schema.IFMapNodeTableListShowEntry{TableName: t, Size: uint32(len(nodes[t]))})
	}
	return []any{resp}
}

func (n *Node) neighborConfigReq(args []string) []any {
	var cs []schema.ShowBgpNeighborConfig
	fams := bgp.ConfiguredFamilies()
	for _, p := range n.cfg.Peers {
		cs = append(cs, schema.ShowBgpNeighborConfig{
			InstanceName: MasterInstance, Name: peeringName(n.cfg.Name, p.Name),
			RouteOrigin: "-", RouterType: "control-node", LocalIdentifier: n.cfg.RouterID.String(), LocalAS: n.cfg.ASN,
			Vendor: "contrail", AutonomousSystem: p.ASN, Identifier: p.RouterID.String(), Address: p.Address.String(),
			ClusterID: "0.0.0.0", SourcePort: uint32(p.Port), HoldTime: int32(n.cfg.Timers.BGPHold.Seconds()),
			LastChangeAt: n.ptime(n.startedAt), AddressFamilies: fams,
			FamilyAttributesList: []schema.ShowBgpNeighborFamilyConfig{},
		})
	}
	l, nb := pageBy(cs, func(c schema.ShowBgpNeighborConfig) string { return c.Name }, arg(args, 0), arg(args, 1), schema.ControlPageLimit)
	return []any{schema.ShowBgpNeighborConfigResp{Neighbors: l, NextBatch: nb}}
}

func (n *Node) instanceConfigReq(args []string) []any {
	n.mu.Lock()
	var cs []schema.ShowBgpInstanceConfig
	for _, in := range n.rib.instances {
		c := schema.ShowBgpInstanceConfig{Name: in.name, ImportTarget: nonNil(in.imports), ExportTarget: nonNil(in.exports),
			LastChangeAt: n.ptime(n.startedAt), Neighbors: []string{}, ServiceChainInfos: []schema.ShowBgpServiceChainConfig{},
			StaticRoutes: []schema.ShowBgpStaticRouteConfig{}, AggregateRoutes: []schema.ShowBgpRouteAggregateConfig{},
			RoutingPolicies: []schema.ShowBgpInstanceRoutingPolicyConfig{}}
		if in.vn != nil {
			c.VirtualNetwork, c.VirtualNetworkIndex = in.vn.FQName, int32(in.vn.VNIndex)
			c.VXLANID = int32(in.vn.VXLANID)
			if c.VXLANID == 0 {
				c.VXLANID = c.VirtualNetworkIndex
			}
		}
		cs = append(cs, c)
	}
	n.mu.Unlock()
	l, nb := pageBy(cs, func(c schema.ShowBgpInstanceConfig) string { return c.Name }, arg(args, 0), arg(args, 1), schema.ControlPageLimit)
	return []any{schema.ShowBgpInstanceConfigResp{Instances: l, NextBatch: nb}}
}
