// Package readonly is tfkit's one list of the Sandesh requests it may send
// on its own: every request that only reads state. Introspect also serves
// requests that change state with a plain GET (ClearBgpNeighborReq resets a
// BGP session, DeleteAllFlowRecords empties the flow table, the trace and
// logging setters change a daemon's behaviour), so cluster-wide commands
// (doctor, trace, bundle, watch, the exporter) and the ist catalogue build
// their clients with Check as the client's policy: a request not listed
// here is refused before anything is sent. The active probes (PingReq,
// TraceRouteReq) are separate: only `ist trace --probe`, which the user
// asks for by name, allows them (CheckWithProbes).
//
// To add a request, check in its .sandesh declaration and the daemon's
// handler that it only reads, and add it to the list of its daemon below.
package readonly

import (
	"fmt"
	"sort"
	"strings"
)

// control: contrail-control (bgp_peer.sandesh, xmpp_server.sandesh,
// ifmap_server_show.sandesh, routing_instance, service chaining,
// multicast, static routes). The …ReqIterate forms are the next_batch
// continuations of the same reads.
var control = []string{
	"BgpNeighborReq", "BgpNeighborReqIterate",
	"ShowBgpNeighborSummaryReq", "ShowBgpNeighborSummaryReqIterate",
	"ShowBgpServerReq", "ShowBgpGlobalSystemConfigReq",
	"ShowBgpInstanceConfigReq", "ShowBgpInstanceConfigReqIterate",
	"ShowBgpNeighborConfigReq", "ShowBgpNeighborConfigReqIterate",
	"ShowBgpPeeringConfigReq", "ShowBgpPeeringConfigReqIterate",
	"ShowBgpRoutingPolicyConfigReq", "ShowBgpRoutingPolicyConfigReqIterate",
	"ShowBgpServiceChainConfigReq", "ShowBgpStaticRouteConfigReq",
	"ShowRouteReq", "ShowRouteReqIterate",
	"ShowRouteSummaryReq", "ShowRouteSummaryReqIterate",
	"ShowRoutingInstanceReq", "ShowRoutingInstanceReqIterate",
	"ShowRoutingInstanceSummaryReq", "ShowRoutingInstanceSummaryReqIterate",
	"ShowRoutingPolicyReq", "ShowRoutingPolicyReqIterate",
	"ShowRouteAggregateReq", "ShowRouteAggregateReqIterate",
	"ShowRouteAggregateSummaryReq", "ShowRouteAggregateSummaryReqIterate",
	"ShowRtGroupReq", "ShowRtGroupReqIterate", "ShowRtGroupSummaryReq", "ShowRtGroupSummaryReqIterate",
	"ShowRtGroupPeerReq", "ShowRtGroupPeerReqIterate",
	"ShowMulticastManagerReq", "ShowMulticastManagerReqIterate",
	"ShowMulticastManagerDetailReq", "ShowMvpnManagerReq", "ShowMvpnProjectManagerReq",
	"ShowServiceChainReq", "ShowPendingServiceChainReq",
	"ShowStaticRouteReq", "ShowStaticRouteReqIterate",
	"ShowXmppConnectionReq", "ShowXmppServerReq",
	"ShowRibOutStatisticsReq", "ShowEvpnTableReq", "ShowEvpnTableReqIterate",
	"IFMapLinkTableShowReq", "IFMapLinkTableShowReqIterate",
	"IFMapNodeShowReq", "IFMapNodeTableListShowReq",
	"IFMapPeerServerInfoReq", "IFMapPendingVmRegReq",
	"IFMapPerClientLinksShowReq", "IFMapPerClientNodesShowReq",
	"IFMapServerClientShowReq", "IFMapTableShowReq", "IFMapTableShowReqIterate",
	"IFMapXmppClientInfoShowReq", "IFMapXmppShowReq", "IFMapUuidToNodeMappingReq",
	"IFMapNodeToUuidMappingReq", "ConfigDBUUIDCacheReq", "ConfigDBUUIDToFQNameReq",
}

// agent: contrail-vrouter-agent (agent.sandesh, kstate.sandesh, pkt.sandesh
// reads, controller.sandesh, services.sandesh, stats). PageReq is the
// agent's Pagination continuation.
var agent = []string{
	"PageReq",
	"ItfReq", "VnListReq", "VrfListReq", "VmListReq", "SgListReq", "AclReq", "AclFlowReq",
	"NhListReq", "MplsReq", "VxLanReq", "VxLanConfigReq", "VrfAssignReq", "MirrorEntryReq",
	"Inet4UcRouteReq", "Inet6UcRouteReq", "Inet4McRouteReq", "Inet4MplsUcRouteReq",
	"Layer2RouteReq", "BridgeRouteReq", "EvpnRouteReq",
	"AgentXmppConnectionStatusReq", "AgentDnsXmppConnectionStatusReq",
	"HealthCheckSandeshReq", "BgpAsAServiceSandeshReq", "ServiceInstanceReq",
	"LinkLocalServiceInfo", "MirrorCfgVnInfoReq", "IntfMirrorCfgDisplayReq", "MirrorCfgDisplayReq",
	"AgentStatsReq", "ShowIFMapAgentReq", "ShowIFMapAgentStatsReq", "ShowIFMapAgentDefTableReq",
	"VrouterObjectLimitsReq", "VrouterInfoReq", "AgentInitStateReq", "TaskMonitorRequest",
	"SandeshFlowTableInfoRequest", "FetchFlowRecord", "FetchAllFlowRecords", "NextFlowRecordsSet",
	"KInterfaceReq", "KRouteReq", "KRouteGetReq", "KNHReq", "KMplsReq", "KMirrorReq",
	"KFlowReq", "NextKFlowReq", "KDropStatsReq", "KVrfStatsReq", "KVxLanReq", "KVrfAssignReq",
	"KCompResourceReq", "KQosQueueReq", "KQosConfigReq", "KForwardingClassReq",
	"ShowAllInfo", "DhcpInfo", "Dhcpv6Info", "ArpInfo", "NdpInfo", "DnsInfo", "IcmpInfo", "Icmpv6Info",
	"MetadataInfo", "ShowArpCache", "ShowGratuitousArpCache", "InterfaceArpStatsReq",
	"InterfaceIcmpv6StatsReq", "VmVdnsListReq", "VmVdnsDataReq", "ShowDnsEntries",
	"SecurityLoggingObjectReq", "TagSandeshReq", "ForwardingClassSandeshReq", "QosConfigSandeshReq",
}

// common: generic Sandesh pages every daemon serves (sandesh_uve,
// sandesh_trace, cpuinfo, sandesh_ctrl) and the Python daemons' reads
// (config, svc-monitor, schema, collector, analytics-api, nodemgr).
var common = []string{
	"SandeshUVECacheReq", "SandeshUVETypesReq", "CollectorInfoRequest",
	"SandeshTraceBufferListRequest", "SandeshTraceRequest", "SandeshMessageStatsReq",
	"CpuLoadInfoReq", "SandeshLoggingParams",
	"VnList", "RoutingInstanceList", "ServiceChainList", "ServiceInstanceList",
	"StObjectReq", "ShowCollectorServerReq", "RedisUVERequest",
}

// probes send packets from the source agent (diag.sandesh): allowed only
// when the user asks for a probe.
var probes = []string{"PingReq", "TraceRouteReq", "OverlayPingReq", "OverlayTraceReq"}

// Forbidden are the state-changing requests tfkit knows of (peer-features
// §4.6): never on any list above; tests hold every client to that.
var Forbidden = []string{
	"ClearBgpNeighborReq", "ClearXmppConnectionReq", "DeleteAllFlowRecords",
	"SandeshIPv4FlowFilterRequest", "SandeshIPv6FlowFilterRequest",
	"MirrorCreateReq", "IntfMirrorCreateReq", "MirrorDeleteReq", "IntfMirrorDeleteReq",
	"AddQosQueue", "DeleteQosQueue", "AddQosConfig", "DeleteQosConfig",
	"SandeshLoggingParamsSet", "SandeshSendingParamsSet", "SandeshTraceEnable", "SandeshTraceDisable",
	"SandeshTraceBufferEnableRequest", "SandeshTraceBufferDisableRequest", "SandeshTraceBufferSetSize",
	"SetFlowStatsInterval_InSeconds", "AgentLogLevelReq", "ClearAllAgentStatsReq",
}

var allowed, probeSet = set(control, agent, common), set(probes)

func set(lists ...[]string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lists {
		for _, r := range l {
			m[r] = true
		}
	}
	return m
}

// Requests returns every read-only request name, sorted.
func Requests() []string {
	out := make([]string, 0, len(allowed))
	for r := range allowed {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// Probes returns the requests allowed only with --probe.
func Probes() []string { return append([]string(nil), probes...) }

// IsReadOnly reports whether request (a name without Snh_) only reads.
func IsReadOnly(request string) bool { return allowed[request] }

// Error is the refusal of a request outside the allowlist.
type Error struct{ Request string }

func (e *Error) Error() string {
	return fmt.Sprintf("refused to send %s: it is not on tfkit's read-only allowlist (introspect/readonly)", e.Request)
}

// Check is the client policy of every command that is not a probe: nil for
// a read-only request, an *Error otherwise. It takes a request name or a
// request path ("Snh_X?a=b").
func Check(request string) error {
	if name := Name(request); !allowed[name] {
		return &Error{Request: name}
	}
	return nil
}

// CheckWithProbes is Check that also lets the probe requests through
// (ist trace --probe).
func CheckWithProbes(request string) error {
	if probeSet[Name(request)] {
		return nil
	}
	return Check(request)
}

// Name is the request name of a path: "Snh_ShowRouteReq?x=1" ->
// "ShowRouteReq". A bare name is returned as it is.
func Name(path string) string {
	path = strings.TrimPrefix(path, "/")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	return strings.TrimPrefix(path, "Snh_")
}
