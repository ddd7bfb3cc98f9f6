package bgp

import (
	"context"
	"fmt"
	"net/netip"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
)

// startMesh runs n speakers behind gates on 127.0.<net>.1..n, every one
// peering with every other (ibgp_auto_mesh), and starts them all at once.
func startMesh(t *testing.T, subnet, n int) ([]*GoBGP, []*Gate) {
	t.Helper()
	const public, internal = 11179, 21179
	addrs := make([]netip.Addr, n)
	for i := range addrs {
		addrs[i] = netip.MustParseAddr(fmt.Sprintf("127.0.%d.%d", subnet, i+1))
	}
	sp := make([]*GoBGP, n)
	gates := make([]*Gate, n)
	for i, self := range addrs {
		var peers []PeerConfig
		for j, other := range addrs {
			if j != i {
				peers = append(peers, PeerConfig{Name: fmt.Sprintf("ctl-%d", j+1), Address: other, ASN: 64512, Port: public})
			}
		}
		s, err := New(Config{RouterID: self, ASN: 64512, Address: self, ListenPort: internal, Peers: peers,
			Hold: 3 * time.Second, ConnectRetry: 2 * time.Second, IdleHold: 500 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		sp[i] = s
		gates[i] = NewGate(self, netip.AddrPortFrom(self, public), netip.AddrPortFrom(self, internal))
		t.Cleanup(gates[i].Close)
	}
	for i := range sp {
		if err := gates[i].Open(); err != nil {
			t.Fatal(err)
		}
		if err := sp[i].Start(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	return sp, gates
}

func established(sp []*GoBGP) (int, string) {
	up, detail := 0, ""
	for i, s := range sp {
		for _, p := range s.Peers() {
			if p.State == StateEstablished {
				up++
			} else {
				detail += fmt.Sprintf(" %d->%s:%s", i+1, p.Name, p.State)
			}
		}
	}
	return up, detail
}

// TestFullMeshEstablishes: 15 nodes started at once (the scale topology's
// control nodes) must bring up all 210 sessions. Before only one end of each
// pair dialled, 2 of 5 runs left a pair stuck in OpenConfirm (see
// passiveTowards).
func TestFullMeshEstablishes(t *testing.T) {
	const n = 15
	sp, _ := startMesh(t, 95, n)
	waitMesh(t, sp, 20*time.Second)
}

// waitMesh waits until every session of the mesh is Established.
func waitMesh(t *testing.T, sp []*GoBGP, d time.Duration) {
	t.Helper()
	n := len(sp)
	testwait.Until(t, "every session Established", d, func() error {
		if up, detail := established(sp); up != n*(n-1) {
			return fmt.Errorf("%d of %d sessions Established; not:%s", up, n*(n-1), detail)
		}
		return nil
	})
}

// peerNamed is s's view of the neighbor called name.
func peerNamed(t *testing.T, s *GoBGP, name string) PeerStatus {
	t.Helper()
	for _, p := range s.Peers() {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no neighbor %s", name)
	return PeerStatus{}
}

// holdState checks for d that the neighbor stays in state.
func holdState(t *testing.T, s *GoBGP, name, state string, d time.Duration) {
	t.Helper()
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if p := peerNamed(t, s, name); p.State != state {
			t.Fatalf("%s went %s (last %s, event %s), want it to stay %s", name, p.State, p.LastState, p.LastEvent, state)
		}
	}
}

// TestStoppedPeerShowsActive: when a node stops, its peers show Idle for
// the idle hold only (0.5 s here, GoBGP alone would take 5 s) and then
// Active while they retry, with one flap; message counters survive the
// re-created neighbor.
func TestStoppedPeerShowsActive(t *testing.T) {
	sp, gates := startMesh(t, 96, 3)
	waitMesh(t, sp, 15*time.Second)
	rxOpen := peerNamed(t, sp[1], "ctl-1").Rx.Open
	stopped := time.Now()
	gates[0].Stop()
	for _, s := range sp[1:] {
		waitFor(t, "ctl-1 Active", 3*time.Second, func() bool { return peerNamed(t, s, "ctl-1").State == StateActive })
	}
	if took := time.Since(stopped); took > 2*time.Second {
		t.Errorf("Active only %s after the stop, want about the 0.5 s idle hold", took)
	}
	holdState(t, sp[2], "ctl-1", StateActive, 3*time.Second)
	for _, s := range sp[1:] {
		if p := peerNamed(t, s, "ctl-1"); p.FlapCount != 1 || p.FlapTime.Before(stopped) || p.LastState != StateIdle {
			t.Errorf("after the stop: flap_count %d flap_time %v last_state %s, want 1, after %v, Idle", p.FlapCount, p.FlapTime, p.LastState, stopped)
		}
	}
	if err := gates[0].Open(); err != nil {
		t.Fatal(err)
	}
	waitMesh(t, sp, 15*time.Second)
	p := peerNamed(t, sp[1], "ctl-1")
	if p.FlapCount != 1 || p.Rx.Open <= rxOpen {
		t.Errorf("back up: flap_count %d rx opens %d (were %d), want 1 and more than before", p.FlapCount, p.Rx.Open, rxOpen)
	}
}

// TestPartitionAndHeal: a partition takes the session between two nodes
// down and keeps it down (reconnects are refused) without touching the
// others; healing brings it back.
func TestPartitionAndHeal(t *testing.T) {
	sp, _ := startMesh(t, 97, 3)
	waitMesh(t, sp, 15*time.Second)
	a, b := netip.MustParseAddr("127.0.97.1"), netip.MustParseAddr("127.0.97.2")
	if n := Block(a, b, true); n == 0 {
		t.Fatal("partition cut no session")
	}
	waitFor(t, "ctl-1 and ctl-2 apart", 3*time.Second, func() bool {
		return peerNamed(t, sp[0], "ctl-2").State == StateActive && peerNamed(t, sp[1], "ctl-1").State == StateActive
	})
	// Longer than the 2 s connect retry: the dialling end was refused.
	holdState(t, sp[1], "ctl-1", StateActive, 4*time.Second)
	for i, s := range sp {
		for _, p := range s.Peers() {
			apart := (i == 0 && p.Name == "ctl-2") || (i == 1 && p.Name == "ctl-1")
			if !apart && p.State != StateEstablished {
				t.Errorf("ctl-%d -> %s is %s: the partition of ctl-1/ctl-2 touched it", i+1, p.Name, p.State)
			}
		}
	}
	Block(b, a, false)
	waitMesh(t, sp, 15*time.Second)
	if p := peerNamed(t, sp[0], "ctl-2"); p.FlapCount != 1 {
		t.Errorf("flap_count %d after partition and heal, want 1", p.FlapCount)
	}
}

// TestAdminDownStaysIdle: a neighbor disabled by the operator is Idle
// (no re-creation, no reconnect) until enabled, which also forgets its
// flaps, as contrail-control does.
func TestAdminDownStaysIdle(t *testing.T) {
	sp, _ := startMesh(t, 99, 2)
	waitMesh(t, sp, 15*time.Second)
	ctx := context.Background()
	b := netip.MustParseAddr("127.0.99.2")
	if err := sp[0].SetPeerAdmin(ctx, b, false); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "ctl-2 Idle", 3*time.Second, func() bool { return peerNamed(t, sp[0], "ctl-2").State == StateIdle })
	holdState(t, sp[0], "ctl-2", StateIdle, 3*time.Second)
	if p := peerNamed(t, sp[0], "ctl-2"); !p.AdminDown || p.FlapCount != 1 {
		t.Errorf("disabled: admin_down %v flap_count %d, want true, 1", p.AdminDown, p.FlapCount)
	}
	if err := sp[0].SetPeerAdmin(ctx, b, true); err != nil {
		t.Fatal(err)
	}
	waitMesh(t, sp, 15*time.Second)
	if p := peerNamed(t, sp[0], "ctl-2"); p.AdminDown || p.FlapCount != 0 {
		t.Errorf("enabled: admin_down %v flap_count %d, want false, 0", p.AdminDown, p.FlapCount)
	}
}
