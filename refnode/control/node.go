package control

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"sort"
	"sync"
	"time"

	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/refnode/bgp"
	"github.com/tfkit/tfkit/refnode/procinfo"
	"github.com/tfkit/tfkit/refnode/xmpp"
)

// Node states.
const (
	StateStopped = "stopped"
	StateRunning = "running"
	StatePaused  = "paused"
)

// Node is one control node. New creates it (and its GoBGP server, see
// refnode/bgp: create every Node of a process before starting any);
// Start/Stop/Pause/Resume drive its lifecycle any number of times; Close
// ends it for good.
type Node struct {
	cfg     Config
	speaker *bgp.GoBGP
	gate    *bgp.Gate
	xs      *xmpp.Server
	outMu   sync.Mutex
	outQ    []func()      // ordered side effects: BGP and XMPP sends
	outSig  chan struct{} // signalled when outQ grows
	quit    chan struct{}
	wg      sync.WaitGroup
	senders sync.WaitGroup // the agents' senders (ribout.go)

	mu         sync.Mutex
	rib        *rib
	agents     map[*xmpp.ServerPeer]*agent
	state      string
	bgpStarted bool
	startedAt  time.Time
	introspect *sandesh.Server
	isLn       net.Listener // the introspect listener, closed by Stop itself (see there)
	maxXMPP    int
	xmppFlaps  map[string]flap // by agent name: kept across sessions, as XmppConnectionEndpoint does
	trace      procinfo.Traces
	closed     bool
	faults     nodeFaults // faults of its own state (fault_status.go)
}

// flap is a peer's flap history.
type flap struct {
	count uint64
	at    time.Time
}

// agent is one XMPP peer's state on this node.
type agent struct {
	peer    *xmpp.ServerPeer
	name    string
	subs    map[string]int // instance -> instance id (its local VRF index)
	primary map[string]bool
	eor     *time.Timer

	// RIB out (ribout.go): its position in the log of each table it
	// gets routes from, whether its sender runs, and an End-of-RIB to send
	// after what is due.
	pos     map[*table]int
	synced  map[*table]*syncState // tables being synced (pos fullSync)
	sending bool
	eorDue  bool

	upAt time.Time
}

// New validates cfg and creates the node (stopped).
func New(cfg Config) (*Node, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	n := &Node{cfg: cfg, rib: newRIB(cfg), agents: map[*xmpp.ServerPeer]*agent{}, xmppFlaps: map[string]flap{},
		state: StateStopped, outSig: make(chan struct{}, 1), quit: make(chan struct{})}
	var peers []bgp.PeerConfig
	for _, p := range cfg.Peers {
		peers = append(peers, bgp.PeerConfig{Name: p.Name, Address: p.Address, ASN: p.ASN, Port: p.Port})
	}
	n.speaker, err = bgp.New(bgp.Config{
		RouterID: cfg.RouterID, ASN: cfg.ASN, Address: cfg.Address, ListenPort: cfg.BGPInternalPort,
		Peers: peers, Hold: cfg.Timers.BGPHold, ConnectRetry: cfg.Timers.BGPConnect, IdleHold: cfg.Timers.IdleHold,
	})
	if err != nil {
		return nil, fmt.Errorf("control %s: %w", cfg.Name, err)
	}
	n.speaker.Watch(n.onBGP)
	n.gate = bgp.NewGate(cfg.Address, netip.AddrPortFrom(cfg.Address, uint16(cfg.BGPPort)),
		netip.AddrPortFrom(cfg.Address, uint16(cfg.BGPInternalPort)))
	if cfg.XMPPPort > 0 {
		n.xs = xmpp.NewServer(xmpp.ServerConfig{
			Addr: netip.AddrPortFrom(cfg.Address, uint16(cfg.XMPPPort)).String(),
			Hold: cfg.Timers.XMPPHold, Handler: (*xmppHandler)(n),
		})
	}
	n.wg.Add(1)
	go n.runOut()
	return n, nil
}

// Config returns the configuration in force (defaults filled in).
func (n *Node) Config() Config { return n.cfg }

// Name is the node's hostname.
func (n *Node) Name() string { return n.cfg.Name }

// State is "stopped", "running" or "paused".
func (n *Node) State() string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.state
}

func (n *Node) runOut() {
	defer n.wg.Done()
	for {
		select {
		case <-n.outSig:
		case <-n.quit:
			return
		}
		n.outMu.Lock()
		q := n.outQ
		n.outQ = nil
		n.outMu.Unlock()
		for _, f := range q {
			f()
		}
	}
}

// later queues f on the node's side-effect goroutine, which keeps BGP and
// XMPP sends in the order the RIB changed. The queue is unbounded so that
// callers holding the node lock never wait for a slow agent socket.
func (n *Node) later(f func()) {
	n.outMu.Lock()
	n.outQ = append(n.outQ, f)
	n.outMu.Unlock()
	select {
	case n.outSig <- struct{}{}:
	default:
	}
}

// Start opens the node's listeners (BGP gate, XMPP, introspect). The first
// Start also brings the BGP neighbors up.
func (n *Node) Start(ctx context.Context) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return fmt.Errorf("control %s: closed", n.cfg.Name)
	}
	if n.state != StateStopped {
		return nil
	}
	if n.bgpStarted {
		// A restarted process remembers no flaps.
		n.speaker.ResetHistory()
		n.xmppFlaps = map[string]flap{}
	} else {
		if err := n.speaker.SetImportTargets(ctx, n.rib.allImports()); err != nil {
			return fmt.Errorf("control %s: %w", n.cfg.Name, err)
		}
		if err := n.speaker.Start(ctx); err != nil {
			return fmt.Errorf("control %s: %w", n.cfg.Name, err)
		}
		n.bgpStarted = true
	}
	if err := n.gate.Open(); err != nil {
		return fmt.Errorf("control %s: %w", n.cfg.Name, err)
	}
	if n.xs != nil {
		if err := n.xs.Start(); err != nil {
			n.gate.Stop()
			return fmt.Errorf("control %s: %w", n.cfg.Name, err)
		}
	}
	if n.cfg.IntrospectPort > 0 {
		addr := netip.AddrPortFrom(n.cfg.Address, uint16(n.cfg.IntrospectPort)).String()
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			n.gate.Stop()
			if n.xs != nil {
				n.mu.Unlock()
				n.xs.Stop()
				n.mu.Lock()
			}
			return fmt.Errorf("control %s: introspect: %w", n.cfg.Name, err)
		}
		n.introspect, n.isLn = n.newIntrospect(), ln
		go n.introspect.Serve(ln)
	}
	n.state = StateRunning
	n.startedAt = stamp(time.Now())
	n.addLocalRTargetsLocked()
	return nil
}

// addLocalRTargetsLocked puts the node's own route-target membership
// routes (one per imported target) in bgp.rtarget.0 as "Local" paths.
func (n *Node) addLocalRTargetsLocked() {
	now := stamp(time.Now())
	for _, t := range n.rib.allImports() {
		pfx := itoa(uint64(n.cfg.ASN)) + ":" + t
		a := &attrs{protocol: protoLocal, nextHop: n.cfg.RouterID, localPref: 100, origin: "igp"}
		n.rib.addPrimary(&primary{key: "l|" + pfx, table: rtargetTable, prefix: pfx, a: a}, "", "", now)
	}
}

// Stop is a process death: listeners close, every BGP and XMPP session is
// cut (peers see EOF at once), XMPP-learned paths are withdrawn and the
// tables start empty on the next Start. GoBGP keeps running behind the gate.
func (n *Node) Stop() {
	n.mu.Lock()
	if n.state == StateStopped {
		n.mu.Unlock()
		return
	}
	n.state = StateStopped
	n.unpauseLocked()
	hs, ln := n.introspect, n.isLn
	n.introspect, n.isLn = nil, nil
	n.mu.Unlock()

	n.gate.Stop()
	if n.xs != nil {
		n.xs.Stop() // PeerDown for every agent withdraws its paths
	}
	n.senders.Wait() // their agents are gone: they end at once
	if hs != nil {
		// Serve may not have taken the listener yet (a busy process): then
		// Close would not close it and the next Start could not bind.
		ln.Close()
		hs.Close()
	}
	n.mu.Lock()
	now := stamp(time.Now())
	var keys []string
	for k := range n.rib.primaries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		n.rib.removePrimary(k, now)
	}
	n.mu.Unlock()
}

// Pause freezes the node: no BGP or XMPP bytes flow (peers' hold timers
// expire) and introspect requests wait, as with a hung process.
func (n *Node) Pause() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.state != StateRunning {
		return
	}
	n.state = StatePaused
	n.gate.Pause()
	if n.xs != nil {
		n.xs.Pause()
	}
	if n.introspect != nil {
		n.introspect.Pause()
	}
}

// Resume undoes Pause.
func (n *Node) Resume() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.state != StatePaused {
		return
	}
	n.state = StateRunning
	n.unpauseLocked()
}

func (n *Node) unpauseLocked() {
	n.gate.Resume()
	if n.xs != nil {
		n.xs.Resume()
	}
	if n.introspect != nil {
		n.introspect.Resume()
	}
}

// CutBGP closes the BGP session with the peer at addr (it reconnects);
// it returns the number of TCP sessions closed.
func (n *Node) CutBGP(peer netip.Addr) int { return bgp.Cut(n.cfg.Address, peer) }

// Block partitions this node from the BGP peer named peer (blocked=true):
// the session is cut and neither end can connect until Block(peer, false).
func (n *Node) Block(peer string, blocked bool) error {
	for _, p := range n.cfg.Peers {
		if p.Name == peer {
			bgp.Block(n.cfg.Address, p.Address, blocked)
			return nil
		}
	}
	return fmt.Errorf("control %s: no BGP peer %q", n.cfg.Name, peer)
}

// CutXMPP closes the XMPP session of the named agent; false if none.
func (n *Node) CutXMPP(agentName string) bool {
	if n.xs == nil {
		return false
	}
	for _, p := range n.xs.Peers() {
		if p.Name() == agentName {
			p.Close("cut by refnode")
			return true
		}
	}
	return false
}

// Close stops the node for good and releases the GoBGP server.
func (n *Node) Close() {
	n.Stop()
	n.mu.Lock()
	if n.closed {
		n.mu.Unlock()
		return
	}
	n.closed = true
	n.mu.Unlock()
	close(n.quit)
	n.wg.Wait()
	n.gate.Close()
	n.speaker.Close()
}
