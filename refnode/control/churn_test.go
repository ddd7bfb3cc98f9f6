package control

import (
	"context"
	"fmt"
	"net/netip"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/refnode/timers"
)

// sessionCounts are the node's per-session state: agents (listed or
// not) and their subscriptions to tables (RIB out), sessions marked
// forgotten, and the XMPP server's sessions.
func (n *Node) sessionCounts() (agents, subs, forgotten, sessions int) {
	n.mu.Lock()
	agents = len(n.agents)
	for _, t := range n.rib.tables {
		subs += len(t.subs)
	}
	n.mu.Unlock()
	n.faults.mu.Lock()
	forgotten = len(n.faults.forgotten)
	n.faults.mu.Unlock()
	return agents, subs, forgotten, len(n.xs.Peers())
}

// liveSession tells whether the node has a session of name it has not
// forgotten, subscribed to an instance.
func (n *Node) liveSession(name string) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	for p, a := range n.agents {
		if a.name == name && !n.faults.isForgotten(p) && len(a.subs) > 0 {
			return true
		}
	}
	return false
}

// TestForgottenSessionsDoNotPileUp forgets an agent's session again and
// again (ForgetXMPP: the node loses it, the agent's hold timer expires
// and it connects again): once the agent is back, the node holds one
// session for it, as before the churn, and still has its route.
func TestForgottenSessionsDoNotPileUp(t *testing.T) {
	const cycles = 4
	n, err := New(Config{Name: "ctl-forget", Address: netip.MustParseAddr("127.0.91.230"), Networks: testNets, Timers: timers.Scaled(0.01)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(n.Close)
	if err := n.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	startAgent(t, "vrouter-f", "127.0.92.30", 2, n, podRoute("10.47.9.1/32", "127.0.92.30", 16))
	hasRoute := func() bool {
		n.mu.Lock()
		defer n.mu.Unlock()
		return n.rib.tables[podRI+".inet.0"].routes["10.47.9.1/32"] != nil
	}
	testwait.For(t, "vrouter-f's session and route", 10*time.Second, func() bool { return n.liveSession("vrouter-f") && hasRoute() })
	ba, bt, bf, bs := n.sessionCounts()

	for i := range cycles {
		if !n.ForgetXMPP("vrouter-f") {
			t.Fatalf("cycle %d: no session to forget", i)
		}
		testwait.For(t, "vrouter-f back with a new session", 10*time.Second, func() bool { return n.liveSession("vrouter-f") })
	}
	testwait.Until(t, "the node back to its sessions before the churn", 5*time.Second, func() error {
		if a, ts, f, s := n.sessionCounts(); a != ba || ts != bt || f != bf || s != bs {
			return fmt.Errorf("after %d forgets: agents %d, table subscriptions %d, forgotten %d, sessions %d; before %d, %d, %d, %d",
				cycles, a, ts, f, s, ba, bt, bf, bs)
		}
		return nil
	})
	if !hasRoute() {
		t.Fatal("vrouter-f's route is gone after the churn")
	}
}
