package schema

import (
	"reflect"
	"testing"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// traceTypes are the kstate, flow and diag types ist trace reads and
// refnode serves (agent_kstate.go, agent_flow.go, agent_diag.go).
var traceTypes = []any{
	KRouteReq{}, KRouteGetReq{}, KRouteResp{}, KRouteInfo{}, KNHReq{}, KNHResp{}, KNHInfo{}, KComponentNH{},
	KMplsReq{}, KMplsResp{}, KMplsInfo{}, KFlowReq{}, NextKFlowReq{}, KFlowResp{}, KFlowInfo{}, KDropStatsReq{},
	KDropStatsResp{}, ErrResp{},
	FetchFlowRecord{}, FlowRecordResp{}, FlowErrorResp{}, FetchAllFlowRecords{}, NextFlowRecordsSet{}, FlowRecordsResp{},
	MirrorInfo{}, FlowAclUuid{}, FlowAclInfo{}, SandeshFlowIndexTrace{}, SandeshFlowIndexInfo{},
	SandeshInetRouteFlowMgmtEntryLink{}, SandeshFlowData{}, SandeshFlowTableInfoRequest{}, SandeshFlowTableInfoResp{},
	SandeshFlowTableInfo{},
	PingReq{}, PingResp{}, PingSummaryResp{}, PingErrResp{}, TraceRouteReq{}, TraceRouteResp{}, TraceRouteErrResp{},
}

// TestTraceTypesMatchSandesh checks the wire shape of the kstate, flow and
// diag types against their declarations in OpenSDN tf-controller
// (kstate/kstate.sandesh, pkt/pkt.sandesh, diag/diag.sandesh at fbb63bcd):
// declaration order, wire types, identifiers and links.
func TestTraceTypesMatchSandesh(t *testing.T) {
	cases := []struct {
		v    any
		want string
	}{
		{KRouteReq{}, "vrf_id/u32/1 family/string/2"},
		{KRouteGetReq{}, "vrf_id/u32/1 prefix/string/2 prefix_len/u16/3"},
		{KRouteResp{}, "rt_list/list/1"},
		{KRouteInfo{}, "vrf_id/i32/1 family/string/2 prefix/string/3 prefix_len/i32/4 rid/i16/5 label_flags/string/6 " +
			"label/i32/7 nh_id/i32/8/link=KNHReq rtr_mac/string/9 replace_plen/i32/10 index/i32/11"},
		{KNHReq{}, "nh_id/i32/1"},
		{KNHResp{}, "nh_list/list/1"},
		{KNHInfo{}, "id/i32/1 type/string/2 family/string/3 rid/i32/4 vrf/i32/5/link=KRouteReq flags/string/6 ref_cnt/i32/7 " +
			"encap_family/string/8 encap_oif_id/list/9/link=KInterfaceReq encap_len/i32/10 tun_sip/string/11 tun_dip/string/12 " +
			"tun_sport/i32/13 tun_dport/i32/14 encap/string/15 component_nh/list/16"},
		{KComponentNH{}, "nh_id/i32/1/link=KNHReq label/i32/2/link=KMplsInfo"},
		{KMplsReq{}, "mpls_label/i16/1"},
		{KMplsResp{}, "mpls_list/list/1"},
		{KMplsInfo{}, "label/i16/1 rid/i16/2 nhid/i32/3/link=KNHReq"},
		{KFlowReq{}, "flow_idx/i32/1 show_evicted/bool/2"},
		{NextKFlowReq{}, "flow_handle/string/1"},
		{KFlowResp{}, "flow_list/list/1 flow_handle/string/2/link=NextKFlowReq"},
		{KFlowInfo{}, "index/i32/1 rflow/i32/2 sip/string/3 sport/i32/4 dip/string/5 dport/i32/6 proto/byte/7 vrf_id/i16/8 " +
			"action/string/9 flags/string/10 d_vrf_id/i16/11 bytes/i32/12 pkts/i32/13 insight/i32/14 nhid/i32/18 " +
			"underlay_udp_sport/u16/19 mirror_id/byte/15/link=KMirrorReq sec_mirror_id/byte/16/link=KMirrorReq ecmp_index/i16/17 " +
			"tcp_flags/string/20 drop_reason/string/21 ttl/u16/22 qos_id/i16/23 gen_id/i16/24 tcp_seq/u16/25 " +
			"oflow_bytes/u16/26 oflow_packets/u16/27 underlay_gw_index/i16/28"},
		{KDropStatsResp{}, "ds_rid/u16/1 ds_discard/u64/2 ds_pull/u64/3 ds_invalid_if/u64/4 ds_arp_not_me/u64/5 " +
			"ds_invalid_arp/u64/7 ds_trap_no_if/u64/8 ds_nowhere_to_go/u64/9 ds_flow_queue_limit_exceeded/u64/10 " +
			"ds_flow_no_memory/u64/11 ds_flow_invalid_protocol/u64/12 ds_flow_nat_no_rflow/u64/13 ds_flow_action_drop/u64/14 " +
			"ds_flow_action_invalid/u64/15 ds_flow_unusable/u64/16 ds_flow_table_full/u64/17 ds_interface_tx_discard/u64/18 " +
			"ds_interface_drop/u64/19 ds_duplicated/u64/20 ds_push/u64/21 ds_ttl_exceeded/u64/22 ds_invalid_nh/u64/23 " +
			"ds_invalid_label/u64/24 ds_invalid_protocol/u64/25 ds_interface_rx_discard/u64/26 ds_invalid_mcast_source/u64/27 " +
			"ds_head_alloc_fail/u64/28 ds_pcow_fail/u64/30 ds_mcast_clone_fail/u64/32 ds_rewrite_fail/u64/34 ds_misc/u64/35 " +
			"ds_invalid_packet/u64/36 ds_cksum_err/u64/37 ds_no_fmd/u64/39 ds_cloned_original/u64/40 ds_invalid_vnid/u64/41 " +
			"ds_frag_err/u64/42 ds_invalid_source/u64/43 ds_mcast_df_bit/u64/44 ds_l2_no_route/u64/47 ds_vlan_fwd_tx/u64/48 " +
			"ds_vlan_fwd_enq/u64/49 ds_no_memory/u64/51 ds_drop_new_flow/u64/52 ds_flow_evict/u64/53"},
		{ErrResp{}, "resp/string/1"},
		{FetchFlowRecord{}, "nh/i32/1 sip/string/2 dip/string/3 src_port/i32/4 dst_port/i32/5 protocol/u16/6"},
		{FlowRecordResp{}, "record/struct/1"},
		{FlowErrorResp{}, "resp/string/1"},
		{NextFlowRecordsSet{}, "flow_key/string/1"},
		{FlowRecordsResp{}, "flow_list/list/1 flow_key/string/2/link=NextFlowRecordsSet"},
		{MirrorInfo{}, "mirror_destination/string/1 mirror_port/u16/2 mirror_vrf/string/3 encap/string/4 analyzer/string/5"},
		{FlowAclUuid{}, "uuid/string/1/link=AclReq"},
		{FlowAclInfo{}, "action/i32/1 acl/list/2 action_str/list/3"},
		{SandeshFlowIndexTrace{}, "timestamp/i64/1 flow_handle/u32/2 flow_gen_id/u16/3 event/string/4 ksync_hash_id/u32/5 " +
			"ksync_gen_id/u16/6 vrouter_flow_handle/u32/7 vrouter_gen_id/u16/8"},
		{SandeshFlowIndexInfo{}, "trace_index/i32/1 flow_index_trace/list/2"},
		{SandeshInetRouteFlowMgmtEntryLink{}, "inet_route_flow_mgmt_key/string/1/link=FlowsPerInetRouteFlowMgmtKeyReq"},
		{SandeshFlowData{}, "gen_id/u16/61 flow_handle/i32/16 nh/i32/39 sip/string/2 dip/string/3 src_port/i32/4 dst_port/i32/5 " +
			"protocol/u16/6 vrf/i32/1 dest_vrf/i16/7 action/i32/8 mirror_l/list/9 direction/string/11 stats_bytes/i64/12 " +
			"stats_packets/i64/13 uuid/string/14 nat/string/15 setup_time/string/18 refcount/i32/19 implicit_deny/string/20 " +
			"short_flow/string/21 setup_time_utc/u64/22 ecmp_index/u16/23 local_flow/string/24 egress_uuid/string/25 " +
			"src_vn_list/list/53 dst_vn_list/list/54 src_vn_match/string/55 dst_vn_match/string/56 reverse_flow/string/28 " +
			"policy/struct/29 out_policy/struct/30 sg/struct/31 out_sg/struct/32 mirror/struct/33 out_mirror/struct/34 " +
			"action_str/list/35 sg_action_summary/list/36 reverse_sg/struct/37 reverse_out_sg/struct/38 vrf_assign_acl/struct/40 " +
			"fwaas_policy_set/struct/74 fwaas_out_policy_set/struct/75 fwaas_reverse_policy_set/struct/76 " +
			"fwaas_reverse_out_policy_set/struct/77 fwaas_action_summary/list/78 policy_set/struct/63 out_policy_set/struct/64 " +
			"reverse_policy_set/struct/71 reverse_out_policy_set/struct/72 aps_action_summary/list/73 fip/string/41 " +
			"fip_vm_interface_idx/u32/42 sg_rule_uuid/string/43 nw_ace_uuid/string/44 rpf_nh/i32/45 src_ip_nh/i32/62 " +
			"drop_reason/string/46 peer_vrouter/string/47 tunnel_type/string/48 underlay_source_port/u16/49 enable_rpf/bool/50 " +
			"aging_protocol/i32/51 aging_port/i32/52 l3_flow/bool/57 table_id/u16/58 deleted/bool/59 flow_index_info/struct/60 " +
			"inet_rt_keys/list/65 fw_policy_match/string/66 local_tag_list/list/67 remote_tag_list/list/68 " +
			"remote_prefix/string/69 vmi/string/70 underlay_gw_index/i16/79"},
		{SandeshFlowTableInfoResp{}, "flow_count/u64/1 total_added/u64/2 total_deleted/u64/3 max_flows/u64/4 table_list/list/5"},
		{SandeshFlowTableInfo{}, "index/u32/1 count/u32/2 total_add/u64/3 total_del/u64/4 freelist_count/u64/5"},
		{PingReq{}, "source_ip/string/1 source_port/i32/2 dest_ip/string/3 dest_port/i32/4 protocol/i16/5 vrf_name/string/6 " +
			"packet_size/i16/7 count/i16/8 interval/i32/9"},
		{PingResp{}, "seq_no/i16/1 rtt/string/2 resp/string/3"},
		{PingSummaryResp{}, "request_sent/i16/1 response_received/i16/2 pkt_loss/i16/3 average_rtt/string/4"},
		{PingErrResp{}, "error_response/string/1"},
		{TraceRouteReq{}, "source_ip/string/1 source_port/i32/2 dest_ip/string/3 dest_port/i32/4 protocol/i16/5 " +
			"vrf_name/string/6 max_hops/i16/7 max_attempts/i16/8 interval/i32/9"},
		{TraceRouteResp{}, "hop/string/1"},
		{TraceRouteErrResp{}, "error_response/string/1"},
	}
	for _, c := range cases {
		if got := fieldSig(t, c.v); got != c.want {
			t.Errorf("%T:\n got  %s\n want %s", c.v, got, c.want)
		}
	}
	// Requests with non-zero .sandesh defaults.
	var kr KRouteReq
	kr.SetDefaults()
	var knh KNHReq
	knh.SetDefaults()
	var km KMplsReq
	km.SetDefaults()
	var kf KFlowReq
	kf.SetDefaults()
	var ping PingReq
	ping.SetDefaults()
	var tr TraceRouteReq
	tr.SetDefaults()
	if kr.Family != "inet" || knh.NhID != -1 || km.MplsLabel != -1 || kf.FlowIdx != -1 ||
		ping.PacketSize != 100 || ping.Count != 10 || ping.Interval != 1 || tr.MaxHops != 30 || tr.MaxAttempts != 3 || tr.Interval != 1 {
		t.Errorf("defaults: %+v %+v %+v %+v %+v %+v", kr, knh, km, kf, ping, tr)
	}
}

// TestTraceTypesRoundTrip decodes every filled type back and re-encodes it
// to the same bytes.
func TestTraceTypesRoundTrip(t *testing.T) {
	for _, zero := range traceTypes {
		v := filled(reflect.TypeOf(zero), 0).Interface()
		b := sandesh.AppendStruct(nil, v)
		n, err := sandesh.ParseBytes(b)
		if err != nil {
			t.Fatalf("%T: %v", zero, err)
		}
		back := reflect.New(reflect.TypeOf(zero))
		if err := sandesh.Unmarshal(n, back.Interface()); err != nil {
			t.Fatalf("%T: %v", zero, err)
		}
		if b2 := sandesh.AppendStruct(nil, back.Interface()); string(b2) != string(b) {
			t.Errorf("%T: round trip differs:\n%s\n%s", zero, b, b2)
		}
	}
}
