package collect

import (
	"strconv"
	"strings"

	"github.com/tfkit/tfkit/introspect/client"
)

// IDs of the standard requests.
const (
	IDNodeStatus   = "nodestatus"           // every daemon
	IDNeighbors    = "bgp-neighbors"        // control: BGP and XMPP peers (discovery)
	IDRouteSummary = "route-summary"        // control: prefixes per table
	IDXMPP         = "xmpp-connections"     // agent: its XMPP sessions
	IDDNSXMPP      = "dns-xmpp-connections" // agent: its XMPP sessions to DNS servers
	IDInterfaces   = "interfaces"           // agent: ItfReq
	IDRoutesPrefix = "routes:"              // control: "routes:<table>[@<protocol>]", see RoutePrefixes
)

// NodeStatus is the NodeStatus UVE every Sandesh daemon serves
// (contrail-status's request).
func NodeStatus() Request {
	return Request{ID: IDNodeStatus, Path: "Snh_SandeshUVECacheReq?x=NodeStatus", Names: []string{"NodeStatus"}}
}

// Neighbors is a control node's BGP and XMPP peers (`ist ctr nei`); its
// answers drive discovery.
func Neighbors() Request {
	return Request{ID: IDNeighbors, Path: client.Path("BgpNeighborReq", client.Arg{Name: "search_string"}),
		Names: []string{"BgpNeighborResp"}}
}

// RouteSummary is a control node's prefix and path counts per table
// (`ist ctr route summary`).
func RouteSummary() Request {
	return Request{ID: IDRouteSummary, Path: client.Path("ShowRouteSummaryReq", client.Arg{Name: "search_string"}),
		Names: []string{"ShowRouteTableSummary"}}
}

// XMPPConnections is an agent's XMPP sessions to control nodes (`ist vr
// xmpp`).
func XMPPConnections() Request {
	return Request{ID: IDXMPP, Path: client.Path("AgentXmppConnectionStatusReq"), Names: []string{"AgentXmppData"}}
}

// DNSXMPPConnections is an agent's XMPP sessions to its DNS servers
// (contrail-dns, port 8093; `ist vr xmpp-dns`).
func DNSXMPPConnections() Request {
	return Request{ID: IDDNSXMPP, Path: client.Path("AgentDnsXmppConnectionStatusReq"), Names: []string{"AgentXmppDnsData"}}
}

// Interfaces is an agent's interface list (`ist vr intf`), with each
// one's active state and reasons.
func Interfaces() Request {
	return Request{ID: IDInterfaces, Path: client.Path("ItfReq", client.Arg{Name: "name"}, client.Arg{Name: "type"},
		client.Arg{Name: "uuid"}, client.Arg{Name: "vn"}, client.Arg{Name: "mac"}, client.Arg{Name: "ipv4_address"}),
		Names: []string{"ItfSandeshData"}}
}

// RoutePrefixes is the prefixes of one table of a control node, only the
// routes with a path of protocol when it is given (XMPP: the routes its
// agents published to it). Only the table name and each route's prefix
// are kept (a table of a large cluster has a route per pod with several
// paths each). Its ID is "routes:<table>[@<protocol>]" (RouteTableOf).
func RoutePrefixes(table, protocol string) Request {
	id := IDRoutesPrefix + table
	if protocol != "" {
		id += "@" + protocol
	}
	return Request{ID: id, Path: RoutePath(table, "", protocol), Names: []string{"routing_table_name", "prefix"}}
}

// RouteTableOf reads the table and protocol of a RoutePrefixes ID.
func RouteTableOf(id string) (table, protocol string, ok bool) {
	rest, ok := strings.CutPrefix(id, IDRoutesPrefix)
	if !ok {
		return "", "", false
	}
	table, protocol, _ = strings.Cut(rest, "@")
	return table, protocol, true
}

// RoutePath is ShowRouteReq for a table and, when given, one exact
// prefix and one protocol, with the request's 12 positional fields (`ist
// ctr route show -t <table> [-p <protocol>] <prefix>` shows the same
// routes).
func RoutePath(table, prefix, protocol string) string {
	return client.Path("ShowRouteReq", client.Arg{Name: "routing_table", Value: table}, client.Arg{Name: "routing_instance"},
		client.Arg{Name: "prefix", Value: prefix}, client.Arg{Name: "longer_match"}, client.Arg{Name: "shorter_match"},
		client.Arg{Name: "count"}, client.Arg{Name: "start_routing_table"}, client.Arg{Name: "start_routing_instance"},
		client.Arg{Name: "start_prefix"}, client.Arg{Name: "source"}, client.Arg{Name: "protocol", Value: protocol}, client.Arg{Name: "family"})
}

// ParsePorts reads --ports "role=port,role=port" (checked by New).
func ParsePorts(s string) (map[string]int, error) {
	out := map[string]int{}
	for _, kv := range strings.Split(s, ",") {
		if kv = strings.TrimSpace(kv); kv == "" {
			continue
		}
		k, v, ok := strings.Cut(kv, "=")
		p, err := strconv.Atoi(v)
		if !ok || err != nil {
			return nil, client.Usagef("write --ports role=port,…, e.g. vr=18085", "bad --ports entry %q", kv)
		}
		out[strings.TrimSpace(k)] = p
	}
	return out, nil
}
