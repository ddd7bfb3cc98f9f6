package agent

import (
	"hash/fnv"
	"math/rand"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/tfkit/tfkit/refnode/xmpp"
)

// shuffledControls is the configured list after Contrail's random_shuffle,
// seeded so that runs are reproducible.
func shuffledControls(in []Control, seed int64, name string) []Control {
	out := append([]Control(nil), in...)
	if seed == 0 {
		h := fnv.New64a()
		h.Write([]byte(name))
		seed = int64(h.Sum64())
	}
	rand.New(rand.NewSource(seed)).Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// channel is one controller channel (AgentXmppChannel): an XMPP client
// plus the End-of-RIB bookkeeping.
type channel struct {
	a      *Agent
	ctl    Control
	peer   string // path peer name: the control node address
	client *xmpp.Client
	conn   xmppConn // its NodeStatus entry, rewritten on each event below

	mu          sync.Mutex
	eorTimer    *time.Timer
	eorTxAt     time.Time
	eorRxAt     time.Time
	lastPublish time.Time
	seq         uint64
}

// applyControlsLocked fills the free channel slots from the head of the
// list, skipping controls already in use.
func (a *Agent) applyControlsLocked() {
	for _, c := range a.order {
		if len(a.channels) >= MaxXMPPServers {
			return
		}
		if a.inUseLocked(c.Name) {
			continue
		}
		a.channels = append(a.channels, a.newChannelLocked(c))
	}
}

func (a *Agent) inUseLocked(name string) bool {
	for _, ch := range a.channels {
		if ch.ctl.Name == name {
			return true
		}
	}
	return false
}

func (a *Agent) newChannelLocked(c Control) *channel {
	ch := &channel{a: a, ctl: c, peer: c.Address.String()}
	tm := a.cfg.Timers
	ch.client = xmpp.NewClient(xmpp.ClientConfig{
		Name: a.cfg.Name, LocalAddr: a.cfg.Address, ServerAddr: netip.AddrPortFrom(c.Address, uint16(c.Port)),
		ServerName: c.Name, Hold: tm.XMPPHold, BackoffCap: tm.XMPPBackoff, BackoffUnit: tm.XMPPBackoff / 30,
		Handler: ch,
	})
	if a.paused {
		ch.client.Pause()
	}
	if a.blocked[c.Name] {
		ch.client.Block(true)
	}
	ch.client.Start(a.ctx)
	return ch
}

// stop ends the channel and drops the paths it brought.
func (ch *channel) stop() {
	ch.client.Stop()
	ch.forget()
}

// forget stops the End-of-RIB timer and drops every path this control
// node brought (no graceful restart: no stale paths are kept).
func (ch *channel) forget() {
	ch.mu.Lock()
	if ch.eorTimer != nil {
		ch.eorTimer.Stop()
	}
	ch.mu.Unlock()
	ch.a.mu.Lock()
	if ch.a.t != nil {
		ch.a.t.delPeer(ch.peer)
	}
	ch.a.mu.Unlock()
}

// rotate handles TIMEDOUT (controller_peer.cc TimedOut): the server goes
// to the end of the list and the freed slot takes the next server not in
// use; a channel still connected is kept.
func (a *Agent) rotate(ch *channel) {
	a.mu.Lock()
	slot := -1
	for i, c := range a.channels {
		if c == ch {
			slot = i
		}
	}
	if !a.running || slot < 0 {
		a.mu.Unlock()
		return
	}
	for i, c := range a.order {
		if c.Name == ch.ctl.Name {
			a.order = append(append(a.order[:i:i], a.order[i+1:]...), c)
			break
		}
	}
	var repl *Control
	for i := range a.order {
		c := &a.order[i]
		if c.Name != ch.ctl.Name && !a.inUseLocked(c.Name) {
			repl = c
			break
		}
	}
	if repl == nil { // nowhere else to go: keep trying this one
		a.mu.Unlock()
		return
	}
	a.channels[slot] = a.newChannelLocked(*repl)
	a.mu.Unlock()
	a.trace.add("Server " + ch.ctl.Name + " moved to the end of the list; slot " + strconv.Itoa(slot) + " now " + repl.Name)
	ch.stop()
}

// --- xmpp.ClientHandler ---

// Established subscribes to every VRF and publishes every local route.
func (ch *channel) Established(c *xmpp.Client) {
	ch.conn.note(c, true)
	a := ch.a
	a.trace.add("Peer " + ch.peer + " (" + ch.ctl.Name + ") Established")
	type sub struct {
		name string
		id   int
	}
	type pub struct {
		vrf string
		r   xmpp.Route
	}
	var subs []sub
	var pubs []pub
	a.mu.Lock()
	for _, v := range a.t.vrfs {
		if v.name == LinkLocalVRF {
			continue
		}
		subs = append(subs, sub{v.name, int(v.id)})
		for _, r := range v.sortedRoutes() {
			if p := &r.paths[0]; p.peer == PeerLocalVmPort {
				pubs = append(pubs, pub{v.name, a.itemOf(v, r.prefix, p)})
			}
		}
	}
	a.mu.Unlock()
	for _, s := range subs {
		if c.Subscribe(s.name, s.id) != nil {
			return
		}
	}
	for _, p := range pubs {
		if c.Publish(p.vrf, p.r) != nil {
			return
		}
	}
	ch.mu.Lock()
	ch.lastPublish = time.Now()
	ch.seq++
	if ch.eorTimer != nil {
		ch.eorTimer.Stop()
	}
	ch.eorTimer = time.AfterFunc(a.cfg.Timers.AgentEoRQuiet, func() {
		if c.SendEndOfRib() == nil {
			ch.mu.Lock()
			ch.eorTxAt = time.Now()
			ch.mu.Unlock()
		}
	})
	ch.mu.Unlock()
}

// publish sends one local route on the channel (if established) and
// restarts the End-of-RIB quiet timer bookkeeping.
func (ch *channel) publish(vrfName string, r xmpp.Route) {
	if ch.client.Publish(vrfName, r) == nil {
		ch.mu.Lock()
		ch.lastPublish = time.Now()
		ch.seq++
		ch.mu.Unlock()
	}
}

// itemOf is the XMPP item the agent publishes for a local path.
func (a *Agent) itemOf(v *vrf, pfx netip.Prefix, p *path) xmpp.Route {
	sgs := make([]uint32, 0, len(p.sgs))
	for _, s := range p.sgs {
		sgs = append(sgs, uint32(s))
	}
	return xmpp.Route{
		Family: familyOf(pfx), Prefix: pfx, VirtualNetwork: v.vn, LocalPref: p.pref, SecurityGroups: sgs, SequenceNumber: p.seq,
		SubProtocol: "interface",
		NextHops:    []xmpp.NextHop{{Address: a.cfg.Address, Label: uint32(p.label), Encaps: []string{"gre", "udp"}}},
	}
}

// familyOf is inet or inet6 by the prefix.
func familyOf(p netip.Prefix) xmpp.Family {
	if p.Addr().Is6() {
		return xmpp.FamilyInet6
	}
	return xmpp.FamilyInet
}

// Down drops every path this control node brought.
func (ch *channel) Down(c *xmpp.Client, reason string) {
	ch.conn.note(c, false)
	ch.a.trace.add("Peer " + ch.peer + " (" + ch.ctl.Name + ") Down: " + reason)
	ch.forget()
}

// TimedOut rotates the server away (outside the client's goroutine, since
// replacing the channel stops this client).
func (ch *channel) TimedOut(c *xmpp.Client) {
	ch.conn.note(c, false)
	ch.a.trace.add("Peer " + ch.peer + " (" + ch.ctl.Name + ") TIMEDOUT")
	ch.a.wg.Add(1)
	go func() {
		defer ch.a.wg.Done()
		ch.a.rotate(ch)
	}()
}

// Update stores routes from the control node as tunnel paths.
func (ch *channel) Update(c *xmpp.Client, instance string, fam xmpp.Family, items []xmpp.Route, retracts []netip.Prefix) {
	a := ch.a
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.t == nil {
		return
	}
	v := a.t.vrfByName[instance]
	if v == nil {
		return
	}
	for _, it := range items {
		if len(it.NextHops) == 0 {
			continue
		}
		// Our own address among the next hops is served by the local
		// path; the others become tunnel NHs (an ECMP composite if several).
		var nh *nextHop
		var label int32
		var supported string
		var members []*nextHop
		var labels []int32
		for _, h := range it.NextHops {
			if h.Address == a.cfg.Address {
				continue
			}
			var active uint8
			active, supported = tunnelTypeFor(h.Encaps, a.cfg.EncapPriority)
			tnh := a.t.tunnelNH(h.Address, active)
			if nh == nil {
				nh, label = tnh, int32(h.Label)
				continue
			}
			if members == nil {
				members, labels = []*nextHop{nh}, []int32{label}
			}
			members = append(members, tnh)
			labels = append(labels, int32(h.Label))
		}
		if nh == nil {
			continue // our own route reflected back: the local path stands
		}
		if len(members) > 1 {
			nh, label = a.t.compositeNH(v, members, labels), -1
		}
		var sgBuf [4]int32
		sgs := sgBuf[:0]
		for _, s := range it.SecurityGroups {
			sgs = append(sgs, int32(s))
		}
		a.t.setPath(v, it.Prefix, path{peer: ch.peer, nh: nh, label: label, pathAttrs: a.t.attrs(
			it.VirtualNetwork, sgs, it.LocalPref, it.SequenceNumber, supported, "")})
	}
	for _, p := range retracts {
		a.t.delPath(v, p, ch.peer)
	}
}

// EndOfRib records the control node's End-of-RIB.
func (ch *channel) EndOfRib(c *xmpp.Client) {
	ch.mu.Lock()
	ch.eorRxAt = time.Now()
	ch.mu.Unlock()
}
