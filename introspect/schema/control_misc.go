package schema

// This file: contrail-control requests beyond routes and neighbors:
// multicast managers, RT groups, static routes, service chains, route
// aggregates, IFMap tables and BGP configuration (spec §5.1.7–§5.1.12).

// ShowMulticastManagerReq (request).
type ShowMulticastManagerReq struct {
	SearchString string `sandesh:"search_string,id=1"`
}

// ShowMulticastManagerReqIterate (request).
type ShowMulticastManagerReqIterate struct {
	IterateInfo string `sandesh:"iterate_info,id=1"`
}

// ShowMulticastManagerResp (response).
type ShowMulticastManagerResp struct {
	Managers  []ShowMulticastManager `sandesh:"managers,id=1"`
	NextBatch string                 `sandesh:"next_batch,id=2,opt,link=ShowMulticastManagerReqIterate,link_title=next_batch"`
}

// ShowMulticastManager (struct).
type ShowMulticastManager struct {
	Name       string `sandesh:"name,id=1,link=ShowMulticastManagerDetailReq"`
	TotalTrees uint32 `sandesh:"total_trees,id=2"`
	Deleted    bool   `sandesh:"deleted,id=3"`
	DeletedAt  string `sandesh:"deleted_at,id=4"`
}

// ShowMulticastManagerDetailReq (request): name = ermvpn table.
type ShowMulticastManagerDetailReq struct {
	Name string `sandesh:"name,id=1"`
}

// ShowMulticastManagerDetailResp (response).
type ShowMulticastManagerDetailResp struct {
	Trees []ShowMulticastTree `sandesh:"trees,id=1"`
}

// ShowMulticastTree (struct).
type ShowMulticastTree struct {
	Group            string                   `sandesh:"group,id=1"`
	Source           string                   `sandesh:"source,id=2"`
	Level0Forwarders []ShowMulticastForwarder `sandesh:"level0_forwarders,id=3"`
	Level1Forwarders []ShowMulticastForwarder `sandesh:"level1_forwarders,id=4"`
}

// ShowMulticastForwarder (struct).
type ShowMulticastForwarder struct {
	Address    string                  `sandesh:"address,id=1"`
	LabelBlock string                  `sandesh:"label_block,id=2"`
	Label      uint32                  `sandesh:"label,id=3"`
	RouterID   string                  `sandesh:"router_id,id=5"`
	Links      []ShowMulticastTreeLink `sandesh:"links,id=4"`
}

// ShowMulticastTreeLink (struct).
type ShowMulticastTreeLink struct {
	Address string `sandesh:"address,id=1"`
	Label   uint32 `sandesh:"label,id=2"`
}

// ShowRtGroupReq (request); ShowRtGroupSummaryReq has the same shape.
type ShowRtGroupReq struct {
	SearchString string `sandesh:"search_string,id=1"`
}

// ShowRtGroupSummaryReq (request).
type ShowRtGroupSummaryReq struct {
	SearchString string `sandesh:"search_string,id=1"`
}

// ShowRtGroupResp (response).
type ShowRtGroupResp struct {
	RtgroupList []ShowRtGroupInfo `sandesh:"rtgroup_list,id=1"`
	NextBatch   string            `sandesh:"next_batch,id=2,opt,link=ShowRtGroupReqIterate,link_title=next_batch"`
}

// ShowRtGroupSummaryResp (response).
type ShowRtGroupSummaryResp struct {
	RtgroupList []ShowRtGroupInfo `sandesh:"rtgroup_list,id=1"`
	NextBatch   string            `sandesh:"next_batch,id=2,opt,link=ShowRtGroupSummaryReqIterate,link_title=next_batch"`
}

// ShowRtGroupInfo (struct).
type ShowRtGroupInfo struct {
	Rtarget         string                       `sandesh:"rtarget,id=1,link=ShowRtGroupReq"`
	ImportMembers   []ShowRtGroupMemberTableList `sandesh:"import_members,id=2"`
	ExportMembers   []ShowRtGroupMemberTableList `sandesh:"export_members,id=3"`
	PeersInterested []string                     `sandesh:"peers_interested,id=4,opt"`
	DepRoute        []string                     `sandesh:"dep_route,id=5,opt"`
}

// ShowRtGroupMemberTableList (struct).
type ShowRtGroupMemberTableList struct {
	Family string   `sandesh:"family,id=1"`
	Tables []string `sandesh:"tables,id=2"`
}

// ShowStaticRouteReq (request).
type ShowStaticRouteReq struct {
	SearchString string `sandesh:"search_string,id=1"`
}

// ShowStaticRouteResp (response).
type ShowStaticRouteResp struct {
	StaticRouteEntries []StaticRouteEntriesInfo `sandesh:"static_route_entries,id=1"`
	NextBatch          string                   `sandesh:"next_batch,id=2,opt,link=ShowStaticRouteReqIterate,link_title=next_batch"`
}

// StaticRouteEntriesInfo (struct).
type StaticRouteEntriesInfo struct {
	RIName          string            `sandesh:"ri_name,id=1"`
	StaticRouteList []StaticRouteInfo `sandesh:"static_route_list,id=2"`
}

// StaticRouteInfo (struct).
type StaticRouteInfo struct {
	Prefix          string         `sandesh:"prefix,id=1"`
	StaticRt        bool           `sandesh:"static_rt,id=2"`
	Nexthop         string         `sandesh:"nexthop,id=3"`
	CommunityList   []string       `sandesh:"community_list,id=7"`
	RouteTargetList []string       `sandesh:"route_target_list,id=5"`
	SecondaryTables []string       `sandesh:"secondary_tables,id=6"`
	NexthopRt       ShowRouteBrief `sandesh:"nexthop_rt,id=4"`
}

// ShowRouteBrief (struct).
type ShowRouteBrief struct {
	Prefix string               `sandesh:"prefix,id=1"`
	Paths  []ShowRoutePathBrief `sandesh:"paths,id=2"`
}

// ShowRoutePathBrief (struct).
type ShowRoutePathBrief struct {
	Protocol        string `sandesh:"protocol,id=1"`
	LocalPreference uint32 `sandesh:"local_preference,id=2"`
	MED             uint32 `sandesh:"med,id=6"`
	Source          string `sandesh:"source,id=3"`
	NextHop         string `sandesh:"next_hop,id=4"`
	Label           uint32 `sandesh:"label,id=5"`
}

// ShowServiceChainReq (request).
type ShowServiceChainReq struct {
	SearchString string `sandesh:"search_string,id=1"`
}

// ShowServiceChainResp (response).
type ShowServiceChainResp struct {
	ServiceChainList []ShowServicechainInfo `sandesh:"service_chain_list,id=1"`
	NextBatch        string                 `sandesh:"next_batch,id=2,opt,link=ShowServiceChainReqIterate,link_title=next_batch"`
}

// ShowServicechainInfo (struct; lower-case c as in the .sandesh).
type ShowServicechainInfo struct {
	SrcVirtualNetwork       string                  `sandesh:"src_virtual_network,id=7"`
	DestVirtualNetwork      string                  `sandesh:"dest_virtual_network,id=8"`
	ServiceInstance         string                  `sandesh:"service_instance,id=9"`
	Family                  string                  `sandesh:"family,id=12"`
	SrcRtInstance           string                  `sandesh:"src_rt_instance,id=1"`
	ConnectedRtInstance     string                  `sandesh:"connected_rt_instance,id=11"`
	DestRtInstance          string                  `sandesh:"dest_rt_instance,id=2"`
	ServiceChainAddr        string                  `sandesh:"service_chain_addr,id=13"`
	State                   string                  `sandesh:"state,id=10"`
	PendingReason           string                  `sandesh:"pending_reason,id=14"`
	ServiceChainID          string                  `sandesh:"service_chain_id,id=15"`
	ConnectedRoute          ConnectedRouteInfo      `sandesh:"connected_route,id=3"`
	MoreSpecifics           []PrefixToRouteListInfo `sandesh:"more_specifics,id=4"`
	ExtConnectingRtInfoList []ExtConnectRouteInfo   `sandesh:"ext_connecting_rt_info_list,id=5"`
	AggregateEnable         bool                    `sandesh:"aggregate_enable,id=6"`
}

// ConnectedRouteInfo (struct).
type ConnectedRouteInfo struct {
	ServiceChainAddr string    `sandesh:"service_chain_addr,id=1"`
	ConnectedRt      ShowRoute `sandesh:"connected_rt,id=2"`
}

// PrefixToRouteListInfo (struct).
type PrefixToRouteListInfo struct {
	Prefix           string    `sandesh:"prefix,id=1"`
	Aggregate        bool      `sandesh:"aggregate,id=2"`
	AggregateRt      ShowRoute `sandesh:"aggregate_rt,id=4"`
	MoreSpecificList []string  `sandesh:"more_specific_list,id=3"`
}

// ExtConnectRouteInfo (struct).
type ExtConnectRouteInfo struct {
	ExtRtPrefix string    `sandesh:"ext_rt_prefix,id=1"`
	ExtRtSvcRt  ShowRoute `sandesh:"ext_rt_svc_rt,id=2"`
}

// ShowRouteAggregateReq (request).
type ShowRouteAggregateReq struct {
	SearchString string `sandesh:"search_string,id=1"`
}

// ShowRouteAggregateResp (response).
type ShowRouteAggregateResp struct {
	AggregateRouteEntries []AggregateRouteEntriesInfo `sandesh:"aggregate_route_entries,id=1"`
	NextBatch             string                      `sandesh:"next_batch,id=2,opt,link=ShowRouteAggregateReqIterate,link_title=next_batch"`
}

// AggregateRouteEntriesInfo (struct).
type AggregateRouteEntriesInfo struct {
	Name               string               `sandesh:"name,id=2,link=ShowRouteAggregateReq"`
	InstanceName       string               `sandesh:"instance_name,id=4"`
	AggregateRouteList []AggregateRouteInfo `sandesh:"aggregate_route_list,id=5"`
}

// AggregateRouteInfo (struct).
type AggregateRouteInfo struct {
	Prefix       string         `sandesh:"prefix,id=1"`
	AggregateRt  ShowRouteBrief `sandesh:"aggregate_rt,id=2"`
	Nexthop      string         `sandesh:"nexthop,id=3"`
	Deleted      bool           `sandesh:"deleted,id=4"`
	Contributors []string       `sandesh:"contributors,id=5,opt"`
}

// IFMapTableShowReq (request).
type IFMapTableShowReq struct {
	TableName    string `sandesh:"table_name,id=1"`
	SearchString string `sandesh:"search_string,id=2"`
}

// IFMapTableShowReqIterate (request).
type IFMapTableShowReqIterate struct {
	IterateInfo string `sandesh:"iterate_info,id=1"`
}

// IFMapTableShowResp (response). The IFMap handler always writes
// next_batch, empty on the last page (spec §3.1).
type IFMapTableShowResp struct {
	IfmapDB   []IFMapNodeShowInfo `sandesh:"ifmap_db,id=1"`
	NextBatch *string             `sandesh:"next_batch,id=2,opt,link=IFMapTableShowReqIterate,link_title=next_batch"`
}

// IFMapNodeShowInfo (struct).
type IFMapNodeShowInfo struct {
	NodeName     string                `sandesh:"node_name,id=1"`
	Interests    string                `sandesh:"interests,id=2"`
	Advertised   string                `sandesh:"advertised,id=3"`
	DBEntryFlags string                `sandesh:"dbentryflags,id=4"`
	ObjInfo      []IFMapObjectShowInfo `sandesh:"obj_info,id=5"`
	Neighbors    []string              `sandesh:"neighbors,id=6"`
	LastModified string                `sandesh:"last_modified,id=7"`
}

// IFMapObjectShowInfo (struct).
type IFMapObjectShowInfo struct {
	SequenceNumber uint64 `sandesh:"sequence_number,id=1"`
	Origin         string `sandesh:"origin,id=2"`
	Data           string `sandesh:"data,id=3"`
}

// IFMapNodeTableListShowReq (request): no arguments.
type IFMapNodeTableListShowReq struct{}

// IFMapNodeTableListShowResp (response).
type IFMapNodeTableListShowResp struct {
	TableList []IFMapNodeTableListShowEntry `sandesh:"table_list,id=1"`
}

// IFMapNodeTableListShowEntry (struct).
type IFMapNodeTableListShowEntry struct {
	TableName string `sandesh:"table_name,id=1,link=IFMapTableShowReq"`
	Size      uint32 `sandesh:"size,id=2"`
}

// ShowBgpNeighborConfigReq (request).
type ShowBgpNeighborConfigReq struct {
	SearchString string `sandesh:"search_string,id=1"`
}

// ShowBgpNeighborConfigResp (response).
type ShowBgpNeighborConfigResp struct {
	Neighbors []ShowBgpNeighborConfig `sandesh:"neighbors,id=1"`
	NextBatch string                  `sandesh:"next_batch,id=2,opt,link=ShowBgpNeighborConfigReqIterate,link_title=next_batch"`
}

// ShowBgpNeighborConfig (struct).
type ShowBgpNeighborConfig struct {
	InstanceName         string                        `sandesh:"instance_name,id=1"`
	Name                 string                        `sandesh:"name,id=2"`
	AdminDown            bool                          `sandesh:"admin_down,id=13"`
	Passive              bool                          `sandesh:"passive,id=15"`
	ASOverride           bool                          `sandesh:"as_override,id=20"`
	OriginOverride       bool                          `sandesh:"origin_override,id=23"`
	RouteOrigin          string                        `sandesh:"route_origin,id=24"`
	PrivateASAction      string                        `sandesh:"private_as_action,id=21"`
	RouterType           string                        `sandesh:"router_type,id=18"`
	LocalIdentifier      string                        `sandesh:"local_identifier,id=8"`
	LocalAS              uint32                        `sandesh:"local_as,id=9"`
	Vendor               string                        `sandesh:"vendor,id=3"`
	AutonomousSystem     uint32                        `sandesh:"autonomous_system,id=4"`
	Identifier           string                        `sandesh:"identifier,id=5"`
	Address              string                        `sandesh:"address,id=6"`
	ClusterID            string                        `sandesh:"cluster_id,id=22"`
	SourcePort           uint32                        `sandesh:"source_port,id=19"`
	HoldTime             int32                         `sandesh:"hold_time,id=14"`
	LoopCount            int32                         `sandesh:"loop_count,id=16"`
	LastChangeAt         string                        `sandesh:"last_change_at,id=10"`
	AuthType             string                        `sandesh:"auth_type,id=11,opt"`
	AuthKeys             []string                      `sandesh:"auth_keys,id=12,opt"`
	AddressFamilies      []string                      `sandesh:"address_families,id=7"`
	FamilyAttributesList []ShowBgpNeighborFamilyConfig `sandesh:"family_attributes_list,id=17"`
}

// ShowBgpNeighborFamilyConfig (struct).
type ShowBgpNeighborFamilyConfig struct {
	Family                 string   `sandesh:"family,id=1"`
	LoopCount              int32    `sandesh:"loop_count,id=2"`
	PrefixLimit            int32    `sandesh:"prefix_limit,id=3"`
	IdleTimeout            int32    `sandesh:"idle_timeout,id=5"`
	GatewayAddress         string   `sandesh:"gateway_address,id=4"`
	DefaultTunnelEncapList []string `sandesh:"default_tunnel_encap_list,id=6"`
}

// ShowBgpInstanceConfigReq (request).
type ShowBgpInstanceConfigReq struct {
	SearchString string `sandesh:"search_string,id=1"`
}

// ShowBgpInstanceConfigResp (response).
type ShowBgpInstanceConfigResp struct {
	Instances []ShowBgpInstanceConfig `sandesh:"instances,id=1"`
	NextBatch string                  `sandesh:"next_batch,id=2,opt,link=ShowBgpInstanceConfigReqIterate,link_title=next_batch"`
}

// ShowBgpInstanceConfig (struct).
type ShowBgpInstanceConfig struct {
	Name                string                               `sandesh:"name,id=1"`
	VirtualNetwork      string                               `sandesh:"virtual_network,id=2"`
	VirtualNetworkIndex int32                                `sandesh:"virtual_network_index,id=7"`
	VXLANID             int32                                `sandesh:"vxlan_id,id=8"`
	ImportTarget        []string                             `sandesh:"import_target,id=3"`
	ExportTarget        []string                             `sandesh:"export_target,id=4"`
	HasPNF              bool                                 `sandesh:"has_pnf,id=10"`
	AllowTransit        bool                                 `sandesh:"allow_transit,id=13"`
	PBBEVPNEnable       bool                                 `sandesh:"pbb_evpn_enable,id=14"`
	LastChangeAt        string                               `sandesh:"last_change_at,id=9"`
	Neighbors           []string                             `sandesh:"neighbors,id=15"`
	ServiceChainInfos   []ShowBgpServiceChainConfig          `sandesh:"service_chain_infos,id=5"`
	StaticRoutes        []ShowBgpStaticRouteConfig           `sandesh:"static_routes,id=6"`
	AggregateRoutes     []ShowBgpRouteAggregateConfig        `sandesh:"aggregate_routes,id=11"`
	RoutingPolicies     []ShowBgpInstanceRoutingPolicyConfig `sandesh:"routing_policies,id=12"`
}

// ShowBgpServiceChainConfig (struct).
type ShowBgpServiceChainConfig struct {
	Family          string   `sandesh:"family,id=5"`
	RoutingInstance string   `sandesh:"routing_instance,id=1"`
	ChainAddress    string   `sandesh:"chain_address,id=2"`
	Prefixes        []string `sandesh:"prefixes,id=3"`
	ServiceInstance string   `sandesh:"service_instance,id=4"`
}

// ShowBgpStaticRouteConfig (struct).
type ShowBgpStaticRouteConfig struct {
	Prefix      string   `sandesh:"prefix,id=1"`
	Nexthop     string   `sandesh:"nexthop,id=3"`
	Communities []string `sandesh:"communities,id=4"`
	Targets     []string `sandesh:"targets,id=2"`
}

// ShowBgpRouteAggregateConfig (struct).
type ShowBgpRouteAggregateConfig struct {
	Prefix  string `sandesh:"prefix,id=1"`
	Nexthop string `sandesh:"nexthop,id=2"`
}

// ShowBgpInstanceRoutingPolicyConfig (struct).
type ShowBgpInstanceRoutingPolicyConfig struct {
	PolicyName string `sandesh:"policy_name,id=1,link=ShowBgpRoutingPolicyConfigReq"`
	Sequence   string `sandesh:"sequence,id=2"`
}

// Iterate requests of the BgpShowHandler family not declared next to
// their first request: one string, the next_batch text.
type (
	ShowRtGroupReqIterate struct {
		IterateInfo string `sandesh:"iterate_info,id=1"`
	}
	ShowRtGroupSummaryReqIterate struct {
		IterateInfo string `sandesh:"iterate_info,id=1"`
	}
	ShowStaticRouteReqIterate struct {
		IterateInfo string `sandesh:"iterate_info,id=1"`
	}
	ShowServiceChainReqIterate struct {
		IterateInfo string `sandesh:"iterate_info,id=1"`
	}
	ShowRouteAggregateReqIterate struct {
		IterateInfo string `sandesh:"iterate_info,id=1"`
	}
	ShowBgpNeighborConfigReqIterate struct {
		IterateInfo string `sandesh:"iterate_info,id=1"`
	}
	ShowBgpInstanceConfigReqIterate struct {
		IterateInfo string `sandesh:"iterate_info,id=1"`
	}
)
