package xmpp

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
)

// handlerFuncs is a ClientHandler made of optional funcs.
type handlerFuncs struct {
	established func()
	down        func(reason string)
	timedOut    func()
	update      func(instance string, f Family, items []Route, retracts []netip.Prefix)
	eor         func()
}

func (h handlerFuncs) Established(*Client) {
	if h.established != nil {
		h.established()
	}
}
func (h handlerFuncs) Down(_ *Client, reason string) {
	if h.down != nil {
		h.down(reason)
	}
}
func (h handlerFuncs) TimedOut(*Client) {
	if h.timedOut != nil {
		h.timedOut()
	}
}
func (h handlerFuncs) Update(_ *Client, instance string, f Family, items []Route, retracts []netip.Prefix) {
	if h.update != nil {
		h.update(instance, f, items, retracts)
	}
}
func (h handlerFuncs) EndOfRib(*Client) {
	if h.eor != nil {
		h.eor()
	}
}

// recorder is a ServerHandler that logs events as strings.
type recorder struct {
	events chan string
	mu     sync.Mutex
	subs   map[string]bool
	peer   *ServerPeer
}

func newRecorder() *recorder {
	return &recorder{events: make(chan string, 100), subs: map[string]bool{}}
}

func (r *recorder) PeerUp(p *ServerPeer) {
	r.mu.Lock()
	r.peer = p
	r.mu.Unlock()
	r.events <- "up " + p.Name()
}
func (r *recorder) PeerDown(p *ServerPeer, reason string) { r.events <- "down " + reason }
func (r *recorder) Subscribe(p *ServerPeer, inst string, id int) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.subs[inst] {
		return errors.New("duplicate subscribe for " + inst)
	}
	r.subs[inst] = true
	r.events <- "sub " + inst + " " + itoa(id)
	return nil
}
func (r *recorder) Unsubscribe(p *ServerPeer, inst string) error {
	r.events <- "unsub " + inst
	return nil
}
func (r *recorder) Publish(p *ServerPeer, inst string, rt Route) {
	r.events <- "pub " + inst + " " + rt.Prefix.String() + " " + rt.NextHops[0].Address.String() + " " + itoa(int(rt.NextHops[0].Label))
}
func (r *recorder) Retract(p *ServerPeer, inst string, f Family, pfx netip.Prefix) {
	r.events <- "retract " + inst + " " + pfx.String()
}
func (r *recorder) EndOfRib(p *ServerPeer) { r.events <- "eor" }

func itoa(i int) string { return strconv.Itoa(i) }

func (r *recorder) expect(t *testing.T, want string) {
	t.Helper()
	select {
	case got := <-r.events:
		if !strings.HasPrefix(got, want) {
			t.Fatalf("event %q, want prefix %q", got, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("no event, want %q", want)
	}
}

func startServer(t *testing.T, h ServerHandler, hold time.Duration) *Server {
	t.Helper()
	s := NewServer(ServerConfig{Addr: "127.0.0.1:0", Hold: hold, Handler: h})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

func waitFor(t *testing.T, what string, f func() bool) {
	t.Helper()
	testwait.For(t, what, 5*time.Second, f)
}

func TestClientServerExchange(t *testing.T) {
	rec := newRecorder()
	srv := startServer(t, rec, 3*time.Second)
	updates := make(chan string, 10)
	eor := make(chan struct{}, 1)
	c := NewClient(ClientConfig{
		Name: "vrouter-1", LocalAddr: netip.MustParseAddr("127.0.0.1"), ServerAddr: srv.Addr(), Hold: 3 * time.Second,
		Handler: handlerFuncs{
			update: func(inst string, f Family, items []Route, retracts []netip.Prefix) {
				for _, it := range items {
					updates <- "item " + inst + " " + it.Prefix.String() + " " + it.NextHops[0].Address.String()
				}
				for _, p := range retracts {
					updates <- "retract " + inst + " " + p.String()
				}
			},
			eor: func() { eor <- struct{}{} },
		},
	})
	c.Start(context.Background())
	defer c.Stop()
	rec.expect(t, "up vrouter-1")
	waitFor(t, "client established", func() bool { return c.State() == Established })

	const vrf = "default-domain:k8s-default:k8s-default-pod-network:k8s-default-pod-network"
	if err := c.Subscribe(vrf, 3); err != nil {
		t.Fatal(err)
	}
	rec.expect(t, "sub "+vrf+" 3")
	r := Route{Prefix: netip.MustParsePrefix("10.47.255.249/32"), LocalPref: 100,
		NextHops: []NextHop{{Address: netip.MustParseAddr("127.0.0.1"), Label: 16, Encaps: []string{"gre", "udp"}}}}
	if err := c.Publish(vrf, r); err != nil {
		t.Fatal(err)
	}
	rec.expect(t, "pub "+vrf+" 10.47.255.249/32 127.0.0.1 16")
	if err := c.Withdraw(vrf, FamilyInet, r.Prefix); err != nil {
		t.Fatal(err)
	}
	rec.expect(t, "retract "+vrf+" 10.47.255.249/32")
	if err := c.SendEndOfRib(); err != nil {
		t.Fatal(err)
	}
	rec.expect(t, "eor")

	// Server → client: items, retracts, EoR.
	rec.mu.Lock()
	p := rec.peer
	rec.mu.Unlock()
	remote := r
	remote.Prefix = netip.MustParsePrefix("10.47.255.250/32")
	remote.NextHops = []NextHop{{Address: netip.MustParseAddr("127.0.2.2"), Label: 18}}
	if err := p.SendRoutes(vrf, FamilyInet, []Route{remote}, []netip.Prefix{netip.MustParsePrefix("10.1.1.1/32")}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"item " + vrf + " 10.47.255.250/32 127.0.2.2", "retract " + vrf + " 10.1.1.1/32"} {
		select {
		case got := <-updates:
			if got != want {
				t.Fatalf("update %q, want %q", got, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("no update, want %q", want)
		}
	}
	if err := p.SendEndOfRib(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-eor:
	case <-time.After(5 * time.Second):
		t.Fatal("no EoR at the client")
	}

	// Counters: both sides saw one open each way, updates counted.
	cs, ss := c.Stats(), p.Stats()
	if cs.Tx.Open != 1 || cs.Rx.Open != 1 || ss.Rx.Open != 1 || ss.Tx.Open != 1 {
		t.Fatalf("open counters client %+v/%+v server %+v/%+v", cs.Rx, cs.Tx, ss.Rx, ss.Tx)
	}
	if cs.Tx.Update != 6 || ss.Rx.Update != 6 || ss.Tx.Update != 2 || cs.Rx.Update != 2 {
		t.Fatalf("update counters client rx %d tx %d, server rx %d tx %d", cs.Rx.Update, cs.Tx.Update, ss.Rx.Update, ss.Tx.Update)
	}
	if cs.PeerName != ControlJID || ss.PeerName != "vrouter-1" {
		t.Fatalf("peer names %q %q", cs.PeerName, ss.PeerName)
	}
	if p.RemoteAddr().Addr() != netip.MustParseAddr("127.0.0.1") {
		t.Fatalf("remote addr %v", p.RemoteAddr())
	}

	// A duplicate subscribe makes the control node close the channel; the
	// client flaps and comes back.
	if err := c.Subscribe(vrf, 3); err != nil {
		t.Fatal(err)
	}
	rec.expect(t, "down duplicate subscribe")
	rec.expect(t, "up vrouter-1")
	waitFor(t, "flap counted", func() bool { return c.Stats().FlapCount == 1 && c.State() == Established })
}

func TestCollectionWithoutPublishClosesSession(t *testing.T) {
	rec := newRecorder()
	srv := startServer(t, rec, 3*time.Second)
	conn, err := net.Dial("tcp", srv.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.Write(streamHeader("bad-agent", ControlJID, ""))
	rec.expect(t, "up bad-agent")
	conn.Write(collectionStanza("bad-agent", "c1", "vrf", "1/1/vrf/1.1.1.1/32", true))
	rec.expect(t, "down collection for")
}

func TestHoldTimerExpiresWhenClientStopsReading(t *testing.T) {
	rec := newRecorder()
	hold := 600 * time.Millisecond
	srv := startServer(t, rec, hold)
	downs := make(chan string, 4)
	c := NewClient(ClientConfig{Name: "vrouter-2", ServerAddr: srv.Addr(), Hold: hold, BackoffUnit: 50 * time.Millisecond,
		Handler: handlerFuncs{down: func(r string) { downs <- r }}})
	c.Start(context.Background())
	defer c.Stop()
	rec.expect(t, "up vrouter-2")
	// Keep-alives keep an idle session up past several hold times.
	time.Sleep(3 * hold)
	if st := c.State(); st != Established {
		t.Fatalf("idle session state %v", st)
	}
	if k := c.Stats().Rx.Keepalive; k < 3 {
		t.Fatalf("client received %d keep-alives in 3 hold times", k)
	}
	c.Pause()
	rec.expect(t, "down hold timer expired")
	c.Resume()
	select {
	case r := <-downs:
		if r == "" {
			t.Fatal("empty down reason")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("client did not notice the closed session")
	}
	rec.expect(t, "up vrouter-2")
}

func TestServerPauseExpiresClientHold(t *testing.T) {
	rec := newRecorder()
	hold := 600 * time.Millisecond
	srv := startServer(t, rec, 10*time.Second)
	downs := make(chan string, 4)
	c := NewClient(ClientConfig{Name: "vrouter-3", ServerAddr: srv.Addr(), Hold: hold, BackoffUnit: 50 * time.Millisecond,
		Handler: handlerFuncs{down: func(r string) { downs <- r }}})
	c.Start(context.Background())
	defer c.Stop()
	rec.expect(t, "up vrouter-3")
	srv.Pause()
	select {
	case r := <-downs:
		if r != "hold timer expired" {
			t.Fatalf("down reason %q", r)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("client hold timer did not expire")
	}
	srv.Resume()
}

func TestClientTimesOutAfterMaxAttempts(t *testing.T) {
	// A port nobody listens on: connects are refused at once.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := addrPort(ln.Addr())
	ln.Close()
	timedOut := make(chan time.Time, 2)
	c := NewClient(ClientConfig{Name: "vrouter-4", ServerAddr: addr, BackoffUnit: 20 * time.Millisecond,
		Handler: handlerFuncs{timedOut: func() { timedOut <- time.Now() }}})
	start := time.Now()
	c.Start(context.Background())
	defer c.Stop()
	select {
	case at := <-timedOut:
		// 50 ms + 1 + 2 + 4 units of 20 ms ≈ 190 ms (±10 %).
		if d := at.Sub(start); d < 150*time.Millisecond {
			t.Fatalf("TIMEDOUT after %v: back-off not applied", d)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no TIMEDOUT")
	}
	if st := c.State(); st != Active && st != Connect {
		t.Fatalf("state %v, want Active", st)
	}
}

func TestServerStopAndRestart(t *testing.T) {
	rec := newRecorder()
	srv := NewServer(ServerConfig{Addr: "127.0.0.1:0", Hold: 3 * time.Second, Handler: rec})
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	addr := srv.Addr()
	c := NewClient(ClientConfig{Name: "vrouter-5", ServerAddr: addr, BackoffUnit: 20 * time.Millisecond})
	c.Start(context.Background())
	defer c.Stop()
	rec.expect(t, "up vrouter-5")
	srv.Stop()
	rec.expect(t, "down server stopped")
	waitFor(t, "client leaves Established", func() bool { return c.State() != Established })
	srv2 := NewServer(ServerConfig{Addr: addr.String(), Hold: 3 * time.Second, Handler: rec})
	if err := srv2.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv2.Stop()
	rec.expect(t, "up vrouter-5")
	if fc := c.Stats().FlapCount; fc != 1 {
		t.Fatalf("flap count %d", fc)
	}
}

func TestClientBlockTimesOutAndHeals(t *testing.T) {
	rec := newRecorder()
	srv := startServer(t, rec, 3*time.Second)
	timedOut := make(chan struct{}, 10)
	c := NewClient(ClientConfig{Name: "vrouter-6", ServerAddr: srv.Addr(), BackoffUnit: 10 * time.Millisecond,
		Handler: handlerFuncs{timedOut: func() { timedOut <- struct{}{} }}})
	c.Start(context.Background())
	defer c.Stop()
	rec.expect(t, "up vrouter-6")
	c.Block(true)
	rec.expect(t, "down")
	select {
	case <-timedOut:
	case <-time.After(5 * time.Second):
		t.Fatal("blocked channel did not time out")
	}
	if len(srv.Peers()) != 0 {
		t.Fatal("blocked client reached the server")
	}
	c.Block(false)
	rec.expect(t, "up vrouter-6")
}
