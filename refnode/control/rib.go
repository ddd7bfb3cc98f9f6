package control

import (
	"net/netip"
	"sort"
	"strings"
	"time"

	"github.com/tfkit/tfkit/refnode/xmpp"
)

// Table names (routing_instance.cc): the master instance holds the VPN,
// route-target and global tables; every VN instance has its own family
// tables named "<instance>.<family>.0".
var (
	masterTables = []string{"bgp.ermvpn.0", "bgp.evpn.0", "bgp.l3vpn-inet6.0", "bgp.l3vpn.0", "bgp.mvpn.0", "bgp.rtarget.0", "inet.0", "inet.3", "inet6.0"}
	vrfFamilies  = []string{"ermvpn.0", "evpn.0", "inet.0", "inet6.0", "mvpn.0"}
)

const (
	vpnTable     = "bgp.l3vpn.0"
	rtargetTable = "bgp.rtarget.0"
)

// Protocols as ShowRoutePath.protocol prints them.
const (
	protoXMPP  = "XMPP"
	protoBGP   = "BGP"
	protoLocal = "Local"
)

// attrs are a path's attributes; shared by a primary and its secondaries.
type attrs struct {
	protocol     string // "XMPP (interface)", "BGP", …
	source       string // agent name, or peer address (":port" if not 179)
	nextHop      netip.Addr
	label        uint32
	localPref    uint32
	med          uint32
	communities  []string
	encaps       []string
	originVN     string
	seqNo        uint32
	peerAS       uint32
	peerRouterID string
	localAS      uint32
	asPath       string
	origin       string
	infeasible   bool
	xmpp         bool // learned from an agent (wins ties over BGP)
}

// path is one path of a route in one table.
type path struct {
	a            *attrs
	primaryTable string   // "" for a primary
	secondaries  []string // for a primary: tables holding its copies
	modified     time.Time
	owner        *primary
}

// route is a destination in a table.
type route struct {
	prefix   string
	modified time.Time
	paths    []*path
	enc      xmpp.EncodedItem // item for agents, encoded once per change; nil = stale
	encOwner string           // agent whose own paths alone are best ("" none)
	sent     sentState        // what agents were last told about it (ribout.go)
}

// table is one routing table of one instance.
type table struct {
	name     string
	instance string
	routes   map[string]*route
	log      changeLog           // VRF inet and inet6 tables: changes for agents (ribout.go)
	subs     map[*agent]struct{} // agents subscribed to it
	sorted   []string            // its prefixes in order, for initial syncs; nil = to be made again
}

// sortedPrefixes returns the table's prefixes in order, made again only
// after a route was added or removed (a hundred agents syncing one table
// share them).
func (t *table) sortedPrefixes() []string {
	if t.sorted == nil {
		t.sorted = make([]string, 0, len(t.routes))
		for pfx := range t.routes {
			t.sorted = append(t.sorted, pfx)
		}
		sort.Strings(t.sorted)
	}
	return t.sorted
}

func (t *table) counts() (prefixes, paths, prim, sec, infeasible uint64) {
	prefixes = uint64(len(t.routes))
	for _, r := range t.routes {
		for _, p := range r.paths {
			paths++
			if p.primaryTable == "" {
				prim++
			} else {
				sec++
			}
			if p.a.infeasible {
				infeasible++
			}
		}
	}
	return
}

// instance is a routing instance.
type instance struct {
	name    string
	vn      *Network // nil for the master
	index   int      // local RI index (master 0)
	imports []string
	exports []string
	tables  []string
}

// primary is a path the node learned (XMPP or BGP) and where it was placed.
type primary struct {
	key    string
	table  string // table of the primary path
	prefix string // prefix text in that table
	a      *attrs
	placed []placement
}

type placement struct{ table, prefix string }

// rib holds the tables; callers hold the node's lock.
type rib struct {
	tables    map[string]*table
	instances map[string]*instance
	order     []string // instance names, master first then sorted
	primaries map[string]*primary
}

func newRIB(cfg Config) *rib {
	r := &rib{tables: map[string]*table{}, instances: map[string]*instance{}, primaries: map[string]*primary{}}
	r.add(&instance{name: MasterInstance, tables: append([]string(nil), masterTables...)})
	exports := map[string][]string{}
	for _, n := range cfg.Networks {
		exports[n.FQName] = exportTargets(cfg.ASN, n)
	}
	nets := append([]Network(nil), cfg.Networks...)
	sort.Slice(nets, func(i, j int) bool { return nets[i].InstanceName() < nets[j].InstanceName() })
	for i := range nets {
		n := &nets[i]
		in := &instance{name: n.InstanceName(), vn: n, index: i + 1, exports: exports[n.FQName]}
		imp := map[string]bool{}
		for _, t := range in.exports {
			imp[t] = true
		}
		for _, t := range n.ImportTargets {
			imp[t] = true
		}
		for _, o := range n.Connect {
			for _, t := range exports[o] {
				imp[t] = true
			}
		}
		for t := range imp {
			in.imports = append(in.imports, t)
		}
		sort.Strings(in.imports)
		for _, f := range vrfFamilies {
			in.tables = append(in.tables, in.name+"."+f)
		}
		r.add(in)
	}
	return r
}

func exportTargets(asn uint32, n Network) []string {
	if len(n.ExportTargets) > 0 {
		return append([]string(nil), n.ExportTargets...)
	}
	return []string{"target:" + itoa(uint64(asn)) + ":" + itoa(uint64(8000000+n.VNIndex))}
}

func (r *rib) add(in *instance) {
	r.instances[in.name] = in
	r.order = append(r.order, in.name)
	for _, t := range in.tables {
		r.tables[t] = &table{name: t, instance: in.name, routes: map[string]*route{}}
	}
}

// allImports is the union of the VN instances' import targets (RTC).
func (r *rib) allImports() []string {
	set := map[string]bool{}
	for _, in := range r.instances {
		for _, t := range in.imports {
			set[t] = true
		}
	}
	out := make([]string, 0, len(set))
	for t := range set {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// importers lists the VN instances importing any of targets, except skip.
func (r *rib) importers(targets []string, skip string) []*instance {
	var out []*instance
	for _, name := range r.order {
		in := r.instances[name]
		if in.vn == nil || name == skip {
			continue
		}
		for _, t := range in.imports {
			if contains(targets, t) {
				out = append(out, in)
				break
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// targetsOf are the route-target communities of a path.
func targetsOf(a *attrs) []string {
	var out []string
	for _, c := range a.communities {
		if strings.HasPrefix(c, "target:") {
			out = append(out, c)
		}
	}
	return out
}

// changed records a (table, prefix) that needs fan-out to agents.
type changed struct{ table, prefix string }

// addPrimary places p (replacing an earlier primary with the same key) and
// its secondaries: an XMPP path in a VRF table goes to bgp.l3vpn.0 under
// its VPN prefix and to every VRF importing its targets; a BGP path in
// bgp.l3vpn.0 goes to every VRF importing its targets.
func (r *rib) addPrimary(p *primary, vpnPrefix, plainPrefix string, now time.Time) []changed {
	ch := r.removePrimary(p.key, now)
	r.primaries[p.key] = p
	t := r.tables[p.table]
	pp := &path{a: p.a, modified: now, owner: p}
	ch = append(ch, r.insert(t, p.prefix, pp, now))
	srcInstance := t.instance
	vpn, fam := vpnTable, "inet.0"
	if pfx, err := netip.ParsePrefix(plainPrefix); err == nil && pfx.Addr().Is6() {
		vpn, fam = "bgp.l3vpn-inet6.0", "inet6.0"
	}
	if p.table != vpnTable && vpnPrefix != "" {
		p.placed = append(p.placed, placement{vpn, vpnPrefix})
	}
	for _, in := range r.importers(targetsOf(p.a), srcInstance) {
		p.placed = append(p.placed, placement{in.name + "." + fam, plainPrefix})
	}
	for _, pl := range p.placed {
		pp.secondaries = append(pp.secondaries, pl.table)
		sp := &path{a: p.a, primaryTable: p.table, modified: now, owner: p}
		ch = append(ch, r.insert(r.tables[pl.table], pl.prefix, sp, now))
	}
	return ch
}

// removePrimary deletes the primary with key and its secondaries.
func (r *rib) removePrimary(key string, now time.Time) []changed {
	p := r.primaries[key]
	if p == nil {
		return nil
	}
	delete(r.primaries, key)
	ch := []changed{r.remove(r.tables[p.table], p.prefix, p, now)}
	for _, pl := range p.placed {
		ch = append(ch, r.remove(r.tables[pl.table], pl.prefix, p, now))
	}
	return ch
}

func (r *rib) insert(t *table, prefix string, p *path, now time.Time) changed {
	rt := t.routes[prefix]
	if rt == nil {
		rt = &route{prefix: prefix}
		t.routes[prefix] = rt
		t.sorted = nil
	}
	rt.paths = append(rt.paths, p)
	sortPaths(rt.paths)
	rt.modified, rt.enc = now, nil
	return changed{t.name, prefix}
}

func (r *rib) remove(t *table, prefix string, owner *primary, now time.Time) changed {
	rt := t.routes[prefix]
	if rt == nil {
		return changed{t.name, prefix}
	}
	kept := rt.paths[:0]
	for _, p := range rt.paths {
		if p.owner != owner {
			kept = append(kept, p)
		}
	}
	rt.paths = kept
	rt.modified, rt.enc = now, nil
	if len(kept) == 0 {
		delete(t.routes, prefix)
		t.sorted = nil
	}
	return changed{t.name, prefix}
}

// sortPaths orders paths best first, after Contrail's PathCompare: feasible
// first, higher local preference, then XMPP over BGP, then primaries over
// secondaries, then by source for a stable order.
func sortPaths(ps []*path) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.a.infeasible != b.a.infeasible {
			return !a.a.infeasible
		}
		if a.a.localPref != b.a.localPref {
			return a.a.localPref > b.a.localPref
		}
		if a.a.xmpp != b.a.xmpp {
			return a.a.xmpp
		}
		if (a.primaryTable == "") != (b.primaryTable == "") {
			return a.primaryTable == ""
		}
		return a.a.source < b.a.source
	})
}

// best returns the ECMP set: the leading paths equal to the first up to
// the tie-breaks (feasibility and local preference).
func (rt *route) best() []*path {
	if len(rt.paths) == 0 || rt.paths[0].a.infeasible {
		return nil
	}
	first := rt.paths[0]
	out := []*path{first}
	for _, p := range rt.paths[1:] {
		if p.a.infeasible || p.a.localPref != first.a.localPref {
			break
		}
		out = append(out, p)
	}
	return out
}

func itoa(v uint64) string {
	if v == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for v > 0 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return string(b[i:])
}
