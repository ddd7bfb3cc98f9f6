package bgp

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	api "github.com/osrg/gobgp/v4/api"
	"github.com/osrg/gobgp/v4/pkg/apiutil"
	gbgp "github.com/osrg/gobgp/v4/pkg/packet/bgp"
	"github.com/osrg/gobgp/v4/pkg/server"
)

// Config configures a GoBGP speaker.
type Config struct {
	RouterID   netip.Addr
	ASN        uint32
	Address    netip.Addr // source address of outbound sessions (the node's address)
	ListenPort int        // GoBGP's own (internal) listener on Address; the gate relays to it
	Peers      []PeerConfig
	// Timers; GoBGP works in whole seconds with floors of 3 s hold and
	// 2 s connect retry, so smaller values are raised.
	Hold         time.Duration
	ConnectRetry time.Duration
	// IdleHold is how long a peer stays Idle after its session failed
	// before it shows Active and reconnects (contrail-control: 5 s, the
	// default when zero). See revive.go.
	IdleHold time.Duration
	Logger   *slog.Logger // nil = discard
}

// Families the speaker carries on the wire, and how Contrail names them.
var (
	wireFamilies   = []uint32{4, 12} // oc.IntToAfiSafiTypeMap: l3vpn-ipv4-unicast, rtc
	contrailFamily = []string{"inet-vpn", "route-target"}
)

// startMu serialises StartBgp. GoBGP v4.8.0 writes package-global route
// selection options in StartBgp (server.go table.SelectionOptions), which
// every running server reads while selecting paths. So: create every
// server of the process (New) before any of them has neighbors (Start),
// and never call StartBgp again; stop/start of a node goes through its
// Gate. Upstream fixed this after v4.8.0 (osrg/gobgp PR #3659).
var startMu sync.Mutex

// GoBGP is the Speaker on top of github.com/osrg/gobgp/v4/pkg/server.
type GoBGP struct {
	cfg  Config
	srv  *server.BgpServer
	hist *history

	mu       sync.Mutex
	watchers []func(Event)
	added    map[string]uuid.UUID            // route key -> GoBGP path UUID
	rtc      map[string]uuid.UUID            // target -> RTC path UUID
	learned  map[netip.Addr]map[string]Route // per peer, by route key
	admin    map[netip.Addr]bool             // true = admin down
	base     map[netip.Addr][2]MsgCounters   // rx, tx of re-created neighbors (revive.go)
	reviveMu sync.Mutex                      // one re-creation at a time
	cancel   context.CancelFunc
	closed   bool
}

// New creates and starts the GoBGP server with no neighbors. Create every
// speaker of the process before calling Start on any (see startMu).
func New(cfg Config) (*GoBGP, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if !cfg.RouterID.Is4() || !cfg.Address.Is4() {
		return nil, fmt.Errorf("bgp: router id %s and address %s must be IPv4", cfg.RouterID, cfg.Address)
	}
	lvl := new(slog.LevelVar)
	lvl.Set(slog.LevelError)
	s := server.NewBgpServer(server.LoggerOption(cfg.Logger, lvl))
	go s.Serve()
	startMu.Lock()
	err := s.StartBgp(context.Background(), &api.StartBgpRequest{Global: &api.Global{
		Asn:             cfg.ASN,
		RouterId:        cfg.RouterID.String(),
		ListenPort:      int32(cfg.ListenPort),
		ListenAddresses: []string{cfg.Address.String()},
		Families:        wireFamilies,
	}})
	startMu.Unlock()
	if err != nil {
		s.Stop()
		return nil, fmt.Errorf("bgp: start speaker %s on %s:%d: %w", cfg.RouterID, cfg.Address, cfg.ListenPort, err)
	}
	return &GoBGP{
		cfg: cfg, srv: s, hist: newHistory(),
		added: map[string]uuid.UUID{}, rtc: map[string]uuid.UUID{},
		learned: map[netip.Addr]map[string]Route{}, admin: map[netip.Addr]bool{},
		base: map[netip.Addr][2]MsgCounters{},
	}, nil
}

func secs(d time.Duration, floor uint64) uint64 {
	s := uint64((d + time.Second/2) / time.Second)
	if s < floor {
		s = floor
	}
	return s
}

// Watch implements Speaker.
func (g *GoBGP) Watch(fn func(Event)) {
	g.mu.Lock()
	g.watchers = append(g.watchers, fn)
	g.mu.Unlock()
}

func (g *GoBGP) emit(ev Event) {
	g.mu.Lock()
	ws := append(make([]func(Event), 0, len(g.watchers)), g.watchers...)
	g.mu.Unlock()
	for _, fn := range ws {
		fn(ev)
	}
}

// Start implements Speaker: watch events, then add the neighbors.
func (g *GoBGP) Start(ctx context.Context) error {
	wctx, cancel := context.WithCancel(context.Background())
	g.mu.Lock()
	g.cancel = cancel
	g.mu.Unlock()
	err := g.srv.WatchEvent(wctx, server.WatchEventMessageCallbacks{
		OnPeerUpdate: g.onPeer,
		OnPathUpdate: g.onPaths,
	}, server.WatchPeer(), server.WatchUpdate(false, "", ""))
	if err != nil {
		return fmt.Errorf("bgp: watch: %w", err)
	}
	for _, p := range g.cfg.Peers {
		if err := g.srv.AddPeer(ctx, g.peerRequest(p)); err != nil {
			return fmt.Errorf("bgp: add peer %s (%s): %w", p.Name, p.Address, err)
		}
	}
	return nil
}

// peerRequest is GoBGP's configuration of one neighbor.
func (g *GoBGP) peerRequest(p PeerConfig) *api.AddPeerRequest {
	hold := secs(g.cfg.Hold, 3)
	var afs []*api.AfiSafi
	for _, f := range []api.Family_Safi{api.Family_SAFI_MPLS_VPN, api.Family_SAFI_ROUTE_TARGET_CONSTRAINTS} {
		afs = append(afs, &api.AfiSafi{Config: &api.AfiSafiConfig{Family: &api.Family{Afi: api.Family_AFI_IP, Safi: f}, Enabled: true}})
	}
	return &api.AddPeerRequest{Peer: &api.Peer{
		Conf: &api.PeerConf{NeighborAddress: p.Address.String(), PeerAsn: p.ASN, Description: p.Name},
		Transport: &api.Transport{LocalAddress: g.cfg.Address.String(), RemotePort: uint32(p.Port),
			PassiveMode: passiveTowards(g.cfg.Address, p.Address)},
		Timers: &api.Timers{Config: &api.TimersConfig{
			ConnectRetry: secs(g.cfg.ConnectRetry, 2), HoldTime: hold, KeepaliveInterval: max(hold/3, 1),
			IdleHoldTimeAfterReset: 1,
		}},
		AfiSafis: afs,
	}}
}

// passiveTowards tells whether self only accepts the session with peer
// instead of dialling it. GoBGP v4.8.0 loses sessions on a connection
// collision: when both ends dial at once and each takes the other's OPEN
// on its accepted connection first, both answer there and move to
// OpenConfirm on different TCP connections, each waiting for a KEEPALIVE
// on the connection the other abandoned. OpenConfirm has no hold timer
// before the first Established (the negotiated hold time is set only on
// entering Established), so such a pair never leaves OpenConfirm; in a
// 15-node mesh started at once several pairs do. So only one end of each
// pair dials: the one with the higher address, whose connection is also
// the one RFC 4271's collision resolution keeps when router ids are the
// addresses. Both ends still show Active while the session is down.
func passiveTowards(self, peer netip.Addr) bool { return self.Less(peer) }

func sessionState(s gbgp.FSMState) string {
	switch s {
	case gbgp.BGP_FSM_CONNECT:
		return StateConnect
	case gbgp.BGP_FSM_ACTIVE:
		return StateActive
	case gbgp.BGP_FSM_OPENSENT:
		return StateOpenSent
	case gbgp.BGP_FSM_OPENCONFIRM:
		return StateOpenConfirm
	case gbgp.BGP_FSM_ESTABLISHED:
		return StateEstablished
	}
	return StateIdle
}

func (g *GoBGP) peerConfig(addr netip.Addr) (PeerConfig, bool) {
	for _, p := range g.cfg.Peers {
		if p.Address == addr {
			return p, true
		}
	}
	return PeerConfig{}, false
}

func (g *GoBGP) onPeer(ev *apiutil.WatchEventMessage_PeerEvent, at time.Time) {
	if ev.Type != apiutil.PEER_EVENT_STATE {
		return
	}
	addr := ev.Peer.State.NeighborAddress
	key := addr.String()
	state := sessionState(ev.Peer.State.SessionState)
	prev := g.hist.snapshot(key).state
	if g.hist.transition(key, state, eventFor(prev, state), ev.Peer.State.DisconnectMessage, at) {
		g.watchdog(addr, state, at)
	}
	if prev == StateEstablished && state != StateEstablished {
		// No graceful restart: the paths of a lost peer go at once.
		g.mu.Lock()
		gone := g.learned[addr]
		delete(g.learned, addr)
		g.mu.Unlock()
		keys := make([]string, 0, len(gone))
		for k := range gone {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			r := gone[k]
			r.Withdraw = true
			g.emit(Event{Kind: EventRoute, Route: r, At: at})
		}
	}
	if st, ok := g.status(addr, nil); ok {
		g.emit(Event{Kind: EventPeer, Peer: st, At: at})
	}
}

func (g *GoBGP) onPaths(paths []*apiutil.Path, at time.Time) {
	for _, p := range paths {
		if p.Nlri == nil {
			continue
		}
		var r Route
		var ok bool
		switch p.Family {
		case gbgp.RF_IPv4_VPN:
			r, ok = routeFromPath(p)
		case gbgp.RF_RTC_UC:
			r, ok = rtcFromPath(p)
		}
		if !ok {
			continue
		}
		g.mu.Lock()
		m := g.learned[r.Peer]
		if m == nil {
			m = map[string]Route{}
			g.learned[r.Peer] = m
		}
		if r.Withdraw {
			old, had := m[r.Key()]
			delete(m, r.Key())
			g.mu.Unlock()
			if !had {
				continue
			}
			old.Withdraw = true
			r = old
		} else {
			m[r.Key()] = r
			g.mu.Unlock()
		}
		g.emit(Event{Kind: EventRoute, Route: r, At: at})
	}
}

func routeFromPath(p *apiutil.Path) (Route, bool) {
	n, ok := p.Nlri.(*gbgp.LabeledVPNIPAddrPrefix)
	if !ok {
		return Route{}, false
	}
	r := Route{
		RD: n.RD.String(), Prefix: n.Prefix, Withdraw: p.Withdrawal,
		Peer: p.PeerAddress, PeerASN: p.PeerASN, PeerID: p.PeerID,
	}
	if len(n.Labels.Labels) > 0 {
		r.Label = n.Labels.Labels[0]
	}
	for _, a := range p.Attrs {
		switch v := a.(type) {
		case *gbgp.PathAttributeMpReachNLRI:
			r.NextHop = v.Nexthop
		case *gbgp.PathAttributeNextHop:
			r.NextHop = v.Value
		case *gbgp.PathAttributeLocalPref:
			r.LocalPref = v.Value
		case *gbgp.PathAttributeMultiExitDisc:
			r.MED = v.Value
		case *gbgp.PathAttributeOrigin:
			r.Origin = v.Value
		case *gbgp.PathAttributeAsPath:
			for _, seg := range v.Value {
				r.ASPath = append(r.ASPath, seg.GetAS()...)
			}
		case *gbgp.PathAttributeExtendedCommunities:
			for _, c := range v.Value {
				r.Communities = append(r.Communities, formatCommunity(c))
			}
		}
	}
	return r, true
}

func rtcFromPath(p *apiutil.Path) (Route, bool) {
	n, ok := p.Nlri.(*gbgp.RouteTargetMembershipNLRI)
	if !ok || n.RouteTarget == nil {
		return Route{}, false // the default (wildcard) membership route
	}
	r := Route{Target: formatCommunity(n.RouteTarget), TargetAS: n.AS, Withdraw: p.Withdrawal,
		Peer: p.PeerAddress, PeerASN: p.PeerASN, PeerID: p.PeerID}
	for _, a := range p.Attrs {
		if m, ok := a.(*gbgp.PathAttributeMpReachNLRI); ok {
			r.NextHop = m.Nexthop
		}
	}
	return r, true
}

// vpnPath builds GoBGP's form of r.
func vpnPath(r Route) (*apiutil.Path, error) {
	rdAddr, rdNum, ok := strings.Cut(r.RD, ":")
	a, err1 := netip.ParseAddr(rdAddr)
	n, err2 := strconv.ParseUint(rdNum, 10, 16)
	if !ok || err1 != nil || err2 != nil {
		return nil, fmt.Errorf("bgp: route distinguisher %q: want a.b.c.d:n", r.RD)
	}
	rd, err := gbgp.NewRouteDistinguisherIPAddressAS(a, uint16(n))
	if err != nil {
		return nil, err
	}
	nlri, err := gbgp.NewLabeledVPNIPAddrPrefix(r.Prefix, *gbgp.NewMPLSLabelStack(r.Label), rd)
	if err != nil {
		return nil, fmt.Errorf("bgp: route %s: %w", r.Key(), err)
	}
	reach, err := gbgp.NewPathAttributeMpReachNLRI(gbgp.RF_IPv4_VPN, []gbgp.PathNLRI{{NLRI: nlri}}, r.NextHop)
	if err != nil {
		return nil, fmt.Errorf("bgp: route %s next hop %s: %w", r.Key(), r.NextHop, err)
	}
	var ecs []gbgp.ExtendedCommunityInterface
	for _, c := range r.Communities {
		ec, err := parseCommunity(c)
		if err != nil {
			return nil, fmt.Errorf("bgp: route %s: %w", r.Key(), err)
		}
		ecs = append(ecs, ec)
	}
	attrs := []gbgp.PathAttributeInterface{
		gbgp.NewPathAttributeOrigin(r.Origin), reach,
		gbgp.NewPathAttributeLocalPref(r.LocalPref),
		gbgp.NewPathAttributeMultiExitDisc(r.MED),
	}
	if len(ecs) > 0 {
		attrs = append(attrs, gbgp.NewPathAttributeExtendedCommunities(ecs))
	}
	return &apiutil.Path{Family: gbgp.RF_IPv4_VPN, Nlri: nlri, Attrs: attrs}, nil
}

// AddPath implements Speaker.
func (g *GoBGP) AddPath(_ context.Context, r Route) error {
	p, err := vpnPath(r)
	if err != nil {
		return err
	}
	res, err := g.srv.AddPath(apiutil.AddPathRequest{Paths: []*apiutil.Path{p}})
	if err == nil && len(res) > 0 {
		err = res[0].Error
	}
	if err != nil {
		return fmt.Errorf("bgp: add %s: %w", r.Key(), err)
	}
	g.mu.Lock()
	g.added[r.Key()] = res[0].UUID
	g.mu.Unlock()
	return nil
}

// DeletePath implements Speaker.
func (g *GoBGP) DeletePath(_ context.Context, r Route) error {
	g.mu.Lock()
	id, ok := g.added[r.Key()]
	delete(g.added, r.Key())
	g.mu.Unlock()
	if !ok {
		return nil
	}
	if err := g.srv.DeletePath(apiutil.DeletePathRequest{UUIDs: []uuid.UUID{id}}); err != nil {
		return fmt.Errorf("bgp: delete %s: %w", r.Key(), err)
	}
	return nil
}

// SetImportTargets implements Speaker: one RT-constraint route per target.
func (g *GoBGP) SetImportTargets(_ context.Context, targets []string) error {
	want := map[string]bool{}
	for _, t := range targets {
		want[t] = true
	}
	g.mu.Lock()
	var del []uuid.UUID
	for t, id := range g.rtc {
		if !want[t] {
			del = append(del, id)
			delete(g.rtc, t)
		}
	}
	var add []string
	for t := range want {
		if _, ok := g.rtc[t]; !ok {
			add = append(add, t)
		}
	}
	g.mu.Unlock()
	if len(del) > 0 {
		if err := g.srv.DeletePath(apiutil.DeletePathRequest{UUIDs: del}); err != nil {
			return fmt.Errorf("bgp: withdraw route-target routes: %w", err)
		}
	}
	sort.Strings(add)
	for _, t := range add {
		ec, err := parseCommunity(t)
		if err != nil {
			return err
		}
		nlri := gbgp.NewRouteTargetMembershipNLRI(g.cfg.ASN, ec)
		reach, err := gbgp.NewPathAttributeMpReachNLRI(gbgp.RF_RTC_UC, []gbgp.PathNLRI{{NLRI: nlri}}, g.cfg.RouterID)
		if err != nil {
			return err
		}
		res, err := g.srv.AddPath(apiutil.AddPathRequest{Paths: []*apiutil.Path{{
			Family: gbgp.RF_RTC_UC, Nlri: nlri,
			Attrs: []gbgp.PathAttributeInterface{gbgp.NewPathAttributeOrigin(0), reach},
		}}})
		if err == nil && len(res) > 0 {
			err = res[0].Error
		}
		if err != nil {
			return fmt.Errorf("bgp: route-target %s: %w", t, err)
		}
		g.mu.Lock()
		g.rtc[t] = res[0].UUID
		g.mu.Unlock()
	}
	return nil
}

// Peers implements Speaker.
func (g *GoBGP) Peers() []PeerStatus {
	live := map[netip.Addr]*api.Peer{}
	_ = g.srv.ListPeer(context.Background(), &api.ListPeerRequest{}, func(p *api.Peer) {
		if p.Conf != nil {
			if a, err := netip.ParseAddr(p.Conf.NeighborAddress); err == nil {
				live[a] = p
			}
		}
	})
	out := make([]PeerStatus, 0, len(g.cfg.Peers))
	for _, pc := range g.cfg.Peers {
		if st, ok := g.status(pc.Address, live[pc.Address]); ok {
			out = append(out, st)
		}
	}
	return out
}

// status merges config, our history and GoBGP's counters for one peer;
// lp may be nil (then only history is used).
func (g *GoBGP) status(addr netip.Addr, lp *api.Peer) (PeerStatus, bool) {
	pc, ok := g.peerConfig(addr)
	if !ok {
		return PeerStatus{}, false
	}
	h := g.hist.snapshot(addr.String())
	g.mu.Lock()
	down := g.admin[addr]
	base := g.base[addr]
	var received uint64 // VPN prefixes only, not RT membership
	for _, r := range g.learned[addr] {
		if r.Target == "" {
			received++
		}
	}
	g.mu.Unlock()
	st := PeerStatus{
		PeerConfig: pc, State: h.state, LastState: h.lastState, LastEvent: h.lastEvent,
		LastStateAt: h.lastStateAt, LastError: h.lastError, FlapCount: h.flapCount, FlapTime: h.flapTime,
		AdminDown: down, ConfiguredHold: uint32(secs(g.cfg.Hold, 3)), Received: received,
	}
	if lp != nil {
		if s := lp.State; s != nil {
			if id, err := netip.ParseAddr(s.RouterId); err == nil {
				st.RouterID = id
			}
			if m := s.Messages; m != nil {
				st.Rx = counters(m.Received)
				st.Tx = counters(m.Sent)
			}
			st.Rx, st.Tx = st.Rx.add(base[0]), st.Tx.add(base[1])
		}
		if t := lp.Timers; t != nil && t.State != nil {
			st.NegotiatedHold = uint32(t.State.NegotiatedHoldTime)
		}
	}
	if st.State == StateEstablished {
		st.Families = append([]string(nil), contrailFamily...)
	}
	return st, true
}

func counters(m *api.Message) MsgCounters {
	if m == nil {
		return MsgCounters{}
	}
	return MsgCounters{Total: m.Total, Open: m.Open, Keepalive: m.Keepalive, Notification: m.Notification, Update: m.Update}
}

// ConfiguredFamilies are the families shown as configured for every peer.
func ConfiguredFamilies() []string { return append([]string(nil), contrailFamily...) }

// SetPeerAdmin implements Speaker.
func (g *GoBGP) SetPeerAdmin(ctx context.Context, addr netip.Addr, up bool) error {
	if _, ok := g.peerConfig(addr); !ok {
		return fmt.Errorf("bgp: no neighbor %s", addr)
	}
	// The flag is set before GoBGP acts, so that the Idle of an admin
	// down never looks like a failed session to the watchdog (revive.go).
	g.mu.Lock()
	was := g.admin[addr]
	g.admin[addr] = !up
	g.mu.Unlock()
	var err error
	if up {
		err = g.srv.EnablePeer(ctx, &api.EnablePeerRequest{Address: addr.String()})
		g.hist.reset(addr.String())
	} else {
		err = g.srv.DisablePeer(ctx, &api.DisablePeerRequest{Address: addr.String(), Communication: "administratively down"})
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if err != nil {
		g.admin[addr] = was
		return fmt.Errorf("bgp: admin %s: %w", addr, err)
	}
	if up {
		delete(g.base, addr) // GoBGP cleared its counters on admin down
	}
	return nil
}

// ResetHistory implements Speaker.
func (g *GoBGP) ResetHistory() { g.hist.clear() }

// Close implements Speaker.
func (g *GoBGP) Close() {
	// A re-creation in progress finishes first; later ones see closed
	// (GoBGP calls on a stopped server would block for ever).
	g.reviveMu.Lock()
	defer g.reviveMu.Unlock()
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		return
	}
	g.closed = true
	cancel := g.cancel
	g.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	g.srv.Stop()
}

var _ Speaker = (*GoBGP)(nil)
