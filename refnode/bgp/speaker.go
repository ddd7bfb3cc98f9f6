// Package bgp is the control node's BGP speaker behind a small interface:
// VPNv4 routes out, learned VPNv4 routes and peer events in, admin up/down
// and counters per peer. The GoBGP v4 implementation is in gobgp.go; the
// interface lets a leaner speaker replace it if GoBGP misses the memory
// budget. Route attributes cross the interface in Contrail's text form
// (communities such as "target:64512:8000001", "encapsulation:gre",
// "originvn:64512:5") so that the control node can print them unchanged.
package bgp

import (
	"context"
	"net/netip"
	"strconv"
	"time"
)

// Route is one VPNv4 path: one the control node originates (AddPath) or one
// a peer sent (Event.Route). A learned route-target membership (RTC) route
// has Target and TargetAS set instead of RD and Prefix.
type Route struct {
	RD        string       // route distinguisher "a.b.c.d:n"
	Prefix    netip.Prefix // IPv4 prefix inside the VPN
	Label     uint32
	NextHop   netip.Addr
	LocalPref uint32
	MED       uint32
	Origin    uint8    // 0 igp, 1 egp, 2 incomplete
	ASPath    []uint32 // empty for iBGP
	// Communities are the extended communities in Contrail text form.
	Communities []string

	// RTC routes (learned only): "target:A:N" and the originator's AS.
	Target   string
	TargetAS uint32

	// Set on learned routes only.
	Peer     netip.Addr // neighbor address the route came from
	PeerASN  uint32
	PeerID   netip.Addr // neighbor router id
	Withdraw bool
}

// Key identifies a VPN route: RD and prefix, the text Contrail prints in
// bgp.l3vpn.0 ("10.0.0.11:3:10.32.0.3/32").
// For an RTC route it is "<asn>:target:<a>:<n>", as in bgp.rtarget.0.
func (r Route) Key() string {
	if r.Target != "" {
		return strconv.FormatUint(uint64(r.TargetAS), 10) + ":" + r.Target
	}
	return r.RD + ":" + r.Prefix.String()
}

// Peer state names as Contrail prints them (BgpNeighborResp.state).
const (
	StateIdle        = "Idle"
	StateConnect     = "Connect"
	StateActive      = "Active"
	StateOpenSent    = "OpenSent"
	StateOpenConfirm = "OpenConfirm"
	StateEstablished = "Established"
)

// PeerConfig is one neighbor.
type PeerConfig struct {
	Name    string // shown as BgpNeighborResp.peer
	Address netip.Addr
	ASN     uint32
	Port    int // remote port (the peer's public gate)
}

// MsgCounters are BGP message counts in one direction.
type MsgCounters struct {
	Total, Open, Keepalive, Notification, Update, Close uint64
}

// PeerStatus is what the introspect shows for one neighbor.
type PeerStatus struct {
	PeerConfig
	RouterID       netip.Addr
	State          string
	LastState      string
	LastEvent      string
	LastStateAt    time.Time
	LastError      string
	FlapCount      uint64
	FlapTime       time.Time // zero if never flapped
	AdminDown      bool
	NegotiatedHold uint32
	ConfiguredHold uint32
	Families       []string // negotiated (Contrail names)
	Received       uint64   // VPN prefixes received
	Rx, Tx         MsgCounters
}

// EventKind tells what an Event carries.
type EventKind int

const (
	EventRoute EventKind = iota // a learned route changed (Route; Withdraw for removal)
	EventPeer                   // a peer changed state (Peer)
)

// Event is delivered to the Watch callback, in order, from one goroutine.
type Event struct {
	Kind  EventKind
	Route Route
	Peer  PeerStatus
	At    time.Time
}

// Speaker is a BGP speaker for one control node.
type Speaker interface {
	// Start brings the neighbors up. The server itself was created by the
	// constructor; see gobgp.go for why that split matters.
	Start(ctx context.Context) error
	// AddPath originates (or replaces) a VPNv4 route keyed by RD+prefix.
	AddPath(ctx context.Context, r Route) error
	// DeletePath withdraws a route added with AddPath.
	DeletePath(ctx context.Context, r Route) error
	// SetImportTargets sets the route targets this node wants (RT
	// constraint routes in bgp.rtarget.0). Text form "target:A:N".
	SetImportTargets(ctx context.Context, targets []string) error
	// Peers lists the neighbors with state and counters, in config order.
	Peers() []PeerStatus
	// SetPeerAdmin disables (up=false) or enables a neighbor. Enabling
	// resets its flap history as Contrail does.
	SetPeerAdmin(ctx context.Context, addr netip.Addr, up bool) error
	// ResetHistory forgets every peer's flap history and last state, as a
	// restarted control-node process starts with none.
	ResetHistory()
	// Watch registers fn for learned routes and peer events. Call before
	// Start; fn must not block for long.
	Watch(fn func(Event))
	// Close stops the speaker for good.
	Close()
}
