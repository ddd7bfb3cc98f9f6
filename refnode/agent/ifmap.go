package agent

import (
	"sort"
	"strconv"
	"strings"

	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
)

// The agent's IFMap view (ShowIFMapAgentReq, ShowIFMapAgentStatsReq;
// ist.py `vr ifmap`, `vr stats ifmap`): the configuration objects a
// vRouter receives from its config control node, built from the Config
// and the interfaces attached now:
//
//	global-system-config  default-global-system-config
//	virtual-router        default-global-system-config:<name>  - global-system-config, its VMs
//	virtual-network       <fq name>                            - routing-instance, network-ipam, VMIs, instance-ips
//	routing-instance      <VRF name>                           - virtual-network, VMIs
//	network-ipam          <ipam fq name>                       - virtual-networks
//	virtual-machine       <vm uuid>                            - virtual-router, VMIs
//	virtual-machine-interface <domain>:<project>:<vmi uuid>     - VM, VN, RI, instance-ip
//	instance-ip           <vmi uuid>                           - VMI, VN
//
// Each node is rendered as the agent's ShowIFMapAgentTable does: the
// node's XML (EncodeNodeDetail) flattened by xml_parse, one line per
// element, tab-indented by depth, then "Adjacencies:" and one line per
// neighbour.

// ifmapElem is one element of a node's XML: a leaf with text or a
// container of elements.
type ifmapElem struct {
	name string
	text string
	kids []ifmapElem
	uuid string // on uuid-lslong: the "Uuid : …" line xml_parse adds
}

type ifmapNode struct {
	typ, name string
	props     []ifmapElem
	adj       []*ifmapNode
}

type ifmapGraph struct {
	nodes []*ifmapNode
	links int
}

func (g *ifmapGraph) add(typ, name string, props ...ifmapElem) *ifmapNode {
	n := &ifmapNode{typ: typ, name: name, props: props}
	g.nodes = append(g.nodes, n)
	return n
}

func (g *ifmapGraph) link(a, b *ifmapNode) {
	if a == nil || b == nil {
		return
	}
	a.adj = append(a.adj, b)
	b.adj = append(b.adj, a)
	g.links++
}

func leaf(name, text string) ifmapElem              { return ifmapElem{name: name, text: text} }
func elem(name string, kids ...ifmapElem) ifmapElem { return ifmapElem{name: name, kids: kids} }

// idPerms is the id-perms property with the object's uuid split in two
// 64-bit halves, as the config schema carries it.
func idPerms(uuid string) ifmapElem {
	ms, ls, ok := uuidHalves(uuid)
	if !ok {
		return elem("id-perms", leaf("enable", "true"))
	}
	c, _ := parseUUID(uuid)
	lsl := leaf("uuid-lslong", strconv.FormatUint(ls, 10))
	lsl.uuid = c
	return elem("id-perms", elem("uuid", leaf("uuid-mslong", strconv.FormatUint(ms, 10)), lsl), leaf("enable", "true"))
}

// projectOf is "<domain>:<project>" of a VN fq name.
func projectOf(vnFQName string) string {
	parts := strings.SplitN(vnFQName, ":", 3)
	if len(parts) < 3 {
		return vnFQName
	}
	return parts[0] + ":" + parts[1]
}

// ifmapGraph builds the graph; a.mu must be held.
func (a *Agent) ifmapGraphLocked() *ifmapGraph {
	g := &ifmapGraph{}
	gsc := g.add("global-system-config", "default-global-system-config")
	vr := g.add("virtual-router", "default-global-system-config:"+a.cfg.Name,
		idPerms(a.cfg.UUID), leaf("virtual-router-ip-address", a.cfg.Address.String()))
	g.link(vr, gsc)
	vns := map[string]*ifmapNode{}
	ris := map[string]*ifmapNode{}
	ipams := map[string]*ifmapNode{}
	for i := range a.cfg.Networks {
		n := &a.cfg.Networks[i]
		mode := "l2_l3"
		if n.Layer2 && !n.Layer3 {
			mode = "l2"
		} else if n.Layer3 && !n.Layer2 {
			mode = "l3"
		}
		vx := n.VXLANID
		if vx == 0 {
			vx = n.VNIndex
		}
		vn := g.add("virtual-network", n.FQName, idPerms(n.UUID),
			elem("virtual-network-properties", leaf("forwarding-mode", mode), leaf("vxlan-network-identifier", strconv.Itoa(vx))),
			leaf("virtual-network-network-id", strconv.Itoa(n.VNIndex)))
		vns[n.FQName] = vn
		if len(n.Subnets) > 0 {
			name := n.IPAMName
			if name == "" {
				name = "default-domain:default-project:default-network-ipam"
			}
			if ipams[name] == nil {
				ipams[name] = g.add("network-ipam", name)
			}
			g.link(vn, ipams[name])
		}
	}
	// One routing instance per VRF (the fabric VN's is __default__).
	for _, v := range a.t.vrfs {
		ris[v.name] = g.add("routing-instance", v.name)
		g.link(vns[v.vn], ris[v.name])
	}
	vms := map[string]*ifmapNode{}
	for _, it := range a.t.itfs {
		c := it.cfg
		if c == nil {
			continue
		}
		vmi := g.add("virtual-machine-interface", projectOf(c.Network)+":"+c.UUID, idPerms(c.UUID),
			elem("virtual-machine-interface-mac-addresses", leaf("mac-address", c.MAC)))
		if c.VMUUID != "" {
			vm := vms[c.VMUUID]
			if vm == nil {
				vm = g.add("virtual-machine", c.VMUUID, idPerms(c.VMUUID))
				vms[c.VMUUID] = vm
				g.link(vr, vm)
			}
			g.link(vm, vmi)
		}
		g.link(vmi, vns[c.Network])
		g.link(vmi, ris[it.vrf])
		family := "v4"
		if c.IP.Is6() {
			family = "v6"
		}
		iip := g.add("instance-ip", c.UUID, leaf("instance-ip-address", c.IP.String()), leaf("instance-ip-family", family))
		g.link(iip, vmi)
		g.link(iip, vns[c.Network])
	}
	// DB order: tables by name, nodes by name.
	sort.SliceStable(g.nodes, func(i, j int) bool {
		if ti, tj := ifmapTable(g.nodes[i].typ), ifmapTable(g.nodes[j].typ); ti != tj {
			return ti < tj
		}
		return g.nodes[i].name < g.nodes[j].name
	})
	return g
}

// ifmapTable is the agent DB table of an IFMap type, as
// IFMapTable::FindTable names it: "__ifmap__.<type, - as _>.0".
func ifmapTable(typ string) string { return "__ifmap__." + strings.ReplaceAll(typ, "-", "_") + ".0" }

// removedVMIGraph counts the IFMap nodes and links that go away with a VM
// interface (its VMI and instance-ip, and its VM when it is the VM's last
// interface); a.mu must be held and it must still be attached.
func (t *tables) removedVMIGraph(it *iface) (nodes, links int) {
	nodes, links = 2, 5 // VMI, instance-ip; VMI-VN, VMI-RI, IIP-VMI, IIP-VN, VMI-VM
	if it.cfg.VMUUID == "" {
		return nodes, links - 1
	}
	for _, o := range t.itfs {
		if o != it && o.cfg != nil && o.cfg.VMUUID == it.cfg.VMUUID {
			return nodes, links
		}
	}
	return nodes + 1, links + 1 // the VM and its virtual-router link
}

// render is one table_data entry of ShowIFMapAgentResp for n.
func (n *ifmapNode) render(linkType, linkNode string) string {
	var b strings.Builder
	b.WriteString("\n\t\ttype:")
	b.WriteString(n.typ)
	b.WriteString("\n")
	writeIFMapElem(&b, leaf("name", n.name), 3)
	for _, p := range n.props {
		writeIFMapElem(&b, p, 3)
	}
	b.WriteString("Adjacencies:\n")
	for _, m := range n.adj {
		if (linkType != "" && !strings.Contains(m.typ, linkType)) || (linkNode != "" && !strings.Contains(m.name, linkNode)) {
			continue
		}
		b.WriteString("\t" + m.typ + "  " + m.name + "\n")
	}
	return b.String()
}

// writeIFMapElem flattens e like the agent's xml_parse: "<tabs>name:text"
// for a leaf followed by an empty line (its text node), "<tabs>name" for a
// container followed by its elements one level deeper; empty elements are
// left out.
func writeIFMapElem(b *strings.Builder, e ifmapElem, depth int) {
	if e.text == "" && len(e.kids) == 0 {
		return
	}
	tabs := strings.Repeat("\t", depth)
	b.WriteString(tabs + e.name)
	if e.text != "" {
		b.WriteString(":" + e.text)
	}
	b.WriteString("\n")
	if e.uuid != "" {
		b.WriteString(tabs + "Uuid : " + e.uuid + "\n")
	}
	if e.text != "" {
		b.WriteString("\n")
	}
	for _, k := range e.kids {
		writeIFMapElem(b, k, depth+1)
	}
}

func (a *Agent) registerIFMap(srv *sandesh.Server) {
	sandesh.Handle(srv, "ifmap_agent", func(r *schema.ShowIFMapAgentReq) []any { return a.ifmapShowReq(r) })
	sandesh.Handle(srv, "ifmap_agent", func(r *schema.ShowIFMapAgentStatsReq) []any { return a.ifmapStatsReq() })
}

// ifmapShowReq answers ShowIFMapAgentReq: table_name is an IFMap type,
// with - or _ (unknown = nothing), node_sub_string filters node names, the link
// filters (substrings of the neighbour's type and name) filter the
// adjacency lines. One response, no paging.
func (a *Agent) ifmapShowReq(r *schema.ShowIFMapAgentReq) []any {
	a.mu.Lock()
	g := a.ifmapGraphLocked()
	a.mu.Unlock()
	data := []string{}
	for _, n := range g.nodes {
		if (r.TableName != "" && ifmapTable(n.typ) != ifmapTable(r.TableName)) || (r.NodeSubString != "" && !strings.Contains(n.name, r.NodeSubString)) {
			continue
		}
		data = append(data, n.render(r.LinkTypeSubString, r.LinkNodeSubString))
	}
	return []any{&schema.ShowIFMapAgentResp{TableData: data}}
}

// ifmapStatsReq answers ShowIFMapAgentStatsReq: every node and link was
// received once as an update; removed interfaces count as deletes.
func (a *Agent) ifmapStatsReq() []any {
	a.mu.Lock()
	g := a.ifmapGraphLocked()
	nodeDels, linkDels := a.t.ifmapNodeDels, a.t.ifmapLinkDels
	a.mu.Unlock()
	return []any{&schema.ShowIFMapAgentStatsResp{
		NodeUpdatesProcessed: uint64(len(g.nodes) + nodeDels), LinkUpdatesProcessed: uint64(g.links + linkDels),
		NodeDeletesProcessed: uint64(nodeDels), LinkDeletesProcessed: uint64(linkDels)}}
}

// uuidHalves splits a UUID into the two 64-bit integers of IFMap's
// id-perms (uuid-mslong, uuid-lslong).
func uuidHalves(u string) (ms, ls uint64, ok bool) {
	c, ok := parseUUID(u)
	if !ok {
		return 0, 0, false
	}
	hex := c[0:8] + c[9:13] + c[14:18] + c[19:23] + c[24:36]
	ms, err1 := strconv.ParseUint(hex[:16], 16, 64)
	ls, err2 := strconv.ParseUint(hex[16:], 16, 64)
	return ms, ls, err1 == nil && err2 == nil
}
