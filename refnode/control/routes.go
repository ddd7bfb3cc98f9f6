package control

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/tfkit/tfkit/introspect/schema"
)

// routeQuery is a ShowRouteReq (or its Iterate cookie) decoded.
type routeQuery struct {
	table, instance, prefix string
	longer, shorter         bool
	count                   int
	startTable, startPrefix string
	source, protocol, fam   string
}

func (n *Node) routeReq(args []string) []any {
	q := routeQuery{
		table: arg(args, 0), instance: arg(args, 1), prefix: arg(args, 2),
		longer: argBool(args, 3), shorter: argBool(args, 4), count: int(argUint(args, 5)),
		startTable: arg(args, 6), startPrefix: arg(args, 8),
		source: arg(args, 9), protocol: arg(args, 10), fam: arg(args, 11),
	}
	return []any{n.showRoutes(q)}
}

// routeReqIterate decodes the 12-part cookie
// UserRI||UserRT||UserPrefix||NextRI||NextRT||NextPrefix||count||source||protocol||family||longer||shorter.
func (n *Node) routeReqIterate(args []string) []any {
	parts := strings.Split(arg(args, 0), "||")
	for len(parts) < 12 {
		parts = append(parts, "")
	}
	cnt, _ := strconv.Atoi(parts[6])
	q := routeQuery{
		instance: parts[0], table: parts[1], prefix: parts[2],
		startTable: parts[4], startPrefix: parts[5], count: cnt,
		source: parts[7], protocol: parts[8], fam: parts[9],
		longer: parts[10] == "true", shorter: parts[11] == "true",
	}
	return []any{n.showRoutes(q)}
}

// familySuffix maps ShowRouteReq.family to the table-name suffix.
var familySuffix = map[string]string{
	"inet": "inet.0", "inet6": "inet6.0", "evpn": "evpn.0", "ermvpn": "ermvpn.0", "mvpn": "mvpn.0",
	"rtarget": "rtarget.0", "inetvpn": "l3vpn.0", "l3vpn": "l3vpn.0", "inet6vpn": "l3vpn-inet6.0", "inetmpls": "inet.3",
}

func tableInFamily(name, fam string) bool {
	if fam == "" {
		return true
	}
	suf, ok := familySuffix[fam]
	if !ok {
		return false
	}
	return name == suf || strings.HasSuffix(name, "."+suf)
}

// ipPart is the IP prefix inside a route prefix ("rd:rd:pfx" in VPN tables).
func ipPart(s string) (netip.Prefix, bool) {
	if i := strings.LastIndexByte(s, ':'); i >= 0 && strings.Count(s, ":") >= 2 {
		s = s[i+1:]
	}
	p, err := netip.ParsePrefix(s)
	return p, err == nil
}

func (q routeQuery) prefixMatches(rp string) bool {
	if q.prefix == "" {
		return true
	}
	if !q.longer && !q.shorter {
		return rp == q.prefix
	}
	want, ok1 := ipPart(q.prefix)
	got, ok2 := ipPart(rp)
	if !ok1 || !ok2 {
		return rp == q.prefix
	}
	if rp == q.prefix || got == want {
		return true
	}
	if q.longer && got.Bits() >= want.Bits() && want.Contains(got.Addr()) {
		return true
	}
	return q.shorter && got.Bits() <= want.Bits() && got.Contains(want.Addr())
}

func (q routeQuery) pathMatches(a *attrs) bool {
	if q.source != "" && a.source != q.source {
		return false
	}
	if q.protocol != "" && a.protocol != q.protocol && !strings.HasPrefix(a.protocol, q.protocol+" (") {
		return false
	}
	return true
}

func (n *Node) showRoutes(q routeQuery) schema.ShowRouteResp {
	limit := q.count
	if limit <= 0 || limit > schema.ControlRoutePageLimit {
		limit = schema.ControlRoutePageLimit
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	resp := schema.ShowRouteResp{Tables: []schema.ShowRouteTable{}}
	emitted := 0
	started := q.startTable == ""
	for _, t := range n.tableOrderLocked() {
		if !started {
			if t.name != q.startTable {
				continue
			}
			started = true
		}
		if (q.table != "" && t.name != q.table) || (q.instance != "" && t.instance != q.instance) || !tableInFamily(t.name, q.fam) {
			continue
		}
		st := schema.ShowRouteTable{RoutingInstance: t.instance, RoutingTableName: t.name,
			Routes: []schema.ShowRoute{}, Listeners: []schema.ShowTableListener{}}
		st.Prefixes, st.Paths, st.PrimaryPaths, st.SecondaryPaths, st.InfeasiblePaths = t.counts()
		for _, pfx := range sortedPrefixes(t) {
			if t.name == q.startTable && q.startPrefix != "" && prefixLess(pfx, q.startPrefix) {
				continue
			}
			if !q.prefixMatches(pfx) {
				continue
			}
			rt := t.routes[pfx]
			sr := schema.ShowRoute{Prefix: pfx, LastModified: n.ptime(rt.modified), Paths: []schema.ShowRoutePath{}}
			for _, p := range rt.paths {
				if q.pathMatches(p.a) {
					sr.Paths = append(sr.Paths, n.showPath(p, t.name))
				}
			}
			if len(sr.Paths) == 0 {
				continue
			}
			if emitted == limit {
				if len(st.Routes) > 0 {
					resp.Tables = append(resp.Tables, st)
				}
				resp.NextBatch = strings.Join([]string{q.instance, q.table, q.prefix, t.instance, t.name, pfx,
					strconv.Itoa(q.count), q.source, q.protocol, q.fam, strconv.FormatBool(q.longer), strconv.FormatBool(q.shorter)}, "||")
				return resp
			}
			st.Routes = append(st.Routes, sr)
			emitted++
		}
		if len(st.Routes) > 0 {
			resp.Tables = append(resp.Tables, st)
		}
	}
	return resp
}

func (n *Node) showPath(p *path, tableName string) schema.ShowRoutePath {
	a := p.a
	sp := schema.ShowRoutePath{
		Protocol: a.protocol, LastModified: n.ptime(p.modified), LocalPreference: a.localPref, MED: a.med,
		Source: a.source, ASPath: a.asPath, Label: a.label, Origin: a.origin,
		Replicated: p.primaryTable != "", PrimaryTable: p.primaryTable,
		SecondaryTables: nonNil(append([]string(nil), p.secondaries...)),
		Communities:     nonNil(append([]string(nil), a.communities...)), OriginVN: a.originVN,
		Flags: []string{}, TunnelEncap: nonNil(append([]string(nil), a.encaps...)),
		SequenceNo: strconv.FormatUint(uint64(a.seqNo), 10), OriginVNPath: []string{},
		PMSITunnel: schema.ShowPmsiTunnel{Flags: []string{}}, LoadBalance: schema.ShowLoadBalance{Fields: []string{}},
		ClusterList: []string{}, EdgeDiscovery: []schema.ShowEdgeDiscovery{}, EdgeForwarding: []schema.ShowEdgeForwarding{},
	}
	if a.nextHop.IsValid() {
		sp.NextHop = a.nextHop.String()
	}
	if a.protocol == protoBGP {
		sp.LocalAS, sp.PeerAS, sp.PeerRouterID = a.localAS, a.peerAS, a.peerRouterID
	}
	if a.infeasible {
		sp.Flags = append(sp.Flags, "NoTunnelEncap")
	}
	return sp
}

// sortedPrefixes orders a table's prefixes as contrail-control does for
// inet: by address then length (VPN prefixes by RD text first).
func sortedPrefixes(t *table) []string {
	out := make([]string, 0, len(t.routes))
	for p := range t.routes {
		out = append(out, p)
	}
	sortStrings(out, prefixLess)
	return out
}

func prefixLess(a, b string) bool {
	ra, pa := splitRD(a)
	rb, pb := splitRD(b)
	if ra != rb {
		return ra < rb
	}
	x, e1 := netip.ParsePrefix(pa)
	y, e2 := netip.ParsePrefix(pb)
	if e1 != nil || e2 != nil {
		return a < b
	}
	if c := x.Addr().Compare(y.Addr()); c != 0 {
		return c < 0
	}
	return x.Bits() < y.Bits()
}

func splitRD(s string) (rd, pfx string) {
	if strings.Count(s, ":") >= 2 {
		i := strings.LastIndexByte(s, ':')
		return s[:i], s[i+1:]
	}
	return "", s
}
