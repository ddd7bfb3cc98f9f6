package schema

// contrail-vrouter-agent VMs, security groups, ACLs (oper/agent.sandesh,
// spec §5.2.9), kernel interfaces (kstate/kstate.sandesh, §5.2.3) and the
// controller channels (controller/controller.sandesh, §5.2.1).

// VmListReq lists VMs.
type VmListReq struct {
	UUID string `sandesh:"uuid,id=1"`
}

// VmListResp is one part of a VM list.
type VmListResp struct {
	VmList []VmSandeshData `sandesh:"vm_list,id=1"`
}

// VmSandeshData is one VM.
type VmSandeshData struct {
	UUID         string     `sandesh:"uuid,id=1"`
	SgUUIDList   []VmSgUuid `sandesh:"sg_uuid_list,id=2,opt"`
	DropNewFlows bool       `sandesh:"drop_new_flows,id=3"`
}

// VmSgUuid is one security group of a VM.
type VmSgUuid struct {
	SgUUID string `sandesh:"sg_uuid,id=1,link=SgListReq"`
}

// SgListReq lists security groups.
type SgListReq struct {
	Name string `sandesh:"name,id=1"`
}

// SgListResp is one part of a security-group list.
type SgListResp struct {
	SgList []SgSandeshData `sandesh:"sg_list,id=1"`
}

// SgSandeshData is one security group.
type SgSandeshData struct {
	RefCount       int32  `sandesh:"ref_count,id=1"`
	SgID           int32  `sandesh:"sg_id,id=2"`
	SgUUID         string `sandesh:"sg_uuid,id=3"`
	ACLUUID        string `sandesh:"acl_uuid,id=4,link=AclReq"`
	EgressACLUUID  string `sandesh:"egress_acl_uuid,id=5,link=AclReq"`
	IngressACLUUID string `sandesh:"ingress_acl_uuid,id=6,link=AclReq"`
}

// AclReq lists ACLs.
type AclReq struct {
	UUID string `sandesh:"uuid,id=1"`
}

// AclResp is one part of an ACL list.
type AclResp struct {
	ACLList []AclSandeshData `sandesh:"acl_list,id=1"`
}

// AclSandeshData is one ACL.
type AclSandeshData struct {
	UUID       string                `sandesh:"uuid,id=1,link=AclFlowReq"`
	DynamicACL bool                  `sandesh:"dynamic_acl,id=2"`
	Entries    []AclEntrySandeshData `sandesh:"entries,id=3"`
	Name       string                `sandesh:"name,id=4"`
}

// AclEntrySandeshData is one ACL rule.
type AclEntrySandeshData struct {
	AceID          string         `sandesh:"ace_id,id=1"`
	RuleType       string         `sandesh:"rule_type,id=2"`
	Src            string         `sandesh:"src,id=3"`
	Dst            string         `sandesh:"dst,id=4"`
	SrcPortL       []SandeshRange `sandesh:"src_port_l,id=5"`
	DstPortL       []SandeshRange `sandesh:"dst_port_l,id=6"`
	ProtoL         []SandeshRange `sandesh:"proto_l,id=7"`
	ActionL        []ActionStr    `sandesh:"action_l,id=8"`
	SrcType        string         `sandesh:"src_type,id=9"`
	DstType        string         `sandesh:"dst_type,id=10"`
	UUID           string         `sandesh:"uuid,id=11"`
	MatchCondition string         `sandesh:"match_condition,id=12,opt"`
	EtherType      string         `sandesh:"ether_type,id=13"`
}

// SandeshRange is a port or protocol range.
type SandeshRange struct {
	Min int32 `sandesh:"min,id=1"`
	Max int32 `sandesh:"max,id=2"`
}

// ActionStr is one ACL action.
type ActionStr struct {
	Action string `sandesh:"action,id=1"`
}

// KInterfaceReq dumps vrouter kernel interfaces; IfID -1 = all.
type KInterfaceReq struct {
	IfID int32 `sandesh:"if_id,id=1"`
}

// KInterfaceResp is one part of a kernel interface dump (no Pagination).
type KInterfaceResp struct {
	IfList []KInterfaceInfo `sandesh:"if_list,id=1"`
}

// KInterfaceInfo is one vif.
type KInterfaceInfo struct {
	Idx                 int32                `sandesh:"idx,id=1"`
	Type                string               `sandesh:"type,id=2"`
	Flags               string               `sandesh:"flags,id=3"`
	Vrf                 int32                `sandesh:"vrf,id=4,link=KRouteReq"`
	Rid                 int32                `sandesh:"rid,id=5"`
	OsIdx               int32                `sandesh:"os_idx,id=6"`
	Mtu                 int32                `sandesh:"mtu,id=7"`
	Name                string               `sandesh:"name,id=8"`
	Ibytes              int64                `sandesh:"ibytes,id=9"`
	Ipackets            int64                `sandesh:"ipackets,id=10"`
	Ierrors             int64                `sandesh:"ierrors,id=11"`
	Obytes              int64                `sandesh:"obytes,id=12"`
	Opackets            int64                `sandesh:"opackets,id=13"`
	Oerrors             int64                `sandesh:"oerrors,id=14"`
	RefCnt              int32                `sandesh:"ref_cnt,id=15"`
	MAC                 string               `sandesh:"mac,id=16"`
	IP                  string               `sandesh:"ip,id=17"`
	MirrorID            int8                 `sandesh:"mirror_id,id=18"`
	Speed               int32                `sandesh:"speed,id=19"`
	Duplexity           int32                `sandesh:"duplexity,id=20"`
	QosMapIndex         int32                `sandesh:"qos_map_index,id=21"`
	Core                uint64               `sandesh:"core,id=22"`
	QueueIpackets       uint64               `sandesh:"queue_ipackets,id=23"`
	QueueIerrors        uint64               `sandesh:"queue_ierrors,id=24"`
	QueueOpackets       uint64               `sandesh:"queue_opackets,id=25"`
	QueueOerrors        uint64               `sandesh:"queue_oerrors,id=26"`
	QueueIerrorsToLcore string               `sandesh:"queue_ierrors_to_lcore,id=27"`
	PortIpackets        uint64               `sandesh:"port_ipackets,id=28"`
	PortIerrors         uint64               `sandesh:"port_ierrors,id=29"`
	PortIsyscalls       uint64               `sandesh:"port_isyscalls,id=30"`
	PortInombufs        uint64               `sandesh:"port_inombufs,id=31"`
	PortOpackets        uint64               `sandesh:"port_opackets,id=32"`
	PortOerrors         uint64               `sandesh:"port_oerrors,id=33"`
	PortOsyscalls       uint64               `sandesh:"port_osyscalls,id=34"`
	DevIbytes           uint64               `sandesh:"dev_ibytes,id=35"`
	DevIpackets         uint64               `sandesh:"dev_ipackets,id=36"`
	DevIerrors          uint64               `sandesh:"dev_ierrors,id=37"`
	DevInombufs         uint64               `sandesh:"dev_inombufs,id=38"`
	DevObytes           uint64               `sandesh:"dev_obytes,id=39"`
	DevOpackets         uint64               `sandesh:"dev_opackets,id=40"`
	DevOerrors          uint64               `sandesh:"dev_oerrors,id=41"`
	ParentVifID         int32                `sandesh:"parent_vif_id,id=42"`
	VlanID              int16                `sandesh:"vlan_id,id=43"`
	NhID                int16                `sandesh:"nh_id,id=44"`
	CrossConnectID      []int32              `sandesh:"cross_connect_id,id=45"`
	BridgeID            int32                `sandesh:"bridge_id,id=46"`
	OvlanID             int32                `sandesh:"ovlan_id,id=47"`
	Transport           int16                `sandesh:"transport,id=48"`
	SrcMAC              string               `sandesh:"src_mac,id=49"`
	FatFlowProtocolPort string               `sandesh:"fat_flow_protocol_port,id=50"`
	Isid                int32                `sandesh:"isid,id=51"`
	PbbBmac             string               `sandesh:"pbb_bmac,id=52"`
	BridgeIdx           string               `sandesh:"bridge_idx,id=53"`
	Status              string               `sandesh:"status,id=54"`
	BondChildIntfList   []BondMemberIntfInfo `sandesh:"bond_child_intf_list,id=55"`
}

// BondMemberIntfInfo is one bond member of a vif.
type BondMemberIntfInfo struct {
	ChildBondInterfaceName    string `sandesh:"child_bond_interface_name,id=1"`
	ChildBondInterfaceStatus  string `sandesh:"child_bond_interface_status,id=2"`
	ChildBondInterfaceDrvName string `sandesh:"child_bond_interface_drv_name,id=3"`
}

// AgentXmppConnectionStatusReq takes no arguments.
type AgentXmppConnectionStatusReq struct{}

// AgentXmppConnectionStatus lists the agent's controller channels.
type AgentXmppConnectionStatus struct {
	Peer []AgentXmppData `sandesh:"peer,id=1"`
}

// AgentXmppData is one controller channel.
type AgentXmppData struct {
	ControllerIP    string                  `sandesh:"controller_ip,id=1"`
	State           string                  `sandesh:"state,id=2"`
	PeerName        string                  `sandesh:"peer_name,id=3"`
	PeerAddress     string                  `sandesh:"peer_address,id=4"`
	CfgController   string                  `sandesh:"cfg_controller,id=5,opt"`
	McastController string                  `sandesh:"mcast_controller,id=6,opt"`
	LastState       string                  `sandesh:"last_state,id=7"`
	LastEvent       string                  `sandesh:"last_event,id=8"`
	LastStateAt     string                  `sandesh:"last_state_at,id=9"`
	FlapCount       uint32                  `sandesh:"flap_count,id=10"`
	FlapTime        string                  `sandesh:"flap_time,id=11"`
	Dscp            uint16                  `sandesh:"dscp,id=19"`
	RxProtoStats    ControllerProtoStats    `sandesh:"rx_proto_stats,id=12"`
	TxProtoStats    ControllerProtoStats    `sandesh:"tx_proto_stats,id=13"`
	XmppAuthType    string                  `sandesh:"xmpp_auth_type,id=14"`
	SequenceNumber  uint64                  `sandesh:"sequence_number,id=15"`
	LastReadyTime   string                  `sandesh:"last_ready_time,id=16"`
	EndOfRibStats   ControllerEndOfRibStats `sandesh:"end_of_rib_stats,id=17"`
	ConfigStats     ConfigStats             `sandesh:"config_stats,id=18"`
}

// ControllerProtoStats counts messages of one direction.
type ControllerProtoStats struct {
	Open      uint32 `sandesh:"open,id=1"`
	Keepalive uint32 `sandesh:"keepalive,id=2"`
	Update    uint32 `sandesh:"update,id=3"`
	Close     uint32 `sandesh:"close,id=4"`
}

// ControllerEndOfRibStats are the End-of-RIB timers of a channel.
type ControllerEndOfRibStats struct {
	Tx ControllerEndOfRibTxStats `sandesh:"tx,id=1"`
	Rx ControllerEndOfRibRxStats `sandesh:"rx,id=2"`
}

// ControllerEndOfRibTxStats: End-of-RIB sent by the agent.
type ControllerEndOfRibTxStats struct {
	EndOfRibTxTime         string `sandesh:"end_of_rib_tx_time,id=1"`
	LastRoutePublishedTime string `sandesh:"last_route_published_time,id=2"`
	EndOfRibReason         string `sandesh:"end_of_rib_reason,id=3"`
	LastStartTime          string `sandesh:"last_start_time,id=4"`
	Running                bool   `sandesh:"running,id=5"`
}

// ControllerEndOfRibRxStats: End-of-RIB received from the control node.
type ControllerEndOfRibRxStats struct {
	EndOfRibRxTime string `sandesh:"end_of_rib_rx_time,id=1"`
	EndOfRibReason string `sandesh:"end_of_rib_reason,id=2"`
	LastStartTime  string `sandesh:"last_start_time,id=3"`
	Running        bool   `sandesh:"running,id=4"`
}

// ConfigStats are the config-channel statistics of a channel.
type ConfigStats struct {
	EndOfConfigStats   ControllerEndOfConfigStats `sandesh:"end_of_config_stats,id=1"`
	ConfigCleanupStats ConfigCleanupStats         `sandesh:"config_cleanup_stats,id=2"`
}

// ControllerEndOfConfigStats: end-of-config processing.
type ControllerEndOfConfigStats struct {
	LastConfigReceiveTime    string `sandesh:"last_config_receive_time,id=1"`
	InactivityDetectedTime   string `sandesh:"inactivity_detected_time,id=2"`
	EndOfConfigProcessedTime string `sandesh:"end_of_config_processed_time,id=3"`
	EndOfConfigReason        string `sandesh:"end_of_config_reason,id=4"`
	LastStartTime            string `sandesh:"last_start_time,id=5"`
	Running                  bool   `sandesh:"running,id=6"`
}

// ConfigCleanupStats: stale config cleanup.
type ConfigCleanupStats struct {
	LastStartTime         string `sandesh:"last_start_time,id=1"`
	CleanupSequenceNumber uint64 `sandesh:"cleanup_sequence_number,id=2"`
	Running               bool   `sandesh:"running,id=3"`
}

// SetDefaults gives if_id its .sandesh default -1 (dump all).
func (r *KInterfaceReq) SetDefaults() { r.IfID = -1 }

// VxLanReq lists VXLAN ids (oper/agent.sandesh, spec §5.2.10).
type VxLanReq struct {
	VxlanID string `sandesh:"vxlan_id,id=1"`
}

// VxLanResp is one part of a VXLAN list.
type VxLanResp struct {
	VxlanList []VxLanSandeshData `sandesh:"vxlan_list,id=1"`
}

// VxLanSandeshData is one VNI and its NH.
type VxLanSandeshData struct {
	VxlanID int32         `sandesh:"vxlan_id,id=1"`
	NH      NhSandeshData `sandesh:"nh,id=2"`
	VrfName string        `sandesh:"vrf_name,id=3,opt"`
}

// AgentDnsXmppConnectionStatusReq takes no arguments (spec §5.2.1).
type AgentDnsXmppConnectionStatusReq struct{}

// AgentDnsXmppConnectionStatus lists the agent's DNS server channels.
type AgentDnsXmppConnectionStatus struct {
	Peer []AgentXmppDnsData `sandesh:"peer,id=1"`
}

// AgentXmppDnsData is one DNS server channel.
type AgentXmppDnsData struct {
	DNSControllerIP string               `sandesh:"dns_controller_ip,id=1"`
	State           string               `sandesh:"state,id=2"`
	PeerName        string               `sandesh:"peer_name,id=3"`
	PeerAddress     string               `sandesh:"peer_address,id=4"`
	LastState       string               `sandesh:"last_state,id=5"`
	LastEvent       string               `sandesh:"last_event,id=6"`
	LastStateAt     string               `sandesh:"last_state_at,id=7"`
	FlapCount       uint32               `sandesh:"flap_count,id=8"`
	FlapTime        string               `sandesh:"flap_time,id=9"`
	Dscp            uint16               `sandesh:"dscp,id=19"`
	RxProtoStats    ControllerProtoStats `sandesh:"rx_proto_stats,id=10"`
	TxProtoStats    ControllerProtoStats `sandesh:"tx_proto_stats,id=11"`
	XmppAuthType    string               `sandesh:"xmpp_auth_type,id=12"`
}
