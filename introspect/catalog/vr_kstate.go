package catalog

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// vRouter kernel state and flows (kstate.sandesh, pkt.sandesh): what
// `vif`, `rt`, `nh`, `mpls`, `flow` and `dropstats` show on a compute
// node, read through the agent's introspect. ist.py has only kintf; these
// names follow the vRouter CLI tools. Requests with a "-1 = all" default
// get their argument only when one is given (the C++ agent then keeps the
// default).
func init() {
	Register(
		&Command{
			Role: "vr", Words: []string{"kroute"}, Usage: "vRouter kernel routes of a VRF; with an address, the kernel's longest match",
			Examples: []string{"ist vr kroute -v 2", "ist vr kroute -v 2 10.47.255.249", "ist vr kroute -v 2 --family inet6",
				"ist vr kroute -v 2 10.47.0.0/16 -f text"},
			Params: []Param{
				{Name: "address", Positional: true, Check: checkAddrOrPrefix, Usage: "address or prefix: the kernel route that matches it"},
				{Name: "vrf", Short: "v", Default: "0", Check: checkInt, Usage: "VRF id (ist vr vrf: ucindex); 0 is the IP fabric"},
				{Name: "family", Choices: []string{"inet", "inet6"}, Usage: "family of the dump (default inet)"},
			},
			Resolve: vrKRoute,
		},
		&Command{
			Role: "vr", Words: []string{"knh"}, Usage: "vRouter kernel next hops",
			Examples: []string{"ist vr knh", "ist vr knh 12", "ist vr knh 12 -f text"},
			Params:   []Param{{Name: "id", Positional: true, Check: checkInt, Usage: "next-hop id"}},
			Resolve: ifGiven("KNHReq", "KNHInfo", "id", "nh_id",
				"id", "type", "family", "vrf", "flags", "ref_cnt", "encap_oif_id", "tun_sip", "tun_dip", "component_nh"),
		},
		&Command{
			Role: "vr", Words: []string{"kmpls"}, Usage: "vRouter kernel MPLS labels",
			Examples: []string{"ist vr kmpls", "ist vr kmpls 17"},
			Params:   []Param{{Name: "label", Positional: true, Check: checkInt, Usage: "MPLS label"}},
			Resolve:  ifGiven("KMplsReq", "KMplsInfo", "label", "mpls_label", "label", "rid", "nhid"),
		},
		&Command{
			Role: "vr", Words: []string{"kflow"}, Usage: "vRouter kernel flow table (all entries, 100 per request)",
			Examples: []string{"ist vr kflow", "ist vr kflow 183452 -f text", "ist vr kflow --evicted"},
			Params: []Param{{Name: "index", Positional: true, Check: checkInt, Usage: "flow index"},
				{Name: "evicted", Bool: true, Usage: "include evicted flows"}},
			Resolve: vrKFlow,
		},
		&Command{
			Role: "vr", Words: []string{"dropstats"}, Usage: "vRouter drop counters (the introspect subset of `dropstats`)",
			Examples: []string{"ist vr dropstats", "ist vr dropstats -f json"},
			Query:    Query{Request: "KDropStatsReq", Records: []string{"KDropStatsResp"}, Format: "text"},
		},
		&Command{
			Role: "vr", Words: []string{"flow"}, Usage: "agent flows: all (100 per request), or one by its key",
			Examples: []string{"ist vr flow", "ist vr flow --nh 21 --sip 10.47.255.250 --dip 10.47.255.249 --proto 6 --sport 40000 --dport 80 -f text",
				"ist vr flow -f json"},
			Params: []Param{
				{Name: "nh", Check: checkInt, Usage: "flow key next hop (the source interface's flow_key_idx: ist vr intf -f text)"},
				{Name: "sip", Check: checkAddr, Usage: "source address"},
				{Name: "dip", Check: checkAddr, Usage: "destination address"},
				{Name: "proto", Check: checkInt, Usage: "IP protocol number (6 tcp, 17 udp, 1 icmp)"},
				{Name: "sport", Check: checkInt, Usage: "source port"},
				{Name: "dport", Check: checkInt, Usage: "destination port"},
			},
			Resolve: vrFlow,
		},
		&Command{
			Role: "vr", Words: []string{"flowtable"}, Usage: "flow table summary: flows in use and the table's size",
			Examples: []string{"ist vr flowtable", "ist vr flowtable -f text"},
			Query: Query{Request: "SandeshFlowTableInfoRequest", Records: []string{"SandeshFlowTableInfoResp"},
				Columns: []string{"flow_count", "max_flows", "total_added", "total_deleted"}},
		},
	)
}

// flowColumns are the default columns of `vr flow`.
var flowColumns = []string{"flow_handle", "nh", "sip", "src_port", "dip", "dst_port", "protocol", "vrf", "direction",
	"action", "drop_reason", "short_flow", "sg_rule_uuid"}

func vrKRoute(in Input) (Query, error) {
	vrf := Arg{Name: "vrf_id", Value: in.String("vrf")}
	cols := []string{"vrf_id", "family", "prefix", "prefix_len", "label_flags", "label", "nh_id"}
	addr := in.String("address")
	if addr == "" {
		family := in.String("family")
		if family == "" {
			family = "inet"
		}
		return Query{Request: "KRouteReq", Args: []Arg{vrf, {Name: "family", Value: family}}, Records: []string{"KRouteInfo"}, Columns: cols}, nil
	}
	p, err := prefixOf(addr)
	if err != nil {
		return Query{}, err
	}
	return Query{Request: "KRouteGetReq", Args: []Arg{vrf, {Name: "prefix", Value: p.Addr().String()},
		{Name: "prefix_len", Value: strconv.Itoa(p.Bits())}}, Records: []string{"KRouteInfo"}, Columns: cols}, nil
}

// prefixOf reads an address (a host prefix) or a prefix.
func prefixOf(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		return netip.ParsePrefix(s)
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// ifGiven sends the request's one argument only when its parameter is
// given (else the agent's "-1 = all" default applies).
func ifGiven(request, record, param, arg string, columns ...string) func(Input) (Query, error) {
	return func(in Input) (Query, error) {
		q := Query{Request: request, Records: []string{record}, Columns: columns}
		if v := in.String(param); v != "" {
			q.Args = []Arg{{Name: arg, Value: v}}
		}
		return q, nil
	}
}

func vrKFlow(in Input) (Query, error) {
	q := Query{Request: "KFlowReq", Records: []string{"KFlowInfo"},
		Columns: []string{"index", "rflow", "sip", "sport", "dip", "dport", "proto", "vrf_id", "action", "flags", "drop_reason", "nhid", "pkts"}}
	idx := in.String("index")
	if idx == "" && in.Bool("evicted") {
		idx = "-1"
	}
	if idx != "" {
		q.Args = []Arg{{Name: "flow_idx", Value: idx}}
	}
	if in.Bool("evicted") {
		q.Args = append(q.Args, Arg{Name: "show_evicted", Value: "1"})
	}
	return q, nil
}

// vrFlow is FetchFlowRecord when a key is given (all of nh, sip, dip and
// proto; ports default to 0), else the whole table.
func vrFlow(in Input) (Query, error) {
	key := []string{"nh", "sip", "dip", "proto"}
	given := 0
	for _, k := range key {
		if in.String(k) != "" {
			given++
		}
	}
	if given == 0 && in.String("sport") == "" && in.String("dport") == "" {
		return Query{Request: "FetchAllFlowRecords", Records: []string{"SandeshFlowData"}, Columns: flowColumns}, nil
	}
	if given != len(key) {
		return Query{}, fmt.Errorf("a flow key needs --nh, --sip, --dip and --proto (ports default to 0)")
	}
	port := func(name string) string {
		if v := in.String(name); v != "" {
			return v
		}
		return "0"
	}
	return Query{Request: "FetchFlowRecord", Args: []Arg{{Name: "nh", Param: "nh"}, {Name: "sip", Param: "sip"}, {Name: "dip", Param: "dip"},
		{Name: "src_port", Value: port("sport")}, {Name: "dst_port", Value: port("dport")}, {Name: "protocol", Param: "proto"}},
		Records: []string{"SandeshFlowData"}, Columns: flowColumns}, nil
}

func checkAddr(v string) error {
	if _, err := netip.ParseAddr(v); err != nil {
		return fmt.Errorf("%q is not an IP address", v)
	}
	return nil
}

func checkAddrOrPrefix(v string) error {
	if _, err := prefixOf(v); err != nil {
		return fmt.Errorf("%q is not an address or prefix", v)
	}
	return nil
}
