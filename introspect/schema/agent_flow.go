package schema

// contrail-vrouter-agent flow table (vnsw/agent/pkt/pkt.sandesh of OpenSDN
// tf-controller; no spec table): one flow by its key (FetchFlowRecord),
// every flow 100 at a time (FetchAllFlowRecords, then NextFlowRecordsSet
// with the flow_key of the previous answer) and the flow table summary
// (SandeshFlowTableInfoRequest). Field order is the .sandesh declaration
// order (SandeshFlowData declares its ids far out of numeric order).
// Optional fields the agent always sets (pkt_sandesh_flow.cc
// SET_SANDESH_FLOW_DATA), even empty, are pointers or non-nil slices.

// FetchFlowRecord looks one flow up by its key: nh is the flow key next
// hop (the source interface's flow_key_idx for traffic from a VM).
type FetchFlowRecord struct {
	NH       int32  `sandesh:"nh,id=1"`
	Sip      string `sandesh:"sip,id=2"`
	Dip      string `sandesh:"dip,id=3"`
	SrcPort  int32  `sandesh:"src_port,id=4"`
	DstPort  int32  `sandesh:"dst_port,id=5"`
	Protocol uint16 `sandesh:"protocol,id=6"`
}

// FlowRecordResp is the flow FetchFlowRecord found.
type FlowRecordResp struct {
	Record SandeshFlowData `sandesh:"record,id=1"`
}

// FlowErrorResp answers a flow key that is not in the table.
type FlowErrorResp struct {
	Resp string `sandesh:"resp,id=1"`
}

// FlowErrorRespDefault is FlowErrorResp.resp's .sandesh default.
const FlowErrorRespDefault = "No Flow Record for specified key "

// FetchAllFlowRecords starts a dump of the flow table.
type FetchAllFlowRecords struct{}

// NextFlowRecordsSet continues a flow dump after flow_key.
type NextFlowRecordsSet struct {
	FlowKey string `sandesh:"flow_key,id=1"`
}

// FlowRecordsResp is one batch of at most 100 flows; flow_key continues
// the dump (FlowRecordsStartKey when it is complete).
type FlowRecordsResp struct {
	FlowList []SandeshFlowData `sandesh:"flow_list,id=1"`
	FlowKey  string            `sandesh:"flow_key,id=2,link=NextFlowRecordsSet"`
}

// FlowRecordsStartKey is the flow_key of a dump's start and end
// (PktSandeshFlow::start_key: partition-nh-sport-dport-proto-sip-dip).
const FlowRecordsStartKey = "0-0-0-0-0-0.0.0.0-0.0.0.0"

// MirrorInfo is one mirror destination of a flow.
type MirrorInfo struct {
	MirrorDestination string `sandesh:"mirror_destination,id=1,opt"`
	MirrorPort        uint16 `sandesh:"mirror_port,id=2,opt"`
	MirrorVrf         string `sandesh:"mirror_vrf,id=3,opt"`
	Encap             string `sandesh:"encap,id=4,opt"`
	Analyzer          string `sandesh:"analyzer,id=5,opt"`
}

// FlowAclUuid is one ACL that matched a flow.
type FlowAclUuid struct {
	UUID string `sandesh:"uuid,id=1,link=AclReq"`
}

// FlowAclInfo is the result of one ACL stage of a flow: the action bits
// (1<<5 pass, 1<<3 deny), the ACLs that matched and the actions as text.
type FlowAclInfo struct {
	Action    int32         `sandesh:"action,id=1"`
	ACL       []FlowAclUuid `sandesh:"acl,id=2"`
	ActionStr []ActionStr   `sandesh:"action_str,id=3"`
}

// SandeshFlowIndexTrace is one event of a flow's index management.
type SandeshFlowIndexTrace struct {
	Timestamp         int64  `sandesh:"timestamp,id=1"`
	FlowHandle        uint32 `sandesh:"flow_handle,id=2"`
	FlowGenID         uint16 `sandesh:"flow_gen_id,id=3"`
	Event             string `sandesh:"event,id=4"`
	KsyncHashID       uint32 `sandesh:"ksync_hash_id,id=5"`
	KsyncGenID        uint16 `sandesh:"ksync_gen_id,id=6"`
	VrouterFlowHandle uint32 `sandesh:"vrouter_flow_handle,id=7"`
	VrouterGenID      uint16 `sandesh:"vrouter_gen_id,id=8"`
}

// SandeshFlowIndexInfo is a flow's index management trace.
type SandeshFlowIndexInfo struct {
	TraceIndex     int32                   `sandesh:"trace_index,id=1"`
	FlowIndexTrace []SandeshFlowIndexTrace `sandesh:"flow_index_trace,id=2"`
}

// SandeshInetRouteFlowMgmtEntryLink names a route a flow depends on.
type SandeshInetRouteFlowMgmtEntryLink struct {
	InetRouteFlowMgmtKey string `sandesh:"inet_route_flow_mgmt_key,id=1,link=FlowsPerInetRouteFlowMgmtKeyReq"`
}

// SandeshFlowData is one agent flow.
type SandeshFlowData struct {
	GenID                    uint16                              `sandesh:"gen_id,id=61"`
	FlowHandle               int32                               `sandesh:"flow_handle,id=16"`
	NH                       int32                               `sandesh:"nh,id=39"`
	Sip                      string                              `sandesh:"sip,id=2"`
	Dip                      string                              `sandesh:"dip,id=3"`
	SrcPort                  int32                               `sandesh:"src_port,id=4"`
	DstPort                  int32                               `sandesh:"dst_port,id=5"`
	Protocol                 uint16                              `sandesh:"protocol,id=6"`
	Vrf                      int32                               `sandesh:"vrf,id=1"`
	DestVrf                  int16                               `sandesh:"dest_vrf,id=7"`
	Action                   int32                               `sandesh:"action,id=8"`
	MirrorL                  []MirrorInfo                        `sandesh:"mirror_l,id=9"`
	Direction                string                              `sandesh:"direction,id=11,opt"`
	StatsBytes               int64                               `sandesh:"stats_bytes,id=12"`
	StatsPackets             int64                               `sandesh:"stats_packets,id=13"`
	UUID                     string                              `sandesh:"uuid,id=14"`
	Nat                      string                              `sandesh:"nat,id=15"`
	SetupTime                string                              `sandesh:"setup_time,id=18"`
	Refcount                 int32                               `sandesh:"refcount,id=19"`
	ImplicitDeny             string                              `sandesh:"implicit_deny,id=20"`
	ShortFlow                string                              `sandesh:"short_flow,id=21,opt"`
	SetupTimeUTC             uint64                              `sandesh:"setup_time_utc,id=22,opt"`
	EcmpIndex                *uint16                             `sandesh:"ecmp_index,id=23,opt"`
	LocalFlow                string                              `sandesh:"local_flow,id=24,opt"`
	EgressUUID               string                              `sandesh:"egress_uuid,id=25,opt"`
	SrcVnList                []string                            `sandesh:"src_vn_list,id=53,opt"`
	DstVnList                []string                            `sandesh:"dst_vn_list,id=54,opt"`
	SrcVnMatch               *string                             `sandesh:"src_vn_match,id=55,opt"`
	DstVnMatch               *string                             `sandesh:"dst_vn_match,id=56,opt"`
	ReverseFlow              string                              `sandesh:"reverse_flow,id=28"`
	Policy                   FlowAclInfo                         `sandesh:"policy,id=29"`
	OutPolicy                FlowAclInfo                         `sandesh:"out_policy,id=30"`
	Sg                       FlowAclInfo                         `sandesh:"sg,id=31"`
	OutSg                    FlowAclInfo                         `sandesh:"out_sg,id=32"`
	Mirror                   FlowAclInfo                         `sandesh:"mirror,id=33"`
	OutMirror                FlowAclInfo                         `sandesh:"out_mirror,id=34"`
	ActionStr                []ActionStr                         `sandesh:"action_str,id=35"`
	SgActionSummary          []ActionStr                         `sandesh:"sg_action_summary,id=36"`
	ReverseSg                FlowAclInfo                         `sandesh:"reverse_sg,id=37"`
	ReverseOutSg             FlowAclInfo                         `sandesh:"reverse_out_sg,id=38"`
	VrfAssignACL             FlowAclInfo                         `sandesh:"vrf_assign_acl,id=40"`
	FwaasPolicySet           FlowAclInfo                         `sandesh:"fwaas_policy_set,id=74"`
	FwaasOutPolicySet        FlowAclInfo                         `sandesh:"fwaas_out_policy_set,id=75"`
	FwaasReversePolicySet    FlowAclInfo                         `sandesh:"fwaas_reverse_policy_set,id=76"`
	FwaasReverseOutPolicySet FlowAclInfo                         `sandesh:"fwaas_reverse_out_policy_set,id=77"`
	FwaasActionSummary       []ActionStr                         `sandesh:"fwaas_action_summary,id=78"`
	PolicySet                FlowAclInfo                         `sandesh:"policy_set,id=63"`
	OutPolicySet             FlowAclInfo                         `sandesh:"out_policy_set,id=64"`
	ReversePolicySet         FlowAclInfo                         `sandesh:"reverse_policy_set,id=71"`
	ReverseOutPolicySet      FlowAclInfo                         `sandesh:"reverse_out_policy_set,id=72"`
	ApsActionSummary         []ActionStr                         `sandesh:"aps_action_summary,id=73"`
	Fip                      string                              `sandesh:"fip,id=41"`
	FipVMInterfaceIdx        uint32                              `sandesh:"fip_vm_interface_idx,id=42"`
	SgRuleUUID               *string                             `sandesh:"sg_rule_uuid,id=43,opt"`
	NwAceUUID                *string                             `sandesh:"nw_ace_uuid,id=44,opt"`
	RpfNh                    int32                               `sandesh:"rpf_nh,id=45"`
	SrcIPNh                  int32                               `sandesh:"src_ip_nh,id=62"`
	DropReason               string                              `sandesh:"drop_reason,id=46,opt"`
	PeerVrouter              *string                             `sandesh:"peer_vrouter,id=47,opt"`
	TunnelType               *string                             `sandesh:"tunnel_type,id=48,opt"`
	UnderlaySourcePort       uint16                              `sandesh:"underlay_source_port,id=49,opt"`
	EnableRpf                bool                                `sandesh:"enable_rpf,id=50"`
	AgingProtocol            int32                               `sandesh:"aging_protocol,id=51"`
	AgingPort                int32                               `sandesh:"aging_port,id=52"`
	L3Flow                   bool                                `sandesh:"l3_flow,id=57"`
	TableID                  uint16                              `sandesh:"table_id,id=58"`
	Deleted                  bool                                `sandesh:"deleted,id=59"`
	FlowIndexInfo            SandeshFlowIndexInfo                `sandesh:"flow_index_info,id=60"`
	InetRtKeys               []SandeshInetRouteFlowMgmtEntryLink `sandesh:"inet_rt_keys,id=65"`
	FwPolicyMatch            string                              `sandesh:"fw_policy_match,id=66"`
	LocalTagList             []uint64                            `sandesh:"local_tag_list,id=67,opt"`
	RemoteTagList            []uint64                            `sandesh:"remote_tag_list,id=68,opt"`
	RemotePrefix             *string                             `sandesh:"remote_prefix,id=69,opt"`
	VMI                      *string                             `sandesh:"vmi,id=70,opt"`
	UnderlayGwIndex          int16                               `sandesh:"underlay_gw_index,id=79"`
}

// Action bits of FlowAclInfo.action and SandeshFlowData.action
// (filter/traffic_action.h: 1 << DENY, 1 << PASS, 1 << IMPLICIT_DENY).
const (
	FlowActionDeny         = 1 << 3
	FlowActionPass         = 1 << 5
	FlowActionImplicitDeny = 1 << 29
)

// SandeshFlowTableInfoRequest asks for the flow table summary.
type SandeshFlowTableInfoRequest struct{}

// SandeshFlowTableInfoResp is the flow table summary: flows in use and the
// table's capacity, and one row per flow-processing partition.
type SandeshFlowTableInfoResp struct {
	FlowCount    uint64                 `sandesh:"flow_count,id=1"`
	TotalAdded   uint64                 `sandesh:"total_added,id=2"`
	TotalDeleted uint64                 `sandesh:"total_deleted,id=3"`
	MaxFlows     uint64                 `sandesh:"max_flows,id=4"`
	TableList    []SandeshFlowTableInfo `sandesh:"table_list,id=5"`
}

// SandeshFlowTableInfo is one flow table partition.
type SandeshFlowTableInfo struct {
	Index         uint32 `sandesh:"index,id=1"`
	Count         uint32 `sandesh:"count,id=2"`
	TotalAdd      uint64 `sandesh:"total_add,id=3"`
	TotalDel      uint64 `sandesh:"total_del,id=4"`
	FreelistCount uint64 `sandesh:"freelist_count,id=5"`
}
