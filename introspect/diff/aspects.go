package diff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/collect"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// Kinds of change, in the order they are listed.
const (
	KindNode       = "node"
	KindBGP        = "bgp"
	KindXMPP       = "xmpp"
	KindInterface  = "interface"
	KindProcess    = "process"
	KindConnection = "connection"
	KindRoute      = "route"
)

var kindOrder = []string{KindNode, KindProcess, KindConnection, KindBGP, KindXMPP, KindInterface, KindRoute}

// aspect is one request of a node and how its records become items.
type aspect struct {
	name  string   // what is compared, for messages
	roles []string // nil: every role
	path  string
	names []string
	// items turns one record into items (kind of change, key, value).
	items func(n *sandesh.Node, send func(kind string, it Item) error) error
}

func (a aspect) applies(role string) bool { return a.roles == nil || slices.Contains(a.roles, role) }

var aspects = []aspect{
	{name: "NodeStatus", path: collect.NodeStatus().Path, names: []string{"NodeStatus"}, items: nodeStatusItems},
	{name: "BGP and XMPP neighbors", roles: []string{collect.RoleControl}, path: collect.Neighbors().Path, names: []string{"BgpNeighborResp"}, items: neighborItems},
	{name: "XMPP sessions", roles: []string{collect.RoleVRouter}, path: collect.XMPPConnections().Path, names: []string{"AgentXmppData"}, items: xmppItems},
	{name: "interfaces", roles: []string{collect.RoleVRouter}, path: collect.Interfaces().Path, names: []string{"ItfSandeshData"}, items: interfaceItems},
	{name: "routes", roles: []string{collect.RoleControl}, path: collect.RoutePath("", "", ""), names: []string{"ShowRouteTable", "ShowRoute"}, items: controlRouteItems},
}

// state is "<state>, <n> flaps" (a flap between two snapshots changes it
// even when the state is the same again).
func state(s, flaps string) string {
	if flaps == "" {
		return s
	}
	return fmt.Sprintf("%s, %s flaps", s, flaps)
}

func nodeStatusItems(n *sandesh.Node, send func(string, Item) error) error {
	for _, p := range n.All("ProcessStatus") {
		key := p.ChildText("module_id")
		if i := p.ChildText("instance_id"); i != "" && i != "0" {
			key += ":" + i
		}
		v := p.ChildText("state")
		if d := p.ChildText("description"); d != "" {
			v += " (" + d + ")"
		}
		if err := send(KindProcess, Item{Key: key, Value: v}); err != nil {
			return err
		}
	}
	for _, c := range n.All("ConnectionInfo") {
		v := c.ChildText("status")
		if s := catalog.StringValue(c.Child("server_addrs")); s != "" {
			v += " " + s
		}
		if err := send(KindConnection, Item{Key: c.ChildText("type") + ":" + c.ChildText("name"), Value: v}); err != nil {
			return err
		}
	}
	for _, p := range n.All("ProcessInfo") {
		if err := send(KindProcess, Item{Key: p.ChildText("process_name"), Value: p.ChildText("process_state")}); err != nil {
			return err
		}
	}
	return nil
}

func neighborItems(n *sandesh.Node, send func(string, Item) error) error {
	kind := KindBGP
	if n.ChildText("encoding") == "XMPP" {
		kind = KindXMPP
	}
	key := n.ChildText("peer")
	if a := n.ChildText("peer_address"); a != "" && a != key {
		key += " (" + a + ")"
	}
	return send(kind, Item{Key: key, Value: state(n.ChildText("state"), n.ChildText("flap_count"))})
}

func xmppItems(n *sandesh.Node, send func(string, Item) error) error {
	return send(KindXMPP, Item{Key: n.ChildText("controller_ip"), Value: state(n.ChildText("state"), n.ChildText("flap_count"))})
}

func interfaceItems(n *sandesh.Node, send func(string, Item) error) error {
	return send(KindInterface, Item{Key: n.ChildText("name"), Value: n.ChildText("active")})
}

// tableSep separates a route's table (or VRF) from its prefix in a key.
const tableSep = "\x00"

// controlRouteItems: one item per route of a control node, keyed by
// table and prefix, valued by its paths (protocol, source, next hop,
// label), sorted.
func controlRouteItems(n *sandesh.Node, send func(string, Item) error) error {
	if n.Name != "ShowRoute" {
		return nil // a table, delivered after its routes
	}
	table := ""
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Name == "ShowRouteTable" {
			table = p.ChildText("routing_table_name")
			break
		}
	}
	var paths []string
	for _, p := range n.All("ShowRoutePath") {
		paths = append(paths, fmt.Sprintf("%s %s nh %s label %s", p.ChildText("protocol"), p.ChildText("source"), p.ChildText("next_hop"), p.ChildText("label")))
	}
	return send(KindRoute, Item{Key: table + tableSep + n.ChildText("prefix"), Value: joinPaths(paths)})
}

// agentRouteItems: one item per route of a VRF of an agent, valued by
// its paths (peer, next hop, label).
func agentRouteItems(vrf string) func(n *sandesh.Node, send func(string, Item) error) error {
	return func(n *sandesh.Node, send func(string, Item) error) error {
		var paths []string
		for _, p := range n.All("PathSandeshData") {
			nh := p.Find("NhSandeshData")
			hop := ""
			if nh != nil {
				hop = nh.ChildText("type")
				for _, f := range []string{"dip", "itf"} {
					if v := nh.ChildText(f); v != "" {
						hop += " " + v
					}
				}
			}
			paths = append(paths, fmt.Sprintf("%s nh %s label %s", p.ChildText("peer"), hop, p.ChildText("label")))
		}
		return send(KindRoute, Item{Key: vrf + tableSep + n.ChildText("src_ip") + "/" + n.ChildText("src_plen"), Value: joinPaths(paths)})
	}
}

func joinPaths(paths []string) string {
	slices.Sort(paths)
	return strings.Join(paths, "; ")
}

// vrfPath is `ist vr route -v <index>`'s request.
func vrfPath(index string) string {
	return catalog.PathOf(catalog.Values{"vrf": index}, collect.RoleVRouter, "route")
}

// vrfListPath is `ist vr vrf`'s request.
var vrfListPath = catalog.PathOf(nil, collect.RoleVRouter, "vrf")
