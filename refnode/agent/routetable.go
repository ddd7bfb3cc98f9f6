package agent

import (
	"net/netip"
	"sort"
)

// A VRF's routes are stored flat, without pointers: in the 980-vRouter
// run the agents hold 2.9 M routes with 5.8 M paths, and a route as a
// map entry pointing at a struct pointing at its paths (with a peer
// string and three pointers each) took about 230 bytes; a record in one
// slice, found through a map of plain keys, takes about 90, and the
// collector has nothing to scan in either. Readers get a route built on
// request (route, sortedRoutes, lpm): the introspect answers and the
// datapath see the same values as before.

// pfxKey is a prefix as plain bytes (a map key the collector skips).
type pfxKey struct {
	addr [16]byte
	bits uint8
	fam  uint8 // 0: invalid prefix, 4, 6
}

func keyOfPrefix(p netip.Prefix) pfxKey {
	if !p.IsValid() {
		return pfxKey{}
	}
	k := pfxKey{addr: p.Addr().As16(), bits: uint8(p.Bits()), fam: 6}
	if p.Addr().Is4() {
		k.fam = 4
	}
	return k
}

func (k pfxKey) hash() uint64 { return hash18(&k.addr, k.bits, k.fam) }

func (k pfxKey) prefix() netip.Prefix {
	switch k.fam {
	case 4:
		return netip.PrefixFrom(netip.AddrFrom16(k.addr).Unmap(), int(k.bits))
	case 6:
		return netip.PrefixFrom(netip.AddrFrom16(k.addr), int(k.bits))
	}
	return netip.Prefix{}
}

// cpath is a stored path: its next hop, attributes and peer as indexes in
// tables.nhs, tables.attrList and tables.peers.
type cpath struct {
	nh    int32
	label int32
	attrs int32
	peer  uint16
}

// routeRec is one stored route: its first two paths (a route has one per
// control node, so two is the usual count) inline, the others in
// routeTable.more.
type routeRec struct {
	key pfxKey
	n   uint8 // paths
	p   [2]cpath
}

// routeTable is a VRF's routes.
type routeTable struct {
	idx  slotIndex[pfxKey]
	recs []routeRec // in no order; a deleted route's place takes the last one
	more map[pfxKey][]cpath
}

// load appends the paths of recs[i] to buf.
func (rt *routeTable) load(i int, buf []cpath) []cpath {
	r := &rt.recs[i]
	n := min(int(r.n), len(r.p))
	buf = append(buf, r.p[:n]...)
	if int(r.n) > len(r.p) {
		buf = append(buf, rt.more[r.key]...)
	}
	return buf
}

// store makes ps the paths of recs[i] (ps is not kept).
func (rt *routeTable) store(i int, ps []cpath) {
	r := &rt.recs[i]
	had := int(r.n) > len(r.p)
	r.n = uint8(len(ps))
	r.p = [2]cpath{}
	copy(r.p[:], ps)
	switch {
	case len(ps) > len(r.p):
		if rt.more == nil {
			rt.more = map[pfxKey][]cpath{}
		}
		rt.more[r.key] = append(rt.more[r.key][:0], ps[len(r.p):]...)
	case had:
		delete(rt.more, r.key)
	}
}

// remove deletes recs[i] (its paths already gone).
func (rt *routeTable) remove(i int) {
	rt.idx.remove(rt.keyAt, rt.recs[i].key)
	last := len(rt.recs) - 1
	if i != last {
		rt.idx.move(rt.keyAt, rt.recs[last].key, i)
		rt.recs[i] = rt.recs[last]
	}
	rt.recs = rt.recs[:last]
}

// keyAt is the key of recs[i], for idx.
func (rt *routeTable) keyAt(i int) pfxKey { return rt.recs[i].key }

// get returns the index of k's record.
func (rt *routeTable) get(k pfxKey) (int, bool) { return rt.idx.get(rt.keyAt, k) }

// len is the number of routes.
func (rt *routeTable) len() int { return len(rt.recs) }

// peerID is the index of a path peer's name in t.peers.
func (t *tables) peerID(name string) uint16 {
	for i, p := range t.peers {
		if p == name {
			return uint16(i)
		}
	}
	t.peers = append(t.peers, name)
	return uint16(len(t.peers) - 1)
}

// compact is p as stored.
func (t *tables) compact(p *path) cpath {
	return cpath{nh: p.nh.index, label: p.label, attrs: p.pathAttrs.id, peer: t.peerID(p.peer)}
}

// expand is c as readers see it.
func (t *tables) expand(c cpath) path {
	return path{peer: t.peers[c.peer], nh: t.nhs[c.nh], label: c.label, pathAttrs: t.attrList[c.attrs]}
}

// routeAt builds recs[i] of v as a route.
func (v *vrf) routeAt(i int) *route {
	var buf [4]cpath
	cs := v.routes.load(i, buf[:0])
	r := &route{prefix: v.routes.recs[i].key.prefix(), paths: make([]path, len(cs))}
	for j, c := range cs {
		r.paths[j] = v.t.expand(c)
	}
	return r
}

// route returns the route of prefix in v, or nil.
func (v *vrf) route(prefix netip.Prefix) *route {
	i, ok := v.routes.get(keyOfPrefix(prefix))
	if !ok {
		return nil
	}
	return v.routeAt(i)
}

// hasRoute reports whether v has a route for prefix.
func (v *vrf) hasRoute(prefix netip.Prefix) bool {
	_, ok := v.routes.get(keyOfPrefix(prefix))
	return ok
}

// sortedRoutes returns the routes of v in prefix order.
func (v *vrf) sortedRoutes() []*route {
	out := make([]*route, len(v.routes.recs))
	for i := range v.routes.recs {
		out[i] = v.routeAt(i)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].prefix, out[j].prefix
		if c := a.Addr().Compare(b.Addr()); c != 0 {
			return c < 0
		}
		return a.Bits() < b.Bits()
	})
	return out
}

// setPath adds or replaces the path of p.peer on prefix in v.
func (t *tables) setPath(v *vrf, prefix netip.Prefix, p path) {
	rt := &v.routes
	k := keyOfPrefix(prefix)
	c := t.compact(&p)
	t.ref(p.nh)
	t.refAttrs(p.pathAttrs)
	t.gen++
	i, ok := rt.get(k)
	if !ok {
		rt.recs = append(rt.recs, routeRec{key: k, n: 1, p: [2]cpath{c}})
		rt.idx.add(rt.keyAt, len(rt.recs)-1)
		return
	}
	var buf [4]cpath
	cs := rt.load(i, buf[:0])
	replaced := false
	for j, old := range cs {
		if old.peer == c.peer {
			t.release(old)
			cs[j] = c
			replaced = true
			break
		}
	}
	if !replaced {
		cs = append(cs, c)
	}
	t.sortPaths(cs)
	rt.store(i, cs)
}

// release drops what a stored path held: its next hop and attributes.
func (t *tables) release(c cpath) {
	t.unref(t.nhs[c.nh])
	t.unrefAttrs(t.attrList[c.attrs])
}

// delPath removes peer's path on prefix; an empty route goes away.
func (t *tables) delPath(v *vrf, prefix netip.Prefix, peer string) bool {
	i, ok := v.routes.get(keyOfPrefix(prefix))
	return ok && t.delPathAt(v, i, t.peerID(peer))
}

// delPathAt removes the path of peer from recs[i] of v.
func (t *tables) delPathAt(v *vrf, i int, peer uint16) bool {
	rt := &v.routes
	var buf [4]cpath
	cs := rt.load(i, buf[:0])
	for j, p := range cs {
		if p.peer != peer {
			continue
		}
		t.release(p)
		t.gen++
		cs = append(cs[:j], cs[j+1:]...)
		rt.store(i, cs)
		if len(cs) == 0 {
			rt.remove(i)
		}
		return true
	}
	return false
}

// delPeer removes every path of peer (a control node whose session died).
func (t *tables) delPeer(peer string) int {
	id := t.peerID(peer)
	n := 0
	for _, v := range t.vrfs {
		// Backwards: a removed route's place takes the last one, already seen.
		for i := v.routes.len() - 1; i >= 0; i-- {
			if t.delPathAt(v, i, id) {
				n++
			}
		}
	}
	return n
}

// setLabel gives peer's path on prefix in v the label l (Relabel: the
// route does not change otherwise, so flows are not evaluated again).
func (t *tables) setLabel(v *vrf, prefix netip.Prefix, peer string, l int32) {
	i, ok := v.routes.get(keyOfPrefix(prefix))
	if !ok {
		return
	}
	id := t.peerID(peer)
	var buf [4]cpath
	cs := v.routes.load(i, buf[:0])
	for j := range cs {
		if cs[j].peer == id {
			cs[j].label = l
		}
	}
	v.routes.store(i, cs)
}

// sortPaths orders stored paths as pathLess does.
func (t *tables) sortPaths(cs []cpath) {
	// An insertion sort: a route has one to a few paths, and every learned
	// route of every agent comes through here.
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0; j-- {
			a, b := t.expand(cs[j]), t.expand(cs[j-1])
			if !pathLess(&a, &b) {
				break
			}
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}
