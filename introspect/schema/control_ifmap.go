package schema

// The control node's IFMap server pages beyond the node tables
// (ifmap_server_show.sandesh, tf-controller src/ifmap): ist.py `ctr
// ifmap client|link|cm|pending_vm|node --fqn`. Fields in declaration
// order (ids are not in order where the .sandesh added fields later).
// IFMapPeerServerInfoReq (`ctr ifmap peer`) is gone from TF and R2008
// control nodes (the irond peer was replaced by the config client): no
// model, the daemon answers 404.

// IFMapXmppClientInfoShowReq (request): no arguments.
type IFMapXmppClientInfoShowReq struct{}

// IFMapXmppClientInfoShowResp (response).
type IFMapXmppClientInfoShowResp struct {
	ClientStats []IFMapXmppClientInfo `sandesh:"client_stats,id=1"`
}

// IFMapXmppClientInfo (struct): one XMPP client (agent).
type IFMapXmppClientInfo struct {
	ClientName      string    `sandesh:"client_name,id=1"`
	ClientIndex     int32     `sandesh:"client_index,id=2"`
	VMRegInfo       VmRegInfo `sandesh:"vm_reg_info,id=9"`
	MsgsSent        uint64    `sandesh:"msgs_sent,id=3"`
	MsgsBlocked     uint64    `sandesh:"msgs_blocked,id=4"`
	UpdateNodesSent uint64    `sandesh:"update_nodes_sent,id=5"`
	DeleteNodesSent uint64    `sandesh:"delete_nodes_sent,id=10"`
	UpdateLinksSent uint64    `sandesh:"update_links_sent,id=6"`
	DeleteLinksSent uint64    `sandesh:"delete_links_sent,id=11"`
	BytesSent       uint64    `sandesh:"bytes_sent,id=7"`
	IsBlocked       bool      `sandesh:"is_blocked,id=8"`
}

// VmRegInfo (struct): the VMs a client registered for.
type VmRegInfo struct {
	VMCount int32    `sandesh:"vm_count,id=1"`
	VMList  []string `sandesh:"vm_list,id=2"`
}

// IFMapServerClientShowReq (request).
type IFMapServerClientShowReq struct {
	SearchString string `sandesh:"search_string,id=1"`
}

// IFMapServerClientShowResp (response): the server's client maps.
type IFMapServerClientShowResp struct {
	NameList    IFMapServerShowClientMap     `sandesh:"name_list,id=1"`
	IndexList   IFMapServerShowIndexMap      `sandesh:"index_list,id=2"`
	HistoryList IFMapServerClientHistoryList `sandesh:"history_list,id=3"`
}

// IFMapServerShowClientMap (struct).
type IFMapServerShowClientMap struct {
	TableCount int32                           `sandesh:"table_count,id=1"`
	PrintCount int32                           `sandesh:"print_count,id=2"`
	Clients    []IFMapServerClientMapShowEntry `sandesh:"clients,id=3"`
}

// IFMapServerClientMapShowEntry (struct).
type IFMapServerClientMapShowEntry struct {
	ClientName               string `sandesh:"client_name,id=1"`
	InterestTrackerEntries   uint64 `sandesh:"interest_tracker_entries,id=2"`
	AdvertisedTrackerEntries uint64 `sandesh:"advertised_tracker_entries,id=3"`
}

// IFMapServerShowIndexMap (struct).
type IFMapServerShowIndexMap struct {
	TableCount int32                          `sandesh:"table_count,id=1"`
	PrintCount int32                          `sandesh:"print_count,id=2"`
	Clients    []IFMapServerIndexMapShowEntry `sandesh:"clients,id=3"`
}

// IFMapServerIndexMapShowEntry (struct).
type IFMapServerIndexMapShowEntry struct {
	ClientIndex int32  `sandesh:"client_index,id=1"`
	ClientName  string `sandesh:"client_name,id=2"`
}

// IFMapServerClientHistoryList (struct).
type IFMapServerClientHistoryList struct {
	TableCount int32                           `sandesh:"table_count,id=1"`
	PrintCount int32                           `sandesh:"print_count,id=2"`
	Clients    []IFMapServerClientHistoryEntry `sandesh:"clients,id=3"`
}

// IFMapServerClientHistoryEntry (struct).
type IFMapServerClientHistoryEntry struct {
	ClientName      string `sandesh:"client_name,id=1"`
	ClientIndex     int32  `sandesh:"client_index,id=2"`
	CreationTimeAgo string `sandesh:"creation_time_ago,id=3"`
	DeletionTimeAgo string `sandesh:"deletion_time_ago,id=4"`
}

// IFMapPerClientNodesShowReq (request).
type IFMapPerClientNodesShowReq struct {
	ClientIndexOrName string `sandesh:"client_index_or_name,id=1"`
	SearchString      string `sandesh:"search_string,id=2"`
}

// IFMapPerClientNodesShowResp (response); the IFMap handler always
// writes next_batch, empty on the last page.
type IFMapPerClientNodesShowResp struct {
	NodeDB    []IFMapPerClientNodesShowInfo `sandesh:"node_db,id=1"`
	NextBatch *string                       `sandesh:"next_batch,id=2,opt,link=IFMapPerClientNodesShowReqIterate,link_title=next_batch"`
}

// IFMapPerClientNodesShowInfo (struct).
type IFMapPerClientNodesShowInfo struct {
	NodeName          string `sandesh:"node_name,id=1,link=IFMapNodeShowReq"`
	Sent              string `sandesh:"sent,id=2"`
	InterestTracked   string `sandesh:"interest_tracked,id=3"`
	AdvertisedTracked string `sandesh:"advertised_tracked,id=4"`
}

// IFMapPerClientLinksShowReq (request).
type IFMapPerClientLinksShowReq struct {
	ClientIndexOrName string `sandesh:"client_index_or_name,id=1"`
	SearchString      string `sandesh:"search_string,id=2"`
}

// IFMapPerClientLinksShowResp (response).
type IFMapPerClientLinksShowResp struct {
	LinkDB    []IFMapPerClientLinksShowInfo `sandesh:"link_db,id=1"`
	NextBatch *string                       `sandesh:"next_batch,id=2,opt,link=IFMapPerClientLinksShowReqIterate,link_title=next_batch"`
}

// IFMapPerClientLinksShowInfo (struct).
type IFMapPerClientLinksShowInfo struct {
	Metadata          string `sandesh:"metadata,id=1"`
	Left              string `sandesh:"left,id=2,link=IFMapNodeShowReq"`
	Right             string `sandesh:"right,id=3,link=IFMapNodeShowReq"`
	Sent              string `sandesh:"sent,id=4"`
	InterestTracked   string `sandesh:"interest_tracked,id=5"`
	AdvertisedTracked string `sandesh:"advertised_tracked,id=6"`
}

// IFMapLinkTableShowReq (request).
type IFMapLinkTableShowReq struct {
	SearchString string `sandesh:"search_string,id=1"`
	Metadata     string `sandesh:"metadata,id=2"`
}

// IFMapLinkTableShowResp (response).
type IFMapLinkTableShowResp struct {
	TableSize uint32              `sandesh:"table_size,id=1"`
	IfmapDB   []IFMapLinkShowInfo `sandesh:"ifmap_db,id=2"`
	NextBatch *string             `sandesh:"next_batch,id=3,opt,link=IFMapLinkTableShowReqIterate,link_title=next_batch"`
}

// IFMapLinkShowInfo (struct): one link of the IFMap graph.
type IFMapLinkShowInfo struct {
	Metadata     string                    `sandesh:"metadata,id=1"`
	Left         string                    `sandesh:"left,id=2,link=IFMapNodeShowReq"`
	Right        string                    `sandesh:"right,id=3,link=IFMapNodeShowReq"`
	Interests    string                    `sandesh:"interests,id=4"`
	Advertised   string                    `sandesh:"advertised,id=5"`
	DBEntryFlags string                    `sandesh:"dbentryflags,id=6"`
	LastModified string                    `sandesh:"last_modified,id=7"`
	Origins      []IFMapLinkOriginShowInfo `sandesh:"origins,id=8"`
}

// IFMapLinkOriginShowInfo (struct).
type IFMapLinkOriginShowInfo struct {
	SequenceNumber uint64 `sandesh:"sequence_number,id=1"`
	Origin         string `sandesh:"origin,id=2"`
}

// IFMapNodeShowReq (request): one node by its fq name ("<type>:<fq name>").
type IFMapNodeShowReq struct {
	FQNodeName string `sandesh:"fq_node_name,id=1"`
}

// IFMapNodeShowResp (response).
type IFMapNodeShowResp struct {
	NodeInfo IFMapNodeShowInfo `sandesh:"node_info,id=1"`
}

// IFMapXmppShowReq (request): no arguments.
type IFMapXmppShowReq struct{}

// IFMapXmppShowResp (response): the channel manager.
type IFMapXmppShowResp struct {
	ChannelManagerInfo IFMapChannelManagerInfo `sandesh:"channel_manager_info,id=1"`
}

// IFMapChannelManagerInfo (struct).
type IFMapChannelManagerInfo struct {
	ChannelManagerStats IFMapChannelManagerStats `sandesh:"channel_manager_stats,id=1"`
	ChannelManagerMap   IFMapXmppChannelMapList  `sandesh:"channel_manager_map,id=2"`
}

// IFMapChannelManagerStats (struct): counters of unexpected messages.
type IFMapChannelManagerStats struct {
	UnknownSubscribeMessages       uint64 `sandesh:"unknown_subscribe_messages,id=1"`
	UnknownUnsubscribeMessages     uint64 `sandesh:"unknown_unsubscribe_messages,id=2"`
	DuplicateChannelReadyMessages  uint64 `sandesh:"duplicate_channel_ready_messages,id=3"`
	InvalidChannelNotReadyMessages uint64 `sandesh:"invalid_channel_not_ready_messages,id=4"`
	InvalidChannelStateMessages    uint64 `sandesh:"invalid_channel_state_messages,id=5"`
	InvalidVMSubscribeMessages     uint64 `sandesh:"invalid_vm_subscribe_messages,id=6"`
	VmsubNovrsubMessages           uint64 `sandesh:"vmsub_novrsub_messages,id=7"`
	VmunsubNovrsubMessages         uint64 `sandesh:"vmunsub_novrsub_messages,id=8"`
	VmunsubNovmsubMessages         uint64 `sandesh:"vmunsub_novmsub_messages,id=9"`
	DuplicateVrsubMessages         uint64 `sandesh:"duplicate_vrsub_messages,id=10"`
	DuplicateVmsubMessages         uint64 `sandesh:"duplicate_vmsub_messages,id=11"`
}

// IFMapXmppChannelMapList (struct).
type IFMapXmppChannelMapList struct {
	ChannelCount int32                      `sandesh:"channel_count,id=1"`
	ChannelList  []IFMapXmppChannelMapEntry `sandesh:"channel_list,id=2"`
}

// IFMapXmppChannelMapEntry (struct).
type IFMapXmppChannelMapEntry struct {
	ClientName  string `sandesh:"client_name,id=1"`
	HostName    string `sandesh:"host_name,id=4"`
	ChannelName string `sandesh:"channel_name,id=3"`
	ClientAdded bool   `sandesh:"client_added,id=2"`
}

// IFMapPendingVmRegReq (request): no arguments.
type IFMapPendingVmRegReq struct{}

// IFMapPendingVmRegResp (response): VM registrations waiting for their
// virtual-machine object.
type IFMapPendingVmRegResp struct {
	MapCount int32                    `sandesh:"map_count,id=1"`
	VMRegMap []IFMapPendingVmRegEntry `sandesh:"vm_reg_map,id=2"`
}

// IFMapPendingVmRegEntry (struct).
type IFMapPendingVmRegEntry struct {
	VMUUID string `sandesh:"vm_uuid,id=1"`
	VRName string `sandesh:"vr_name,id=2"`
}

// ShowBgpRoutingPolicyConfigReq (request, bgp_peer.sandesh): ist.py
// `ctr config rp`.
type ShowBgpRoutingPolicyConfigReq struct {
	SearchString string `sandesh:"search_string,id=1"`
}

// ShowBgpRoutingPolicyConfigReqIterate (request): the next_batch text.
type ShowBgpRoutingPolicyConfigReqIterate struct {
	IterateInfo string `sandesh:"iterate_info,id=1"`
}

// ShowBgpRoutingPolicyConfigResp (response).
type ShowBgpRoutingPolicyConfigResp struct {
	RoutingPolicies []ShowBgpRoutingPolicyConfig `sandesh:"routing_policies,id=1"`
	NextBatch       string                       `sandesh:"next_batch,id=2,opt,link=ShowBgpRoutingPolicyConfigReqIterate,link_title=next_batch"`
}

// ShowBgpRoutingPolicyConfig (struct).
type ShowBgpRoutingPolicyConfig struct {
	Name  string                           `sandesh:"name,id=1"`
	Terms []ShowBgpRoutingPolicyTermConfig `sandesh:"terms,id=2"`
}

// ShowBgpRoutingPolicyTermConfig (struct).
type ShowBgpRoutingPolicyTermConfig struct {
	Match  *string `sandesh:"match,id=1,opt"`
	Action *string `sandesh:"action,id=2,opt"`
}
