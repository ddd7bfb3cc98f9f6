package xmpp

import (
	"encoding/xml"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"sync"
	"time"
)

// Server accepts agent sessions for one control node.
type Server struct {
	cfg ServerConfig

	mu     sync.Mutex
	ln     net.Listener
	peers  map[*ServerPeer]struct{}
	paused bool
	nextID int
	wg     sync.WaitGroup
}

// NewServer returns a server; Start opens its listener.
func NewServer(cfg ServerConfig) *Server {
	if cfg.Name == "" {
		cfg.Name = ControlJID
	}
	if cfg.Hold == 0 {
		cfg.Hold = 90 * time.Second
	}
	if cfg.OpenTimeout == 0 {
		cfg.OpenTimeout = 15 * time.Second
	}
	return &Server{cfg: cfg, peers: map[*ServerPeer]struct{}{}}
}

// Start listens on cfg.Addr and accepts sessions until Stop. Starting a
// stopped server listens again (a control node restart).
func (s *Server) Start() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("xmpp: listen %s: %w", s.cfg.Addr, err)
	}
	s.mu.Lock()
	s.ln = ln
	s.mu.Unlock()
	s.wg.Add(1)
	go s.accept(ln)
	return nil
}

// Addr is the listening address (useful with port 0); zero when stopped.
func (s *Server) Addr() netip.AddrPort {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return netip.AddrPort{}
	}
	return addrPort(s.ln.Addr())
}

// Stop closes the listener (new connects are refused) and every session,
// all at once (each ends with a stream close that may wait for a busy
// agent); peers see EOF, as when the process dies. A connection accepted
// while Stop runs is closed by the accept loop, never registered, so the
// wait cannot hang on a session nobody closes. It waits for the sessions'
// goroutines, so handlers have seen every PeerDown on return.
func (s *Server) Stop() {
	s.mu.Lock()
	ln := s.ln
	s.ln = nil // from here on accept registers nothing (see accept)
	peers := make([]*ServerPeer, 0, len(s.peers))
	for p := range s.peers {
		peers = append(peers, p)
	}
	s.mu.Unlock()
	if ln != nil {
		_ = ln.Close()
	}
	for _, p := range peers {
		go p.Close("server stopped")
	}
	s.wg.Wait()
}

// Pause freezes every session (no reads, writes or keep-alives; TCP kept
// open) and every later accepted one, until Resume.
func (s *Server) Pause() { s.setPaused(true) }

// Resume undoes Pause.
func (s *Server) Resume() { s.setPaused(false) }

func (s *Server) setPaused(on bool) {
	s.mu.Lock()
	s.paused = on
	for p := range s.peers {
		p.sess.setPaused(on)
	}
	s.mu.Unlock()
}

// Peers returns the current sessions (any state).
func (s *Server) Peers() []*ServerPeer {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*ServerPeer, 0, len(s.peers))
	for p := range s.peers {
		out = append(out, p)
	}
	return out
}

func (s *Server) accept(ln net.Listener) {
	defer s.wg.Done()
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		p := &ServerPeer{srv: s, sess: newSession(c, s.cfg.Hold, s.cfg.ReadBuffer)}
		p.fsm.local, p.fsm.remote = addrPort(c.LocalAddr()), addrPort(c.RemoteAddr())
		p.fsm.set(Active, "EvTcpPassiveOpen")
		s.mu.Lock()
		if s.ln != ln { // stopped after Accept returned: Stop did not see it
			s.mu.Unlock()
			_ = c.Close()
			return
		}
		s.nextID++
		p.id = s.nextID
		s.peers[p] = struct{}{}
		if s.paused {
			p.sess.setPaused(true)
		}
		s.mu.Unlock()
		s.wg.Add(1)
		go p.run()
	}
}

// ServerPeer is one agent session on a control node.
type ServerPeer struct {
	srv  *Server
	sess *session
	fsm  fsm
	id   int

	// pending publish waiting for its collection (reader goroutine only)
	pendingNode  string
	pendingRoute *Route
}

// Name is the agent's name (the "from" of its stream header).
func (p *ServerPeer) Name() string {
	p.fsm.mu.Lock()
	defer p.fsm.mu.Unlock()
	return p.fsm.peerName
}

// RemoteAddr is the agent's TCP address (its vhost IP and source port).
func (p *ServerPeer) RemoteAddr() netip.AddrPort { return p.fsm.remote }

// State is the session state.
func (p *ServerPeer) State() State { return p.fsm.get() }

// Stats is a snapshot for ShowXmppConnection / BgpNeighborResp.
func (p *ServerPeer) Stats() Stats {
	st := p.fsm.stats(p.sess)
	st.LocalName = p.srv.cfg.Name
	return st
}

// Close ends the session with reason (PeerDown follows).
func (p *ServerPeer) Close(reason string) {
	p.sess.mu.Lock()
	if p.sess.lastErr == "" {
		p.sess.lastErr = reason
	}
	p.sess.mu.Unlock()
	p.sess.endStream()
}

// Pause freezes this session only; Resume undoes it.
func (p *ServerPeer) Pause()  { p.sess.setPaused(true) }
func (p *ServerPeer) Resume() { p.sess.setPaused(false) }

// SendUpdate sends one items message for instance: encoded items and
// retracts (EncodeItem, EncodeRetract), in the given order.
func (p *ServerPeer) SendUpdate(instance string, family Family, items []EncodedItem) error {
	if len(items) == 0 {
		return nil
	}
	bufs := make(net.Buffers, 0, len(items)+2)
	bufs = append(bufs, itemsHead(p.srv.cfg.Name, p.Name()+"/"+ResourceBGP, family.nodePrefix()+"/"+instance))
	for _, it := range items {
		bufs = append(bufs, it)
	}
	return p.sess.writeBuffers(append(bufs, itemsTail), countUpdate)
}

// SendRoutes encodes and sends routes and retracts for instance; it is
// SendUpdate for callers that do not cache item bytes.
func (p *ServerPeer) SendRoutes(instance string, family Family, routes []Route, retracts []netip.Prefix) error {
	items := make([]EncodedItem, 0, len(routes)+len(retracts))
	for _, r := range routes {
		items = append(items, EncodeItem(r))
	}
	for _, pfx := range retracts {
		items = append(items, EncodeRetract(pfx))
	}
	return p.SendUpdate(instance, family, items)
}

// SendEndOfRib sends the End-of-RIB marker.
func (p *ServerPeer) SendEndOfRib() error {
	msg := itemsMessage(p.srv.cfg.Name, p.Name()+"/"+ResourceBGP, EndOfRibNode, nil)
	return p.sess.write(msg, countUpdate)
}

func (p *ServerPeer) run() {
	defer p.srv.wg.Done()
	defer func() {
		p.srv.mu.Lock()
		delete(p.srv.peers, p)
		p.srv.mu.Unlock()
	}()
	h := p.srv.cfg.Handler
	// Wait for the agent's stream header, at most OpenTimeout.
	_ = p.sess.conn.SetReadDeadline(time.Now().Add(p.srv.cfg.OpenTimeout))
	kind, hdr, err := p.sess.fr.next()
	for err == nil && kind == frameKeepalive {
		kind, hdr, err = p.sess.fr.next()
	}
	if err != nil || kind != frameHeader {
		p.fsm.set(Idle, "EvOpenTimerExpired")
		p.sess.close()
		return
	}
	p.sess.countRx(countOpen)
	attrs := headerAttrs(hdr)
	p.fsm.mu.Lock()
	p.fsm.peerName = attrs["from"]
	p.fsm.mu.Unlock()
	p.fsm.set(OpenConfirm, "EvXmppOpen")
	if err := p.sess.write(streamHeader(p.srv.cfg.Name, attrs["from"], "++"+strconv.Itoa(p.id)), countOpen); err != nil {
		p.fsm.set(Idle, "EvTcpClose")
		p.sess.close()
		return
	}
	p.fsm.set(Established, "EvXmppOpen")
	go p.sess.keepalives()
	if h != nil {
		h.PeerUp(p)
	}
	reason := p.readLoop(h)
	p.sess.close()
	p.fsm.set(Idle, "EvTcpClose")
	p.sess.mu.Lock()
	if p.sess.lastErr != "" {
		reason = p.sess.lastErr
	}
	p.sess.mu.Unlock()
	if h != nil {
		h.PeerDown(p, reason)
	}
}

func (p *ServerPeer) readLoop(h ServerHandler) string {
	for {
		kind, b, err := p.sess.fr.next()
		if err != nil {
			if errors.Is(err, errBadStream) {
				return err.Error()
			}
			return readErrReason(err)
		}
		switch kind {
		case frameKeepalive:
			p.sess.countRx(countKeepalive)
		case frameClose:
			p.sess.countRx(countClose)
			return "stream closed by peer"
		case frameHeader:
			return "unexpected second stream header"
		case frameStanza:
			p.sess.countRx(countUpdate)
			if reason := p.stanza(h, b); reason != "" {
				return reason
			}
		}
	}
}

// stanza handles one agent stanza; a non-empty result closes the session.
func (p *ServerPeer) stanza(h ServerHandler, b []byte) string {
	if len(b) > 8 && string(b[:8]) == "<message" {
		// The agent's End-of-RIB message.
		var m messageXML
		if err := xml.Unmarshal(b, &m); err != nil {
			return "bad message: " + err.Error()
		}
		if m.Event != nil && m.Event.Items.Node == EndOfRibNode && h != nil {
			h.EndOfRib(p)
		}
		return ""
	}
	var iq iqXML
	if err := xml.Unmarshal(b, &iq); err != nil {
		return "bad iq: " + err.Error()
	}
	ps := iq.PubSub
	if ps == nil || h == nil {
		return ""
	}
	switch {
	case ps.Subscribe != nil:
		if err := h.Subscribe(p, ps.Subscribe.Node, ps.Subscribe.InstanceID); err != nil {
			return err.Error()
		}
	case ps.Unsubscribe != nil:
		if err := h.Unsubscribe(p, ps.Unsubscribe.Node); err != nil {
			return err.Error()
		}
	case ps.Publish != nil:
		if len(ps.Publish.Items) == 0 && ps.Publish.Node == EndOfRibNode {
			h.EndOfRib(p)
			return ""
		}
		p.pendingNode = ps.Publish.Node
		p.pendingRoute = nil
		if len(ps.Publish.Items) > 0 {
			if len(ps.Publish.Items) > 1 {
				return "publish with more than one item"
			}
			r, err := ps.Publish.Items[0].Entry.route()
			if err != nil {
				return err.Error()
			}
			if len(r.NextHops) > 1 {
				return "publish item with more than one next hop"
			}
			p.pendingRoute = &r
		}
	case ps.Collection != nil:
		c := ps.Collection
		var node string
		switch {
		case c.Associate != nil:
			node = c.Associate.Node
		case c.Dissociate != nil:
			node = c.Dissociate.Node
		default:
			return ""
		}
		if node != p.pendingNode || p.pendingNode == "" {
			return fmt.Sprintf("collection for %q without matching publish", node)
		}
		fam, instance, pfx, err := splitPublishNode(node)
		if err != nil {
			return err.Error()
		}
		route := p.pendingRoute
		p.pendingNode, p.pendingRoute = "", nil
		if c.Associate != nil {
			if route == nil {
				return fmt.Sprintf("associate for %q whose publish has no item", node)
			}
			route.Family, route.Prefix = fam, pfx
			h.Publish(p, instance, *route)
		} else {
			h.Retract(p, instance, fam, pfx)
		}
	}
	return ""
}
