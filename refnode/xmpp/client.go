package xmpp

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"net"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/tfkit/tfkit/refnode/work"
)

// Client is one agent → control channel: it connects, re-connects with
// Contrail's back-off, keeps the session alive and delivers updates.
type Client struct {
	cfg ClientConfig
	fsm fsm

	mu       sync.Mutex
	sess     *session // current session, nil when not Established/OpenSent
	paused   bool
	blocked  bool // partitioned: connects fail at once
	cancel   context.CancelFunc
	wg       sync.WaitGroup
	rng      *rand.Rand
	attempts int
	prevRx   Counters // counters of finished sessions
	prevTx   Counters
	seq      int // stanza id counter
	kick     chan struct{}
	// pairMu keeps a route's publish and its associate or dissociate
	// back to back on the wire: the control node pairs a collection with
	// the publish just before it and closes the session otherwise.
	pairMu sync.Mutex
}

// NewClient returns a channel; Start runs it.
func NewClient(cfg ClientConfig) *Client {
	if cfg.Hold == 0 {
		cfg.Hold = 90 * time.Second
	}
	if cfg.BackoffCap == 0 {
		cfg.BackoffCap = 30 * time.Second
	}
	if cfg.BackoffUnit == 0 {
		cfg.BackoffUnit = time.Second
	}
	if cfg.MaxAttempts == 0 {
		cfg.MaxAttempts = MaxAttemptsDefault
	}
	if cfg.ServerJID == "" {
		cfg.ServerJID = ControlJID
	}
	seed := cfg.Seed
	if seed == 0 {
		h := fnv.New64a()
		h.Write([]byte(cfg.Name + "|" + cfg.ServerAddr.String()))
		seed = int64(h.Sum64())
	}
	// A PCG source is 16 bytes where math/rand's is 4.9 KB: an agent
	// holds four clients (control and DNS), a large cluster thousands.
	return &Client{cfg: cfg, rng: rand.New(rand.NewPCG(uint64(seed), 0)), kick: make(chan struct{}, 1)}
}

// Config returns the configuration the client runs with.
func (c *Client) Config() ClientConfig { return c.cfg }

// Start runs the connect loop until Stop or ctx ends.
func (c *Client) Start(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	c.mu.Lock()
	c.cancel = cancel
	c.mu.Unlock()
	c.fsm.set(Active, "EvStart")
	c.wg.Add(1)
	go c.loop(ctx)
}

// Stop ends the channel and waits for its goroutines; no handler call
// happens after Stop returns.
func (c *Client) Stop() {
	c.mu.Lock()
	cancel, s := c.cancel, c.sess
	c.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	if s != nil {
		s.endStream()
	}
	c.wg.Wait()
	c.fsm.set(Idle, "EvStop")
}

// Cut closes the current TCP session; the channel re-connects (a flap).
func (c *Client) Cut() {
	c.mu.Lock()
	s := c.sess
	c.mu.Unlock()
	if s != nil {
		s.mu.Lock()
		s.lastErr = "session cut"
		s.mu.Unlock()
		s.close()
	}
}

// Pause freezes the channel: no reads, writes, keep-alives or connects;
// TCP stays open so the control node's hold timer expires.
func (c *Client) Pause() { c.setPaused(true) }

// Resume undoes Pause.
func (c *Client) Resume() { c.setPaused(false) }

func (c *Client) setPaused(on bool) {
	c.mu.Lock()
	c.paused = on
	s := c.sess
	c.mu.Unlock()
	if s != nil {
		s.setPaused(on)
	}
	if !on {
		select {
		case c.kick <- struct{}{}:
		default:
		}
	}
}

// Block partitions the channel from its server (on=true): the current
// session is cut and every connect fails at once, as when the server
// refuses connections, until Block(false). The failures count towards
// TimedOut like real ones.
func (c *Client) Block(on bool) {
	c.mu.Lock()
	c.blocked = on
	c.mu.Unlock()
	if on {
		c.Cut()
	}
}

// State is the channel state.
func (c *Client) State() State { return c.fsm.get() }

// Stats is a snapshot for AgentXmppData; counters cover every session.
func (c *Client) Stats() Stats {
	c.mu.Lock()
	s := c.sess
	prx, ptx := c.prevRx, c.prevTx
	c.mu.Unlock()
	st := c.fsm.stats(s)
	st.LocalName = c.cfg.Name
	st.HoldTime = c.cfg.Hold
	addCounters(&st.Rx, prx)
	addCounters(&st.Tx, ptx)
	return st
}

func addCounters(a *Counters, b Counters) {
	a.Open += b.Open
	a.Keepalive += b.Keepalive
	a.Update += b.Update
	a.Close += b.Close
}

// ErrNotEstablished is returned by senders when the channel is down.
var ErrNotEstablished = errors.New("xmpp: channel not established")

func (c *Client) send(build func(id string) []byte, idPrefix string) error {
	c.mu.Lock()
	s := c.sess
	c.seq++
	id := idPrefix + strconv.Itoa(c.seq)
	c.mu.Unlock()
	if s == nil || c.fsm.get() != Established {
		return ErrNotEstablished
	}
	return s.write(build(id), countUpdate)
}

// sendPair sends a publish and then its collection, with no other
// publish between them from another goroutine (pairMu).
func (c *Client) sendPair(publish, collection func(id string) []byte) error {
	c.pairMu.Lock()
	defer c.pairMu.Unlock()
	if err := c.send(publish, "pubsub"); err != nil {
		return err
	}
	return c.send(collection, "collection")
}

// Subscribe subscribes to a routing instance with the agent's VRF id.
func (c *Client) Subscribe(instance string, instanceID int) error {
	return c.send(func(id string) []byte {
		return subscribeStanza(c.cfg.Name, id, instance, instanceID)
	}, "subscribe")
}

// Unsubscribe unsubscribes from a routing instance.
func (c *Client) Unsubscribe(instance string) error {
	return c.send(func(id string) []byte { return unsubscribeStanza(c.cfg.Name, id, instance) }, "unsubscribe")
}

// Publish adds or changes a route: a publish IQ, then the associate.
func (c *Client) Publish(instance string, r Route) error {
	node := publishNode(instance, r.Family.orDefault(), r.Prefix)
	return c.sendPair(func(id string) []byte { return publishStanza(c.cfg.Name, id, node, &r) },
		func(id string) []byte { return collectionStanza(c.cfg.Name, id, instance, node, true) })
}

// Withdraw deletes a route: a publish IQ, then the dissociate.
func (c *Client) Withdraw(instance string, family Family, prefix netip.Prefix) error {
	node := publishNode(instance, family.orDefault(), prefix)
	return c.sendPair(func(id string) []byte { return publishStanza(c.cfg.Name, id, node, nil) },
		func(id string) []byte { return collectionStanza(c.cfg.Name, id, instance, node, false) })
}

// SendEndOfRib sends the agent's End-of-RIB message.
func (c *Client) SendEndOfRib() error {
	return c.send(func(string) []byte {
		return itemsMessage(c.cfg.Name, ControlJID+"/"+ResourceBGP, EndOfRibNode, nil)
	}, "eor")
}

// backoff is Contrail's connect delay for the n-th attempt since the last
// Established: 50 ms for the first, then min(2^(n-1), cap) units ±10 %.
func (c *Client) backoff(n int) time.Duration {
	if n == 0 {
		return 50 * time.Millisecond
	}
	d := c.cfg.BackoffUnit << uint(min(n-1, 20))
	if d > c.cfg.BackoffCap {
		d = c.cfg.BackoffCap
	}
	c.mu.Lock()
	j := c.rng.Float64()*0.2 - 0.1
	c.mu.Unlock()
	return d + time.Duration(float64(d)*j)
}

func (c *Client) loop(ctx context.Context) {
	defer c.wg.Done()
	for {
		// Active: wait for the connect timer (and while paused).
		c.fsm.set(Active, "EvConnectTimerWait")
		wait := c.backoff(c.attempts)
		for {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-c.kick:
				t.Stop()
				wait = 0
				continue
			case <-t.C:
			}
			c.mu.Lock()
			paused := c.paused
			c.mu.Unlock()
			if !paused {
				break
			}
			wait = c.cfg.BackoffUnit
		}
		c.fsm.set(Connect, "EvConnectTimerExpired")
		reason, established := c.session(ctx)
		if ctx.Err() != nil {
			return
		}
		if established {
			c.attempts = 0
			if h := c.cfg.Handler; h != nil {
				h.Down(c, reason)
			}
			continue
		}
		c.attempts++
		if c.attempts%c.cfg.MaxAttempts == 0 {
			if h := c.cfg.Handler; h != nil {
				h.TimedOut(c)
			}
		}
	}
}

// session dials and runs one session. It reports whether the session got
// to Established and why it ended.
func (c *Client) session(ctx context.Context) (string, bool) {
	c.mu.Lock()
	blocked := c.blocked
	c.mu.Unlock()
	if blocked {
		c.fsm.set(Active, "EvTcpConnectFail")
		return "blocked", false
	}
	d := net.Dialer{Timeout: c.cfg.Hold}
	if c.cfg.LocalAddr.IsValid() {
		d.LocalAddr = &net.TCPAddr{IP: c.cfg.LocalAddr.AsSlice()}
	}
	conn, err := d.DialContext(ctx, "tcp", c.cfg.ServerAddr.String())
	if err != nil {
		c.fsm.set(Active, "EvTcpConnectFail")
		return err.Error(), false
	}
	s := newSession(conn, c.cfg.Hold, c.cfg.ReadBuffer)
	c.fsm.mu.Lock()
	c.fsm.local, c.fsm.remote = addrPort(conn.LocalAddr()), addrPort(conn.RemoteAddr())
	c.fsm.mu.Unlock()
	c.mu.Lock()
	c.sess = s
	if c.paused {
		s.setPaused(true)
	}
	c.mu.Unlock()
	defer func() {
		s.close()
		rx, tx := s.counters()
		c.mu.Lock()
		c.sess = nil
		addCounters(&c.prevRx, rx)
		addCounters(&c.prevTx, tx)
		c.mu.Unlock()
	}()
	stopWatch := context.AfterFunc(ctx, s.close)
	defer stopWatch()

	if err := s.write(streamHeader(c.cfg.Name, c.cfg.ServerJID, ""), countOpen); err != nil {
		c.fsm.set(Active, "EvTcpClose")
		return err.Error(), false
	}
	c.fsm.set(OpenSent, "EvTcpConnected")
	kind, hdr, err := s.fr.next()
	for err == nil && kind == frameKeepalive {
		s.countRx(countKeepalive)
		kind, hdr, err = s.fr.next()
	}
	if err != nil || kind != frameHeader {
		c.fsm.set(Active, "EvTcpClose")
		if err == nil {
			err = fmt.Errorf("expected stream header")
		}
		return readErrReason(err), false
	}
	s.countRx(countOpen)
	attrs := headerAttrs(hdr)
	c.fsm.mu.Lock()
	c.fsm.peerName = attrs["from"]
	c.fsm.mu.Unlock()
	c.fsm.set(Established, "EvXmppOpen")
	// Contrail's client sends one keep-alive right after the server header.
	_ = s.write(keepaliveBytes, countKeepalive)
	go s.keepalives()
	if h := c.cfg.Handler; h != nil {
		h.Established(c)
	}
	reason := c.readLoop(s)
	s.mu.Lock()
	if s.lastErr != "" {
		reason = s.lastErr
	}
	s.mu.Unlock()
	if ctx.Err() != nil {
		reason = "stopped"
	}
	c.fsm.set(Active, "EvTcpClose")
	return reason, true
}

func (c *Client) readLoop(s *session) string {
	for {
		kind, b, err := s.fr.next()
		if err != nil {
			return readErrReason(err)
		}
		switch kind {
		case frameKeepalive:
			s.countRx(countKeepalive)
		case frameClose:
			s.countRx(countClose)
			return "stream closed by peer"
		case frameHeader:
			return "unexpected second stream header"
		case frameStanza:
			s.countRx(countUpdate)
			if reason := c.handleStanza(b); reason != "" {
				return reason
			}
		}
	}
}

// handleStanza handles one whole stanza in a turn of refnode/work; the
// turn is taken once the bytes are in, so it never waits on the network,
// and while a channel waits for it no read is pending, so the wait never
// counts against its hold timer.
func (c *Client) handleStanza(b []byte) string {
	work.Begin(work.Agent)
	defer work.End()
	return c.stanza(b)
}

// routeScratch holds the decoded items of one message while its handler
// runs (Update does not keep the slice), so messages allocate no slice.
var routeScratch = sync.Pool{New: func() any { return new([]Route) }}

// stanza handles one control-node stanza.
func (c *Client) stanza(b []byte) string {
	if len(b) < 8 || string(b[:8]) != "<message" {
		return "" // IQs towards the agent (config channel) are ignored
	}
	scratch := routeScratch.Get().(*[]Route)
	defer func() {
		clear(*scratch) // drop the references to shared routes
		routeScratch.Put(scratch)
	}()
	node, routes, retracts, err := decodeItemsMessage(b, (*scratch)[:0])
	*scratch = routes
	if err != nil {
		return "bad message: " + err.Error()
	}
	h := c.cfg.Handler
	if h == nil || node == "" {
		return ""
	}
	if node == EndOfRibNode {
		h.EndOfRib(c)
		return ""
	}
	fam, instance, err := splitNode(node)
	if err != nil {
		return err.Error()
	}
	for i := range routes {
		routes[i].Family = fam
	}
	h.Update(c, instance, fam, routes, retracts)
	return ""
}
