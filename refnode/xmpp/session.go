package xmpp

import (
	"errors"
	"io"
	"net"
	"net/netip"
	"os"
	"regexp"
	"sync"
	"time"
)

// session is one TCP connection carrying the dialect, shared by the client
// and server sides: framing, hold and keep-alive timers, pause, counters.
type session struct {
	conn net.Conn
	fr   *framer
	hold time.Duration

	wmu sync.Mutex // serialises writes

	mu      sync.Mutex
	paused  bool
	resume  chan struct{} // closed on Resume
	closed  bool
	done    chan struct{} // closed by close()
	rx, tx  Counters
	lastErr string
}

// socketBuffer is the kernel buffer each way of a session's socket. The
// kernel's default grows to megabytes per socket; a cluster of a thousand
// agents that read slower than their control nodes write (a whole table
// at start) then fills gigabytes of kernel memory, reaching the machine's
// TCP memory pressure, where the kernel drops segments and loopback
// sessions stall for minutes in retransmission back-off. Small buffers
// keep the backlog in the control node's RIB out, which coalesces it.
const socketBuffer = 32 << 10

// rtoCap is the most a session's TCP waits between retransmissions (and
// zero-window probes): a ninth of the hold time, within the kernel's
// bounds of 1 s and 120 s. A receiver that stops reading for a while (an
// agent waiting its turn for route work, seconds at a time in the
// 980-agent cluster) lets its small socket buffer fill; the kernel then
// drops some segments beyond its memory (TcpExtTCPRcvQDrop), and the
// sender retransmits them with exponential back-off, which grew to 3.3
// and 6.6 s on the cluster's XMPP sockets while the receiver was busy.
// A window update from the receiver does not bring a lost segment back
// early, so once the receiver read again the peer's bytes, keep-alives
// among them, came only after that wait, and its hold timer (9 s at
// timer scale 0.1) expired on a live session. With the cap the stream
// resumes at most hold/9 after the receiver reads again.
func rtoCap(hold time.Duration) time.Duration {
	return min(max(hold/9, time.Second), 120*time.Second)
}

func newSession(conn net.Conn, hold time.Duration, readBuffer int) *session {
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetReadBuffer(socketBuffer)
		_ = tc.SetWriteBuffer(socketBuffer)
		capRetransmitBackoff(tc, hold)
	}
	s := &session{conn: conn, hold: hold, done: make(chan struct{})}
	s.fr = newFramerSize(holdReader{s}, readBuffer)
	return s
}

// holdReader re-arms the hold timer before every read: any received byte
// restarts it, as in Contrail. A read that times out is a hold expiry.
type holdReader struct{ s *session }

func (h holdReader) Read(p []byte) (int, error) {
	h.s.waitResumed()
	if h.s.hold > 0 {
		_ = h.s.conn.SetReadDeadline(time.Now().Add(h.s.hold))
	}
	return h.s.conn.Read(p)
}

// errHoldExpired is the reason of a session whose hold timer fired.
var errHoldExpired = errors.New("hold timer expired")

// readErrReason turns a read error into the reason given to handlers.
func readErrReason(err error) string {
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		return errHoldExpired.Error()
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed by peer"
	case errors.Is(err, net.ErrClosed):
		return "connection closed"
	default:
		return err.Error()
	}
}

// waitResumed blocks while the session is paused.
func (s *session) waitResumed() {
	for {
		s.mu.Lock()
		if !s.paused {
			s.mu.Unlock()
			return
		}
		ch := s.resume
		s.mu.Unlock()
		select {
		case <-ch:
		case <-s.done:
			return
		}
	}
}

// setPaused(true) stops reading, writing and keep-alives; TCP stays open,
// so the peer sees its hold timer expire (a hung process or docker
// pause). setPaused(false) resumes.
func (s *session) setPaused(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case on && !s.paused:
		s.paused = true
		s.resume = make(chan struct{})
	case !on && s.paused:
		s.paused = false
		close(s.resume)
	}
}

func (s *session) isPaused() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.paused
}

// write sends b; kind selects the counter. A paused session drops writes
// silently (the process is frozen; nothing leaves it).
//
// A write has no deadline: a peer that reads slowly because it is busy
// (a loaded agent taking in a whole table) is alive, and the bytes it
// reads restart its hold timer; a dead or frozen peer sends no keep-alives,
// so the reader's hold timer closes the session, which ends a blocked
// write. A write that fails closes the session at once, since part of a
// stanza may have left and the stream cannot go on after it.
func (s *session) write(b []byte, count func(*Counters)) error {
	return s.writeBuffers(net.Buffers{b}, count)
}

// writeBuffers is write for a message in pieces, sent with one vectored
// write where the connection supports it.
func (s *session) writeBuffers(bufs net.Buffers, count func(*Counters)) error {
	if s.isPaused() {
		return nil
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	_, err := bufs.WriteTo(s.conn)
	if err != nil {
		s.close()
		return err
	}
	if count != nil {
		s.mu.Lock()
		count(&s.tx)
		s.mu.Unlock()
	}
	return err
}

func countOpen(c *Counters)      { c.Open++ }
func countKeepalive(c *Counters) { c.Keepalive++ }
func countUpdate(c *Counters)    { c.Update++ }
func countClose(c *Counters)     { c.Close++ }

func (s *session) countRx(f func(*Counters)) {
	s.mu.Lock()
	f(&s.rx)
	s.mu.Unlock()
}

func (s *session) counters() (rx, tx Counters) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rx, s.tx
}

// keepalives sends C8 80 every hold/3 until the session closes.
func (s *session) keepalives() {
	if s.hold <= 0 {
		return
	}
	t := time.NewTicker(s.hold / 3)
	defer t.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-t.C:
			if err := s.write(keepaliveBytes, countKeepalive); err != nil {
				s.close()
				return
			}
		}
	}
}

// endStream sends the stream close and closes the session. The write
// gets a short deadline: a peer that stopped reading must not hold up a
// Stop for a whole hold time.
func (s *session) endStream() {
	if !s.isPaused() {
		// The deadline comes first: it also ends a write in progress that
		// holds wmu because the peer is not reading.
		_ = s.conn.SetWriteDeadline(time.Now().Add(100 * time.Millisecond))
		s.wmu.Lock()
		if _, err := s.conn.Write([]byte("</stream:stream>")); err == nil {
			s.mu.Lock()
			s.tx.Close++
			s.mu.Unlock()
		}
		s.wmu.Unlock()
	}
	s.close()
}

// close ends the session once; it unblocks the reader and keep-alives.
func (s *session) close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	close(s.done)
	s.mu.Unlock()
	_ = s.conn.Close()
}

// streamHeader builds the unclosed stream header the way Contrail does
// (a self-closed element whose '/' became a space).
func streamHeader(from, to, id string) []byte {
	b := []byte(`<?xml version='1.0'?><stream:stream from='`)
	b = appendEscaped(b, from)
	b = append(b, `' to='`...)
	b = appendEscaped(b, to)
	if id != "" {
		b = append(b, `' id='`...)
		b = appendEscaped(b, id)
	}
	return append(b, `' version='1.0' xml:lang='en' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' >`...)
}

var headerAttr = regexp.MustCompile(`([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:'([^']*)'|"([^"]*)")`)

// headerAttrs returns the attributes of a stream header.
func headerAttrs(h []byte) map[string]string {
	m := map[string]string{}
	for _, sm := range headerAttr.FindAllSubmatch(h, -1) {
		v := sm[2]
		if v == nil {
			v = sm[3]
		}
		m[string(sm[1])] = string(v)
	}
	return m
}

func addrPort(a net.Addr) netip.AddrPort {
	if t, ok := a.(*net.TCPAddr); ok {
		return t.AddrPort()
	}
	ap, _ := netip.ParseAddrPort(a.String())
	return ap
}

// fsm keeps the state, flap and last-event bookkeeping common to both sides.
type fsm struct {
	mu          sync.Mutex
	state       State
	lastState   State
	lastEvent   string
	lastStateAt time.Time
	flapCount   uint32
	flapTime    time.Time
	lastReadyAt time.Time
	peerName    string
	local       netip.AddrPort
	remote      netip.AddrPort
}

// set moves to st because of event; leaving Established counts a flap.
func (f *fsm) set(st State, event string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lastEvent = event
	if st == f.state {
		return
	}
	now := time.Now()
	if f.state == Established {
		f.flapCount++
		f.flapTime = now
	}
	if st == Established {
		f.lastReadyAt = now
	}
	f.lastState, f.state, f.lastStateAt = f.state, st, now
}

func (f *fsm) get() State {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.state
}

func (f *fsm) stats(s *session) Stats {
	f.mu.Lock()
	st := Stats{
		PeerName: f.peerName, LocalAddr: f.local, RemoteAddr: f.remote,
		State: f.state, LastState: f.lastState, LastEvent: f.lastEvent, LastStateAt: f.lastStateAt,
		FlapCount: f.flapCount, FlapTime: f.flapTime, LastReadyAt: f.lastReadyAt,
	}
	f.mu.Unlock()
	if s != nil {
		st.Rx, st.Tx = s.counters()
		st.HoldTime = s.hold
	}
	return st
}
