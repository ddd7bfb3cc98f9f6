package schema

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// fieldSig is the wire signature of a type with every field set: one
// "name/type/id[/attr=value…]" per field element, in emission order.
func fieldSig(t *testing.T, zero any) string {
	t.Helper()
	v := filled(reflect.TypeOf(zero), 0).Interface()
	n, err := sandesh.ParseBytes(sandesh.AppendStruct(nil, v))
	if err != nil {
		t.Fatalf("%T: %v", zero, err)
	}
	var sig []string
	for _, c := range n.Children {
		s := c.Name + "/" + c.Attr("type") + "/" + c.Attr("identifier")
		for _, a := range c.Attrs {
			if a.Name != "type" && a.Name != "identifier" {
				s += "/" + a.Name + "=" + a.Value
			}
		}
		sig = append(sig, s)
	}
	return strings.Join(sig, " ")
}

// TestAgentTypesOutsideSpec checks the wire shape of the agent types the
// spec has no table for, against their .sandesh declarations
// (oper/agent.sandesh, services/services.sandesh, ifmap/ifmap_agent.sandesh
// of tf-controller): declaration order (not id order), wire types, links.
func TestAgentTypesOutsideSpec(t *testing.T) {
	cases := []struct {
		v    any
		want string
	}{
		{HealthCheckSandeshData{}, "uuid/string/1 name/string/2 service_type/string/13 monitor_type/string/3 http_method/string/4 " +
			"url_path/string/5 expected_codes/string/6 delay/u32/7 delay_usecs/u64/11 timeout/u32/8 timeout_usecs/u64/12 " +
			"max_retries/u32/9 inst_list/list/10"},
		{HealthCheckInstanceSandeshData{}, "vm_interface/string/1/link=ItfReq metadata_ip/string/2 service_ip/string/3 " +
			"health_check_ip/string/4 active/bool/5 running/bool/6 last_update_time/string/7"},
		{HealthCheckSandeshResp{}, "hc_list/list/1"},
		{BgpAsAServiceSandeshList{}, "vm_bgp_peer_ip/string/1 vm_nat_source_port/i32/2 vmi_uuid/string/3/link=ItfReq " +
			"is_shared/bool/4 health_check_configured/bool/5 health_check_uuid/string/6/link=HealthCheckSandeshReq " +
			"health_check_delay_usecs/u64/7 health_check_timeout_usecs/u64/8 health_check_retries/u32/9 " +
			"primary_control_node_zone/string/10/link=ControlNodeZoneSandeshReq secondary_control_node_zone/string/11/link=ControlNodeZoneSandeshReq " +
			"primary_bgp_peer/string/12/link=BgpRouterSandeshReq secondary_bgp_peer/string/13/link=BgpRouterSandeshReq"},
		{BgpAsAServiceSandeshResp{}, "bgp_as_a_service_list/list/1"},
		{ServiceInstanceSandeshData{}, "uuid/string/1 service_type/string/2 virtualization_type/string/3 instance_id/string/4 " +
			"vmi_inside/string/5 vmi_outside/string/6 ns_state/struct/7"},
		{NamespaceStateSandeshData{}, "pid/i32/1 status/i32/2 cmd/string/3 status_type/i32/4 errors/string/5"},
		{VrfAssignSandeshData{}, "type/string/1 vlan_tag/u16/2 itf/string/3/link=ItfReq vrf/string/4/link=VrfListReq"},
		{LinkLocalServiceData{}, "linklocal_service_name/string/1 linklocal_service_ip/string/2 linklocal_service_port/i32/3 " +
			"ipfabric_dns_name/string/4 ipfabric_ip/list/5 ipfabric_port/i32/6"},
		{VxLanConfigReq{}, "vxlan_id/u32/1 vn/string/2 active/string/3"},
		{ShowIFMapAgentReq{}, "table_name/string/1 node_sub_string/string/2 link_type_sub_string/string/3 link_node_sub_string/string/4"},
		{ShowIFMapAgentResp{}, "table_data/list/1"},
		{ShowIFMapAgentStatsResp{}, "node_updates_processed/u64/1 node_deletes_processed/u64/2 link_updates_processed/u64/3 " +
			"link_deletes_processed/u64/4 node_update_parse_errors/u64/5 link_update_parse_errors/u64/6 " +
			"node_delete_parse_errors/u64/7 link_delete_parse_errors/u64/8"},
		{DnsStats{}, "dns_resolver/list/7 dscp/u16/8 dns_requests/i32/1 dns_resolved/i32/2 dns_retransmit_reqs/i32/3 " +
			"dns_unsupported/i32/4 dns_failures/i32/5 dns_drops/i32/6"},
		{ArpStats{}, "arp_entries/i32/1 arp_requests/i32/2 arp_replies/i32/3 arp_gratuitous/i32/4 arp_resolved/i32/5 " +
			"arp_max_retries_exceeded/i32/6 arp_errors/i32/7 arp_invalid_packets/i32/9 arp_invalid_interface/i32/10 " +
			"arp_invalid_vrf/i32/11 arp_invalid_address/i32/12 vm_arp_req/i32/13 vm_garp_req/i32/14 ipfabric_not_inst/i32/15"},
		{IcmpStats{}, "icmp_gw_ping/i32/1 icmp_gw_ping_err/i32/2 icmp_drop/i32/3 icmp_intf_not_inst/i32/4 icmp_no_l3fwd/i32/5"},
		{MetadataResponse{}, "metadata_server_port/i32/1 metadata_requests/i32/2 metadata_responses/i32/3 " +
			"metadata_proxy_sessions/i32/4 metadata_internal_errors/i32/5"},
		{DhcpPktSandesh{}, "type/string/1 pkt_list/list/2"},
		{DhcpPkt{}, "info/struct/1 agent_hdr/struct/2 mac_hdr/struct/3 ip_hdr/struct/4 udp_hdr/struct/5 dhcp_hdr/struct/6"},
		{PktSandesh{}, "type/string/1 pkt_list/list/2"},
		{PktDump{}, "info/struct/1 agent_hdr/struct/2 mac_hdr/struct/3 pkt/string/4"},
		{VrouterHdr{}, "ifindex/i16/1 vrf/i16/2 cmd/string/3 cmd_param/i32/4 nh/i32/5"},
		{InterfaceArpStats{}, "interface_index/u32/1 arp_requests/u32/2 arp_replies/u32/3 arp_resolved/u32/4"},
		{InterfaceArpStatsReq{}, "interface_index/i32/1"},
		{InterfaceIcmpv6Stats{}, "interface_index/u32/1 icmpv6_router_solicit/u32/2 icmpv6_router_advert/u32/3 " +
			"icmpv6_ping_request/u32/4 icmpv6_ping_response/u32/5 icmpv6_neighbor_solicit/u32/6 " +
			"icmpv6_neighbor_advert_solicited/u32/7 icmpv6_neighbor_advert_unsolicited/u32/8 icmpv6_neighbor_solicited/i32/9"},
		{VmVdnsListEntry{}, "name/string/1 vm_interface_index/u32/2/link=VmVdnsDataReq"},
		{VmVdnsDataEntry{}, "ip/string/1 vdns_name/string/2"},
		{ArpSandeshData{}, "ip/string/1 vrf/string/2 mac/string/3 state/string/4 interface_name/string/5"},
		{ArpCacheResp{}, "arp_list/list/1"},
	}
	for _, c := range cases {
		if got := fieldSig(t, c.v); got != c.want {
			t.Errorf("%T:\n got  %s\n want %s", c.v, got, c.want)
		}
	}
	// Requests with a non-zero .sandesh default.
	var arp InterfaceArpStatsReq
	arp.SetDefaults()
	var icmp6 InterfaceIcmpv6StatsReq
	icmp6.SetDefaults()
	if arp.InterfaceIndex != -1 || icmp6.InterfaceIndex != -1 {
		t.Errorf("interface_index defaults %d %d, want -1", arp.InterfaceIndex, icmp6.InterfaceIndex)
	}
}

// TestAgentTypesRoundTrip decodes every filled agent type back and
// re-encodes it to the same bytes (tags decode what they encode).
func TestAgentTypesRoundTrip(t *testing.T) {
	extra := []any{
		DhcpStats{}, Dhcpv6Stats{}, Icmpv6Stats{}, PktStats{}, ArpPktSandesh{}, Dhcpv6PktSandesh{}, DnsPktSandesh{},
		IcmpPktSandesh{}, Icmpv6PktSandesh{}, InterfaceArpStatsResponse{}, InterfaceIcmpv6StatsResponse{},
		VmVdnsListResponse{}, VmVdnsDataResponse{}, ShowIFMapAgentResp{}, ShowIFMapAgentStatsResp{}, DnsStats{},
		MetadataResponse{}, ArpCacheResp{}, LinkLocalServiceResponse{}, HealthCheckSandeshResp{},
		BgpAsAServiceSandeshResp{}, ServiceInstanceResp{}, VrfAssignResp{}, MirrorEntryResp{},
	}
	for _, zero := range append(append([]any{}, agentSchemaTypes...), extra...) {
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
