package schema

// contrail-vrouter-agent kernel state (vnsw/agent/kstate/kstate.sandesh of
// OpenSDN tf-controller; the spec has no table for these, so field order,
// wire types, links and the optional fields follow the .sandesh
// declarations): the vRouter's own routes, next hops, MPLS labels, flows
// and drop counters as the agent reads them back from the kernel module.
// KInterfaceReq is in agent_misc.go (spec §5.2.3).
//
// Optional fields the agent sets even with a zero value are pointers (or
// non-nil empty slices), so nil means "not written".

// KRouteReq dumps the kernel routes of one VRF and family.
type KRouteReq struct {
	VrfID  uint32 `sandesh:"vrf_id,id=1"`
	Family string `sandesh:"family,id=2"`
}

// SetDefaults gives family its .sandesh default "inet".
func (r *KRouteReq) SetDefaults() { r.Family = "inet" }

// KRouteGetReq asks the kernel's longest match for prefix/prefix_len in
// VRF vrf_id (answered with KRouteResp).
type KRouteGetReq struct {
	VrfID     uint32 `sandesh:"vrf_id,id=1"`
	Prefix    string `sandesh:"prefix,id=2"`
	PrefixLen uint16 `sandesh:"prefix_len,id=3"`
}

// KRouteResp is one part of a kernel route dump.
type KRouteResp struct {
	RtList []KRouteInfo `sandesh:"rt_list,id=1"`
}

// KRouteInfo is one kernel route.
type KRouteInfo struct {
	VrfID       int32  `sandesh:"vrf_id,id=1"`
	Family      string `sandesh:"family,id=2"`
	Prefix      string `sandesh:"prefix,id=3"`
	PrefixLen   int32  `sandesh:"prefix_len,id=4"`
	Rid         int16  `sandesh:"rid,id=5"`
	LabelFlags  string `sandesh:"label_flags,id=6"`
	Label       int32  `sandesh:"label,id=7"`
	NhID        int32  `sandesh:"nh_id,id=8,link=KNHReq"`
	RtrMAC      string `sandesh:"rtr_mac,id=9"`
	ReplacePlen int32  `sandesh:"replace_plen,id=10"`
	Index       int32  `sandesh:"index,id=11"`
}

// KNHReq dumps kernel next hops; NhID -1 = all.
type KNHReq struct {
	NhID int32 `sandesh:"nh_id,id=1"`
}

// SetDefaults gives nh_id its .sandesh default -1 (dump all).
func (r *KNHReq) SetDefaults() { r.NhID = -1 }

// KNHResp is one part of a kernel next-hop dump.
type KNHResp struct {
	NhList []KNHInfo `sandesh:"nh_list,id=1"`
}

// KNHInfo is one kernel next hop.
type KNHInfo struct {
	ID          int32          `sandesh:"id,id=1"`
	Type        string         `sandesh:"type,id=2"`
	Family      string         `sandesh:"family,id=3"`
	Rid         int32          `sandesh:"rid,id=4"`
	Vrf         int32          `sandesh:"vrf,id=5,link=KRouteReq"`
	Flags       string         `sandesh:"flags,id=6"`
	RefCnt      int32          `sandesh:"ref_cnt,id=7"`
	EncapFamily string         `sandesh:"encap_family,id=8,opt"`
	EncapOifID  []int32        `sandesh:"encap_oif_id,id=9,opt,link=KInterfaceReq"`
	EncapLen    int32          `sandesh:"encap_len,id=10,opt"`
	TunSip      string         `sandesh:"tun_sip,id=11,opt"`
	TunDip      string         `sandesh:"tun_dip,id=12,opt"`
	TunSport    *int32         `sandesh:"tun_sport,id=13,opt"`
	TunDport    *int32         `sandesh:"tun_dport,id=14,opt"`
	Encap       string         `sandesh:"encap,id=15,opt"`
	ComponentNH []KComponentNH `sandesh:"component_nh,id=16,opt"`
}

// KComponentNH is one member of a kernel composite next hop.
type KComponentNH struct {
	NhID  int32 `sandesh:"nh_id,id=1,link=KNHReq"`
	Label int32 `sandesh:"label,id=2,link=KMplsInfo"`
}

// KMplsReq dumps kernel MPLS labels; MplsLabel -1 = all.
type KMplsReq struct {
	MplsLabel int16 `sandesh:"mpls_label,id=1"`
}

// SetDefaults gives mpls_label its .sandesh default -1 (dump all).
func (r *KMplsReq) SetDefaults() { r.MplsLabel = -1 }

// KMplsResp is one part of a kernel label dump.
type KMplsResp struct {
	MplsList []KMplsInfo `sandesh:"mpls_list,id=1"`
}

// KMplsInfo is one kernel MPLS label and its next hop.
type KMplsInfo struct {
	Label int16 `sandesh:"label,id=1"`
	Rid   int16 `sandesh:"rid,id=2"`
	Nhid  int32 `sandesh:"nhid,id=3,link=KNHReq"`
}

// KFlowReq reads kernel flows: one index, or all (-1) 100 at a time.
type KFlowReq struct {
	FlowIdx     int32 `sandesh:"flow_idx,id=1"`
	ShowEvicted bool  `sandesh:"show_evicted,id=2"`
}

// SetDefaults gives flow_idx its .sandesh default -1 (all flows).
func (r *KFlowReq) SetDefaults() { r.FlowIdx = -1 }

// NextKFlowReq continues a kernel flow dump from a KFlowResp flow_handle.
type NextKFlowReq struct {
	FlowHandle string `sandesh:"flow_handle,id=1"`
}

// KFlowResp is one batch of kernel flows; flow_handle is the next index to
// read ("0" when the dump is complete).
type KFlowResp struct {
	FlowList   []KFlowInfo `sandesh:"flow_list,id=1"`
	FlowHandle string      `sandesh:"flow_handle,id=2,link=NextKFlowReq"`
}

// KFlowInfo is one kernel flow entry (declaration order: ids 18 and 19
// come before 15).
type KFlowInfo struct {
	Index            int32   `sandesh:"index,id=1"`
	Rflow            int32   `sandesh:"rflow,id=2"`
	Sip              string  `sandesh:"sip,id=3"`
	Sport            int32   `sandesh:"sport,id=4"`
	Dip              string  `sandesh:"dip,id=5"`
	Dport            int32   `sandesh:"dport,id=6"`
	Proto            int8    `sandesh:"proto,id=7"`
	VrfID            int16   `sandesh:"vrf_id,id=8"`
	Action           string  `sandesh:"action,id=9"`
	Flags            string  `sandesh:"flags,id=10"`
	DVrfID           int16   `sandesh:"d_vrf_id,id=11"`
	Bytes            int32   `sandesh:"bytes,id=12"`
	Pkts             int32   `sandesh:"pkts,id=13"`
	Insight          int32   `sandesh:"insight,id=14"`
	Nhid             int32   `sandesh:"nhid,id=18"`
	UnderlayUDPSport uint16  `sandesh:"underlay_udp_sport,id=19"`
	MirrorID         *int8   `sandesh:"mirror_id,id=15,opt,link=KMirrorReq"`
	SecMirrorID      *int8   `sandesh:"sec_mirror_id,id=16,opt,link=KMirrorReq"`
	EcmpIndex        *int16  `sandesh:"ecmp_index,id=17,opt"`
	TCPFlags         *string `sandesh:"tcp_flags,id=20,opt"`
	DropReason       string  `sandesh:"drop_reason,id=21,opt"`
	TTL              uint16  `sandesh:"ttl,id=22"`
	QosID            int16   `sandesh:"qos_id,id=23"`
	GenID            int16   `sandesh:"gen_id,id=24"`
	TCPSeq           uint16  `sandesh:"tcp_seq,id=25"`
	OflowBytes       uint16  `sandesh:"oflow_bytes,id=26"`
	OflowPackets     uint16  `sandesh:"oflow_packets,id=27"`
	UnderlayGwIndex  int16   `sandesh:"underlay_gw_index,id=28"`
}

// KDropStatsReq reads the vRouter's global drop counters.
type KDropStatsReq struct{}

// KDropStatsResp holds the drop counters introspect exposes (a subset of
// the vRouter's vr_drop_stats_req; ids 6, 29, 31, 33, 38, 45, 46 and 50
// are not declared).
type KDropStatsResp struct {
	DsRid                    uint16 `sandesh:"ds_rid,id=1"`
	DsDiscard                uint64 `sandesh:"ds_discard,id=2"`
	DsPull                   uint64 `sandesh:"ds_pull,id=3"`
	DsInvalidIf              uint64 `sandesh:"ds_invalid_if,id=4"`
	DsArpNotMe               uint64 `sandesh:"ds_arp_not_me,id=5"`
	DsInvalidArp             uint64 `sandesh:"ds_invalid_arp,id=7"`
	DsTrapNoIf               uint64 `sandesh:"ds_trap_no_if,id=8"`
	DsNowhereToGo            uint64 `sandesh:"ds_nowhere_to_go,id=9"`
	DsFlowQueueLimitExceeded uint64 `sandesh:"ds_flow_queue_limit_exceeded,id=10"`
	DsFlowNoMemory           uint64 `sandesh:"ds_flow_no_memory,id=11"`
	DsFlowInvalidProtocol    uint64 `sandesh:"ds_flow_invalid_protocol,id=12"`
	DsFlowNatNoRflow         uint64 `sandesh:"ds_flow_nat_no_rflow,id=13"`
	DsFlowActionDrop         uint64 `sandesh:"ds_flow_action_drop,id=14"`
	DsFlowActionInvalid      uint64 `sandesh:"ds_flow_action_invalid,id=15"`
	DsFlowUnusable           uint64 `sandesh:"ds_flow_unusable,id=16"`
	DsFlowTableFull          uint64 `sandesh:"ds_flow_table_full,id=17"`
	DsInterfaceTxDiscard     uint64 `sandesh:"ds_interface_tx_discard,id=18"`
	DsInterfaceDrop          uint64 `sandesh:"ds_interface_drop,id=19"`
	DsDuplicated             uint64 `sandesh:"ds_duplicated,id=20"`
	DsPush                   uint64 `sandesh:"ds_push,id=21"`
	DsTTLExceeded            uint64 `sandesh:"ds_ttl_exceeded,id=22"`
	DsInvalidNh              uint64 `sandesh:"ds_invalid_nh,id=23"`
	DsInvalidLabel           uint64 `sandesh:"ds_invalid_label,id=24"`
	DsInvalidProtocol        uint64 `sandesh:"ds_invalid_protocol,id=25"`
	DsInterfaceRxDiscard     uint64 `sandesh:"ds_interface_rx_discard,id=26"`
	DsInvalidMcastSource     uint64 `sandesh:"ds_invalid_mcast_source,id=27"`
	DsHeadAllocFail          uint64 `sandesh:"ds_head_alloc_fail,id=28"`
	DsPcowFail               uint64 `sandesh:"ds_pcow_fail,id=30"`
	DsMcastCloneFail         uint64 `sandesh:"ds_mcast_clone_fail,id=32"`
	DsRewriteFail            uint64 `sandesh:"ds_rewrite_fail,id=34"`
	DsMisc                   uint64 `sandesh:"ds_misc,id=35"`
	DsInvalidPacket          uint64 `sandesh:"ds_invalid_packet,id=36"`
	DsCksumErr               uint64 `sandesh:"ds_cksum_err,id=37"`
	DsNoFmd                  uint64 `sandesh:"ds_no_fmd,id=39"`
	DsClonedOriginal         uint64 `sandesh:"ds_cloned_original,id=40"`
	DsInvalidVnid            uint64 `sandesh:"ds_invalid_vnid,id=41"`
	DsFragErr                uint64 `sandesh:"ds_frag_err,id=42"`
	DsInvalidSource          uint64 `sandesh:"ds_invalid_source,id=43"`
	DsMcastDfBit             uint64 `sandesh:"ds_mcast_df_bit,id=44"`
	DsL2NoRoute              uint64 `sandesh:"ds_l2_no_route,id=47"`
	DsVlanFwdTx              uint64 `sandesh:"ds_vlan_fwd_tx,id=48"`
	DsVlanFwdEnq             uint64 `sandesh:"ds_vlan_fwd_enq,id=49"`
	DsNoMemory               uint64 `sandesh:"ds_no_memory,id=51"`
	DsDropNewFlow            uint64 `sandesh:"ds_drop_new_flow,id=52"`
	DsFlowEvict              uint64 `sandesh:"ds_flow_evict,id=53"`
}

// ErrResp is kstate's answer to a key the kernel does not have (-ENOENT)
// or a bad argument.
type ErrResp struct {
	Resp string `sandesh:"resp,id=1"`
}

// ErrRespDefault is ErrResp.resp's .sandesh default.
const ErrRespDefault = "   Invalid Input !!!   "
