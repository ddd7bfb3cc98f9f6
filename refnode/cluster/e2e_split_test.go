package cluster_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/refnode/cluster"
	"github.com/tfkit/tfkit/refnode/cluster/clustertest"
	"github.com/tfkit/tfkit/refnode/topo"
)

// TestE2ESplitLikeContainers runs nodes the way `refnode run` does in
// containers: each service in its own cluster (Select), talking to the
// others only over their real addresses; a nodemgr alone probes its agent.
func TestE2ESplitLikeContainers(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end cluster test: skipped with -short")
	}
	top := testTopology(t, 43)
	only := func(role, node string) *cluster.Cluster {
		return clustertest.Start(t, top, cluster.Options{Select: func(s topo.Service) bool { return s.Role == role && s.Node == node }})
	}
	ctl, vr := top.Controls[0], top.VRouters[0]
	only(topo.RoleControl, ctl.Name)
	agentProc := only(topo.RoleVRouter, vr.Name)
	only(topo.RoleVRouterNodemgr, vr.Name)
	ports := top.Cluster.Ports

	// The agent's first choices may be controls that do not run: it times
	// out on them and rotates until it reaches the one that does.
	eventually(t, 60*time.Second, vr.Name+" on "+ctl.Name, func() error {
		nbrs, err := neighbors(ctl.Address, ports.ControlIntrospect)
		if err != nil {
			return err
		}
		for _, n := range nbrs {
			if n.Peer == vr.Name && n.Encoding == "XMPP" && n.State == "Established" {
				return nil
			}
		}
		return fmt.Errorf("neighbors %+v", nbrs)
	})
	processState := func() (string, error) {
		nodes, err := fetch(vr.Address, ports.VRouterNodemgr, client.Path("SandeshUVECacheReq", client.Arg{Name: "tname", Value: "NodeStatus"}), "ProcessInfo")
		if err != nil || len(nodes) != 1 {
			return "", fmt.Errorf("%d ProcessInfo, %v", len(nodes), err)
		}
		return nodes[0].ChildText("process_state"), nil
	}
	if st, err := processState(); err != nil || st != "PROCESS_STATE_RUNNING" {
		t.Fatalf("nodemgr sees the agent %q, %v", st, err)
	}
	if err := agentProc.Close(); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "nodemgr sees the agent stopped", func() error {
		st, err := processState()
		if err == nil && st != "PROCESS_STATE_STOPPED" {
			err = fmt.Errorf("state %s", st)
		}
		return err
	})
}
