package catalog

import (
	"errors"
	"net/netip"
	"strings"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// Control-node commands (ist.py CLI_ctr; spec §5.1, §6.7).
func init() {
	nameSearch := []Param{search}
	Register(
		&Command{
			Role: "ctr", Words: []string{"nei"}, Usage: "BGP and XMPP neighbors",
			Examples: []string{"ist ctr nei", "ist ctr nei -t BGP", "ist ctr nei compute-1 --no-wrap | grep -w XMPP",
				"ist --host ctl1,ctl2,ctl3 ctr nei -t BGP -c peer state"},
			Params: []Param{search, {Name: "type", Short: "t", Choices: []string{"BGP", "XMPP"}, Usage: "neighbor type (BGP or XMPP)"}},
			Query: Query{Request: "BgpNeighborReq", Args: searchArg, Records: []string{"BgpNeighborResp"},
				Filter:  childEquals("encoding", "type"),
				Columns: []string{"peer", "peer_address", "peer_asn", "encoding", "peer_type", "state", "send_state", "flap_count", "flap_time"}},
		},
		&Command{
			Role: "ctr", Words: []string{"ri"}, Usage: "routing instances",
			Examples: []string{"ist ctr ri", "ist ctr ri vn1 -f text"},
			Params:   nameSearch,
			Query: Query{Request: "ShowRoutingInstanceReq", Args: searchArg, Records: []string{"ShowRoutingInstance"},
				Columns: []string{"name", "vn_index", "vxlan_id", "import_target", "export_target", "routing_policies"}},
		},
		&Command{
			Role: "ctr", Words: []string{"route", "summary"}, Usage: "per-table route counters",
			Examples: []string{"ist ctr route summary", "ist ctr route summary vn1 --family all"},
			Params: []Param{{Name: "search", Positional: true, Usage: "only list matching instances"},
				{Name: "family", Default: "inet", Choices: families, Usage: "route family"}},
			Query: Query{Request: "ShowRouteSummaryReq", Args: searchArg, Records: []string{"ShowRouteTableSummary"},
				Filter: familyFilter, MaxWidth: 50,
				Columns: []string{"name", "prefixes", "paths", "primary_paths", "secondary_paths", "infeasible_paths"}},
		},
		&Command{
			Role: "ctr", Words: []string{"route", "tables"}, Usage: "route table names",
			Examples: []string{"ist ctr route tables", "ist ctr route tables -f all"},
			NoFormat: true,
			Params: []Param{{Name: "search", Positional: true, Usage: "only list matching tables"},
				{Name: "family", Short: "f", Default: "inet", Choices: families, Usage: "route family"}},
			Query: Query{Request: "ShowRouteSummaryReq", Args: searchArg, Records: []string{"ShowRouteTableSummary"},
				Filter: familyFilter, Field: "name", Format: "text"},
		},
		&Command{
			Role: "ctr", Words: []string{"route", "show"}, Usage: "routes, as text (ist.py layout)",
			Examples: []string{"ist ctr route show -t default-domain:admin:vn1:vn1.inet.0",
				"ist ctr route show 10.1.1.3", "ist ctr route show -f evpn -p XMPP -d", "ist ctr route show -l 5m"},
			NoFormat: true,
			Params: []Param{
				{Name: "prefix", Positional: true, Usage: "routes matching this prefix (an address: every route covering it)"},
				{Name: "family", Short: "f", Choices: []string{"inet", "inet6", "evpn", "ermvpn", "rtarget", "inetvpn", "l3vpn"}, Usage: "routes of this family (use --format for the output format)"},
				{Name: "last", Short: "l", Check: checkPeriod, Usage: "routes modified during the last period (e.g. 10s, 5m, 2h, 5d, 1w)"},
				{Name: "detail", Short: "d", Bool: true, Usage: "detailed output"},
				{Name: "raw", Short: "r", Bool: true, Usage: "every path field as text"},
				{Name: "protocol", Short: "p", Choices: []string{"BGP", "XMPP", "local", "ServiceChain", "Static"}, Usage: "routes learned from this protocol"},
				{Name: "vrf", Short: "v", Usage: "routes of this routing instance (fq name)"},
				{Name: "source", Short: "s", Usage: "routes learned from this source"},
				{Name: "table", Short: "t", Usage: "routes of this table"},
				{Name: "longer_match", Bool: true, Usage: "more specific routes"},
				{Name: "shorter_match", Bool: true, Usage: "less specific routes"},
			},
			Resolve: routeShow,
		},
		&Command{
			Role: "ctr", Words: []string{"route", "static"}, Usage: "static routes per routing instance",
			Examples: []string{"ist ctr route static", "ist ctr route static vn1 -f text"},
			Params:   nameSearch,
			Query:    Query{Request: "ShowStaticRouteReq", Args: searchArg, Records: []string{"StaticRouteEntriesInfo"}, Printer: "route_static"},
		},
		&Command{
			Role: "ctr", Words: []string{"route", "aggregate"}, Usage: "aggregate routes",
			Examples: []string{"ist ctr route aggregate"},
			Params:   nameSearch,
			Query:    Query{Request: "ShowRouteAggregateReq", Args: searchArg, Records: []string{"aggregate_route_entries"}},
		},
		&Command{
			Role: "ctr", Words: []string{"mcast"}, Usage: "multicast managers (table) or the trees of one table",
			Examples: []string{"ist ctr mcast table", "ist ctr mcast tree -t default-domain:admin:vn1:vn1.ermvpn.0"},
			Params: []Param{{Name: "type", Positional: true, Required: true, Choices: []string{"table", "tree"}, Usage: "table summary or the tree of one table"},
				{Name: "table", Short: "t", Usage: "table name (required with tree)"}},
			Resolve: func(in Input) (Query, error) {
				if in.String("type") == "tree" {
					if in.String("table") == "" {
						return Query{}, errors.New("mcast tree needs the table name: -t <ermvpn table>")
					}
					return Query{Request: "ShowMulticastManagerDetailReq", Args: []Arg{{Name: "x", Param: "table"}}, Records: []string{"ShowMulticastTree"}}, nil
				}
				return Query{Request: "ShowMulticastManagerReq", Args: []Arg{{Name: "search_string", Param: "table"}}, Records: []string{"ShowMulticastManager"}, MaxWidth: 60}, nil
			},
		},
		&Command{
			Role: "ctr", Words: []string{"bgp_stats"}, Usage: "BGP server socket statistics",
			Examples: []string{"ist ctr bgp_stats"}, NoFormat: true,
			Query: Query{Request: "ShowBgpServerReq", Records: []string{"ShowBgpServerResp"}, Field: "*", Format: "text"},
		},
		&Command{
			Role: "ctr", Words: []string{"xmpp", "trace"}, Usage: "XMPP message trace buffer",
			Examples: []string{"ist ctr xmpp trace"}, NoFormat: true,
			Query: Query{Request: "SandeshTraceRequest", Args: []Arg{{Name: "x", Value: "XmppMessageTrace"}}, Records: []string{"element"}, Format: "text"},
		},
		&Command{
			Role: "ctr", Words: []string{"xmpp", "stats"}, Usage: "XMPP server statistics",
			Examples: []string{"ist ctr xmpp stats"},
			Query:    Query{Request: "ShowXmppServerReq", Records: []string{"ShowXmppServerResp"}},
		},
		&Command{
			Role: "ctr", Words: []string{"xmpp", "conn"}, Usage: "XMPP connections (agents)",
			Examples: []string{"ist ctr xmpp conn", "ist ctr xmpp conn -c name state remote_endpoint"},
			Query:    Query{Request: "ShowXmppConnectionReq", Records: []string{"ShowXmppConnection"}},
		},
		&Command{
			Role: "ctr", Words: []string{"sc"}, Usage: "service chains",
			Examples: []string{"ist ctr sc", "ist ctr sc -r", "ist ctr sc -r -d"},
			Params: []Param{search, {Name: "detail", Short: "d", Bool: true, Usage: "detailed output (with -r)"},
				{Name: "route", Short: "r", Bool: true, Usage: "include route info"}},
			Resolve: func(in Input) (Query, error) {
				q := Query{Request: "ShowServiceChainReq", Args: searchArg, Records: []string{"ShowServicechainInfo"},
					Columns: []string{"src_virtual_network", "dest_virtual_network", "service_instance", "src_rt_instance", "dest_rt_instance", "state"}}
				if in.Bool("route") && in.String("format") != "json" {
					q.Printer = "sc_routes"
					if in.Bool("detail") {
						q.Printer = "sc_routes_detail"
					}
				}
				return q, nil
			},
		},
		&Command{
			Role: "ctr", Words: []string{"config", "ri"}, Usage: "routing instances as configured",
			Examples: []string{"ist ctr config ri"},
			Params:   []Param{search, {Name: "detail", Short: "d", Bool: true, Usage: "detailed output (accepted for ist.py compatibility)"}},
			Query: Query{Request: "ShowBgpInstanceConfigReq", Args: searchArg, Records: []string{"ShowBgpInstanceConfig"},
				Columns: []string{"name", "virtual_network_index", "vxlan_id", "import_target", "export_target", "has_pnf", "last_change_at"}},
		},
		&Command{
			Role: "ctr", Words: []string{"config", "rp"}, Usage: "routing policies as configured",
			Examples: []string{"ist ctr config rp"},
			Params:   nameSearch,
			Query:    Query{Request: "ShowBgpRoutingPolicyConfigReq", Args: searchArg, Records: []string{"ShowBgpRoutingPolicyConfig"}},
		},
		&Command{
			Role: "ctr", Words: []string{"config", "bgp"}, Usage: "BGP neighbors as configured",
			Examples: []string{"ist ctr config bgp", "ist ctr config bgp -t bgpaas"},
			Params:   []Param{search, {Name: "type", Short: "t", Default: "all", Choices: []string{"bgpaas", "fabric", "all"}, Usage: "filter by router_type"}},
			Query: Query{Request: "ShowBgpNeighborConfigReq", Args: searchArg, Records: []string{"ShowBgpNeighborConfig"},
				Filter:  routerTypeFilter,
				Columns: []string{"name", "admin_down", "passive", "router_type", "local_as", "autonomous_system", "address", "address_families", "last_change_at"}},
		},
		&Command{
			Role: "ctr", Words: []string{"rt"}, Usage: "route target groups",
			Examples: []string{"ist ctr rt", "ist ctr rt target:64512:8000003 -d"},
			Params:   []Param{search, {Name: "detail", Short: "d", Bool: true, Usage: "detailed output (ShowRtGroupReq)"}},
			Resolve: func(in Input) (Query, error) {
				req := "ShowRtGroupSummaryReq"
				if in.Bool("detail") {
					req = "ShowRtGroupReq"
				}
				return Query{Request: req, Args: searchArg, Records: []string{"ShowRtGroupInfo"}}, nil
			},
		},
	)
}

var families = []string{"inet", "inet6", "evpn", "ermvpn", "all"}

// familyFilter is ist.py's [contains(name, '<family>.0')] unless "all".
func familyFilter(in Input, n *sandesh.Node) bool {
	f := in.String("family")
	return f == "" || f == "all" || childContains(n, "name", f+".0")
}

// routerTypeFilter is ist.py's config bgp -t filter.
func routerTypeFilter(in Input, n *sandesh.Node) bool {
	switch in.String("type") {
	case "bgpaas":
		return childContains(n, "router_type", "bgpaas")
	case "fabric":
		// [router_type[not(normalize-space())]]
		for _, c := range n.Children {
			if c.Name == "router_type" && strings.TrimSpace(StringValue(c)) == "" {
				return true
			}
		}
		return false
	}
	return true
}

// routeShow builds ShowRouteReq with its 12 positional fields, as ist.py
// does: a bare address becomes <addr>/32 (or /128) with shorter_match.
func routeShow(in Input) (Query, error) {
	prefix := in.String("prefix")
	shorter := in.Bool("shorter_match")
	if a, err := netip.ParseAddr(prefix); err == nil && a.Zone() == "" {
		prefix += "/" + map[bool]string{true: "32", false: "128"}[a.Is4()]
		shorter = true
	}
	flag := func(b bool) string {
		if b {
			return "1"
		}
		return ""
	}
	q := Query{Request: "ShowRouteReq", Records: []string{"ShowRouteTable", "ShowRoute"}, Printer: "route_show",
		Args: []Arg{
			{Name: "routing_table", Param: "table"},
			{Name: "routing_instance", Param: "vrf"},
			{Name: "prefix", Value: prefix},
			{Name: "longer_match", Value: flag(in.Bool("longer_match"))},
			{Name: "shorter_match", Value: flag(shorter)},
			{Name: "count"},
			{Name: "start_routing_table"},
			{Name: "start_routing_instance"},
			{Name: "start_prefix"},
			{Name: "source", Param: "source"},
			{Name: "protocol", Param: "protocol"},
			{Name: "family", Param: "family"},
		}}
	if in.String("format") == "json" {
		q.Printer = "route_json"
	}
	return q, nil
}
