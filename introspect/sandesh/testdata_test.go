package sandesh

import (
	"fmt"
	"strings"

	"github.com/tfkit/tfkit/internal/realdata"
)

// realDir is ../shared/testdata-real beside the checkout (never copied here).
var realDir = realdata.Dir()

// dump renders a tree canonically for comparisons in tests.
func dump(n *Node) string {
	var b strings.Builder
	var rec func(*Node, int)
	rec = func(n *Node, d int) {
		fmt.Fprintf(&b, "%s%s", strings.Repeat(" ", d), n.Name)
		for _, a := range n.Attrs {
			fmt.Fprintf(&b, " %s=%q", a.Name, a.Value)
		}
		if n.Text != "" || len(n.Children) == 0 {
			fmt.Fprintf(&b, " text=%q", n.Text)
		}
		b.WriteByte('\n')
		for _, c := range n.Children {
			if c.Parent != n {
				fmt.Fprintf(&b, "%s!parent of %s wrong\n", strings.Repeat(" ", d+1), c.Name)
			}
			rec(c, d+1)
		}
	}
	rec(n, 0)
	return b.String()
}

// routeDoc generates a compact ShowRouteResp-like document with the given
// number of tables and routes per table (fields as in spec Appendix A.1).
func routeDoc(tables, routes int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml-stylesheet type="text/xsl" href="/universal_parse.xsl"?><ShowRouteResp type="sandesh"><tables type="list" identifier="1">`)
	fmt.Fprintf(&b, `<list type="struct" size="%d">`, tables)
	for t := 0; t < tables; t++ {
		fmt.Fprintf(&b, `<ShowRouteTable><routing_instance type="string" identifier="1" link="ShowRoutingInstanceReq">default-domain:admin:vn%d:vn%d</routing_instance><routing_table_name type="string" identifier="2" link="ShowRouteReq">default-domain:admin:vn%d:vn%d.inet.0</routing_table_name><deleted type="bool" identifier="9">false</deleted><deleted_at type="string" identifier="11"></deleted_at><prefixes type="u64" identifier="3">%d</prefixes><paths type="u64" identifier="4">%d</paths><primary_paths type="u64" identifier="5">%d</primary_paths><secondary_paths type="u64" identifier="6">0</secondary_paths><infeasible_paths type="u64" identifier="7">0</infeasible_paths><stale_paths type="u64" identifier="12">0</stale_paths><llgr_stale_paths type="u64" identifier="13">0</llgr_stale_paths>`, t, t, t, t, routes, routes, routes)
		fmt.Fprintf(&b, `<routes type="list" identifier="8"><list type="struct" size="%d">`, routes)
		for r := 0; r < routes; r++ {
			fmt.Fprintf(&b, `<ShowRoute><prefix type="string" identifier="1">10.%d.%d.%d/32</prefix><last_modified type="string" identifier="2">2020-Aug-17 02:35:10.123456</last_modified><paths type="list" identifier="3"><list type="struct" size="1"><ShowRoutePath><protocol type="string" identifier="1">XMPP (interface)</protocol><last_modified type="string" identifier="3">2020-Aug-17 02:35:10.123456</last_modified><local_preference type="u32" identifier="5">200</local_preference><med type="u32" identifier="25">0</med><local_as type="u32" identifier="6">0</local_as><peer_as type="u32" identifier="7">0</peer_as><peer_router_id type="string" identifier="8"></peer_router_id><source type="string" identifier="9">compute-%d</source><as_path type="string" identifier="10"></as_path><as4_path type="string" identifier="30"></as4_path><next_hop type="string" identifier="11">10.0.0.%d</next_hop><label type="u32" identifier="12">%d</label><origin type="string" identifier="26">igp</origin><replicated type="bool" identifier="13">false</replicated><primary_table type="string" identifier="14" link="ShowRouteReq"></primary_table><secondary_tables type="list" identifier="24"><list type="string" size="1"><element>bgp.l3vpn.0</element></list></secondary_tables><communities type="list" identifier="15"><list type="string" size="0"></list></communities><origin_vn type="string" identifier="16">default-domain:admin:vn%d</origin_vn><flags type="list" identifier="17"><list type="string" size="0"></list></flags><tunnel_encap type="list" identifier="18"><list type="string" size="2"><element>gre</element><element>udp</element></list></tunnel_encap><sequence_no type="string" identifier="19"></sequence_no><origin_vn_path type="list" identifier="20"><list type="string" size="0"></list></origin_vn_path></ShowRoutePath></list></paths></ShowRoute>`,
				t, r/256, r%256, r%50, r%250, 16+r, t)
		}
		b.WriteString(`</list></routes></ShowRouteTable>`)
	}
	b.WriteString(`</list></tables><more type="bool" identifier="0">false</more></ShowRouteResp>`)
	return []byte(b.String())
}
