package agent

import (
	"context"
	"fmt"
	"net/netip"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
)

// tableCounts are the agent's objects that churn creates: shared path
// attribute sets and next hops (those in use, and the slots of their
// index-addressed lists), tunnel and composite NHs, labels, interfaces,
// path peers, routes and flows.
type tableCounts struct {
	attrs, attrSlots     int
	nhs, nhSlots         int
	tunnels, composites  int
	labels, itfs, peers  int
	routes, flows, index int
}

// counts reads the agent's tableCounts.
func (a *Agent) counts() tableCounts {
	a.mu.Lock()
	defer a.mu.Unlock()
	t := a.t
	c := tableCounts{attrSlots: len(t.attrList), nhSlots: len(t.nhs), tunnels: t.tunnels.n, composites: len(t.composites),
		labels: len(t.labels), itfs: len(t.itfs), peers: len(t.peers), flows: len(t.dp.flows), index: len(t.dp.byIndex)}
	for _, p := range t.attrList {
		if p.refs > 0 {
			c.attrs++
		}
	}
	for _, nh := range t.nhs {
		if nh != nil {
			c.nhs++
		}
	}
	for _, v := range t.vrfs {
		c.routes += v.routes.len()
	}
	return c
}

// TestChurnReturnsAgentTablesToBaseline runs cycles of churn between two
// agents and one control node (a pod created on vrouter-1 with its own
// VM name and security group, traffic from it, the pod deleted, then
// vrouter-2's session cut and re-made) and checks that both agents hold
// what they held before: every attribute set, next hop and flow the
// churn made is gone, and the index-addressed lists (attribute sets, next
// hops) reuse their freed slots instead of growing.
func TestChurnReturnsAgentTablesToBaseline(t *testing.T) {
	const cycles = 6
	c1 := startTestControl(t, "control-1", netip.MustParseAddr("127.211.7.1"), time.Second)
	ctls := []Control{c1.control()}
	a1 := startAgent(t, testConfig("vrouter-1", "127.211.8.1", ctls, pod(1, "10.47.255.249")))
	a2 := startAgent(t, testConfig("vrouter-2", "127.211.8.2", ctls, pod(2, "10.47.255.250")))
	learn := func(a *Agent, pfx string) {
		t.Helper()
		waitFor(t, a.cfg.Name+" learns "+pfx, func() bool { return a.pathOf(podVRF, pfx, c1.control().Address.String()) != nil })
	}
	learn(a2, "10.47.255.249/32")
	learn(a1, "10.47.255.250/32")
	base1, base2 := a1.counts(), a2.counts()

	for i := range cycles {
		p := pod(100+i, fmt.Sprintf("10.47.1.%d", i+1))
		p.SGIDs = []uint32{uint32(8000000 + i)}
		if err := a1.AddInterface(p); err != nil {
			t.Fatal(err)
		}
		pfx := p.IP.String() + "/32"
		learn(a2, pfx)
		if _, _, err := a1.Send(p.Name, Packet{Dst: netip.MustParseAddr("10.47.255.249"), Proto: 17, Sport: 4000, Dport: 53}, false); err != nil {
			t.Fatal(err)
		}
		if err := a1.RemoveInterface(p.Name); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "vrouter-2 loses "+pfx, func() bool { return a2.pathOf(podVRF, pfx, "") == nil })
		if err := a2.CutControl("control-1"); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "vrouter-2 drops control-1's paths", func() bool { return a2.pathOf(podVRF, "10.47.255.249/32", "") == nil })
		learn(a2, "10.47.255.249/32")
	}
	learn(a1, "10.47.255.250/32")

	checkChurnCounts(t, "vrouter-1", cycles, base1, a1.counts())
	checkChurnCounts(t, "vrouter-2", cycles, base2, a2.counts())
}

// checkChurnCounts fails t unless now holds what base held, its
// index-addressed lists at most two slots longer (a cycle's own objects
// take new slots while the freed ones wait on the free list).
func checkChurnCounts(t *testing.T, name string, cycles int, base, now tableCounts) {
	t.Helper()
	slots := func(n, b int) bool { return n <= b+2 }
	if !slots(now.attrSlots, base.attrSlots) || !slots(now.nhSlots, base.nhSlots) {
		t.Errorf("%s after %d churn cycles: %d attribute slots (%d before), %d NH slots (%d before)",
			name, cycles, now.attrSlots, base.attrSlots, now.nhSlots, base.nhSlots)
	}
	now.attrSlots, now.nhSlots = base.attrSlots, base.nhSlots
	if now != base {
		t.Errorf("%s after %d churn cycles: %+v, before %+v", name, cycles, now, base)
	}
}

// TestChurnThroughControlNodes is the same churn in a lab of real control
// nodes (two, BGP between them; vrouter-1 on ctl-1, vrouter-2 on ctl-2):
// pods re-created on vrouter-1 with a local preference of the cycle's
// own, and ctl-1 stopped and started (vrouter-2 loses vrouter-1's routes
// through BGP, and with them its tunnel NH, and learns them again). Both
// agents end with what they held before.
func TestChurnThroughControlNodes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts GoBGP speakers")
	}
	const cycles = 3
	ctls, a1, a2, _ := startControlLab(t, "127.211.31", "127.211.32")
	learn := func(a *Agent, pfx string, pref uint32) {
		t.Helper()
		testwait.For(t, a.cfg.Name+" learns "+pfx, 30*time.Second, func() bool {
			p := a.pathOf(podVRF, pfx, "")
			return p != nil && p.peer != PeerLocalVmPort && p.pref == pref
		})
	}
	learn(a2, "10.47.255.249/32", 100)
	learn(a1, "10.47.255.250/32", 100)
	base1, base2 := a1.counts(), a2.counts()

	for i := range cycles {
		p := pod(100+i, "10.47.1.1")
		p.LocalPref = uint32(200 + i)
		if err := a1.AddInterface(p); err != nil {
			t.Fatal(err)
		}
		learn(a2, "10.47.1.1/32", p.LocalPref)
		if err := a1.RemoveInterface(p.Name); err != nil {
			t.Fatal(err)
		}
		testwait.For(t, "vrouter-2 loses 10.47.1.1/32", 30*time.Second, func() bool { return a2.pathOf(podVRF, "10.47.1.1/32", "") == nil })
		ctls[0].Stop()
		testwait.For(t, "vrouter-2 loses vrouter-1's pod", 30*time.Second, func() bool { return a2.pathOf(podVRF, "10.47.255.249/32", "") == nil })
		if err := ctls[0].Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		learn(a2, "10.47.255.249/32", 100)
		learn(a1, "10.47.255.250/32", 100)
	}
	checkChurnCounts(t, "vrouter-1", cycles, base1, a1.counts())
	checkChurnCounts(t, "vrouter-2", cycles, base2, a2.counts())
}
