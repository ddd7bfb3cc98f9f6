// Package sandeshtest makes large control-node answers for benchmarks:
// ShowRouteResp pages of generated routes chained by next_batch, as a
// control node pages them (1000 routes per page, kMaxCount), and
// ShowRouteSummaryResp pages. bench/istgen serves them to the ist binary;
// the client's and parser's go test benchmarks use them in process.
package sandeshtest

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

const (
	pi           = `<?xml-stylesheet type="text/xsl" href="/universal_parse.xsl"?>`
	perTable     = 10000 // routes per routing table
	modifiedTime = "2026-Nov-22 23:10:05.000123"
)

// Page sizes of a control node.
const (
	RoutePage   = 1000 // ShowRouteReq page (server kMaxCount)
	SummaryPage = 64   // BgpShowHandler page
)

// Handler answers pages built by Pages like a control node (single-part
// answers with a Content-Length), each after delay: /Snh_<Req> with the page first[Req], /Snh_<Req>Iterate?x=<key>
// (a next_batch link) with the page of that key; 404 otherwise.
func Handler(pages map[string][]byte, first map[string]string, delay time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(delay)
		req := strings.TrimPrefix(r.URL.Path, "/Snh_")
		key, ok := first[req]
		if base, iter := strings.CutSuffix(req, "Iterate"); iter {
			_, ok = first[base]
			key = r.URL.Query().Get("x")
		}
		body, found := pages[key]
		if !ok || !found {
			http.NotFound(w, r)
			return
		}
		// A single-part answer, as a C++ daemon sends it: with its
		// length, not chunked (spec §1.4).
		w.Header().Set("Content-Type", "text/xml")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	})
}

// Pages builds the pages of total items, per to a page, with doc; the
// page n is under key prefix+n and links to prefix+(n+1) while more
// follow.
func Pages(prefix string, per, total int, doc func(from, to int, next string) []byte) map[string][]byte {
	built := map[string][]byte{}
	for n := 0; n*per < total; n++ {
		from, to := n*per, min((n+1)*per, total)
		next := ""
		if to < total {
			next = prefix + strconv.Itoa(n+1)
		}
		built[prefix+strconv.Itoa(n)] = doc(from, to, next)
	}
	return built
}

func tableName(i int) string {
	return fmt.Sprintf("default-domain:bench:vn%d:vn%d.inet.0", i, i)
}

// RouteDoc is a ShowRouteResp with routes [from, to), grouped in tables of
// perTable routes, and a next_batch when more follow.
func RouteDoc(from, to int, next string) []byte {
	var b bytes.Buffer
	b.WriteString(pi + `<ShowRouteResp type="sandesh"><tables type="list" identifier="1">`)
	var tables []int
	for r := from; r < to; {
		t := r / perTable
		tables = append(tables, t)
		r = (t + 1) * perTable
	}
	fmt.Fprintf(&b, `<list type="struct" size="%d">`, len(tables))
	for _, t := range tables {
		lo, hi := max(from, t*perTable), min(to, (t+1)*perTable)
		fmt.Fprintf(&b, `<ShowRouteTable><routing_instance type="string" identifier="1" link="ShowRoutingInstanceReq">default-domain:bench:vn%d:vn%d</routing_instance><routing_table_name type="string" identifier="2" link="ShowRouteReq">%s</routing_table_name><deleted type="bool" identifier="9">false</deleted><deleted_at type="string" identifier="11"></deleted_at><prefixes type="u64" identifier="3">%d</prefixes><paths type="u64" identifier="4">%d</paths><primary_paths type="u64" identifier="5">%d</primary_paths><secondary_paths type="u64" identifier="6">0</secondary_paths><infeasible_paths type="u64" identifier="7">0</infeasible_paths><stale_paths type="u64" identifier="12">0</stale_paths><llgr_stale_paths type="u64" identifier="13">0</llgr_stale_paths>`, t, t, tableName(t), perTable, perTable, perTable)
		fmt.Fprintf(&b, `<routes type="list" identifier="8"><list type="struct" size="%d">`, hi-lo)
		for r := lo; r < hi; r++ {
			writeRoute(&b, r)
		}
		b.WriteString(`</list></routes><listeners type="list" identifier="10"><list type="struct" size="0"></list></listeners></ShowRouteTable>`)
	}
	b.WriteString(`</list></tables>`)
	if next != "" {
		b.WriteString(`<next_batch type="string" identifier="2" link="ShowRouteReqIterate" link_title="next_batch">` + next + `</next_batch>`)
	}
	b.WriteString(`<more type="bool" identifier="0">false</more></ShowRouteResp>`)
	return b.Bytes()
}

func writeRoute(b *bytes.Buffer, r int) {
	prefix := fmt.Sprintf("10.%d.%d.%d/32", r>>16&255, r>>8&255, r&255)
	fmt.Fprintf(b, `<ShowRoute><prefix type="string" identifier="1">%s</prefix><last_modified type="string" identifier="2">%s</last_modified><paths type="list" identifier="3"><list type="struct" size="1"><ShowRoutePath>`, prefix, modifiedTime)
	fmt.Fprintf(b, `<protocol type="string" identifier="1">XMPP (interface)</protocol><last_modified type="string" identifier="3">%s</last_modified><local_preference type="u32" identifier="5">200</local_preference><med type="u32" identifier="25">0</med><local_as type="u32" identifier="6">0</local_as><peer_as type="u32" identifier="7">0</peer_as><peer_router_id type="string" identifier="8"></peer_router_id><source type="string" identifier="9">compute-%d</source><as_path type="string" identifier="10"></as_path><as4_path type="string" identifier="30"></as4_path><next_hop type="string" identifier="11">10.0.%d.%d</next_hop><label type="u32" identifier="12">%d</label><origin type="string" identifier="26">igp</origin><replicated type="bool" identifier="13">false</replicated><primary_table type="string" identifier="14" link="ShowRouteReq"></primary_table><secondary_tables type="list" identifier="24"><list type="string" size="1"><element>bgp.l3vpn.0</element></list></secondary_tables><communities type="list" identifier="15"><list type="string" size="1"><element>target:64512:8000003</element></list></communities><origin_vn type="string" identifier="16">default-domain:bench:vn%d</origin_vn><flags type="list" identifier="17"><list type="string" size="0"></list></flags><tunnel_encap type="list" identifier="18"><list type="string" size="2"><element>gre</element><element>udp</element></list></tunnel_encap><sequence_no type="string" identifier="19"></sequence_no><origin_vn_path type="list" identifier="20"><list type="string" size="0"></list></origin_vn_path>`, modifiedTime, r%200, r>>8&255, r&255, 16+r%100000, r/perTable)
	b.WriteString(`<pmsi_tunnel type="struct" identifier="21"><ShowPmsiTunnel><type type="string" identifier="1"></type><ar_type type="string" identifier="2"></ar_type><identifier type="string" identifier="3"></identifier><label type="u32" identifier="4">0</label><flags type="list" identifier="5"><list type="string" size="0"></list></flags></ShowPmsiTunnel></pmsi_tunnel><load_balance type="struct" identifier="22"><ShowLoadBalance><decision_type type="string" identifier="1"></decision_type><fields type="list" identifier="2"><list type="string" size="0"></list></fields></ShowLoadBalance></load_balance><cluster_list type="list" identifier="23"><list type="string" size="0"></list></cluster_list><originator_id type="string" identifier="27"></originator_id><edge_discovery type="list" identifier="28"><list type="struct" size="0"></list></edge_discovery><edge_forwarding type="list" identifier="29"><list type="struct" size="0"></list></edge_forwarding></ShowRoutePath></list></paths></ShowRoute>`)
}

// SummaryDoc is a ShowRouteSummaryResp with tables [from, to).
func SummaryDoc(from, to int, next string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, pi+`<ShowRouteSummaryResp type="sandesh"><tables type="list" identifier="1"><list type="struct" size="%d">`, to-from)
	fams := []string{"inet", "inet6", "evpn", "ermvpn"}
	for i := from; i < to; i++ {
		name := fmt.Sprintf("default-domain:bench:vn%d:vn%d.%s.0", i/4, i/4, fams[i%4])
		fmt.Fprintf(&b, `<ShowRouteTableSummary><name type="string" identifier="1" link="ShowRouteReq">%s</name><prefixes type="u64" identifier="3">%d</prefixes><paths type="u64" identifier="4">%d</paths><primary_paths type="u64" identifier="5">%d</primary_paths><secondary_paths type="u64" identifier="6">0</secondary_paths><infeasible_paths type="u64" identifier="7">0</infeasible_paths><stale_paths type="u64" identifier="18">0</stale_paths><llgr_stale_paths type="u64" identifier="19">0</llgr_stale_paths><walk_requests type="u64" identifier="8">0</walk_requests><walk_again_requests type="u64" identifier="16">0</walk_again_requests><walk_completes type="u64" identifier="9">0</walk_completes><actual_walks type="u64" identifier="17">0</actual_walks><walk_cancels type="u64" identifier="10">0</walk_cancels><pending_updates type="u64" identifier="11">0</pending_updates><markers type="u64" identifier="12">0</markers><listeners type="u64" identifier="14">3</listeners><walkers type="u64" identifier="15">0</walkers><deleted type="bool" identifier="2">false</deleted><deleted_at type="string" identifier="13"></deleted_at></ShowRouteTableSummary>`, name, i%50, i%50, i%50)
	}
	b.WriteString(`</list></tables>`)
	if next != "" {
		b.WriteString(`<next_batch type="string" identifier="2" link="ShowRouteSummaryReqIterate" link_title="next_batch">` + next + `</next_batch>`)
	}
	b.WriteString(`<more type="bool" identifier="0">false</more></ShowRouteSummaryResp>`)
	return b.Bytes()
}

// RouteShowKeep is what ist ctr route show's text reads of these answers
// (printers.Keep; a printers test holds the two equal): the benchmarks
// of the parse with that projection (sandesh.Options.Keep) use it.
var RouteShowKeep = map[string]bool{"routing_table_name": true, "prefixes": true, "paths": true,
	"primary_paths": true, "secondary_paths": true, "infeasible_paths": true, "routes": true,
	"list": true, "prefix": true, "last_modified": true, "ShowRoutePath": true, "protocol": true,
	"source": true, "local_preference": true, "next_hop": true, "label": true, "as_path": true,
	"tunnel_encap": true, "element": true}
