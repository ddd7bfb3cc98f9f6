package xmpp

import (
	"context"
	"net"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// rtoMax reads a connection's TCP_RTO_MAX_MS; ok is false on kernels
// without it (before 6.15).
func rtoMax(t *testing.T, c net.Conn) (time.Duration, bool) {
	t.Helper()
	raw, err := c.(*net.TCPConn).SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var ms int
	var gerr error
	if err := raw.Control(func(fd uintptr) {
		ms, gerr = unix.GetsockoptInt(int(fd), unix.IPPROTO_TCP, tcpRTOMaxMS)
	}); err != nil {
		t.Fatal(err)
	}
	if gerr != nil {
		return 0, false
	}
	return time.Duration(ms) * time.Millisecond, true
}

// TestSessionsCapRetransmitBackoff checks both ends of a session: their
// TCP back-off is capped at rtoCap(hold), so that a stream stalled while
// its receiver was busy resumes well within the hold time.
func TestSessionsCapRetransmitBackoff(t *testing.T) {
	const hold = 9 * time.Second
	rec := newRecorder()
	srv := startServer(t, rec, hold)
	c := NewClient(ClientConfig{Name: "vrouter-7", ServerAddr: srv.Addr(), Hold: hold})
	c.Start(context.Background())
	defer c.Stop()
	rec.expect(t, "up vrouter-7")
	rec.mu.Lock()
	p := rec.peer
	rec.mu.Unlock()
	c.mu.Lock()
	cs := c.sess
	c.mu.Unlock()
	if cs == nil {
		t.Fatal("client has no session")
	}
	for _, end := range []struct {
		name string
		conn net.Conn
	}{{"client", cs.conn}, {"server", p.sess.conn}} {
		got, ok := rtoMax(t, end.conn)
		if !ok {
			t.Skip("kernel without TCP_RTO_MAX_MS (before 6.15)")
		}
		if want := rtoCap(hold); got != want {
			t.Errorf("%s: TCP_RTO_MAX_MS %v, want %v", end.name, got, want)
		}
	}
	if got := rtoCap(90 * time.Second); got != 10*time.Second {
		t.Errorf("rtoCap(90s) = %v, want 10s", got)
	}
}
