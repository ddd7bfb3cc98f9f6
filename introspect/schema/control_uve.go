package schema

// This file: contrail-control's own UVE, BgpRouterState (control_node.sandesh),
// written under the uve sandesh BGPRouterInfo, table ObjectBgpRouter. Fields
// and order follow a real TF capture; the optional ones it shows are
// written always.

// BGPRouterInfo is the uve sandesh carrying BgpRouterState.
type BGPRouterInfo struct {
	Data BgpRouterState `sandesh:"data,id=1"`
}

// BgpRouterState (struct).
type BgpRouterState struct {
	Name                      string             `sandesh:"name,id=1,key="`
	RouterID                  string             `sandesh:"router_id,id=27"`
	LocalASN                  uint32             `sandesh:"local_asn,id=28"`
	GlobalASN                 uint32             `sandesh:"global_asn,id=29"`
	AdminDown                 bool               `sandesh:"admin_down,id=30"`
	Uptime                    uint64             `sandesh:"uptime,id=3"`
	OutputQueueDepth          uint32             `sandesh:"output_queue_depth,id=7,tags="`
	NumBgpPeer                uint32             `sandesh:"num_bgp_peer,id=8"`
	NumUpBgpPeer              uint32             `sandesh:"num_up_bgp_peer,id=9"`
	NumDeletingBgpPeer        uint32             `sandesh:"num_deleting_bgp_peer,id=20"`
	NumBgpaasPeer             uint32             `sandesh:"num_bgpaas_peer,id=31"`
	NumUpBgpaasPeer           uint32             `sandesh:"num_up_bgpaas_peer,id=32"`
	NumDeletingBgpaasPeer     uint32             `sandesh:"num_deleting_bgpaas_peer,id=33"`
	NumXmppPeer               uint32             `sandesh:"num_xmpp_peer,id=10"`
	NumUpXmppPeer             uint32             `sandesh:"num_up_xmpp_peer,id=11"`
	NumDeletingXmppPeer       uint32             `sandesh:"num_deleting_xmpp_peer,id=21"`
	NumRoutingInstance        uint32             `sandesh:"num_routing_instance,id=12"`
	NumDeletedRoutingInstance uint32             `sandesh:"num_deleted_routing_instance,id=22"`
	NumServiceChains          uint32             `sandesh:"num_service_chains,id=23"`
	NumDownServiceChains      uint32             `sandesh:"num_down_service_chains,id=24"`
	NumStaticRoutes           uint32             `sandesh:"num_static_routes,id=25"`
	NumDownStaticRoutes       uint32             `sandesh:"num_down_static_routes,id=26"`
	BuildInfo                 string             `sandesh:"build_info,id=13"`
	BgpRouterIPList           []string           `sandesh:"bgp_router_ip_list,id=15"`
	BgpConfigPeerList         []string           `sandesh:"bgp_config_peer_list,id=36"`
	BgpOperPeerList           []string           `sandesh:"bgp_oper_peer_list,id=37"`
	IFMapServerInfo           IFMapServerInfoUI  `sandesh:"ifmap_server_info,id=18"`
	DBConnInfo                ConfigDBConnInfo   `sandesh:"db_conn_info,id=34"`
	AMQPConnInfo              ConfigAmqpConnInfo `sandesh:"amqp_conn_info,id=35"`
}

// IFMapServerInfoUI (struct).
type IFMapServerInfoUI struct {
	NumPeerClients uint64 `sandesh:"num_peer_clients,id=1"`
}

// ConfigDBConnInfo (struct).
type ConfigDBConnInfo struct {
	Cluster                  string `sandesh:"cluster,id=1"`
	ConnectionStatus         bool   `sandesh:"connection_status,id=2"`
	ConnectionStatusChangeAt string `sandesh:"connection_status_change_at,id=3"`
}

// ConfigAmqpConnInfo (struct).
type ConfigAmqpConnInfo struct {
	URL                      string `sandesh:"url,id=1"`
	ConnectionStatus         bool   `sandesh:"connection_status,id=2"`
	ConnectionStatusChangeAt string `sandesh:"connection_status_change_at,id=3"`
}
