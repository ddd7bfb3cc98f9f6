package agent

import (
	"context"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
)

// vrTestConfig is an agent with two pods in the pod network, a second VN
// with its own VNI and two link-local services (given out of order).
func vrTestConfig(addr string) Config {
	cfg := testConfig("vrouter-v", addr, nil, pod(3, "10.47.255.3"), pod(4, "10.47.255.4"))
	cfg.Networks = append(cfg.Networks, Network{FQName: "default-domain:k8s-default:k8s-default-service-network",
		UUID: "5E0A0B6E-0000-4000-8000-000000000006", VNIndex: 6, VXLANID: 4,
		Subnets: []netip.Prefix{netip.MustParsePrefix("10.96.0.0/12")}})
	cfg.LinkLocalServices = []LinkLocalService{
		{Name: "metadata", IP: netip.MustParseAddr("169.254.169.254"), Port: 80, FabricIPs: []netip.Addr{netip.MustParseAddr("127.0.0.1")}, FabricPort: 8775},
		{Name: "kubernetes", IP: netip.MustParseAddr("10.96.0.1"), Port: 443, FabricDNSName: "k8s-api", FabricPort: 6443},
	}
	return cfg
}

// emptyListField checks that a part's list field is present and empty
// with the struct list shape (<f type="list"><list type="struct" size="0">).
func emptyListField(t *testing.T, where string, part *sandesh.Node, field string) {
	t.Helper()
	f := part.Child(field)
	if f == nil || f.Attr("type") != "list" || f.Attr("identifier") != "1" {
		t.Errorf("%s: no list field %s in %s", where, field, part.Name)
		return
	}
	l := f.Child("list")
	if l == nil || l.Attr("type") != "struct" || l.Attr("size") != "0" || len(l.Children) != 0 {
		t.Errorf("%s: %s is not an empty struct list", where, field)
	}
}

// TestVrRequestsServe fetches every request of ist.py `vr` added for the
// oper, services and IFMap modules and checks the part sequence and that
// each part decodes with the model.
func TestVrRequestsServe(t *testing.T) {
	a := startAgent(t, vrTestConfig("127.211.20.1"))
	pg := func(resp any) []any { return []any{resp, &schema.Pagination{}} }
	cases := []struct {
		path  string
		parts []any
	}{
		{"/Snh_VxLanConfigReq?vxlan_id=None&vn=&active=", []any{&schema.VxLanConfigResp{}}},
		{"/Snh_MirrorEntryReq", pg(&schema.MirrorEntryResp{})},
		{"/Snh_MirrorCfgDisplayReq?handle=", []any{&schema.MirrorCfgDisplayResp{}}},
		{"/Snh_MirrorCfgVnInfoReq?vn_name=", []any{&schema.MirrorCfgVnInfoResp{}}},
		{"/Snh_IntfMirrorCfgDisplayReq?handle=", []any{&schema.IntfMirrorCfgDisplayResp{}}},
		{"/Snh_VrfAssignReq?uuid=", pg(&schema.VrfAssignResp{})},
		{"/Snh_HealthCheckSandeshReq?uuid=", pg(&schema.HealthCheckSandeshResp{})},
		{"/Snh_ServiceInstanceReq?uuid=", pg(&schema.ServiceInstanceResp{})},
		{"/Snh_BgpAsAServiceSandeshReq", []any{&schema.BgpAsAServiceSandeshResp{}}},
		{"/Snh_LinkLocalServiceInfo", []any{&schema.LinkLocalServiceResponse{}}},
		{"/Snh_ShowIFMapAgentReq?table_name=&node_sub_string=&link_type_sub_string=&link_node_sub_string=", []any{&schema.ShowIFMapAgentResp{}}},
		{"/Snh_ShowIFMapAgentStatsReq", []any{&schema.ShowIFMapAgentStatsResp{}}},
		{"/Snh_DhcpInfo", []any{&schema.DhcpStats{}, &schema.DhcpPktSandesh{}}},
		{"/Snh_Dhcpv6Info", []any{&schema.Dhcpv6Stats{}, &schema.Dhcpv6PktSandesh{}}},
		{"/Snh_ArpInfo", []any{&schema.ArpStats{}, &schema.ArpPktSandesh{}}},
		{"/Snh_DnsInfo", []any{&schema.DnsStats{}, &schema.DnsPktSandesh{}}},
		{"/Snh_IcmpInfo", []any{&schema.IcmpStats{}, &schema.IcmpPktSandesh{}}},
		{"/Snh_Icmpv6Info", []any{&schema.Icmpv6Stats{}, &schema.Icmpv6PktSandesh{}}},
		{"/Snh_MetadataInfo", []any{&schema.MetadataResponse{}}},
		{"/Snh_InterfaceArpStatsReq", []any{&schema.InterfaceArpStatsResponse{}}},
		{"/Snh_InterfaceIcmpv6StatsReq", []any{&schema.InterfaceIcmpv6StatsResponse{}}},
		{"/Snh_VmVdnsListReq", []any{&schema.VmVdnsListResponse{}}},
		{"/Snh_VmVdnsDataReq?x=3", []any{&schema.VmVdnsDataResponse{}}},
		{"/Snh_ShowArpCache", []any{&schema.ArpCacheResp{}}},
		{"/Snh_ShowGratuitousArpCache", []any{&schema.ArpCacheResp{}}},
	}
	for _, c := range cases {
		checkParts(t, a, c.path, c.parts...)
	}

	// ShowAllInfo: the agent's sequence of 14 parts.
	all := checkParts(t, a, "/Snh_ShowAllInfo", &schema.PktStats{}, &schema.DhcpStats{}, &schema.DhcpPktSandesh{},
		&schema.ArpStats{}, &schema.ArpPktSandesh{}, &schema.DnsStats{}, &schema.DnsPktSandesh{}, &schema.IcmpStats{},
		&schema.IcmpPktSandesh{}, &schema.PktSandesh{}, &schema.PktSandesh{}, &schema.PktSandesh{}, &schema.PktSandesh{},
		&schema.MetadataResponse{})
	if len(all) == 14 {
		var types []string
		for _, p := range all[9:13] {
			types = append(types, p.ChildText("type"))
		}
		if got := strings.Join(types, ","); got != "Flow,Diagnostics,Invalid,MacLearning" {
			t.Errorf("ShowAllInfo trace types %s", got)
		}
		if all[13].ChildText("metadata_server_port") != "8097" || all[13].ChildText("more") != "false" || all[0].ChildText("more") != "true" {
			t.Errorf("ShowAllInfo: metadata port %q, more %q/%q", all[13].ChildText("metadata_server_port"),
				all[0].ChildText("more"), all[13].ChildText("more"))
		}
	}
	var dhcp schema.DhcpPktSandesh
	sandesh.Unmarshal(parts(get(t, a, "/Snh_DhcpInfo"))[1], &dhcp)
	if dhcp.Type != "Dhcp" || dhcp.PktList == nil || len(dhcp.PktList) != 0 {
		t.Errorf("DhcpPktSandesh %+v", dhcp)
	}
}

// TestVrEmptyTablesPage checks the agent tables refnode keeps empty: an
// empty struct list with its real field name, then a Pagination whose
// cookies name the agent DB table and the request's filter, and the same
// answer through Snh_PageReq.
func TestVrEmptyTablesPage(t *testing.T) {
	a := startAgent(t, vrTestConfig("127.211.21.1"))
	cases := []struct{ path, field, all, pageReq string }{
		{"/Snh_MirrorEntryReq?analyzer_name=an1", "mirror_entry_list", "begin:-1,end:-1,table:db.mirror_table.0,analyzer_name:an1", ""},
		{"/Snh_VrfAssignReq?uuid=", "vrf_assign_list", "begin:-1,end:-1,table:db.vrf_assign.0,", ""},
		{"/Snh_HealthCheckSandeshReq?uuid=u1", "hc_list", "begin:-1,end:-1,table:db.healthcheck.0,uuid:u1", ""},
		{"/Snh_ServiceInstanceReq?uuid=", "service_instance_list", "begin:-1,end:-1,table:db.service-instance.0,", ""},
		{"/Snh_SgListReq", "sg_list", "begin:-1,end:-1,table:db.sg.0,", ""},
		{"/Snh_AclReq", "acl_list", "begin:-1,end:-1,table:db.acl.0,", ""},
	}
	for _, c := range cases {
		for _, path := range []string{c.path, "/Snh_PageReq?x=" + c.all} {
			ps := parts(get(t, a, path))
			if len(ps) != 2 || ps[1].Name != "Pagination" {
				t.Errorf("%s: parts %v", path, names(ps))
				continue
			}
			emptyListField(t, path, ps[0], c.field)
			var pg schema.Pagination
			if err := sandesh.Unmarshal(ps[1], &pg); err != nil {
				t.Fatal(err)
			}
			if pg.Req.All != c.all || pg.Req.NextPage != "" || pg.Req.Entries != " 0 / 0" || pg.Req.TableSize != 0 {
				t.Errorf("%s: pagination %+v", path, pg.Req)
			}
		}
	}
	ps := parts(get(t, a, "/Snh_PageReq?x=begin:0,end:99,table:db.no_such.0,name:"))
	if len(ps) != 1 || ps[0].Name != "ErrorResp" {
		t.Errorf("unknown table: %v", names(ps))
	}
	for _, c := range []struct{ path, field string }{
		{"/Snh_MirrorCfgDisplayReq", "mcfg_l"}, {"/Snh_MirrorCfgVnInfoReq", "vn_acl_info_l"},
		{"/Snh_IntfMirrorCfgDisplayReq", "imcfg_l"}, {"/Snh_BgpAsAServiceSandeshReq", "bgp_as_a_service_list"},
		{"/Snh_ShowArpCache", "arp_list"}, {"/Snh_InterfaceArpStatsReq", "stats_list"},
	} {
		emptyListField(t, c.path, get(t, a, c.path), c.field)
	}
}

// TestVxLanConfig checks VxLanConfigReq: one active entry per VN VRF,
// ordered by VNI, and the agent's filters (vxlan_id, vn uuid, active).
func TestVxLanConfig(t *testing.T) {
	a := startAgent(t, vrTestConfig("127.211.22.1"))
	svcVRF := "default-domain:k8s-default:k8s-default-service-network:k8s-default-service-network"
	cfg := func(q string) []schema.VxLanConfigEntry {
		var r schema.VxLanConfigResp
		if err := sandesh.Unmarshal(get(t, a, "/Snh_VxLanConfigReq"+q), &r); err != nil {
			t.Fatal(err)
		}
		return r.VxlanConfigEntries
	}
	all := cfg("?vxlan_id=None&vn=&active=")
	if len(all) != 2 || all[0].VxlanID != 4 || all[0].Vrf != svcVRF || all[0].VNUUID != "5e0a0b6e-0000-4000-8000-000000000006" ||
		!all[0].Active || all[1].VxlanID != 5 || all[1].Vrf != podVRF {
		t.Fatalf("all entries %+v", all)
	}
	if e := cfg("?vxlan_id=5"); len(e) != 1 || e[0].Vrf != podVRF {
		t.Errorf("vxlan_id=5: %+v", e)
	}
	if e := cfg("?vxlan_id=&vn=5e0a0b6e-0000-4000-8000-000000000006"); len(e) != 1 || e[0].VxlanID != 4 {
		t.Errorf("vn filter: %+v", e)
	}
	if e := cfg("?vxlan_id=&vn=&active=no"); len(e) != 0 {
		t.Errorf("active=no: %+v", e)
	}
	if e := cfg("?vxlan_id=&vn=not-a-uuid&active=yes"); len(e) != 2 {
		t.Errorf("unparsable vn is no filter: %+v", e)
	}
	// The same VNIs as VxLanReq's VRF next hops.
	var vx schema.VxLanResp
	sandesh.Unmarshal(parts(get(t, a, "/Snh_VxLanReq"))[0], &vx)
	if len(vx.VxlanList) != 2 {
		t.Errorf("VxLanReq lists %d VNIs, config %d", len(vx.VxlanList), len(all))
	}
}

func TestLinkLocalServices(t *testing.T) {
	a := startAgent(t, vrTestConfig("127.211.23.1"))
	var r schema.LinkLocalServiceResponse
	if err := sandesh.Unmarshal(get(t, a, "/Snh_LinkLocalServiceInfo"), &r); err != nil {
		t.Fatal(err)
	}
	l := r.ServiceList
	if len(l) != 2 || l[0].LinklocalServiceName != "kubernetes" || l[0].LinklocalServiceIP != "10.96.0.1" || l[0].LinklocalServicePort != 443 ||
		l[0].IpfabricDNSName != "k8s-api" || len(l[0].IpfabricIP) != 0 || l[0].IpfabricPort != 6443 ||
		l[1].LinklocalServiceName != "metadata" || len(l[1].IpfabricIP) != 1 || l[1].IpfabricIP[0] != "127.0.0.1" {
		t.Fatalf("services %+v", l)
	}
	bad := vrTestConfig("127.211.23.2")
	bad.LinkLocalServices[1].FabricPort = 0
	if _, err := New(bad); err == nil || !strings.Contains(err.Error(), "FabricPort") {
		t.Fatalf("bad link-local service: %v", err)
	}
}

// ifmapShow fetches ShowIFMapAgentReq with the given query.
func ifmapShow(t *testing.T, a *Agent, q string) []string {
	t.Helper()
	var r schema.ShowIFMapAgentResp
	if err := sandesh.Unmarshal(get(t, a, "/Snh_ShowIFMapAgentReq"+q), &r); err != nil {
		t.Fatal(err)
	}
	return r.TableData
}

func TestIFMapShow(t *testing.T) {
	a := startAgent(t, vrTestConfig("127.211.24.1"))
	all := ifmapShow(t, a, "")
	// gsc, vrouter, 2 VNs, 4 RIs (fabric, link-local and the VNs'), 1 IPAM,
	// per pod VM, VMI, instance-ip.
	if len(all) != 15 {
		t.Fatalf("%d nodes:\n%s", len(all), strings.Join(all, "----"))
	}
	// One VMI, as the agent's xml_parse flattens it.
	vmi := ifmapShow(t, a, "?table_name=virtual-machine-interface&node_sub_string=000000000003")
	want := "\n\t\ttype:virtual-machine-interface\n" +
		"\t\t\tname:default-domain:k8s-default:00000000-0000-4000-8000-000000000003\n\n" +
		"\t\t\tid-perms\n\t\t\t\tuuid\n" +
		"\t\t\t\t\tuuid-mslong:16384\n\n" +
		"\t\t\t\t\tuuid-lslong:9223372036854775811\n\t\t\t\t\tUuid : 00000000-0000-4000-8000-000000000003\n\n" +
		"\t\t\t\tenable:true\n\n" +
		"\t\t\tvirtual-machine-interface-mac-addresses\n\t\t\t\tmac-address:02:00:00:00:00:03\n\n" +
		"Adjacencies:\n" +
		"\tvirtual-machine  00000000-0000-4000-9000-000000000003\n" +
		"\tvirtual-network  " + podVN + "\n" +
		"\trouting-instance  " + podVRF + "\n" +
		"\tinstance-ip  00000000-0000-4000-8000-000000000003\n"
	if len(vmi) != 1 || vmi[0] != want {
		t.Fatalf("VMI node:\n%q\nwant\n%q", vmi, want)
	}
	// Link filters apply to the adjacency lines only.
	vn := ifmapShow(t, a, "?table_name=virtual-network&node_sub_string=pod-network&link_type_sub_string=instance&link_node_sub_string=04")
	if len(vn) != 1 || !strings.HasSuffix(vn[0], "Adjacencies:\n\tinstance-ip  00000000-0000-4000-8000-000000000004\n") {
		t.Fatalf("filtered VN node %q", vn)
	}
	// ist.py's query lacks an '&': the link-type filter becomes the text
	// "link_node_sub_string" and matches no adjacency, as on a real agent.
	ist := ifmapShow(t, a, "?table_name=&node_sub_string=&link_type_sub_string=link_node_sub_string=")
	if len(ist) != len(all) || !strings.HasSuffix(ist[0], "Adjacencies:\n") {
		t.Fatalf("ist.py query: %d nodes, first %q", len(ist), ist[0])
	}
	if n := ifmapShow(t, a, "?table_name=virtual_machine_interface"); len(n) != 2 {
		t.Fatalf("table name with underscores: %d nodes", len(n))
	}
	if n := ifmapShow(t, a, "?table_name=no-such-type"); len(n) != 0 {
		t.Fatalf("unknown table: %d nodes", len(n))
	}
}

func TestIFMapStatsFollowInterfaces(t *testing.T) {
	a := startAgent(t, vrTestConfig("127.211.25.1"))
	stats := func() schema.ShowIFMapAgentStatsResp {
		var r schema.ShowIFMapAgentStatsResp
		if err := sandesh.Unmarshal(get(t, a, "/Snh_ShowIFMapAgentStatsReq"), &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	// 15 nodes; links: vr-gsc, 2x(vn-ri, vn-ipam), per pod vr-vm, vm-vmi,
	// vmi-vn, vmi-ri, iip-vmi, iip-vn.
	if s := stats(); s.NodeUpdatesProcessed != 15 || s.LinkUpdatesProcessed != 17 || s.NodeDeletesProcessed != 0 {
		t.Fatalf("start: %+v", s)
	}
	if err := a.RemoveInterface(pod(3, "10.47.255.3").Name); err != nil {
		t.Fatal(err)
	}
	if s := stats(); s.NodeUpdatesProcessed != 15 || s.NodeDeletesProcessed != 3 || s.LinkDeletesProcessed != 6 || s.LinkUpdatesProcessed != 17 {
		t.Fatalf("after remove: %+v", s)
	}
	if n := len(ifmapShow(t, a, "")); n != 12 {
		t.Fatalf("after remove: %d nodes", n)
	}
	p := pod(9, "10.47.255.9")
	if err := a.AddInterface(p); err != nil {
		t.Fatal(err)
	}
	if s := stats(); s.NodeUpdatesProcessed != 18 || s.NodeDeletesProcessed != 3 {
		t.Fatalf("after add: %+v", s)
	}
	// The DNS module's VM list follows interfaces too, with their indexes.
	var vd schema.VmVdnsListResponse
	sandesh.Unmarshal(get(t, a, "/Snh_VmVdnsListReq"), &vd)
	if len(vd.Rlist) != 2 || vd.Rlist[1].Name != p.Name {
		t.Fatalf("vdns list %+v", vd.Rlist)
	}
	var itf schema.ItfResp
	sandesh.Unmarshal(parts(get(t, a, "/Snh_ItfReq?name="+p.Name))[0], &itf)
	if len(itf.ItfList) != 1 || uint32(itf.ItfList[0].Index) != vd.Rlist[1].VMInterfaceIndex {
		t.Fatalf("interface index %+v vs vdns %+v", itf.ItfList, vd.Rlist[1])
	}
	var data schema.VmVdnsDataResponse
	sandesh.Unmarshal(get(t, a, "/Snh_VmVdnsDataReq?x="+strconv.Itoa(int(vd.Rlist[1].VMInterfaceIndex))), &data)
	if len(data.Rlist) != 1 || data.Rlist[0].IP != "10.47.255.9" {
		t.Fatalf("vdns data %+v", data.Rlist)
	}
}

// TestModulePagesListNewRequests checks the discovery pages (spec §1.7).
func TestModulePagesListNewRequests(t *testing.T) {
	a := startAgent(t, vrTestConfig("127.211.26.1"))
	for page, reqs := range map[string][]string{
		"/services.xml":    {"DhcpInfo", "ShowAllInfo", "VmVdnsListReq", "ShowArpCache", "InterfaceArpStatsReq"},
		"/ifmap_agent.xml": {"ShowIFMapAgentReq", "ShowIFMapAgentStatsReq"},
		"/agent.xml":       {"VxLanConfigReq", "MirrorEntryReq", "HealthCheckSandeshReq", "LinkLocalServiceInfo", "ServiceInstanceReq"},
	} {
		n := get(t, a, page)
		for _, r := range reqs {
			if n.Child(r) == nil {
				t.Errorf("%s does not list %s", page, r)
			}
		}
	}
}

// TestIstVrCommandsThroughClient sends each ist.py `vr` query that reaches
// the requests added for the oper, services and IFMap modules — the exact
// path ist.py builds, quirks included — through ist's client (which
// follows Pagination like ist.py) and counts the records of the element
// ist.py's xpath selects.
func TestIstVrCommandsThroughClient(t *testing.T) {
	a := startAgent(t, vrTestConfig("127.211.27.1"))
	c, err := client.New(client.Config{Hosts: []string{a.IntrospectAddr()}, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		cmd, path string
		records   []string
		want      int
	}{
		{"vxlan nh", "Snh_VxLanReq", []string{"VxLanSandeshData"}, 2},
		{"vxlan config", "Snh_VxLanConfigReq?vxlan_id=None&vn=&active=", []string{"VxLanConfigEntry"}, 2},
		{"mirror vn", "Snh_MirrorCfgVnInfoReq?vn_name=", []string{"VnAclInfo"}, 0},
		{"mirror intf", "Snh_IntfMirrorCfgDisplayReq?handle=", []string{"IntfMirrorCfgSandesh"}, 0},
		{"vrfassign", "Snh_VrfAssignReq?uuid=", []string{"vrf_assign_list"}, 1}, // the list field itself
		{"linklocal", "Snh_LinkLocalServiceInfo", []string{"LinkLocalServiceData"}, 2},
		{"hc", "Snh_HealthCheckSandeshReq?uuid=", []string{"HealthCheckSandeshData"}, 0},
		{"baas", "Snh_BgpAsAServiceSandeshReq", []string{"BgpAsAServiceSandeshList"}, 0},
		{"si", "Snh_ServiceInstanceReq?uuid=", []string{"ServiceInstanceSandeshData"}, 0},
		{"ifmap", "Snh_ShowIFMapAgentReq?table_name=&node_sub_string=&link_type_sub_string=link_node_sub_string=", []string{"element"}, 15},
		{"ifmap -t virtual-machine", "Snh_ShowIFMapAgentReq?table_name=virtual-machine&node_sub_string=&link_type_sub_string=link_node_sub_string=", []string{"element"}, 2},
		{"stats ifmap", "Snh_ShowIFMapAgentStatsReq", []string{"ShowIFMapAgentStatsResp"}, 1},
		{"stats", "Snh_AgentStatsReq", []string{"IpcStatsResp", "PktTrapStatsResp", "FlowStatsResp", "XmppStatsInfo", "SandeshStatsResp"}, 4},
		{"xmpp-dns", "Snh_AgentDnsXmppConnectionStatusReq", []string{"AgentXmppDnsData"}, 0},
		{"service", "Snh_ShowAllInfo", []string{"PktStats", "DhcpStats", "ArpStats", "DnsStats", "IcmpStats", "MetadataResponse"}, 6},
		{"service Dhcp", "Snh_DhcpInfo", []string{"DhcpStats"}, 1},
		{"service Dhcp --pkt", "Snh_DhcpInfo", []string{"DhcpPkt"}, 0},
		{"service Dhcpv6", "Snh_Dhcpv6Info", []string{"Dhcpv6Stats"}, 1},
		{"service Arp", "Snh_ArpInfo", []string{"ArpStats"}, 1},
		{"service Dns", "Snh_DnsInfo", []string{"DnsStats"}, 1},
		{"service Icmp", "Snh_IcmpInfo", []string{"IcmpStats"}, 1},
		{"service Icmpv6", "Snh_Icmpv6Info", []string{"Icmpv6Stats"}, 1},
		{"service Metadata", "Snh_MetadataInfo", []string{"MetadataResponse"}, 1},
		{"service Arp --intf", "Snh_InterfaceArpStatsReq", []string{"InterfaceArpStats"}, 0},
		{"service Icmpv6 --intf", "Snh_InterfaceIcmpv6StatsReq", []string{"InterfaceIcmpv6Stats"}, 2},
		{"(one interface)", "Snh_InterfaceIcmpv6StatsReq?interface_index=4", []string{"InterfaceIcmpv6Stats"}, 1},
		{"(vhost0 is no VM interface)", "Snh_InterfaceIcmpv6StatsReq?interface_index=1", []string{"InterfaceIcmpv6Stats"}, 0},
		{"service Dns --intf", "Snh_VmVdnsListReq", []string{"VmVdnsListEntry"}, 2},
		{"service Arp --cache", "Snh_ShowArpCache", []string{"ArpSandeshData"}, 0},
		{"service Arp --garp_cache", "Snh_ShowGratuitousArpCache", []string{"ArpSandeshData"}, 0},
	}
	for _, tc := range cases {
		n := 0
		err := c.Stream(context.Background(), c.Targets()[0], client.Request{Path: tc.path, Names: tc.records},
			func(*sandesh.Node) error { n++; return nil })
		if err != nil {
			t.Errorf("vr %s (%s): %v", tc.cmd, tc.path, err)
		} else if n != tc.want {
			t.Errorf("vr %s (%s): %d records, want %d", tc.cmd, tc.path, n, tc.want)
		}
	}
}

// TestPageCookiesKeepFilters checks that a list request's filters travel
// in its Pagination cookies under the agent's argument names and that
// Snh_PageReq applies them again.
func TestPageCookiesKeepFilters(t *testing.T) {
	a := startAgent(t, vrTestConfig("127.211.31.1"))
	p3 := pod(3, "10.47.255.3")
	cases := []struct {
		path, all string
		count     func(*sandesh.Node) int
		want      int
	}{
		{"/Snh_ItfReq?name=" + p3.Name, "begin:-1,end:-1,table:db.interface.0,name:" + p3.Name,
			func(n *sandesh.Node) int { return len(n.All("ItfSandeshData")) }, 1},
		{"/Snh_NhListReq?type=interface&nh_index=&policy_enabled=", "begin:-1,end:-1,table:db.nexthop.0,type:interface",
			func(n *sandesh.Node) int { return len(n.All("NhSandeshData")) }, 2},
		{"/Snh_MplsReq?type=&label=17", "begin:-1,end:-1,table:db.mpls.0,label:17",
			func(n *sandesh.Node) int { return len(n.All("MplsSandeshData")) }, 1},
		{"/Snh_VxLanReq?vxlan_id=4", "begin:-1,end:-1,table:db.vxlan.0,vxlan_id:4",
			func(n *sandesh.Node) int { return len(n.All("VxLanSandeshData")) }, 1},
		{"/Snh_VnListReq?name=service&uuid=", "begin:-1,end:-1,table:db.vn.0,name:service",
			func(n *sandesh.Node) int { return len(n.All("VnSandeshData")) }, 1},
	}
	for _, c := range cases {
		for i, path := range []string{c.path, "/Snh_PageReq?x=" + c.all} {
			doc := get(t, a, path)
			var pg schema.Pagination
			if p := doc.Find("Pagination"); p == nil || sandesh.Unmarshal(p, &pg) != nil {
				t.Fatalf("%s: no Pagination", path)
			}
			if pg.Req.All != c.all {
				t.Errorf("%s: all cookie %q, want %q", path, pg.Req.All, c.all)
			}
			if n := c.count(doc); n != c.want {
				t.Errorf("%s (fetch %d): %d entries, want %d", path, i, n, c.want)
			}
		}
	}
}
