package catalog

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// vRouter agent commands (ist.py CLI_vr; spec §5.2), except route
// (vr_route.go). Arguments are sent with the names and in the order ist.py
// sends them (the agent reads them by position).
func init() {
	uuidArg := Param{Name: "uuid", Positional: true, Check: checkUUID, Usage: "uuid"}
	Register(
		vrList("intf", "vRouter interfaces", "ItfReq", "ItfSandeshData", itfParams,
			[]Arg{{Name: "name", Param: "name"}, {Name: "type"}, {Name: "uuid", Param: "uuid"}, {Name: "vn", Param: "vn"},
				{Name: "mac", Param: "mac"}, {Name: "ipv4_address", Param: "ipv4"}},
			"index", "name", "active", "mac_addr", "ip_addr", "mdata_ip_addr", "vm_name", "vn_name"),
		// ist.py accepts the intf flags on kintf but sends none of them.
		vrList("kintf", "vRouter kernel interfaces", "KInterfaceReq", "KInterfaceInfo", itfParams, nil,
			"idx", "type", "flag", "vrf", "rid", "os_idx", "mtu", "name"),
		vrList("vn", "virtual networks", "VnListReq", "VnSandeshData",
			[]Param{{Name: "name", Positional: true, Usage: "VN name"}, {Name: "uuid", Short: "u", Usage: "VN uuid"}},
			[]Arg{{Name: "name", Param: "name"}, {Name: "uuid", Param: "uuid"}},
			"name", "uuid", "layer2_forwarding", "ipv4_forwarding", "enable_rpf", "bridging"),
		vrList("vrf", "VRFs", "VrfListReq", "VrfSandeshData",
			[]Param{{Name: "name", Positional: true, Usage: "VRF name"}}, []Arg{{Name: "name", Param: "name"}},
			"name", "ucindex", "mcindex", "brindex", "evpnindex", "vxlan_id", "vn"),
		vrList("sg", "security groups", "SgListReq", "SgSandeshData", nil, nil),
		vrList("acl", "ACLs", "AclReq", "AclSandeshData",
			[]Param{{Name: "uuid", Positional: true, Usage: "ACL uuid"}}, []Arg{{Name: "uuid", Param: "uuid"}},
			"uuid", "name", "dynamic_acl"),
		vrList("hc", "health checks", "HealthCheckSandeshReq", "HealthCheckSandeshData",
			[]Param{{Name: "uuid", Positional: true, Usage: "health check uuid"}}, []Arg{{Name: "uuid", Param: "uuid"}},
			"uuid", "name", "monitor_type", "http_method", "url_path", "expected_codes", "delay", "timeout", "max_retries"),
		vrList("baas", "BGP as a service", "BgpAsAServiceSandeshReq", "BgpAsAServiceSandeshList", nil, nil),
		vrList("xmpp", "XMPP connections to the control nodes (route and config)", "AgentXmppConnectionStatusReq", "AgentXmppData", nil, nil,
			"controller_ip", "state", "peer_name", "peer_address", "cfg_controller", "flap_count", "flap_time"),
		vrList("xmpp-dns", "XMPP connections to the DNS servers", "AgentDnsXmppConnectionStatusReq", "AgentXmppDnsData", nil, nil,
			"dns_controller_ip", "state", "peer_name", "peer_address", "flap_count", "flap_time"),
		vrList("si", "service instances", "ServiceInstanceReq", "ServiceInstanceSandeshData",
			[]Param{uuidArg}, []Arg{{Name: "uuid", Param: "uuid"}},
			"uuid", "service_type", "virtualization_type", "instance_id", "vmi_inside", "vmi_outside"),
		vrList("vm", "virtual machines", "VmListReq", "VmSandeshData", []Param{uuidArg}, []Arg{{Name: "uuid", Param: "uuid"}}),
		vrList("vrfassign", "VRF assign rules", "VrfAssignReq", "vrf_assign_list", []Param{uuidArg}, []Arg{{Name: "uuid", Param: "uuid"}}),
		vrList("linklocal", "link-local services", "LinkLocalServiceInfo", "LinkLocalServiceData", nil, nil),
		vrList("vxlan config", "VXLAN configuration per network", "VxLanConfigReq", "VxLanConfigEntry",
			[]Param{{Name: "id", Positional: true, Check: checkInt, Usage: "VXLAN id"}, {Name: "vn", Usage: "virtual network"}, {Name: "active", Usage: "active"}},
			// ist.py sends vxlan_id=None when no id is given; empty means all here.
			[]Arg{{Name: "vxlan_id", Param: "id"}, {Name: "vn", Param: "vn"}, {Name: "active", Param: "active"}}),
		vrList("mirror vn", "mirror configuration per virtual network", "MirrorCfgVnInfoReq", "VnAclInfo",
			[]Param{{Name: "name", Positional: true, Usage: "VN name"}}, []Arg{{Name: "vn_name", Param: "name"}}),
		vrList("mirror intf", "mirror configuration per interface", "IntfMirrorCfgDisplayReq", "IntfMirrorCfgSandesh",
			[]Param{{Name: "handle", Positional: true, Usage: "handle"}}, []Arg{{Name: "handle", Param: "handle"}}),
		&Command{
			Role: "vr", Words: []string{"stats"}, Usage: "agent statistics (all: as text, then the IFMap agent statistics)",
			Examples: []string{"ist vr stats", "ist vr stats flow", "ist vr stats ifmap -f text"},
			Params: []Param{{Name: "type", Positional: true, Default: "all",
				Choices: append(statsTypes(), "ifmap", "all"), Usage: "statistics type"}},
			Resolve: vrStats,
		},
		&Command{
			Role: "vr", Words: []string{"service"}, Usage: "agent services (DHCP, ARP, DNS, ICMP, metadata …)",
			Examples: []string{"ist vr service", "ist vr service Arp --cache", "ist vr service Dhcp --pkt -f text", "ist vr service Arp --intf"},
			Params: []Param{{Name: "name", Positional: true, Default: "ShowAll",
				Choices: []string{"Icmp", "Icmpv6", "Dhcp", "Dhcpv6", "Dns", "Arp", "Metadata", "ShowAll"}, Usage: "service name"},
				{Name: "pkt", Bool: true, Usage: "packet trace details"},
				{Name: "intf", Bool: true, Usage: "per-interface statistics (Arp, Icmpv6, Dns)"},
				{Name: "cache", Bool: true, Usage: "ARP cache"},
				{Name: "garp_cache", Bool: true, Usage: "gratuitous ARP cache"}},
			Resolve: vrService,
		},
		&Command{
			Role: "vr", Words: []string{"nh"}, Usage: "next hops",
			Examples: []string{"ist vr nh", "ist vr nh 12", "ist vr nh -t tunnel -p enabled"},
			Params: []Param{{Name: "index", Positional: true, Check: checkInt, Usage: "NH index"},
				{Name: "type", Short: "t", Choices: nhTypes, Usage: "NH type"},
				{Name: "policy", Short: "p", Choices: []string{"enabled", "disabled"}, Usage: "NH policy"}},
			// Every field in declaration order, nh_index empty when not given:
			// ist.py leaves nh_index out then, and the agent, which reads its
			// arguments by position, takes -p's value for the index (README,
			// "Differences from ist.py").
			Query: Query{Request: "NhListReq", Records: []string{"NhSandeshData"},
				Args:    []Arg{{Name: "type", Param: "type"}, {Name: "nh_index", Param: "index"}, {Name: "policy_enabled", Param: "policy"}},
				Columns: []string{"type", "nh_index", "policy", "itf", "mac", "vrf", "valid", "ref_count", "mc_list"}},
		},
		&Command{
			Role: "vr", Words: []string{"mpls"}, Usage: "MPLS labels",
			Examples: []string{"ist vr mpls", "ist vr mpls 17", "ist vr mpls -t interface"},
			Params: []Param{{Name: "label", Positional: true, Check: checkInt, Usage: "MPLS label value"},
				{Name: "type", Short: "t", Choices: nhTypes, Usage: "NH type"}},
			Query: Query{Request: "MplsReq", Records: []string{"MplsSandeshData"},
				Args: []Arg{{Name: "type", Param: "type"}, {Name: "label", Param: "label"}}},
		},
		&Command{
			Role: "vr", Words: []string{"vxlan", "nh"}, Usage: "VXLAN ids and their next hops",
			Examples: []string{"ist vr vxlan nh", "ist vr vxlan nh 5"},
			Params:   []Param{{Name: "id", Positional: true, Check: checkInt, Usage: "VXLAN id"}},
			Query:    Query{Request: "VxLanReq", Records: []string{"VxLanSandeshData"}, Args: []Arg{{Name: "vxlan_id", Param: "id"}}},
		},
		&Command{
			Role: "vr", Words: []string{"ifmap"}, Usage: "the agent's IFMap configuration graph (text)",
			Examples: []string{"ist vr ifmap", "ist vr ifmap -t virtual-machine-interface", "ist vr ifmap -n vn1 -l virtual-network"},
			NoFormat: true,
			Params: []Param{{Name: "table", Short: "t", Usage: "table name, e.g. virtual-router, virtual-machine-interface, virtual-machine, instance-ip"},
				{Name: "node", Short: "n", Usage: "node sub string"},
				{Name: "link_type", Short: "l", Usage: "link type sub string"},
				{Name: "link_node", Short: "ln", Usage: "link node sub string"}},
			// ist.py forgets the '&' before link_node_sub_string (the agent then
			// reads it as part of the link type); it is sent as its own field here.
			Query: Query{Request: "ShowIFMapAgentReq", Records: []string{"element"}, Format: "text",
				Args: []Arg{{Name: "table_name", Param: "table"}, {Name: "node_sub_string", Param: "node"},
					{Name: "link_type_sub_string", Param: "link_type"}, {Name: "link_node_sub_string", Param: "link_node"}}},
		},
	)
}

// itfParams are ist.py's intf/kintf arguments.
var itfParams = []Param{
	{Name: "search", Positional: true, Usage: "only records containing this string"},
	{Name: "uuid", Short: "u", Usage: "interface uuid"},
	{Name: "vn", Short: "v", Usage: "virtual network"},
	{Name: "name", Short: "n", Usage: "interface name"},
	{Name: "mac", Short: "m", Usage: "VM MAC address"},
	{Name: "ipv4", Short: "i", Usage: "VM IP address"},
}

var nhTypes = []string{"arp", "discard", "receive", "resolve", "l2-receive", "interface", "tunnel", "composite"}

// vrList is a vr command printing one record element as a table. words
// may hold a space ("vxlan config"); a "search" positional filters records
// by their text (ist.py's [contains(., '<search>')]).
func vrList(words, usage, request, record string, params []Param, args []Arg, columns ...string) *Command {
	c := &Command{Role: "vr", Words: strings.Fields(words), Usage: usage, Params: params,
		Examples: []string{"ist vr " + words, "ist vr " + words + " -f text"},
		Query:    Query{Request: request, Args: args, Records: []string{record}, Columns: columns}}
	for _, p := range params {
		if p.Name == "search" {
			c.Query.Filter = textContains("search")
		}
	}
	return c
}

// textContains is [contains(., '<param value>')], true when the parameter
// is empty.
func textContains(param string) func(Input, *sandesh.Node) bool {
	return func(in Input, n *sandesh.Node) bool {
		s := in.String(param)
		return s == "" || strings.Contains(StringValue(n), s)
	}
}

func checkInt(v string) error {
	if _, err := strconv.Atoi(v); err != nil {
		return fmt.Errorf("%q is not an integer", v)
	}
	return nil
}

// checkUUID accepts what ist.py's validate_uuid accepts (Python's
// UUID(): "urn:" and "uuid:" dropped, braces trimmed, dashes anywhere, 32
// hex digits). The value is sent as given, as ist.py does. A value it
// refuses is a usage error here, where ist.py silently lists everything
// (README, "Differences from ist.py").
func checkUUID(v string) error {
	h := strings.ReplaceAll(strings.ReplaceAll(v, "urn:", ""), "uuid:", "")
	h = strings.ReplaceAll(strings.Trim(h, "{}"), "-", "")
	if len(h) != 32 || strings.Trim(h, "0123456789abcdefABCDEF") != "" {
		return fmt.Errorf("%q is not a uuid (give a uuid, or none to list all)", v)
	}
	return nil
}
