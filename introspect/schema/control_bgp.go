package schema

// This file: contrail-control BGP requests and responses (bgp_peer.sandesh,
// peer_info.sandesh, db.sandesh, io.sandesh), spec §5.1.1–§5.1.4, §5.1.6.
// Fields are in declaration order. Optional fields that contrail-control
// always fills are written without "opt" so that they appear even when
// zero, as in real answers; "opt" stays on those it leaves unset.

// Page limits of contrail-control's BgpShowHandler family (spec §3.1).
const (
	ControlPageLimit      = 64   // entries per BgpShowHandler page
	ControlRoutePageLimit = 1000 // routes per ShowRouteReq page
)

// BgpNeighborReq (request).
type BgpNeighborReq struct {
	SearchString string `sandesh:"search_string,id=1"`
}

// BgpNeighborReqIterate (request): continuation; iterate_info is next_batch.
type BgpNeighborReqIterate struct {
	IterateInfo string `sandesh:"iterate_info,id=1"`
}

// BgpNeighborListResp (response).
type BgpNeighborListResp struct {
	Neighbors []BgpNeighborResp `sandesh:"neighbors,id=1"`
	NextBatch string            `sandesh:"next_batch,id=2,opt,link=BgpNeighborReqIterate,link_title=next_batch"`
}

// BgpNeighborResp (struct): one BGP or XMPP peer.
type BgpNeighborResp struct {
	InstanceName                            string                       `sandesh:"instance_name,id=53"`
	Peer                                    string                       `sandesh:"peer,id=1,link=BgpNeighborReq"`
	Deleted                                 bool                         `sandesh:"deleted,id=36"`
	PeerAddress                             string                       `sandesh:"peer_address,id=2,link=BgpNeighborReq"`
	PeerID                                  string                       `sandesh:"peer_id,id=25"`
	PeerASN                                 uint32                       `sandesh:"peer_asn,id=3"`
	Encoding                                string                       `sandesh:"encoding,id=6"`
	PeerType                                string                       `sandesh:"peer_type,id=7"`
	State                                   string                       `sandesh:"state,id=8"`
	ClosedAt                                string                       `sandesh:"closed_at,id=43"`
	RouterType                              string                       `sandesh:"router_type,id=52"`
	AdminDown                               bool                         `sandesh:"admin_down,id=47"`
	Passive                                 bool                         `sandesh:"passive,id=48"`
	ASOverride                              bool                         `sandesh:"as_override,id=55"`
	OriginOverride                          bool                         `sandesh:"origin_override,id=65"`
	RouteOrigin                             string                       `sandesh:"route_origin,id=66"`
	AS4Supported                            bool                         `sandesh:"as4_supported,id=67"`
	PrivateASAction                         string                       `sandesh:"private_as_action,id=61"`
	SendReady                               bool                         `sandesh:"send_ready,id=62"`
	PeerPort                                uint32                       `sandesh:"peer_port,id=50"`
	TransportAddress                        string                       `sandesh:"transport_address,id=51"`
	LocalAddress                            string                       `sandesh:"local_address,id=4"`
	LocalID                                 string                       `sandesh:"local_id,id=26"`
	LocalASN                                uint32                       `sandesh:"local_asn,id=5"`
	ClusterID                               string                       `sandesh:"cluster_id,id=64"`
	TaskInstance                            uint32                       `sandesh:"task_instance,id=56"`
	PeerCloseInfo                           *PeerCloseInfo               `sandesh:"peer_close_info,id=54,opt"`
	SendState                               string                       `sandesh:"send_state,id=9"`
	LastEvent                               string                       `sandesh:"last_event,id=10"`
	LastState                               string                       `sandesh:"last_state,id=11"`
	LastStateAt                             string                       `sandesh:"last_state_at,id=12"`
	LastError                               string                       `sandesh:"last_error,id=13"`
	AuthType                                string                       `sandesh:"auth_type,id=44"`
	AuthKeys                                []string                     `sandesh:"auth_keys,id=45,opt"`
	ConfiguredAddressFamilies               []string                     `sandesh:"configured_address_families,id=38,opt"`
	NegotiatedAddressFamilies               []string                     `sandesh:"negotiated_address_families,id=39,opt"`
	GracefulRestartAddressFamilies          []string                     `sandesh:"graceful_restart_address_families,id=57,opt"`
	LongLivedGracefulRestartAddressFamilies []string                     `sandesh:"long_lived_graceful_restart_address_families,id=58,opt"`
	FamilyAttributesList                    []ShowBgpNeighborFamily      `sandesh:"family_attributes_list,id=49,opt"`
	GracefulRestartTime                     *uint16                      `sandesh:"graceful_restart_time,id=59,opt"`
	LongLivedGracefulRestartTime            *uint32                      `sandesh:"long_lived_graceful_restart_time,id=60,opt"`
	ConfiguredHoldTime                      *uint32                      `sandesh:"configured_hold_time,id=40,opt"`
	NegotiatedHoldTime                      uint32                       `sandesh:"negotiated_hold_time,id=41"`
	PrimaryPathCount                        uint32                       `sandesh:"primary_path_count,id=46"`
	FlapCount                               uint64                       `sandesh:"flap_count,id=23"`
	FlapTime                                string                       `sandesh:"flap_time,id=24"`
	RoutingInstances                        []BgpNeighborRoutingInstance `sandesh:"routing_instances,id=37,opt"`
	RoutingTables                           []BgpNeighborRoutingTable    `sandesh:"routing_tables,id=29,opt"`
	RxProtoStats                            *PeerProtoStats              `sandesh:"rx_proto_stats,id=30,opt"`
	TxProtoStats                            *PeerProtoStats              `sandesh:"tx_proto_stats,id=31,opt"`
	RxUpdateStats                           *PeerUpdateStats             `sandesh:"rx_update_stats,id=32,opt"`
	TxUpdateStats                           *PeerUpdateStats             `sandesh:"tx_update_stats,id=33,opt"`
	RxSocketStats                           *PeerSocketStats             `sandesh:"rx_socket_stats,id=34,opt"`
	TxSocketStats                           *PeerSocketStats             `sandesh:"tx_socket_stats,id=35,opt"`
	RxErrorStats                            *PeerRxErrorStats            `sandesh:"rx_error_stats,id=42,opt"`
	DSCPValue                               *int16                       `sandesh:"dscp_value,id=63,opt"`
}

// PeerCloseInfo (struct).
type PeerCloseInfo struct {
	State           string                        `sandesh:"state,id=1"`
	MembershipState string                        `sandesh:"membership_state,id=17"`
	CloseAgain      bool                          `sandesh:"close_again,id=2"`
	Graceful        bool                          `sandesh:"graceful,id=16"`
	Init            uint64                        `sandesh:"init,id=3"`
	Close           uint64                        `sandesh:"close,id=4"`
	Nested          uint64                        `sandesh:"nested,id=5"`
	Deletes         uint64                        `sandesh:"deletes,id=6"`
	Stale           uint64                        `sandesh:"stale,id=7"`
	LLGRStale       uint64                        `sandesh:"llgr_stale,id=15"`
	Sweep           uint64                        `sandesh:"sweep,id=8"`
	GRTimer         uint64                        `sandesh:"gr_timer,id=9"`
	LLGRTimer       uint64                        `sandesh:"llgr_timer,id=14"`
	RouteStats      map[string]PeerCloseRouteInfo `sandesh:"route_stats,id=18,opt"`
}

// PeerCloseRouteInfo (struct).
type PeerCloseRouteInfo struct {
	Staled     uint64 `sandesh:"staled,id=1"`
	LLGRStaled uint64 `sandesh:"llgr_staled,id=2"`
	Refreshed  uint64 `sandesh:"refreshed,id=3"`
	Fresh      uint64 `sandesh:"fresh,id=4"`
	Deleted    uint64 `sandesh:"deleted,id=5"`
}

// ShowBgpNeighborFamily (struct).
type ShowBgpNeighborFamily struct {
	Family         string `sandesh:"family,id=1"`
	LoopCount      uint32 `sandesh:"loop_count,id=2"`
	PrefixLimit    uint32 `sandesh:"prefix_limit,id=3"`
	IdleTimeout    int32  `sandesh:"idle_timeout,id=5"`
	GatewayAddress string `sandesh:"gateway_address,id=4"`
}

// BgpNeighborRoutingInstance (struct): an XMPP peer's subscription.
type BgpNeighborRoutingInstance struct {
	Name          string   `sandesh:"name,id=1"`
	State         string   `sandesh:"state,id=2"`
	Index         uint32   `sandesh:"index,id=3"`
	ImportTargets []string `sandesh:"import_targets,id=4"`
}

// BgpNeighborRoutingTable (struct).
type BgpNeighborRoutingTable struct {
	Name           string `sandesh:"name,id=1"`
	CurrentState   string `sandesh:"current_state,id=2"`
	CurrentRequest string `sandesh:"current_request,id=3"`
	PendingRequest string `sandesh:"pending_request,id=4"`
}

// PeerProtoStats (struct, peer_info.sandesh).
type PeerProtoStats struct {
	Total        uint64 `sandesh:"total,id=1"`
	Open         uint64 `sandesh:"open,id=2"`
	Keepalive    uint64 `sandesh:"keepalive,id=3"`
	Notification uint64 `sandesh:"notification,id=4"`
	Update       uint64 `sandesh:"update,id=5"`
	Close        uint64 `sandesh:"close,id=6"`
}

// PeerUpdateStats (struct, peer_info.sandesh).
type PeerUpdateStats struct {
	Total    uint64 `sandesh:"total,id=1"`
	Reach    uint64 `sandesh:"reach,id=2"`
	Unreach  uint64 `sandesh:"unreach,id=3"`
	EndOfRib uint64 `sandesh:"end_of_rib,id=4"`
}

// PeerSocketStats (struct, peer_info.sandesh).
type PeerSocketStats struct {
	Bytes                  uint64  `sandesh:"bytes,id=1"`
	Calls                  uint64  `sandesh:"calls,id=2"`
	AverageBytes           float64 `sandesh:"average_bytes,id=3"`
	BlockedDuration        string  `sandesh:"blocked_duration,id=4"`
	BlockedCount           uint64  `sandesh:"blocked_count,id=5"`
	AverageBlockedDuration string  `sandesh:"average_blocked_duration,id=6"`
}

// PeerRxErrorStats (struct, peer_info.sandesh).
type PeerRxErrorStats struct {
	Inet6ErrorStats PeerRxInet6ErrorStats `sandesh:"inet6_error_stats,id=1"`
}

// PeerRxInet6ErrorStats (struct, peer_info.sandesh).
type PeerRxInet6ErrorStats struct {
	BadInet6XMLTokenCount uint64 `sandesh:"bad_inet6_xml_token_count,id=1"`
	BadInet6PrefixCount   uint64 `sandesh:"bad_inet6_prefix_count,id=2"`
	BadInet6NexthopCount  uint64 `sandesh:"bad_inet6_nexthop_count,id=3"`
	BadInet6AfiSafiCount  uint64 `sandesh:"bad_inet6_afi_safi_count,id=4"`
}

// ---- routes ----

// ShowRouteReq (request); positional order as declared.
type ShowRouteReq struct {
	RoutingTable         string `sandesh:"routing_table,id=1"`
	RoutingInstance      string `sandesh:"routing_instance,id=2"`
	Prefix               string `sandesh:"prefix,id=3"`
	LongerMatch          bool   `sandesh:"longer_match,id=8"`
	ShorterMatch         bool   `sandesh:"shorter_match,id=12"`
	Count                uint32 `sandesh:"count,id=7"`
	StartRoutingTable    string `sandesh:"start_routing_table,id=5"`
	StartRoutingInstance string `sandesh:"start_routing_instance,id=4"`
	StartPrefix          string `sandesh:"start_prefix,id=6"`
	Source               string `sandesh:"source,id=9"`
	Protocol             string `sandesh:"protocol,id=10"`
	Family               string `sandesh:"family,id=11"`
}

// ShowRouteReqIterate (request).
type ShowRouteReqIterate struct {
	IterateInfo string `sandesh:"iterate_info,id=1"`
}

// ShowRouteResp (response).
type ShowRouteResp struct {
	Tables    []ShowRouteTable `sandesh:"tables,id=1"`
	NextBatch string           `sandesh:"next_batch,id=2,opt,link=ShowRouteReqIterate,link_title=next_batch"`
}

// ShowRouteTable (struct).
type ShowRouteTable struct {
	RoutingInstance  string              `sandesh:"routing_instance,id=1,link=ShowRoutingInstanceReq"`
	RoutingTableName string              `sandesh:"routing_table_name,id=2,link=ShowRouteReq"`
	Deleted          bool                `sandesh:"deleted,id=9"`
	DeletedAt        string              `sandesh:"deleted_at,id=11"`
	Prefixes         uint64              `sandesh:"prefixes,id=3"`
	Paths            uint64              `sandesh:"paths,id=4"`
	PrimaryPaths     uint64              `sandesh:"primary_paths,id=5"`
	SecondaryPaths   uint64              `sandesh:"secondary_paths,id=6"`
	InfeasiblePaths  uint64              `sandesh:"infeasible_paths,id=7"`
	StalePaths       uint64              `sandesh:"stale_paths,id=12"`
	LLGRStalePaths   uint64              `sandesh:"llgr_stale_paths,id=13"`
	Routes           []ShowRoute         `sandesh:"routes,id=8"`
	Listeners        []ShowTableListener `sandesh:"listeners,id=10"`
}

// ShowRoute (struct).
type ShowRoute struct {
	Prefix       string          `sandesh:"prefix,id=1"`
	LastModified string          `sandesh:"last_modified,id=2"`
	Paths        []ShowRoutePath `sandesh:"paths,id=3"`
}

// ShowRoutePath (struct).
type ShowRoutePath struct {
	Protocol        string               `sandesh:"protocol,id=1"`
	LastModified    string               `sandesh:"last_modified,id=3"`
	LocalPreference uint32               `sandesh:"local_preference,id=5"`
	MED             uint32               `sandesh:"med,id=25"`
	LocalAS         uint32               `sandesh:"local_as,id=6"`
	PeerAS          uint32               `sandesh:"peer_as,id=7"`
	PeerRouterID    string               `sandesh:"peer_router_id,id=8"`
	Source          string               `sandesh:"source,id=9"`
	ASPath          string               `sandesh:"as_path,id=10"`
	AS4Path         string               `sandesh:"as4_path,id=30"`
	NextHop         string               `sandesh:"next_hop,id=11"`
	Label           uint32               `sandesh:"label,id=12"`
	Origin          string               `sandesh:"origin,id=26"`
	Replicated      bool                 `sandesh:"replicated,id=13"`
	PrimaryTable    string               `sandesh:"primary_table,id=14,link=ShowRouteReq"`
	SecondaryTables []string             `sandesh:"secondary_tables,id=24"`
	Communities     []string             `sandesh:"communities,id=15"`
	OriginVN        string               `sandesh:"origin_vn,id=16"`
	Flags           []string             `sandesh:"flags,id=17"`
	TunnelEncap     []string             `sandesh:"tunnel_encap,id=18"`
	SequenceNo      string               `sandesh:"sequence_no,id=19"`
	OriginVNPath    []string             `sandesh:"origin_vn_path,id=20"`
	PMSITunnel      ShowPmsiTunnel       `sandesh:"pmsi_tunnel,id=21"`
	LoadBalance     ShowLoadBalance      `sandesh:"load_balance,id=22"`
	ClusterList     []string             `sandesh:"cluster_list,id=23"`
	OriginatorID    string               `sandesh:"originator_id,id=27"`
	EdgeDiscovery   []ShowEdgeDiscovery  `sandesh:"edge_discovery,id=28"`
	EdgeForwarding  []ShowEdgeForwarding `sandesh:"edge_forwarding,id=29"`
}

// ShowPmsiTunnel (struct).
type ShowPmsiTunnel struct {
	Type       string   `sandesh:"type,id=1"`
	ARType     string   `sandesh:"ar_type,id=2"`
	Identifier string   `sandesh:"identifier,id=3"`
	Label      uint32   `sandesh:"label,id=4"`
	Flags      []string `sandesh:"flags,id=5"`
}

// ShowLoadBalance (struct).
type ShowLoadBalance struct {
	DecisionType string   `sandesh:"decision_type,id=1"`
	Fields       []string `sandesh:"fields,id=2"`
}

// ShowEdgeDiscovery (struct).
type ShowEdgeDiscovery struct {
	Address string `sandesh:"address,id=1"`
	Labels  string `sandesh:"labels,id=2"`
}

// ShowEdgeForwarding (struct).
type ShowEdgeForwarding struct {
	InAddressLabel  string `sandesh:"in_address_label,id=1"`
	OutAddressLabel string `sandesh:"out_address_label,id=2"`
}

// ShowTableListener (struct, db.sandesh).
type ShowTableListener struct {
	ID         uint32 `sandesh:"id,id=1"`
	Name       string `sandesh:"name,id=2"`
	StateCount uint64 `sandesh:"state_count,id=3"`
}

// ---- route summary ----

// ShowRouteSummaryReq (request).
type ShowRouteSummaryReq struct {
	SearchString string `sandesh:"search_string,id=1"`
}

// ShowRouteSummaryReqIterate (request).
type ShowRouteSummaryReqIterate struct {
	IterateInfo string `sandesh:"iterate_info,id=1"`
}

// ShowRouteSummaryResp (response).
type ShowRouteSummaryResp struct {
	Tables    []ShowRouteTableSummary `sandesh:"tables,id=1"`
	NextBatch string                  `sandesh:"next_batch,id=2,opt,link=ShowRouteSummaryReqIterate,link_title=next_batch"`
}

// ShowRouteTableSummary (struct).
type ShowRouteTableSummary struct {
	Name              string `sandesh:"name,id=1,link=ShowRouteReq"`
	Prefixes          uint64 `sandesh:"prefixes,id=3"`
	Paths             uint64 `sandesh:"paths,id=4"`
	PrimaryPaths      uint64 `sandesh:"primary_paths,id=5"`
	SecondaryPaths    uint64 `sandesh:"secondary_paths,id=6"`
	InfeasiblePaths   uint64 `sandesh:"infeasible_paths,id=7"`
	StalePaths        uint64 `sandesh:"stale_paths,id=18"`
	LLGRStalePaths    uint64 `sandesh:"llgr_stale_paths,id=19"`
	WalkRequests      uint64 `sandesh:"walk_requests,id=8"`
	WalkAgainRequests uint64 `sandesh:"walk_again_requests,id=16"`
	WalkCompletes     uint64 `sandesh:"walk_completes,id=9"`
	ActualWalks       uint64 `sandesh:"actual_walks,id=17"`
	WalkCancels       uint64 `sandesh:"walk_cancels,id=10"`
	PendingUpdates    uint64 `sandesh:"pending_updates,id=11"`
	Markers           uint64 `sandesh:"markers,id=12"`
	Listeners         uint64 `sandesh:"listeners,id=14"`
	Walkers           uint64 `sandesh:"walkers,id=15"`
	Deleted           bool   `sandesh:"deleted,id=2"`
	DeletedAt         string `sandesh:"deleted_at,id=13"`
}

// ---- routing instances ----

// ShowRoutingInstanceReq (request).
type ShowRoutingInstanceReq struct {
	SearchString string `sandesh:"search_string,id=1"`
}

// ShowRoutingInstanceReqIterate (request).
type ShowRoutingInstanceReqIterate struct {
	IterateInfo string `sandesh:"iterate_info,id=1"`
}

// ShowRoutingInstanceResp (response).
type ShowRoutingInstanceResp struct {
	Instances []ShowRoutingInstance `sandesh:"instances,id=1"`
	NextBatch string                `sandesh:"next_batch,id=2,opt,link=ShowRoutingInstanceReqIterate,link_title=next_batch"`
}

// ShowRoutingInstance (struct).
type ShowRoutingInstance struct {
	Name            string                          `sandesh:"name,id=1,link=ShowRoutingInstanceReq"`
	VirtualNetwork  string                          `sandesh:"virtual_network,id=3"`
	VNIndex         int32                           `sandesh:"vn_index,id=6"`
	VXLANID         int32                           `sandesh:"vxlan_id,id=8"`
	ImportTarget    []string                        `sandesh:"import_target,id=4"`
	ExportTarget    []string                        `sandesh:"export_target,id=5"`
	AlwaysSubscribe bool                            `sandesh:"always_subscribe,id=10"`
	AllowTransit    bool                            `sandesh:"allow_transit,id=12"`
	PBBEVPNEnable   bool                            `sandesh:"pbb_evpn_enable,id=13"`
	Deleted         bool                            `sandesh:"deleted,id=7"`
	DeletedAt       string                          `sandesh:"deleted_at,id=9"`
	Tables          []ShowRoutingInstanceTable      `sandesh:"tables,id=2,opt"`
	RoutingPolicies []ShowInstanceRoutingPolicyInfo `sandesh:"routing_policies,id=11,opt"`
	Neighbors       []string                        `sandesh:"neighbors,id=14,opt"`
}

// ShowRoutingInstanceTable (struct).
type ShowRoutingInstanceTable struct {
	Name              string                  `sandesh:"name,id=1,link=ShowRouteReq"`
	Deleted           bool                    `sandesh:"deleted,id=13"`
	Prefixes          uint64                  `sandesh:"prefixes,id=3"`
	Paths             uint64                  `sandesh:"paths,id=4"`
	PrimaryPaths      uint64                  `sandesh:"primary_paths,id=5"`
	SecondaryPaths    uint64                  `sandesh:"secondary_paths,id=6"`
	InfeasiblePaths   uint64                  `sandesh:"infeasible_paths,id=7"`
	StalePaths        uint64                  `sandesh:"stale_paths,id=18"`
	LLGRStalePaths    uint64                  `sandesh:"llgr_stale_paths,id=19"`
	WalkRequests      uint64                  `sandesh:"walk_requests,id=8"`
	WalkAgainRequests uint64                  `sandesh:"walk_again_requests,id=16"`
	ActualWalks       uint64                  `sandesh:"actual_walks,id=17"`
	WalkCompletes     uint64                  `sandesh:"walk_completes,id=9"`
	WalkCancels       uint64                  `sandesh:"walk_cancels,id=10"`
	PendingUpdates    uint64                  `sandesh:"pending_updates,id=11"`
	Markers           uint64                  `sandesh:"markers,id=12"`
	Listeners         uint64                  `sandesh:"listeners,id=14"`
	Walkers           uint64                  `sandesh:"walkers,id=15"`
	Membership        ShowTableMembershipInfo `sandesh:"membership,id=2"`
}

// ShowTableMembershipInfo (struct).
type ShowTableMembershipInfo struct {
	Requests uint32                   `sandesh:"requests,id=1"`
	Walks    uint32                   `sandesh:"walks,id=2"`
	Peers    []ShowMembershipPeerInfo `sandesh:"peers,id=3"`
}

// ShowMembershipPeerInfo (struct).
type ShowMembershipPeerInfo struct {
	Peer             string `sandesh:"peer,id=1"`
	RiboutRegistered bool   `sandesh:"ribout_registered,id=2"`
	RibinRegistered  bool   `sandesh:"ribin_registered,id=3"`
	InstanceID       uint32 `sandesh:"instance_id,id=4"`
	GenerationID     uint64 `sandesh:"generation_id,id=5"`
}

// ShowInstanceRoutingPolicyInfo (struct).
type ShowInstanceRoutingPolicyInfo struct {
	PolicyName string `sandesh:"policy_name,id=1,link=ShowRoutingPolicyReq"`
	Generation uint32 `sandesh:"generation,id=2"`
}

// ---- server statistics ----

// ShowBgpServerReq (request): no arguments.
type ShowBgpServerReq struct{}

// ShowBgpServerResp (response).
type ShowBgpServerResp struct {
	RxSocketStats SocketIOStats `sandesh:"rx_socket_stats,id=1"`
	TxSocketStats SocketIOStats `sandesh:"tx_socket_stats,id=2"`
}

// SocketIOStats (struct, io.sandesh).
type SocketIOStats struct {
	Bytes                  uint64  `sandesh:"bytes,id=1"`
	Calls                  uint64  `sandesh:"calls,id=2"`
	AverageBytes           float64 `sandesh:"average_bytes,id=3"`
	BlockedDuration        string  `sandesh:"blocked_duration,id=4"`
	BlockedCount           uint64  `sandesh:"blocked_count,id=5"`
	AverageBlockedDuration string  `sandesh:"average_blocked_duration,id=6"`
	Errors                 uint64  `sandesh:"errors,id=7"`
}

// ShowBgpNeighborSummaryReq (request): BgpNeighborReq in summary mode.
type ShowBgpNeighborSummaryReq struct {
	SearchString string `sandesh:"search_string,id=1"`
}

// ShowBgpNeighborSummaryReqIterate (request).
type ShowBgpNeighborSummaryReqIterate struct {
	IterateInfo string `sandesh:"iterate_info,id=1"`
}

// ShowBgpNeighborSummaryResp (response): neighbors filled up to auth_type.
type ShowBgpNeighborSummaryResp struct {
	Neighbors []BgpNeighborResp `sandesh:"neighbors,id=1"`
	NextBatch string            `sandesh:"next_batch,id=2,opt,link=ShowBgpNeighborSummaryReqIterate,link_title=next_batch"`
}

// ShowRoutingInstanceSummaryReq (request).
type ShowRoutingInstanceSummaryReq struct {
	SearchString string `sandesh:"search_string,id=1"`
}

// ShowRoutingInstanceSummaryReqIterate (request).
type ShowRoutingInstanceSummaryReqIterate struct {
	IterateInfo string `sandesh:"iterate_info,id=1"`
}

// ShowRoutingInstanceSummaryResp (response): instances without tables.
type ShowRoutingInstanceSummaryResp struct {
	Instances []ShowRoutingInstance `sandesh:"instances,id=1"`
	NextBatch string                `sandesh:"next_batch,id=2,opt,link=ShowRoutingInstanceSummaryReqIterate,link_title=next_batch"`
}
