package cluster_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/tfkit/tfkit/refnode/cluster"
)

// TestE2EBGPFaultsThroughAdminAPI drives BGP faults between control nodes
// the way `refnode ctl` does (admin HTTP API) and checks them the way
// `ist ctr nei` does (BgpNeighborReq over HTTP): a partition takes the
// session down and keeps it down, heal brings it back, a cut is one more
// flap, a control node/vRouter partition is accepted, and the peers of a
// stopped control node show Active.
func TestE2EBGPFaultsThroughAdminAPI(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end cluster test: skipped with -short")
	}
	top := testTopology(t, 45)
	c := startCluster(t, top)
	srv, addr, err := c.ServeAdmin("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	api := cluster.NewClient(addr)
	ctx := context.Background()
	port := top.Cluster.Ports.ControlIntrospect
	addrOf := map[string]string{}
	for _, ctl := range top.Controls {
		addrOf[ctl.Name] = ctl.Address
	}
	// peer returns how control `of` shows BGP neighbor `name`.
	peer := func(of, name string) (neighbor, error) {
		nbrs, err := neighbors(addrOf[of], port)
		if err != nil {
			return neighbor{}, err
		}
		for _, n := range nbrs {
			if n.Encoding == "BGP" && n.Peer == name {
				return n, nil
			}
		}
		return neighbor{}, fmt.Errorf("%s shows no BGP neighbor %s in %+v", of, name, nbrs)
	}
	// expect waits until `of` shows `name` in state with flap_count flaps.
	expect := func(d time.Duration, of, name, state, flaps string) {
		t.Helper()
		eventually(t, d, of+" shows "+name+" "+state+" with "+flaps+" flaps", func() error {
			n, err := peer(of, name)
			if err != nil {
				return err
			}
			if n.State != state || n.FlapCount != flaps {
				return fmt.Errorf("%s shows %+v", of, n)
			}
			return nil
		})
	}
	for _, a := range top.Controls {
		for _, b := range top.Controls {
			if a.Name != b.Name {
				expect(30*time.Second, a.Name, b.Name, "Established", "0")
			}
		}
	}

	if err := api.SessionOp(ctx, "control-1", "control-2", "partition", cluster.FlapOptions{}); err != nil {
		t.Fatal(err)
	}
	expect(5*time.Second, "control-1", "control-2", "Active", "1")
	expect(5*time.Second, "control-2", "control-1", "Active", "1")
	// Still apart after several connect retries; control-3 untouched.
	time.Sleep(4 * time.Second)
	expect(0, "control-1", "control-2", "Active", "1")
	expect(0, "control-1", "control-3", "Established", "0")
	expect(0, "control-3", "control-2", "Established", "0")

	if err := api.SessionOp(ctx, "control-2", "control-1", "heal", cluster.FlapOptions{}); err != nil {
		t.Fatal(err)
	}
	expect(15*time.Second, "control-1", "control-2", "Established", "1")
	expect(15*time.Second, "control-2", "control-1", "Established", "1")

	if err := api.SessionOp(ctx, "control-1", "control-2", "cut", cluster.FlapOptions{}); err != nil {
		t.Fatal(err)
	}
	expect(15*time.Second, "control-1", "control-2", "Established", "2")

	// A partition of a control node and a vRouter is the agent's to
	// enforce; the control node's end must accept it, not refuse with 409.
	var ctlOfVR1 string
	eventually(t, 30*time.Second, "vrouter-1 on two controls", func() error {
		st, err := agentControllers(top.VRouters[0].Address, top.Cluster.Ports.AgentIntrospect)
		if err != nil {
			return err
		}
		up := 0
		for _, ctl := range top.Controls {
			if st[ctl.Address] == "Established" {
				up++
				ctlOfVR1 = ctl.Name
			}
		}
		if up != 2 {
			return fmt.Errorf("vrouter-1 controllers %v", st)
		}
		return nil
	})
	if err := api.SessionOp(ctx, ctlOfVR1, "vrouter-1", "partition", cluster.FlapOptions{}); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "vrouter-1 gone from "+ctlOfVR1, func() error {
		nbrs, err := neighbors(addrOf[ctlOfVR1], port)
		if err != nil {
			return err
		}
		for _, n := range nbrs {
			if n.Encoding == "XMPP" && n.Peer == "vrouter-1" {
				return fmt.Errorf("%s still has %+v", ctlOfVR1, n)
			}
		}
		return nil
	})
	if err := api.SessionOp(ctx, ctlOfVR1, "vrouter-1", "heal", cluster.FlapOptions{}); err != nil {
		t.Fatal(err)
	}

	if err := api.NodeOp(ctx, "control-3", "stop"); err != nil {
		t.Fatal(err)
	}
	// Idle for the scaled idle hold (0.5 s), then Active while retrying.
	expect(3*time.Second, "control-1", "control-3", "Active", "1")
	expect(3*time.Second, "control-2", "control-3", "Active", "1")
	time.Sleep(3 * time.Second)
	expect(0, "control-2", "control-3", "Active", "1")
}
