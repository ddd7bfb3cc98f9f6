package control

import (
	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
	"github.com/tfkit/tfkit/refnode/procinfo"
)

// Module and UVE names of contrail-control (spec §4.2).
const (
	moduleID = "contrail-control"
	uveTable = "ObjectBgpRouter"
)

// connectionInfos are NodeStatus's connections. A real control node
// reports only these three (TF control-node/main.cc); its BGP and XMPP
// peers are not connections, so a peer going down leaves it Functional.
// The refnode has no collector or databases: they are shown Up, as in a
// healthy cluster, at the node's own address.
func (n *Node) connectionInfos() []schema.ConnectionInfo {
	a := n.cfg.Address.String()
	desc := func(s string) *string { return &s }
	return n.faults.apply([]schema.ConnectionInfo{
		{Type: "Collector", Name: "", ServerAddrs: []string{a + ":8086"}, Status: "Up", Description: desc("Established")},
		{Type: "Database", Name: "Cassandra", ServerAddrs: []string{a + ":9041"}, Status: "Up", Description: desc("Established Cassandra connection")},
		{Type: "Database", Name: "RabbitMQ", ServerAddrs: []string{a + ":5673"}, Status: "Up", Description: desc("RabbitMQ connection established")},
	})
}

// nodeStatus applies the Sandesh library rule (connection_info.cc): any
// connection not Up makes the process Non-Functional with
// "<type>:<name>[, …] connection down".
func (n *Node) nodeStatus() schema.NodeStatus {
	conns := n.connectionInfos()
	state, desc := "Functional", ""
	var down string
	for _, c := range conns {
		if c.Status != "Up" {
			if down != "" {
				down += ", "
			}
			down += c.Type + ":" + c.Name
		}
	}
	if down != "" {
		state, desc = "Non-Functional", down+" connection down"
	}
	return schema.NodeStatus{Name: n.cfg.Name, ProcessStatus: []schema.ProcessStatus{{
		ModuleID: moduleID, InstanceID: "0", State: state, ConnectionInfos: conns,
		FlagInfos: []schema.FlagInfo{}, Description: &desc,
	}}}
}

func (n *Node) uveCacheReq(args []string) []any {
	zero := int32(0)
	switch arg(args, 0) {
	case "NodeStatus":
		return []any{sandesh.UVE(uveTable, schema.NodeStatusUVE{Data: n.nodeStatus()}),
			schema.SandeshUVECacheResp{Returned: 1, Period: &zero}}
	case "BgpRouterState":
		return []any{sandesh.UVE(uveTable, schema.BGPRouterInfo{Data: n.routerState()}),
			schema.SandeshUVECacheResp{Returned: 1, Period: &zero}}
	}
	return []any{schema.SandeshUVECacheResp{Returned: 0, Period: &zero}}
}

func (n *Node) uveTypesReq([]string) []any {
	return []any{schema.SandeshUVETypesResp{TypeInfo: []schema.SandeshUVETypeInfo{
		{TypeName: "BgpRouterState", SeqNum: 1, Period: 0, Dsconf: map[string]string{}, Timeout: 0},
		{TypeName: "NodeStatus", SeqNum: 1, Period: 0, Dsconf: map[string]string{}, Timeout: 0},
	}}}
}

func (n *Node) cpuLoadReq([]string) []any {
	return []any{schema.CpuLoadInfoResp{CPUInfo: procinfo.CpuLoad()}}
}

// Trace buffer names of contrail-control that refnode fills.
var traceBuffers = []string{"BgpPeerObjectTrace", "RoutingInstance", "XmppMessageTrace", "XmppTrace"}

func (n *Node) traceListReq([]string) []any {
	return []any{*procinfo.ListResponse(traceBuffers...)}
}

func (n *Node) traceReq(args []string) []any {
	return []any{schema.SandeshTraceTextResponse{Traces: n.trace.Get(arg(args, 0), int(argUint(args, 1)))}}
}

// peeringName is the bgp-peering object name: "<ri>:<local>:<ri>:<remote>".
func peeringName(local, remote string) string {
	return MasterInstance + ":" + local + ":" + MasterInstance + ":" + remote
}

// routerState is the BgpRouterState UVE (control_node.sandesh).
func (n *Node) routerState() schema.BgpRouterState {
	peers := n.speaker.Peers()
	st := schema.BgpRouterState{Name: n.cfg.Name, RouterID: n.cfg.RouterID.String(), LocalASN: n.cfg.ASN,
		GlobalASN: n.cfg.ASN, NumBgpPeer: uint32(len(peers)), BuildInfo: n.buildInfo(),
		BgpRouterIPList: []string{n.cfg.Address.String()}, BgpConfigPeerList: []string{}, BgpOperPeerList: []string{}}
	for _, p := range peers {
		name := peeringName(n.cfg.Name, p.Name)
		st.BgpConfigPeerList = append(st.BgpConfigPeerList, name)
		st.BgpOperPeerList = append(st.BgpOperPeerList, name)
		if p.State == "Established" {
			st.NumUpBgpPeer++
		}
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	st.Uptime = uint64(n.startedAt.UnixMicro())
	st.NumXmppPeer = uint32(len(n.agents))
	for _, a := range n.agents {
		if a.peer.State().String() == "Established" {
			st.NumUpXmppPeer++
		}
	}
	st.NumRoutingInstance = uint32(len(n.rib.instances))
	a := n.cfg.Address.String()
	st.DBConnInfo = schema.ConfigDBConnInfo{Cluster: a, ConnectionStatus: true, ConnectionStatusChangeAt: n.ptime(n.startedAt)}
	st.AMQPConnInfo = schema.ConfigAmqpConnInfo{URL: a + ":5673", ConnectionStatus: true, ConnectionStatusChangeAt: n.ptime(n.startedAt)}
	return st
}

func (n *Node) buildInfo() string {
	v := n.cfg.Version
	if v == "" {
		v = "refnode-dev"
	}
	return `{"build-info" : [{"build-version" : "` + v + `", "build-hostname" : "refnode", "build-user" : "refnode"}]}`
}
