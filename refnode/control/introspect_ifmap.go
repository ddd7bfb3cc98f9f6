package control

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
)

// The IFMap server's client pages (ist.py `ctr ifmap client|link|cm|
// pending_vm|node --fqn`): every connected agent is an IFMap client
// that was sent its virtual-router and the virtual networks and routing
// instances it subscribed to. refnode carries no virtual-machine
// registrations over XMPP, so no VM is registered or pending.

func (n *Node) ifmapRoutes(m map[string]handlerFunc) {
	m["IFMapXmppClientInfoShowReq"] = n.ifmapClientInfoReq
	m["IFMapServerClientShowReq"] = n.ifmapServerClientReq
	m["IFMapPerClientNodesShowReq"] = n.ifmapClientNodesReq
	m["IFMapPerClientLinksShowReq"] = n.ifmapClientLinksReq
	m["IFMapLinkTableShowReq"] = n.ifmapLinkTableReq
	m["IFMapNodeShowReq"] = n.ifmapNodeShowReq
	m["IFMapXmppShowReq"] = n.ifmapXmppShowReq
	m["IFMapPendingVmRegReq"] = func([]string) []any {
		return []any{schema.IFMapPendingVmRegResp{VMRegMap: []schema.IFMapPendingVmRegEntry{}}}
	}
	m["ShowBgpRoutingPolicyConfigReq"] = func(args []string) []any {
		// The topology has no routing policies: none configured.
		return []any{schema.ShowBgpRoutingPolicyConfigResp{RoutingPolicies: []schema.ShowBgpRoutingPolicyConfig{}}}
	}
}

// ifmapClient is one connected agent as the IFMap server sees it.
type ifmapClient struct {
	index int
	name  string
	addr  string
	nodes []string                   // fq node names sent to it
	links []schema.IFMapLinkShowInfo // links sent to it
}

const (
	vrouterPrefix = "virtual-router:default-global-system-config:"
	vnRILink      = "virtual-network-routing-instance"
)

// ifmapClients lists the connected agents by name, indexed from 0.
func (n *Node) ifmapClients() []ifmapClient {
	n.mu.Lock()
	defer n.mu.Unlock()
	var out []ifmapClient
	for _, a := range n.agents {
		c := ifmapClient{name: a.name, nodes: []string{vrouterPrefix + a.name}}
		if st := a.peer.Stats(); st.RemoteAddr.IsValid() {
			c.addr = st.RemoteAddr.Addr().String()
		}
		var ris []string
		for ri := range a.subs {
			ris = append(ris, ri)
		}
		sort.Strings(ris)
		for _, ri := range ris {
			in := n.rib.instances[ri]
			if in == nil || in.vn == nil {
				continue
			}
			vn, rin := "virtual-network:"+in.vn.FQName, "routing-instance:"+ri
			c.nodes = append(c.nodes, vn, rin)
			c.links = append(c.links, n.ifmapLink(vnRILink, vn, rin))
		}
		sort.Strings(c.nodes)
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	for i := range out {
		out[i].index = i
	}
	return out
}

// ifmapLink is one link of the graph, as the link table shows it.
func (n *Node) ifmapLink(metadata, left, right string) schema.IFMapLinkShowInfo {
	return schema.IFMapLinkShowInfo{Metadata: metadata, Left: left, Right: right, Interests: "[]", Advertised: "[]",
		LastModified: ptime(n.startedAt), Origins: []schema.IFMapLinkOriginShowInfo{{SequenceNumber: 1, Origin: "MAP_SERVER"}}}
}

// ifmapClientNamed finds a client by index or name ("" = none).
func ifmapClientNamed(cs []ifmapClient, key string) *ifmapClient {
	for i := range cs {
		if cs[i].name == key || strconv.Itoa(cs[i].index) == key {
			return &cs[i]
		}
	}
	return nil
}

func (n *Node) ifmapClientInfoReq([]string) []any {
	resp := schema.IFMapXmppClientInfoShowResp{ClientStats: []schema.IFMapXmppClientInfo{}}
	for _, c := range n.ifmapClients() {
		resp.ClientStats = append(resp.ClientStats, schema.IFMapXmppClientInfo{
			ClientName: c.name, ClientIndex: int32(c.index), VMRegInfo: schema.VmRegInfo{VMList: []string{}},
			MsgsSent: uint64(len(c.nodes) + len(c.links)), UpdateNodesSent: uint64(len(c.nodes)), UpdateLinksSent: uint64(len(c.links)),
		})
	}
	return []any{resp}
}

func (n *Node) ifmapServerClientReq(args []string) []any {
	search := arg(args, 0)
	resp := schema.IFMapServerClientShowResp{
		NameList:    schema.IFMapServerShowClientMap{Clients: []schema.IFMapServerClientMapShowEntry{}},
		IndexList:   schema.IFMapServerShowIndexMap{Clients: []schema.IFMapServerIndexMapShowEntry{}},
		HistoryList: schema.IFMapServerClientHistoryList{Clients: []schema.IFMapServerClientHistoryEntry{}},
	}
	cs := n.ifmapClients()
	resp.NameList.TableCount, resp.IndexList.TableCount = int32(len(cs)), int32(len(cs))
	for _, c := range cs {
		if !strings.Contains(c.name, search) {
			continue
		}
		k := uint64(len(c.nodes) + len(c.links))
		resp.NameList.Clients = append(resp.NameList.Clients, schema.IFMapServerClientMapShowEntry{ClientName: c.name, InterestTrackerEntries: k, AdvertisedTrackerEntries: k})
		resp.IndexList.Clients = append(resp.IndexList.Clients, schema.IFMapServerIndexMapShowEntry{ClientIndex: int32(c.index), ClientName: c.name})
	}
	// History: the clients whose session ended (an agent that went away).
	n.mu.Lock()
	var gone []string
	for name, f := range n.xmppFlaps {
		if f.count > 0 && strings.Contains(name, search) {
			gone = append(gone, name)
		}
	}
	sort.Strings(gone)
	for _, name := range gone {
		index := -1
		if c := ifmapClientNamed(cs, name); c != nil {
			index = c.index
		}
		resp.HistoryList.Clients = append(resp.HistoryList.Clients, schema.IFMapServerClientHistoryEntry{ClientName: name, ClientIndex: int32(index),
			DeletionTimeAgo: time.Since(n.xmppFlaps[name].at).Round(time.Second).String()})
	}
	n.mu.Unlock()
	resp.HistoryList.TableCount = int32(len(resp.HistoryList.Clients))
	resp.NameList.PrintCount = int32(len(resp.NameList.Clients))
	resp.IndexList.PrintCount = int32(len(resp.IndexList.Clients))
	resp.HistoryList.PrintCount = resp.HistoryList.TableCount
	return []any{resp}
}

func (n *Node) ifmapClientNodesReq(args []string) []any {
	empty := ""
	resp := schema.IFMapPerClientNodesShowResp{NodeDB: []schema.IFMapPerClientNodesShowInfo{}, NextBatch: &empty}
	if c := ifmapClientNamed(n.ifmapClients(), arg(args, 0)); c != nil {
		for _, nd := range c.nodes {
			if strings.Contains(nd, arg(args, 1)) {
				resp.NodeDB = append(resp.NodeDB, schema.IFMapPerClientNodesShowInfo{NodeName: nd, Sent: "Yes", InterestTracked: "No tracker", AdvertisedTracked: "No tracker"})
			}
		}
	}
	return []any{resp}
}

func (n *Node) ifmapClientLinksReq(args []string) []any {
	empty := ""
	resp := schema.IFMapPerClientLinksShowResp{LinkDB: []schema.IFMapPerClientLinksShowInfo{}, NextBatch: &empty}
	if c := ifmapClientNamed(n.ifmapClients(), arg(args, 0)); c != nil {
		for _, l := range c.links {
			if strings.Contains(l.Left, arg(args, 1)) || strings.Contains(l.Right, arg(args, 1)) {
				resp.LinkDB = append(resp.LinkDB, schema.IFMapPerClientLinksShowInfo{Metadata: l.Metadata, Left: l.Left, Right: l.Right,
					Sent: "Yes", InterestTracked: "No tracker", AdvertisedTracked: "No tracker"})
			}
		}
	}
	return []any{resp}
}

// ifmapLinks is the link table: each virtual network to its routing
// instance and its policies, and this node's BGP peerings.
func (n *Node) ifmapLinks() []schema.IFMapLinkShowInfo {
	var out []schema.IFMapLinkShowInfo
	for _, v := range n.cfg.Networks {
		vn := "virtual-network:" + v.FQName
		out = append(out, n.ifmapLink(vnRILink, vn, "routing-instance:"+v.InstanceName()))
		for _, p := range v.Policies {
			out = append(out, n.ifmapLink("virtual-network-network-policy", vn, "network-policy:"+p))
		}
	}
	fab := "bgp-router:default-domain:default-project:ip-fabric:__default__:"
	for _, p := range n.cfg.Peers {
		out = append(out, n.ifmapLink("bgp-peering", fab+n.cfg.Name, fab+p.Name))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Left+out[i].Right < out[j].Left+out[j].Right })
	return out
}

func (n *Node) ifmapLinkTableReq(args []string) []any {
	empty := ""
	all := n.ifmapLinks()
	resp := schema.IFMapLinkTableShowResp{TableSize: uint32(len(all)), IfmapDB: []schema.IFMapLinkShowInfo{}, NextBatch: &empty}
	search, meta := arg(args, 0), arg(args, 1)
	for _, l := range all {
		if (search == "" || strings.Contains(l.Left, search) || strings.Contains(l.Right, search)) && strings.Contains(l.Metadata, meta) {
			resp.IfmapDB = append(resp.IfmapDB, l)
		}
	}
	return []any{resp}
}

// ifmapNodeShowReq answers one node by fq name; an unknown name is an
// empty node, as the daemon answers.
func (n *Node) ifmapNodeShowReq(args []string) []any {
	want := arg(args, 0)
	resp := schema.IFMapNodeShowResp{NodeInfo: schema.IFMapNodeShowInfo{ObjInfo: []schema.IFMapObjectShowInfo{}, Neighbors: []string{}}}
	for _, nodes := range n.ifmapNodes() {
		for _, nd := range nodes {
			if nd.NodeName == want {
				resp.NodeInfo = nd
			}
		}
	}
	return []any{resp}
}

func (n *Node) ifmapXmppShowReq([]string) []any {
	cs := n.ifmapClients()
	m := schema.IFMapXmppChannelMapList{ChannelCount: int32(len(cs)), ChannelList: []schema.IFMapXmppChannelMapEntry{}}
	for _, c := range cs {
		m.ChannelList = append(m.ChannelList, schema.IFMapXmppChannelMapEntry{ClientName: c.name, HostName: c.addr, ChannelName: c.name, ClientAdded: true})
	}
	return []any{schema.IFMapXmppShowResp{ChannelManagerInfo: schema.IFMapChannelManagerInfo{ChannelManagerMap: m}}}
}

// regIFMap registers the requests of ifmapRoutes.
func regIFMap(s *sandesh.Server, h map[string]handlerFunc) {
	reg[schema.IFMapXmppClientInfoShowReq](s, "ifmap_server_show", h)
	reg[schema.IFMapServerClientShowReq](s, "ifmap_server_show", h)
	reg[schema.IFMapPerClientNodesShowReq](s, "ifmap_server_show", h)
	reg[schema.IFMapPerClientLinksShowReq](s, "ifmap_server_show", h)
	reg[schema.IFMapLinkTableShowReq](s, "ifmap_server_show", h)
	reg[schema.IFMapNodeShowReq](s, "ifmap_server_show", h)
	reg[schema.IFMapXmppShowReq](s, "ifmap_server_show", h)
	reg[schema.IFMapPendingVmRegReq](s, "ifmap_server_show", h)
	reg[schema.ShowBgpRoutingPolicyConfigReq](s, "bgp_peer", h)
}
