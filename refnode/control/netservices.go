package control

import (
	"net/netip"
	"sort"
	"strings"

	"github.com/tfkit/tfkit/introspect/schema"
)

// Services are the static routes and service chains configured on the
// node's routing instances (ist ctr route static, ist ctr sc).
type Services struct {
	StaticRoutes  []StaticRoute
	ServiceChains []ServiceChain
}

// StaticRoute is a static route of one routing instance.
type StaticRoute struct {
	Instance    string       // routing instance name
	Prefix      netip.Prefix // e.g. 10.50.0.0/24
	NextHop     netip.Addr   // an address of the instance's network
	Communities []string
}

// ServiceChain is an in-network service chain from Left to Right through
// a service instance whose left interface is Address.
type ServiceChain struct {
	ServiceInstance string // fq name, e.g. default-domain:k8s-default:fw
	UUID            string // service-instance uuid
	LeftVN, RightVN string // fq names
	LeftInstance    string // routing instances of the networks
	RightInstance   string
	Address         netip.Addr // the service VM's address in Left
}

// The state of a static route or chain follows the routes the node
// holds: a static route's next hop and a chain's connected route (the
// service VM's /32 in the left instance) are looked up in the instance's
// inet table. refnode shows the configuration and that resolution; it
// does not add the static or service-chain paths to the tables.

// hostRouteLocked returns the brief of the /32 route to a in the inet
// table of instance, and whether it exists.
func (n *Node) hostRouteLocked(instance string, a netip.Addr) (schema.ShowRouteBrief, schema.ShowRoute, bool) {
	pfx := netip.PrefixFrom(a, a.BitLen()).String()
	brief := schema.ShowRouteBrief{Prefix: pfx, Paths: []schema.ShowRoutePathBrief{}}
	full := schema.ShowRoute{Prefix: pfx, Paths: []schema.ShowRoutePath{}}
	t := n.rib.tables[instance+".inet.0"]
	if t == nil || t.routes[pfx] == nil {
		return brief, full, false
	}
	rt := t.routes[pfx]
	full.LastModified = n.ptime(rt.modified)
	for _, p := range rt.paths {
		sp := n.showPath(p, t.name)
		full.Paths = append(full.Paths, sp)
		brief.Paths = append(brief.Paths, schema.ShowRoutePathBrief{Protocol: sp.Protocol, LocalPreference: sp.LocalPreference,
			MED: sp.MED, Source: sp.Source, NextHop: sp.NextHop, Label: sp.Label})
	}
	return brief, full, true
}

// staticRouteReq answers ShowStaticRouteReq: one entry per instance with
// static routes, instances by name, filtered by the search string.
func (n *Node) staticRouteReq(args []string) []any {
	search := arg(args, 0)
	byRI := map[string][]schema.StaticRouteInfo{}
	n.mu.Lock()
	for _, r := range n.cfg.Services.StaticRoutes {
		if !strings.Contains(r.Instance, search) {
			continue
		}
		brief, _, _ := n.hostRouteLocked(r.Instance, r.NextHop)
		var exports []string
		if in := n.rib.instances[r.Instance]; in != nil {
			exports = in.exports
		}
		byRI[r.Instance] = append(byRI[r.Instance], schema.StaticRouteInfo{Prefix: r.Prefix.String(), Nexthop: r.NextHop.String(),
			CommunityList: nonNil(r.Communities), RouteTargetList: nonNil(append([]string(nil), exports...)), SecondaryTables: []string{},
			NexthopRt: brief})
	}
	n.mu.Unlock()
	resp := schema.ShowStaticRouteResp{StaticRouteEntries: []schema.StaticRouteEntriesInfo{}}
	var ris []string
	for ri := range byRI {
		ris = append(ris, ri)
	}
	sort.Strings(ris)
	for _, ri := range ris {
		resp.StaticRouteEntries = append(resp.StaticRouteEntries, schema.StaticRouteEntriesInfo{RIName: ri, StaticRouteList: byRI[ri]})
	}
	return []any{resp}
}

// serviceChainReq answers ShowServiceChainReq: a chain is Active once
// its connected route (the service VM's address) is in the left
// instance, Pending before.
func (n *Node) serviceChainReq(args []string) []any {
	search := arg(args, 0)
	resp := schema.ShowServiceChainResp{ServiceChainList: []schema.ShowServicechainInfo{}}
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, c := range n.cfg.Services.ServiceChains {
		if !strings.Contains(c.ServiceInstance, search) {
			continue
		}
		_, connected, ok := n.hostRouteLocked(c.LeftInstance, c.Address)
		info := schema.ShowServicechainInfo{SrcVirtualNetwork: c.LeftVN, DestVirtualNetwork: c.RightVN, ServiceInstance: c.ServiceInstance,
			Family: "inet", SrcRtInstance: serviceInstanceRI(c), ConnectedRtInstance: c.LeftInstance, DestRtInstance: c.RightInstance,
			ServiceChainAddr: c.Address.String(), State: "Active", ServiceChainID: "1",
			ConnectedRoute:          schema.ConnectedRouteInfo{ServiceChainAddr: c.Address.String(), ConnectedRt: connected},
			MoreSpecifics:           []schema.PrefixToRouteListInfo{},
			ExtConnectingRtInfoList: []schema.ExtConnectRouteInfo{}}
		if !ok {
			info.State, info.PendingReason = "Pending", "Connected route is not present"
		}
		resp.ServiceChainList = append(resp.ServiceChainList, info)
	}
	return []any{resp}
}

// serviceInstanceRI is the service routing instance the schema
// transformer creates in the right network for a chain:
// <right vn>:service-<si uuid>-<si fq name with ':' as '_'>.
func serviceInstanceRI(c ServiceChain) string {
	return c.RightVN + ":service-" + c.UUID + "-" + strings.ReplaceAll(c.ServiceInstance, ":", "_")
}
