package agent

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// Names of the VRFs every agent has (local ids 0 and 1).
const (
	FabricVRF    = "default-domain:default-project:ip-fabric:__default__"
	LinkLocalVRF = "default-domain:default-project:__link_local__:__link_local__"
	LinkLocalVN  = "default-domain:default-project:__link_local__"
	FabricVN     = "default-domain:default-project:ip-fabric"
)

// Peer names of agent paths, as the agent's introspect shows them.
const (
	PeerLocalVmPort = "LocalVmPort"
	PeerLocal       = "Local"
)

// VRRPMAC is the MAC the vRouter answers ARP with for VM interfaces.
const VRRPMAC = "00:00:5e:00:01:00"

type nhKind uint8

const (
	nhDiscard nhKind = iota
	nhReceive
	nhInterface
	nhTunnel
	nhL2Receive
	nhResolve
	nhComposite
	nhVrf // VXLAN: decapsulated packets go to a VRF
)

var nhTypeNames = [...]string{"discard", "receive", "interface", "tunnel", "l2-receive", "resolve", "Composite", "vrf"}

// nextHop is one agent NH; tunnel NHs are shared by every route towards
// the same remote vRouter with the same encapsulation. Each agent of the
// 980-vRouter run holds one tunnel NH per other vRouter (960 k in all),
// so a NH is kept to 64 bytes: what a tunnel NH shows (its VRF, source
// address, tunnel type) comes from its VRF and encapsulation bit, and the
// ECMP members sit behind a pointer only composites set.
type nextHop struct {
	index  int32
	refs   int32 // paths and labels using it
	kind   nhKind
	policy bool
	enc    uint8  // tunnel NHs: encGRE, encUDP or encVXLAN
	itf    *iface // interface and receive NHs
	vrf    *vrf   // nil: none (discard)
	dip    netip.Addr
	*ecmp  // composite NHs only
}

// ecmp is what a composite NH holds: one tunnel NH and label per remote
// next hop.
type ecmp struct {
	members []*nextHop
	labels  []int32
	key     string
}

// vrfName is the name of the NH's VRF ("" for none).
func (nh *nextHop) vrfName() string {
	if nh.vrf == nil {
		return ""
	}
	return nh.vrf.name
}

// sip is a tunnel NH's source: the agent's own address.
func (nh *nextHop) sip() netip.Addr {
	if nh.kind != nhTunnel {
		return netip.Addr{}
	}
	return nh.vrf.t.self
}

// tunnelType is a tunnel NH's encapsulation (MPLSoUDP, MPLSoGRE, VXLAN).
func (nh *nextHop) tunnelType() string {
	if nh.kind != nhTunnel {
		return ""
	}
	return encNames[nh.enc]
}

// path is one path of a route: a local one (LocalVmPort, Local) or one per
// control node that sent the route (peer = control node address).
type path struct {
	peer  string
	nh    *nextHop
	label int32
	*pathAttrs
}

// pathAttrs are what a path carries from its route: shared by every path
// with the same values (all the routes of a VN usually have the same), so
// an agent holding thousands of routes holds a handful of these. Never
// changed while in use: tables.attrs hands them out, and one that no
// stored path uses any more (refs 0) goes on a free list, so that the
// attribute sets churn makes (a pod's VM name, a route's security groups
// or sequence number) do not pile up in a long-running lab.
type pathAttrs struct {
	destVN      []string
	sgs         []int32
	pref        uint32
	seq         uint32
	tunnelTypes string // supported_tunnel_type text
	vmName      string
	id          int32 // index in tables.attrList
	refs        int32 // stored paths using it
	listed      bool  // on tables.attrFree
}

// attrKey is a pathAttrs as a map key: the first four security groups
// inline (the usual shape), any others as text.
type attrKey struct {
	vn, tunnelTypes, vmName string
	pref, seq               uint32
	nsgs                    int
	sgs                     [4]int32
	moreSGs                 string
}

func attrKeyOf(vn string, sgs []int32, pref, seq uint32, tunnelTypes, vmName string) attrKey {
	k := attrKey{vn: vn, tunnelTypes: tunnelTypes, vmName: vmName, pref: pref, seq: seq, nsgs: len(sgs)}
	copy(k.sgs[:], sgs)
	if len(sgs) > len(k.sgs) {
		var b []byte
		for _, g := range sgs[len(k.sgs):] {
			b = strconv.AppendInt(append(b, ' '), int64(g), 10)
		}
		k.moreSGs = string(b)
	}
	return k
}

// attrs returns the shared pathAttrs with these values (sgs is copied).
//
// A freed one stays in attrShared until its struct is reused, so the
// attributes that come back after a session flap or a pod re-created
// cost a lookup, as they did when nothing was freed. A new one takes the
// struct and slot of a freed one when there is one (never its sgs, which
// readers' copies may hold): attrList and the map stay as large as the
// most attribute sets the agent ever used at once.
//
// The caller stores a path holding the result (setPath counts it) before
// its next call: until then a freed set it got back is still on the free
// list, and the next call could take it for other values. Every caller
// passes attrs straight into setPath.
func (t *tables) attrs(vn string, sgs []int32, pref, seq uint32, tunnelTypes, vmName string) *pathAttrs {
	k := attrKeyOf(vn, sgs, pref, seq, tunnelTypes, vmName)
	// The routes of one message usually share their attributes: comparing
	// with the last key is cheaper than hashing its strings.
	if t.lastAttrs != nil && k == t.lastAttrKey {
		return t.lastAttrs
	}
	if p := t.attrShared[k]; p != nil {
		t.lastAttrKey, t.lastAttrs = k, p
		return p
	}
	if t.attrShared == nil {
		t.attrShared = map[attrKey]*pathAttrs{}
	}
	p := t.reuseAttrs()
	if p == nil {
		p = &pathAttrs{id: int32(len(t.attrList))}
		t.attrList = append(t.attrList, p)
	}
	*p = pathAttrs{destVN: t.vnList(vn), pref: pref, seq: seq, tunnelTypes: tunnelTypes, vmName: vmName, id: p.id}
	if len(sgs) > 0 {
		p.sgs = slices.Clone(sgs)
	}
	t.attrShared[k] = p
	t.lastAttrKey, t.lastAttrs = k, p
	return p
}

// reuseAttrs takes a freed pathAttrs off the free list (skipping those in
// use again) and forgets its values; nil when there is none.
func (t *tables) reuseAttrs() *pathAttrs {
	for n := len(t.attrFree); n > 0; n-- {
		p := t.attrFree[n-1]
		t.attrFree = t.attrFree[:n-1]
		p.listed = false
		if p.refs > 0 {
			continue
		}
		delete(t.attrShared, attrKeyOf(p.destVN[0], p.sgs, p.pref, p.seq, p.tunnelTypes, p.vmName))
		if t.lastAttrs == p {
			t.lastAttrs = nil
		}
		return p
	}
	return nil
}

// refAttrs counts a stored path using p.
func (t *tables) refAttrs(p *pathAttrs) { p.refs++ }

// unrefAttrs drops a stored path's use of p; unused, p goes on the free
// list (once).
func (t *tables) unrefAttrs(p *pathAttrs) {
	p.refs--
	if p.refs == 0 && !p.listed {
		p.listed = true
		t.attrFree = append(t.attrFree, p)
	}
}

// route is a route as readers see it, built on request from the VRF's
// routeTable (routetable.go).
type route struct {
	prefix netip.Prefix
	paths  []path
}

type vrf struct {
	id      int32
	name    string
	vn      string // VN fq name; "" for link-local
	vnIndex int
	vxlan   int
	net     *Network
	routes  routeTable
	t       *tables  // the agent's tables, which the routes' indexes point into
	vxlanNH *nextHop // VN VRFs only
}

type iface struct {
	index   int32
	name    string
	typ     string // vport, eth, vhost, pkt
	cfg     *Interface
	vrf     string
	label   int32 // -1 none
	nh      *nextHop
	osIndex int32
	// inactive: the reasons of a VM interface made inactive by a fault
	// (fault_interface.go); nil = active.
	inactive []string
}

// labelAllocator hands out MPLS labels from 16 up, skipping the multicast
// label blocks the agent reserves at the top of the label space (one per
// control node, controller_init.cc SetAgentMcastLabelRange).
type labelAllocator struct {
	next      int32
	free      []int32
	mcastLow  int32 // first label of the reserved multicast blocks
	mcastHigh int32 // one past the last
	max       int32
}

// Label space of a default vRouter (VR_DEF_LABELS) and its reserved
// multicast blocks (MaxXMPPServers blocks of mcastBlock labels at the top).
const (
	firstLabel = 16
	maxLabels  = 5120
	mcastBlock = 1024
)

func newLabelAllocator() *labelAllocator {
	return &labelAllocator{next: firstLabel, mcastLow: maxLabels - MaxXMPPServers*mcastBlock, mcastHigh: maxLabels, max: maxLabels}
}

// alloc returns a free label, or -1 when the space is exhausted.
func (l *labelAllocator) alloc() int32 {
	if n := len(l.free); n > 0 {
		v := l.free[n-1]
		l.free = l.free[:n-1]
		return v
	}
	if l.next >= l.mcastLow && l.next < l.mcastHigh {
		l.next = l.mcastHigh
	}
	if l.next >= l.max {
		return -1
	}
	v := l.next
	l.next++
	return v
}

func (l *labelAllocator) release(v int32) {
	if v >= firstLabel {
		l.free = append(l.free, v)
	}
}

// tables is the agent's oper state. Every access holds Agent.mu.
type tables struct {
	vrfs        []*vrf // index = VRF id
	vrfByName   map[string]*vrf
	itfs        []*iface
	itfByName   map[string]*iface
	nextItf     int32                // interface indexes are never reused
	nhs         []*nextHop           // index = NH id; nil = freed
	nhFree      []int32              // freed NH ids, reused (as the vRouter reuses NH ids)
	tunnels     slotIndex[tunnelKey] // tunnel NHs in nhs
	composites  map[string]*nextHop  // ECMP NHs by member list
	labels      map[int32]*nextHop
	alloc       *labelAllocator
	discard     *nextHop
	self        netip.Addr
	vnLists     map[string][]string // shared one-element dest_vn lists
	attrShared  map[attrKey]*pathAttrs
	lastAttrKey attrKey // the key attrs last looked up, and what it found
	lastAttrs   *pathAttrs
	attrList    []*pathAttrs // index = pathAttrs.id
	attrFree    []*pathAttrs // unused ones (refs 0), to reuse
	peers       []string     // path peer names, indexed by cpath.peer

	// IFMap nodes and links deleted since start (removed interfaces).
	ifmapNodeDels, ifmapLinkDels int

	// dp is the simulated datapath: flows, drop counters, kernel faults.
	dp datapath
	// gen counts route changes: flows made before are evaluated again.
	gen uint64
}

// vnList returns the shared []string{vn} (paths never modify it).
func (t *tables) vnList(vn string) []string {
	if l, ok := t.vnLists[vn]; ok {
		return l
	}
	if t.vnLists == nil {
		t.vnLists = map[string][]string{}
	}
	l := []string{vn}
	t.vnLists[vn] = l
	return l
}

// tunnelKey is a tunnel NH's key as plain bytes (the agent looks one up
// for every route it gets: a key holding a netip.Addr and a string was
// hashed field by field, 5% of the 980 run's CPU).
type tunnelKey struct {
	dip [16]byte
	is4 bool
	enc uint8
}

func (k tunnelKey) hash() uint64 {
	fam := uint8(6)
	if k.is4 {
		fam = 4
	}
	return hash18(&k.dip, k.enc, fam)
}

// tunnelKeyAt is the key of nhs[i] (a tunnel NH), for tunnels.
func (t *tables) tunnelKeyAt(i int) tunnelKey { return tunnelKeyOf(t.nhs[i].dip, t.nhs[i].enc) }

// tunnelKeyOf returns the key of the tunnel NH towards dip with
// encapsulation enc.
func tunnelKeyOf(dip netip.Addr, enc uint8) tunnelKey {
	return tunnelKey{dip: dip.As16(), is4: dip.Is4(), enc: enc}
}

// addNH gives nh an id (a freed one first) and lists it.
func (t *tables) addNH(nh *nextHop) *nextHop {
	if n := len(t.nhFree); n > 0 {
		nh.index = t.nhFree[n-1]
		t.nhFree = t.nhFree[:n-1]
		t.nhs[nh.index] = nh
		return nh
	}
	nh.index = int32(len(t.nhs))
	t.nhs = append(t.nhs, nh)
	return nh
}

// freeNH unlists nh; its id goes to the next NH made. Churn (pods, and
// tunnels towards vRouters whose routes come and go with sessions) would
// otherwise grow nhs by a slot per NH ever made.
func (t *tables) freeNH(nh *nextHop) {
	t.nhs[nh.index] = nil
	t.nhFree = append(t.nhFree, nh.index)
}

// tunnelNH returns (creating it) the tunnel NH towards dip with
// encapsulation enc.
func (t *tables) tunnelNH(dip netip.Addr, enc uint8) *nextHop {
	k := tunnelKeyOf(dip, enc)
	if i, ok := t.tunnels.get(t.tunnelKeyAt, k); ok {
		return t.nhs[i]
	}
	nh := t.addNH(&nextHop{kind: nhTunnel, vrf: t.vrfs[0], dip: dip, enc: enc})
	t.tunnels.add(t.tunnelKeyAt, int(nh.index))
	return nh
}

func (t *tables) ref(nh *nextHop) { nh.refs++ }

// unref drops a reference; an unused tunnel NH is freed.
func (t *tables) unref(nh *nextHop) {
	nh.refs--
	if nh.refs > 0 {
		return
	}
	switch nh.kind {
	case nhTunnel:
		t.tunnels.remove(t.tunnelKeyAt, tunnelKeyOf(nh.dip, nh.enc))
		t.freeNH(nh)
	case nhComposite:
		delete(t.composites, nh.key)
		t.freeNH(nh)
		for _, m := range nh.members {
			t.unref(m)
		}
	}
}

// compositeNH returns (creating it) the ECMP NH over members with their
// labels, shared by every route with the same member list.
func (t *tables) compositeNH(v *vrf, members []*nextHop, labels []int32) *nextHop {
	var b strings.Builder
	for i, m := range members {
		fmt.Fprintf(&b, "%d/%d,", m.index, labels[i])
	}
	key := v.name + "|" + b.String()
	if nh := t.composites[key]; nh != nil {
		return nh
	}
	nh := t.addNH(&nextHop{kind: nhComposite, vrf: v, ecmp: &ecmp{members: members, labels: labels, key: key}})
	for _, m := range members {
		t.ref(m)
	}
	if t.composites == nil {
		t.composites = map[string]*nextHop{}
	}
	t.composites[key] = nh
	return nh
}

// peerRank orders paths as the agent prefers them: local ones first, then
// by preference, then by peer name for a stable order.
func peerRank(p *path) int {
	switch p.peer {
	case PeerLocalVmPort:
		return 0
	case PeerLocal:
		return 1
	}
	return 2
}

func pathLess(a, b *path) bool {
	if ra, rb := peerRank(a), peerRank(b); ra != rb {
		return ra < rb
	}
	if a.pref != b.pref {
		return a.pref > b.pref
	}
	return a.peer < b.peer
}

// Encapsulation bits of a next hop, and the supported_tunnel_type text of
// each combination (names in alphabetical order), precomputed so that a
// learned route costs no string building.
const (
	encGRE = 1 << iota
	encUDP
	encVXLAN
)

var encNames = [...]string{encGRE: "MPLSoGRE", encUDP: "MPLSoUDP", encVXLAN: "VXLAN"}

var supportedText = func() (t [8]string) {
	for m := 1; m < 8; m++ {
		s := ""
		for _, bit := range []int{encGRE, encUDP, encVXLAN} {
			if m&bit != 0 {
				if s != "" {
					s += " "
				}
				s += encNames[bit]
			}
		}
		t[m] = s
	}
	return t
}()

// tunnelTypeFor picks the encapsulation for a remote next hop by the
// encapsulation priority, among those the item offers (none = gre): its
// bit, and the supported_tunnel_type text of those offered.
func tunnelTypeFor(encaps []string, priority []string) (active uint8, supported string) {
	mask := 0
	for _, e := range encaps {
		switch strings.ToLower(e) {
		case "gre":
			mask |= encGRE
		case "udp":
			mask |= encUDP
		case "vxlan":
			mask |= encVXLAN
		}
	}
	if mask == 0 {
		mask = encGRE
	}
	for _, p := range priority {
		for _, bit := range []int{encGRE, encUDP, encVXLAN} {
			if mask&bit != 0 && encNames[bit] == p {
				return uint8(bit), supportedText[mask]
			}
		}
	}
	for _, bit := range []int{encGRE, encUDP, encVXLAN} {
		if mask&bit != 0 {
			return uint8(bit), supportedText[mask]
		}
	}
	return encGRE, supportedText[encGRE]
}

// DefaultEncapPriority is CB's ENCAP_PRIORITY default.
var DefaultEncapPriority = []string{"MPLSoUDP", "MPLSoGRE", "VXLAN"}
