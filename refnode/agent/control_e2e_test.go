package agent

import (
	"context"
	"fmt"
	"net/netip"
	"testing"

	"github.com/tfkit/tfkit/refnode/control"
	"github.com/tfkit/tfkit/refnode/timers"
)

// TestAgentsThroughControlNodes runs two real control nodes (BGP between
// them) and two agents, each attached to a different control node: a pod
// route published by vrouter-1 to ctl-1 reaches vrouter-2 through BGP and
// ctl-2 as a tunnel route; stopping ctl-1 withdraws it.
func TestAgentsThroughControlNodes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts GoBGP speakers")
	}
	ctls, a1, a2, addr := startControlLab(t, "127.211.11", "127.211.12")

	peer2 := addr(2).String()
	waitFor(t, "vrouter-2 learns 10.47.255.249/32 through ctl-1 -> BGP -> ctl-2", func() bool {
		return a2.pathOf(podVRF, "10.47.255.249/32", peer2) != nil
	})
	p := a2.pathOf(podVRF, "10.47.255.249/32", peer2)
	if p.nh.kind != nhTunnel || p.nh.dip != a1.cfg.Address || p.nh.sip() != a2.cfg.Address || p.label != firstLabel || p.destVN[0] != podVN {
		t.Fatalf("vrouter-2 path %+v nh %+v", p, p.nh)
	}
	waitFor(t, "vrouter-1 learns 10.47.255.250/32", func() bool {
		return a1.pathOf(podVRF, "10.47.255.250/32", addr(1).String()) != nil
	})

	ctls[0].Stop()
	waitFor(t, "vrouter-2 loses 10.47.255.249/32", func() bool { return a2.pathOf(podVRF, "10.47.255.249/32", "") == nil })
	waitFor(t, "vrouter-1 (only control stopped) Non-Functional", func() bool {
		return a1.NodeStatus().ProcessStatus[0].State == "Non-Functional"
	})
}

// startControlLab starts two control nodes, ctl-1 and ctl-2 on
// <ctlNet>.1-2 with BGP between them, and two agents on <vrNet>.1-2:
// vrouter-1 (pod 10.47.255.249) on ctl-1, vrouter-2 (pod 10.47.255.250)
// on ctl-2; timers scaled 0.1. addr(i) is ctl-i's address.
func startControlLab(t *testing.T, ctlNet, vrNet string) (ctls []*control.Node, a1, a2 *Agent, addr func(int) netip.Addr) {
	t.Helper()
	tm := timers.Scaled(0.1)
	addr = func(i int) netip.Addr { return netip.MustParseAddr(fmt.Sprintf("%s.%d", ctlNet, i)) }
	nets := []control.Network{{FQName: podVN, VNIndex: 5}}
	for i := 1; i <= 2; i++ {
		cfg := control.Config{Name: fmt.Sprintf("ctl-%d", i), Address: addr(i), Networks: nets, Timers: tm, IntrospectPort: -1}
		other := 3 - i
		cfg.Peers = []control.Peer{{Name: fmt.Sprintf("ctl-%d", other), Address: addr(other)}}
		n, err := control.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(n.Close)
		ctls = append(ctls, n)
	}
	for _, n := range ctls {
		if err := n.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	ctlOf := func(i int) []Control { return []Control{{Name: fmt.Sprintf("ctl-%d", i), Address: addr(i)}} }
	cfg1 := testConfig("vrouter-1", vrNet+".1", ctlOf(1), pod(1, "10.47.255.249"))
	cfg2 := testConfig("vrouter-2", vrNet+".2", ctlOf(2), pod(2, "10.47.255.250"))
	cfg1.Timers, cfg2.Timers = tm, tm
	return ctls, startAgent(t, cfg1), startAgent(t, cfg2), addr
}
