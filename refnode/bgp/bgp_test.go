package bgp

import (
	"context"
	"net/netip"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
)

// pair is two speakers behind gates, peering over real TCP on loopback.
type pair struct {
	a, b   *GoBGP
	ga, gb *Gate
	mu     sync.Mutex
	got    map[string]Route // what b learned, by key
}

func startPair(t *testing.T, addrA, addrB string, public, internal int) *pair {
	t.Helper()
	A, B := netip.MustParseAddr(addrA), netip.MustParseAddr(addrB)
	mk := func(self, other netip.Addr, name string) *GoBGP {
		s, err := New(Config{
			RouterID: self, ASN: 64512, Address: self, ListenPort: internal,
			Peers: []PeerConfig{{Name: name, Address: other, ASN: 64512, Port: public}},
			Hold:  3 * time.Second, ConnectRetry: 2 * time.Second, IdleHold: 500 * time.Millisecond,
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		return s
	}
	p := &pair{got: map[string]Route{}}
	// New both before Start on either (GoBGP global options, see startMu).
	p.a = mk(A, B, "ctl-b")
	p.b = mk(B, A, "ctl-a")
	p.ga = NewGate(A, netip.AddrPortFrom(A, uint16(public)), netip.AddrPortFrom(A, uint16(internal)))
	p.gb = NewGate(B, netip.AddrPortFrom(B, uint16(public)), netip.AddrPortFrom(B, uint16(internal)))
	t.Cleanup(p.ga.Close)
	t.Cleanup(p.gb.Close)
	for _, g := range []*Gate{p.ga, p.gb} {
		if err := g.Open(); err != nil {
			t.Fatal(err)
		}
	}
	p.b.Watch(func(ev Event) {
		if ev.Kind != EventRoute {
			return
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		if ev.Route.Withdraw {
			delete(p.got, ev.Route.Key())
		} else {
			p.got[ev.Route.Key()] = ev.Route
		}
	})
	ctx := context.Background()
	for _, s := range []*GoBGP{p.a, p.b} {
		if err := s.SetImportTargets(ctx, []string{"target:64512:8000001"}); err != nil {
			t.Fatal(err)
		}
		if err := s.Start(ctx); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func (p *pair) learned(key string) (Route, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	r, ok := p.got[key]
	return r, ok
}

func waitFor(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	testwait.For(t, what, d, cond)
}

func peerOf(s *GoBGP) PeerStatus { return s.Peers()[0] }

func TestVPNRouteAcrossGatesAndStopStart(t *testing.T) {
	p := startPair(t, "127.0.91.201", "127.0.91.202", 11179, 21179)
	waitFor(t, "both peers Established", 15*time.Second, func() bool {
		return peerOf(p.a).State == StateEstablished && peerOf(p.b).State == StateEstablished
	})
	ctx := context.Background()
	r := Route{
		RD: "127.0.2.1:3", Prefix: netip.MustParsePrefix("10.32.0.3/32"), Label: 25,
		NextHop: netip.MustParseAddr("127.0.2.1"), LocalPref: 100, MED: 200,
		Communities: []string{"target:64512:8000001", "encapsulation:gre", "encapsulation:udp", "originvn:64512:5"},
	}
	if err := p.a.AddPath(ctx, r); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "route at b", 10*time.Second, func() bool { _, ok := p.learned(r.Key()); return ok })
	got, _ := p.learned(r.Key())
	if got.Label != 25 || got.NextHop != r.NextHop || got.LocalPref != 100 || got.MED != 200 {
		t.Errorf("learned %+v, want label 25 nh %s lp 100 med 200", got, r.NextHop)
	}
	if got.Peer != netip.MustParseAddr("127.0.91.201") || got.PeerID != netip.MustParseAddr("127.0.91.201") {
		t.Errorf("learned from %s id %s, want 127.0.91.201", got.Peer, got.PeerID)
	}
	for _, c := range r.Communities {
		if !slices.Contains(got.Communities, c) {
			t.Errorf("community %s lost: got %v", c, got.Communities)
		}
	}
	if st := peerOf(p.b); st.Received != 1 || st.Rx.Update == 0 || st.RouterID != netip.MustParseAddr("127.0.91.201") {
		t.Errorf("b's view of a: received %d, rx updates %d, router id %s", st.Received, st.Rx.Update, st.RouterID)
	}

	// A node stop at the gate: peers go Active with one flap, paths go.
	p.ga.Stop()
	waitFor(t, "b sees a Active", 10*time.Second, func() bool { return peerOf(p.b).State == StateActive })
	st := peerOf(p.b)
	if st.FlapCount != 1 || st.FlapTime.IsZero() || st.LastState == "" {
		t.Errorf("after stop: flap_count %d flap_time %v last_state %q, want 1, set, set", st.FlapCount, st.FlapTime, st.LastState)
	}
	waitFor(t, "route withdrawn at b", 5*time.Second, func() bool { _, ok := p.learned(r.Key()); return !ok })

	if err := p.ga.Open(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "Established again", 20*time.Second, func() bool { return peerOf(p.b).State == StateEstablished })
	waitFor(t, "route back at b", 10*time.Second, func() bool { _, ok := p.learned(r.Key()); return ok })
	if st := peerOf(p.b); st.FlapCount != 1 {
		t.Errorf("flap_count %d after restart, want 1", st.FlapCount)
	}

	// Withdraw by the originator.
	if err := p.a.DeletePath(ctx, r); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "route withdrawn by a", 5*time.Second, func() bool { _, ok := p.learned(r.Key()); return !ok })

	// Cut one session: a second flap, then back.
	if n := Cut(netip.MustParseAddr("127.0.91.201"), netip.MustParseAddr("127.0.91.202")); n == 0 {
		t.Fatal("Cut closed no session")
	}
	waitFor(t, "second flap", 10*time.Second, func() bool { return peerOf(p.b).FlapCount == 2 })
	waitFor(t, "Established after cut", 20*time.Second, func() bool { return peerOf(p.b).State == StateEstablished })
}

func TestCommunityText(t *testing.T) {
	for _, s := range []string{"target:64512:8000003", "encapsulation:gre", "encapsulation:udp", "encapsulation:vxlan", "originvn:64512:3"} {
		c, err := parseCommunity(s)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		if got := formatCommunity(c); got != s {
			t.Errorf("round trip %s -> %s", s, got)
		}
	}
	if _, err := parseCommunity("encapsulation:nope"); err == nil {
		t.Error("bad encapsulation accepted")
	}
}

func TestFlapHistory(t *testing.T) {
	h := newHistory()
	t0 := time.Now()
	for i, s := range []string{StateConnect, StateOpenSent, StateEstablished, StateIdle, StateActive, StateEstablished, StateIdle} {
		reason := map[string]string{StateIdle: "hold-timer-expired", StateEstablished: "open-msg-negotiated"}[s]
		if i == 6 {
			reason = "admin-down"
		}
		h.transition("p", s, "", reason, t0.Add(time.Duration(i)*time.Second))
		if p := h.snapshot("p"); i == 5 && p.lastError != "hold-timer-expired" {
			t.Errorf("back Established: last_error %q, want the reason of the flap", p.lastError)
		}
	}
	p := h.snapshot("p")
	if p.flapCount != 2 || !p.flapTime.Equal(t0.Add(6*time.Second)) || p.lastState != StateEstablished || p.lastError != "admin-down" {
		t.Errorf("history %+v", p)
	}
	h.reset("p")
	if p := h.snapshot("p"); p.flapCount != 0 || !p.flapTime.IsZero() {
		t.Errorf("reset kept %+v", p)
	}
}
