package bgp

import (
	"fmt"
	"net"
	"net/netip"
	"sync"
)

// Gate is a node's public BGP port: a TCP relay to the speaker's internal
// listener. GoBGP servers must never be restarted in one process (see
// gobgp.go), so stopping a node happens here: a stopped gate refuses new
// connections and cuts every relayed session the node is part of, while
// GoBGP keeps running behind it. The relay dials the internal listener with
// the original peer's address as source, so GoBGP's neighbour lookup (by
// remote address) and local-address check still match.
//
// GoBGP's outbound sessions go straight to the other node's gate, so every
// gate is registered by node address, and stopping a node also cuts and
// refuses what it dialled at the other gates.
type Gate struct {
	node     netip.Addr     // the node this gate fronts
	public   netip.AddrPort // where peers connect
	internal netip.AddrPort // where the speaker listens

	mu      sync.Mutex
	ln      net.Listener
	stopped bool
	paused  bool
	resume  chan struct{} // closed on Resume
}

type relay struct {
	from, to netip.Addr // node addresses: dialler, acceptor
	a, b     net.Conn
}

var registry = struct {
	sync.Mutex
	gates   map[netip.Addr]*Gate
	relays  map[*relay]bool
	blocked map[[2]netip.Addr]bool // partitioned node pairs, lower address first
}{gates: map[netip.Addr]*Gate{}, relays: map[*relay]bool{}, blocked: map[[2]netip.Addr]bool{}}

func nodePair(a, b netip.Addr) [2]netip.Addr {
	if b.Less(a) {
		a, b = b, a
	}
	return [2]netip.Addr{a, b}
}

// Block partitions nodes a and b (on=true): their sessions are cut and
// every new connection between them, in either direction, is closed as
// soon as it is accepted, until Block(a, b, false) heals the partition.
// It returns the number of sessions cut.
func Block(a, b netip.Addr, on bool) int {
	registry.Lock()
	if on {
		registry.blocked[nodePair(a, b)] = true
	} else {
		delete(registry.blocked, nodePair(a, b))
	}
	registry.Unlock()
	if !on {
		return 0
	}
	return Cut(a, b)
}

func blocked(a, b netip.Addr) bool {
	registry.Lock()
	defer registry.Unlock()
	return registry.blocked[nodePair(a, b)]
}

// NewGate registers the gate of node; call Open to start relaying.
func NewGate(node netip.Addr, public, internal netip.AddrPort) *Gate {
	g := &Gate{node: node, public: public, internal: internal, stopped: true}
	registry.Lock()
	registry.gates[node] = g
	registry.Unlock()
	return g
}

// Open starts listening on the public address (start of the node).
func (g *Gate) Open() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.ln != nil {
		return nil
	}
	ln, err := net.Listen("tcp", g.public.String())
	if err != nil {
		return fmt.Errorf("bgp gate %s: %w", g.public, err)
	}
	g.ln, g.stopped = ln, false
	go g.accept(ln)
	return nil
}

// Stop refuses new connections and cuts every session of this node, as a
// process exit would (peers see FIN at once).
func (g *Gate) Stop() {
	g.mu.Lock()
	if g.ln != nil {
		g.ln.Close()
		g.ln = nil
	}
	g.stopped = true
	g.mu.Unlock()
	g.Resume()
	cutWhere(func(r *relay) bool { return r.from == g.node || r.to == g.node })
}

// Close stops the gate and unregisters it.
func (g *Gate) Close() {
	g.Stop()
	registry.Lock()
	if registry.gates[g.node] == g {
		delete(registry.gates, g.node)
	}
	registry.Unlock()
}

// Pause stops forwarding bytes of this node's sessions but keeps TCP open,
// so peers' hold timers expire (a hung process, docker pause).
func (g *Gate) Pause() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.paused {
		g.paused = true
		g.resume = make(chan struct{})
	}
}

// Resume undoes Pause.
func (g *Gate) Resume() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.paused {
		g.paused = false
		close(g.resume)
	}
}

// Cut closes the relayed sessions between nodes a and b (either direction)
// and returns how many it closed. Peers reconnect afterwards.
func Cut(a, b netip.Addr) int {
	return cutWhere(func(r *relay) bool {
		return (r.from == a && r.to == b) || (r.from == b && r.to == a)
	})
}

func cutWhere(match func(*relay) bool) int {
	registry.Lock()
	var cut []*relay
	for r := range registry.relays {
		if match(r) {
			cut = append(cut, r)
			delete(registry.relays, r)
		}
	}
	registry.Unlock()
	for _, r := range cut {
		r.a.Close()
		r.b.Close()
	}
	return len(cut)
}

func gateOf(node netip.Addr) *Gate {
	registry.Lock()
	defer registry.Unlock()
	return registry.gates[node]
}

// waitRunning blocks while the gate is paused; false if it is stopped.
func (g *Gate) waitRunning() bool {
	for {
		g.mu.Lock()
		if g.stopped {
			g.mu.Unlock()
			return false
		}
		if !g.paused {
			g.mu.Unlock()
			return true
		}
		ch := g.resume
		g.mu.Unlock()
		<-ch
	}
}

func (g *Gate) isStopped() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.stopped
}

func (g *Gate) accept(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go g.relayConn(c)
	}
}

func (g *Gate) relayConn(c net.Conn) {
	ra, ok := c.RemoteAddr().(*net.TCPAddr)
	if !ok {
		c.Close()
		return
	}
	from, _ := netip.AddrFromSlice(ra.IP)
	from = from.Unmap()
	if src := gateOf(from); (src != nil && src.isStopped()) || blocked(from, g.node) {
		c.Close() // a stopped node dials nothing; a partition lets nothing through
		return
	}
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: ra.IP}}
	up, err := d.Dial("tcp", g.internal.String())
	if err != nil {
		c.Close()
		return
	}
	r := &relay{from: from, to: g.node, a: c, b: up}
	registry.Lock()
	registry.relays[r] = true
	registry.Unlock()
	// A Stop or Block that ran while this connection was being set up has
	// not seen it: check again now that it is registered.
	if src := gateOf(from); g.isStopped() || (src != nil && src.isStopped()) || blocked(from, g.node) {
		cutWhere(func(x *relay) bool { return x == r })
	}
	done := make(chan struct{}, 2)
	go r.pump(c, up, done)
	go r.pump(up, c, done)
	<-done
	<-done
	registry.Lock()
	delete(registry.relays, r)
	registry.Unlock()
}

// pump copies src to dst, holding bytes while either end's node is paused.
func (r *relay) pump(src, dst net.Conn, done chan<- struct{}) {
	defer func() { done <- struct{}{} }()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if !r.running() {
			break
		}
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				break
			}
		}
		if err != nil {
			break
		}
	}
	src.Close()
	dst.Close()
}

func (r *relay) running() bool {
	for _, n := range []netip.Addr{r.from, r.to} {
		if g := gateOf(n); g != nil && !g.waitRunning() {
			return false
		}
	}
	return true
}
