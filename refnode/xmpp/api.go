// Package xmpp is Contrail's XMPP dialect between vRouter agents and
// control nodes (TCP 5269): an unclosed stream header with no SASL or
// resource binding, the two-byte keep-alive C8 80, subscribe/unsubscribe
// IQs per routing instance, route updates as a publish IQ paired with a
// collection associate/dissociate IQ (agent → control), and pubsub event
// messages with items and retracts (control → agent), End-of-RIB as an
// empty items node "0/0/EndOfRib".
//
// The client side (Client) is what an agent runs; the server side (Server,
// ServerPeer, ServerHandler) is what a control node runs. Both keep
// Contrail's state names, hold/keep-alive timers, connect back-off and the
// open/keepalive/update/close counters the introspect pages show.
//
// # API
//
// Server side (control node):
//
//	s := NewServer(ServerConfig{Addr, Name, Hold, OpenTimeout, Handler})
//	s.Start() / s.Stop() / s.Pause() / s.Resume() / s.Addr() / s.Peers()
//	p.Name() p.RemoteAddr() p.State() p.Stats() p.Close(reason) p.Pause() p.Resume()
//	p.SendUpdate(instance, family, []EncodedItem)   // EncodeItem(route) / EncodeRetract(prefix), cached by the caller
//	p.SendRoutes(instance, family, routes, retracts) p.SendEndOfRib()
//
// Client side (agent channel):
//
//	c := NewClient(ClientConfig{Name, LocalAddr, ServerAddr, ServerName, Hold, BackoffCap, BackoffUnit, MaxAttempts, Handler, Seed})
//	c.Start(ctx) / c.Stop() / c.Cut() / c.Block(on) / c.Pause() / c.Resume()
//	c.Subscribe(instance, id) c.Unsubscribe(instance) c.Publish(instance, route) c.Withdraw(instance, family, prefix) c.SendEndOfRib()
//	c.State() c.Stats()
//
// Handlers run on the session's reader goroutine, in stream order.
// Items from control nodes are decoded by a hand-written scanner
// (fastdecode.go); IQs from agents with encoding/xml.
package xmpp

import (
	"net/netip"
	"time"
)

// Well-known names of the dialect.
const (
	// ControlJID is the control node's JID; agents address IQs to
	// ControlJID + "/" + ResourceBGP.
	ControlJID  = "network-control@contrailsystems.com"
	ResourceBGP = "bgp-peer"
	// DefaultPort is XMPP_SERVER_PORT.
	DefaultPort = 5269
	// DNSJID is contrail-dns's JID (XmppInit::kDnsNodeJID): its XMPP
	// server (DefaultDNSPort) carries the agents' DNS channels, which in
	// refnode exchange keep-alives only.
	DNSJID = "network-dns@contrailsystems.com"
	// DefaultDNSPort is ContrailPorts::DnsXmpp.
	DefaultDNSPort = 8093
	// EndOfRibNode is the items node of an End-of-RIB marker.
	EndOfRibNode = "0/0/EndOfRib"
)

// State is a session state, named as Contrail's XMPP state machine names
// them (shown in AgentXmppData.state and ShowXmppConnection.state).
type State int

// Session states.
const (
	Idle State = iota
	Active
	Connect
	OpenSent
	OpenConfirm
	Established
)

var stateNames = [...]string{"Idle", "Active", "Connect", "OpenSent", "OpenConfirm", "Established"}

func (s State) String() string {
	if s >= 0 && int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "Unknown"
}

// Counters are the messages of one direction, as ControllerProtoStats
// (agent) and the XMPP connection counters (control) show them.
type Counters struct {
	Open      uint32 // stream headers
	Keepalive uint32 // C8 80 pairs
	Update    uint32 // iq and message stanzas
	Close     uint32 // stream closes / session terminations
}

// Stats is a snapshot of one session, for the introspect pages.
type Stats struct {
	LocalName   string         // own JID/host name
	PeerName    string         // the other side's JID (from its stream header)
	LocalAddr   netip.AddrPort // zero when not connected
	RemoteAddr  netip.AddrPort // zero when not connected
	State       State
	LastState   State
	LastEvent   string    // e.g. "EvTcpConnected", "EvHoldTimerExpired"
	LastStateAt time.Time // when State was entered
	FlapCount   uint32    // times the session left Established
	FlapTime    time.Time // last time it did; zero if never
	LastReadyAt time.Time // last time it reached Established
	Rx, Tx      Counters
	HoldTime    time.Duration // negotiated (the configured one: no negotiation in this dialect)
}

// Family selects the address family of a route item; the node prefix of
// publish IQs and items messages is "<AFI>/<SAFI>/...".
type Family struct{ AFI, SAFI uint16 }

// Families used by the dialect.
var (
	FamilyInet  = Family{1, 1}
	FamilyInet6 = Family{2, 1}
	FamilyEVPN  = Family{25, 242}
)

// NextHop is one next hop of a unicast item.
type NextHop struct {
	Address        netip.Addr // the vRouter (vhost) address
	Label          uint32     // MPLS label allocated by the advertising agent
	MAC            string     // router MAC; optional
	Encaps         []string   // "gre", "udp", "vxlan", "native"; empty = gre
	VirtualNetwork string     // optional per-next-hop VN
}

// Route is one unicast route item (xmpp_unicast.xsd entry). Agents send
// exactly one next hop; control nodes send all ECMP next hops.
type Route struct {
	Family         Family       // zero = FamilyInet
	Prefix         netip.Prefix // the item id, e.g. 10.32.0.3/32
	NextHops       []NextHop
	VirtualNetwork string   // fq name of the originating VN
	LocalPref      uint32   // 100 LOW, 200 HIGH
	MED            uint32   // 0 = not set
	SecurityGroups []uint32 // e.g. 8000002
	SequenceNumber uint32   // mobility seqno
	SubProtocol    string   // "interface" for VMI routes; optional
}

// ServerHandler is what the control node implements to receive the agent
// side of every session. Calls for one peer are made from that peer's
// reader goroutine, in stream order; a handler must not block for long.
type ServerHandler interface {
	// PeerUp: the agent's stream header arrived and the answer was sent;
	// the session is Established. p.Name() is the agent's name.
	PeerUp(p *ServerPeer)
	// PeerDown: the session left Established (EOF, hold timer expiry,
	// protocol error, Close). Every subscription of p is gone.
	PeerDown(p *ServerPeer, reason string)
	// Subscribe: the agent subscribed to a routing instance with its local
	// VRF id (the RD instance id). Returning an error closes the session,
	// as Contrail does for a duplicate subscribe.
	Subscribe(p *ServerPeer, instance string, instanceID int) error
	// Unsubscribe: the agent unsubscribed; an error closes the session.
	Unsubscribe(p *ServerPeer, instance string) error
	// Publish: a publish IQ was paired with its collection associate.
	Publish(p *ServerPeer, instance string, r Route)
	// Retract: a publish IQ was paired with its collection dissociate.
	Retract(p *ServerPeer, instance string, family Family, prefix netip.Prefix)
	// EndOfRib: the agent sent its End-of-RIB marker.
	EndOfRib(p *ServerPeer)
}

// ServerConfig configures a Server.
type ServerConfig struct {
	// Addr to listen on, e.g. "127.0.1.1:5269".
	Addr string
	// Name is the JID sent in the stream header; default ControlJID.
	Name string
	// Hold is the hold time; keep-alives go every Hold/3. Default 90 s.
	Hold time.Duration
	// OpenTimeout is how long an accepted connection may take to send its
	// stream header (Contrail kOpenTime 15 s). Default 15 s.
	OpenTimeout time.Duration
	Handler     ServerHandler
	// ReadBuffer is each session's read buffer; 0 = 8 KiB. Sessions that
	// carry only keep-alives (contrail-dns's) need a few hundred bytes.
	ReadBuffer int
}

// EncodedItem is the XML of one <item> (or <retract>) element, encoded
// once with EncodeItem/EncodeRetract and reused for every peer, as
// Contrail caches item text on the route's out-attributes.
type EncodedItem []byte

// ClientHandler is what the agent implements for one controller channel.
// Calls are made from the session's reader goroutine, in stream order.
type ClientHandler interface {
	// Established: the server's stream header arrived.
	Established(c *Client)
	// Down: the session left Established (or a connect failed after it
	// had been up); reason says why.
	Down(c *Client, reason string)
	// TimedOut: MaxAttempts connects failed in a row (Contrail TIMEDOUT);
	// the agent rotates this server to the end of its list.
	TimedOut(c *Client)
	// Update: one items message for one routing instance. The items
	// slice is reused after the call (copy what you keep), and the items'
	// own slices (NextHops, Encaps, SecurityGroups) are shared with every
	// other client that received the same item bytes (see itemMemo): read
	// only.
	Update(c *Client, instance string, family Family, items []Route, retracts []netip.Prefix)
	// EndOfRib: the server sent End-of-RIB.
	EndOfRib(c *Client)
}

// ClientConfig configures a Client (one agent → control channel).
type ClientConfig struct {
	Name       string         // agent host name (stream "from")
	LocalAddr  netip.Addr     // bind address (vhost IP); zero = any
	ServerAddr netip.AddrPort // control node XMPP address
	ServerName string         // control node name, for logs and introspect
	// ServerJID is the stream header's "to"; default ControlJID (DNSJID
	// for a DNS channel).
	ServerJID string
	// Hold is the hold time (keep-alive every Hold/3). Default 90 s.
	Hold time.Duration
	// BackoffCap caps the connect back-off min(2^(n-1), cap). Default 30 s.
	BackoffCap time.Duration
	// BackoffUnit is the 1-second unit of the back-off series, scaled with
	// the cluster timers. Default 1 s.
	BackoffUnit time.Duration
	// MaxAttempts failed connects before TimedOut (Contrail kMaxAttempts 4).
	MaxAttempts int
	Handler     ClientHandler
	Seed        int64 // jitter source; 0 = derived from Name
	// ReadBuffer is the session's read buffer; 0 = 8 KiB (see
	// ServerConfig.ReadBuffer).
	ReadBuffer int
}

// KeepaliveReadBuffer is a read buffer big enough for a session that
// only exchanges stream headers and keep-alives (longer elements are
// still read whole, in several slices).
const KeepaliveReadBuffer = 512

// MaxAttemptsDefault is Contrail's kMaxAttempts.
const MaxAttemptsDefault = 4
