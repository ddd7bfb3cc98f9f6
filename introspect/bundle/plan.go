package bundle

import (
	"strings"

	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/collect"
	"github.com/tfkit/tfkit/introspect/doctor"
)

// Colocated are the daemons a bundle also asks at the address of each
// node discovery finds: a control node's host runs contrail-dns and the
// control nodemgr, a compute node the vRouter nodemgr. One that refuses
// every connection is not deployed there and is left out (Manifest.Absent).
var Colocated = map[string][]string{
	collect.RoleControl: {"dns", "nodemgr_ctr"},
	collect.RoleVRouter: {"nodemgr_vr"},
}

// wholeOnly are the commands whose variants are filtered subsets of a
// table the bundle asks whole (every route of a control node, every next
// hop of an agent): at scale each subset is as large as the table, so
// only the default variant is asked unless every table is
// (TableSelection.subsets).
var wholeOnly = map[string]bool{"ctr route show": true, "vr nh": true, "vr mpls": true}

// tableCommands are an agent's forwarding tables that grow with the
// cluster (a next hop per vRouter, in the agent and in the kernel; the
// kernel's routes): asked only for the vRouters the TableSelection
// selects, like vr route of each VRF.
var tableCommands = map[string]bool{"vr nh": true, "vr knh": true, "vr kroute": true}

// expansion asks, for each value a listing shows, the page of that
// value: a trace buffer, a UVE type, an IFMap table or client, a
// multicast tree, the routes of a VRF.
type expansion struct {
	role   string   // "" every role
	list   []string // the listing command (its default variant)
	record string   // the listing's record element
	field  string   // the field holding the value
	detail []string // the command asked per value
	param  string   // its parameter given the value
	fixed  catalog.Values
	tables bool // only for the vRouters whose tables are selected
}

var expansions = []expansion{
	{list: []string{"trace"}, record: "SandeshTraceBufInfo", field: "trace_buf_name", detail: []string{"trace"}, param: "name"},
	{list: []string{"uve"}, record: "SandeshUVETypeInfo", field: "type_name", detail: []string{"uve"}, param: "name"},
	{role: "ctr", list: []string{"ifmap", "table"}, record: "IFMapNodeTableListShowEntry", field: "table_name", detail: []string{"ifmap", "table"}, param: "table"},
	{role: "ctr", list: []string{"ifmap", "client"}, record: "IFMapXmppClientInfo", field: "client_name", detail: []string{"ifmap", "client"}, param: "client"},
	{role: "ctr", list: []string{"mcast"}, record: "ShowMulticastManager", field: "name", detail: []string{"mcast"}, param: "table", fixed: catalog.Values{"type": "tree"}},
	{role: "vr", list: []string{"vrf"}, record: "VrfSandeshData", field: "ucindex", detail: []string{"route"}, param: "vrf", tables: true},
	{role: "vr", list: []string{"vrf"}, record: "VrfSandeshData", field: "ucindex", detail: []string{"kroute"}, param: "vrf", tables: true},
}

// listPath is the path of an expansion's listing for role ("" when the
// role has no such command).
func (e expansion) listPath(role string) string {
	if e.role != "" && e.role != role {
		return ""
	}
	c := catalog.Lookup(role, e.list...)
	if c == nil {
		return ""
	}
	return c.Variants()[0].Paths()[0]
}

// detailPaths are the paths of an expansion's detail command for one
// value, every variant around it.
func (e expansion) detailPaths(role, value string, subsets bool) []string {
	c := catalog.Lookup(role, e.detail...)
	if c == nil {
		return nil
	}
	base := c.Defaults()
	for k, v := range e.fixed {
		base = base.With(k, v)
	}
	var out []string
	for _, v := range c.VariantsFrom(base.With(e.param, value)) {
		if wholeOnly[role+" "+c.Name()] && v.Param != "" && !subsets {
			continue
		}
		out = append(out, v.Paths()...)
	}
	return out
}

// planner builds a bundle's collect.Plan.
type planner struct {
	doctor   collect.Plan
	sel      TableSelection
	vrouters int // vRouters discovered
}

// plan is doctor's plan, every catalogue request, and the expansions.
func (p *planner) plan() collect.Plan {
	return collect.Plan{Requests: p.requests, FollowUp: p.followUp, Fields: p.doctor.Fields, Discovered: p.discovered}
}

func (p *planner) discovered(nodes []*collect.Node) {
	for _, n := range nodes {
		if n.Role == collect.RoleVRouter {
			p.vrouters++
		}
	}
}

// requests: doctor's, then the catalogue's not already asked (the
// neighbor list is discovery's), listings keeping the field their
// expansion reads.
func (p *planner) requests(n *collect.Node) []collect.Request {
	out := p.doctor.Requests(n)
	asked := map[string]bool{}
	for _, r := range out {
		asked[r.Path] = true
	}
	if n.Role == collect.RoleControl {
		asked[collect.Neighbors().Path] = true
	}
	lists := map[string]expansion{}
	for _, e := range expansions {
		if lp := e.listPath(n.Role); lp != "" {
			lists[lp] = e
		}
	}
	tables, subsets := p.sel.selects(n, p.vrouters), p.sel.subsets(p.vrouters)
	keep := func(v catalog.Variant) bool {
		name := n.Role + " " + v.Command.Name()
		return (v.Param == "" || subsets || !wholeOnly[name]) && (tables || !tableCommands[name])
	}
	for _, r := range collect.CatalogRequests(n.Role, keep) {
		if asked[r.Path] {
			continue
		}
		if e, ok := lists[r.Path]; ok {
			r.Names, r.Fields = []string{e.record}, []string{e.field}
		}
		out = append(out, r)
	}
	return out
}

// followUp: doctor's follow-up, then each expansion's detail pages.
func (p *planner) followUp(col *collect.Collection) []collect.Ask {
	var asks []collect.Ask
	if p.doctor.FollowUp != nil {
		asks = p.doctor.FollowUp(col)
	}
	for _, n := range col.Nodes {
		asked := map[string]bool{}
		for _, r := range n.Results() {
			asked[r.Request.Path] = true
		}
		a := collect.Ask{Node: n}
		for _, e := range expansions {
			lp := e.listPath(n.Role)
			if lp == "" || (e.tables && !p.sel.selects(n, p.vrouters)) {
				continue
			}
			res := n.Result(collect.IDCatalog + lp)
			if !res.OK() {
				continue
			}
			for _, rec := range res.Records {
				v := strings.TrimSpace(rec.ChildText(e.field))
				if v == "" {
					continue
				}
				for _, path := range e.detailPaths(n.Role, v, p.sel.subsets(p.vrouters)) {
					if !asked[path] {
						asked[path] = true
						a.Requests = append(a.Requests, collect.CatalogRequest(path))
					}
				}
			}
		}
		if len(a.Requests) > 0 {
			asks = append(asks, a)
		}
	}
	return asks
}

// newPlanner is the plan of a bundle whose vRouter tables follow sel.
func newPlanner(sel TableSelection) *planner {
	return &planner{doctor: doctor.Plan(doctor.Checks), sel: sel}
}
