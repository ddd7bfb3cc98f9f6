package cluster_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/refnode/cluster"
)

const (
	podTable = "default-domain:k8s-default:k8s-default-pod-network:k8s-default-pod-network.inet.0"
	podVRF   = "default-domain:k8s-default:k8s-default-pod-network:k8s-default-pod-network"
)

// adminClient serves c's admin API on a free loopback port for the test
// and returns its client, as `refnode ctl` uses it.
func adminClient(t *testing.T, c *cluster.Cluster) *cluster.Client {
	t.Helper()
	srv, addr, err := c.ServeAdmin("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return cluster.NewClient(addr)
}

// itf returns the ItfReq record of one interface of an agent.
func itf(addr string, port int, name string) (map[string]string, error) {
	nodes, err := fetch(addr, port, client.Path("ItfReq", client.Arg{Name: "name", Value: name}), "ItfSandeshData")
	if err != nil {
		return nil, err
	}
	if len(nodes) != 1 {
		return nil, fmt.Errorf("ItfReq name=%s: %d records", name, len(nodes))
	}
	out := map[string]string{}
	for _, k := range nodes[0].Children {
		out[k.Name] = k.Text
	}
	return out, nil
}

// TestE2EInterfaceFaults drives the interface faults through the admin
// API as `refnode ctl inactive|active|withdraw` does and checks them as
// ist does: an inactive interface shows the real agent's texts and its
// /32 leaves every control node; active brings it back; withdraw removes
// the route from the control nodes while the interface stays Active.
func TestE2EInterfaceFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end cluster test: skipped with -short")
	}
	top := testTopology(t, 61)
	api := adminClient(t, startCluster(t, top))
	ctx := context.Background()
	vr := top.VRouter("vrouter-1")
	pod := top.PodsOn("vrouter-1")[0]
	aport, cport := top.Cluster.Ports.AgentIntrospect, top.Cluster.Ports.ControlIntrospect
	prefix := pod.IP + "/32"
	// onControls waits until every control node has (want) or lacks the
	// pod's route.
	onControls := func(want bool) {
		t.Helper()
		for _, ctl := range top.Controls {
			eventually(t, 10*time.Second, fmt.Sprintf("%s has %s: %v", ctl.Name, prefix, want), func() error {
				paths, err := routePaths(ctl.Address, cport, podTable, prefix)
				if err != nil {
					return err
				}
				if (len(paths) > 0) != want {
					return fmt.Errorf("%s paths %v", ctl.Name, paths)
				}
				return nil
			})
		}
	}
	onControls(true)

	if err := api.InterfaceOp(ctx, "vrouter-1", pod.Name, "inactive", []string{"vn-null"}); err != nil {
		t.Fatal(err)
	}
	got, err := itf(vr.Address, aport, pod.Interface)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"active":      "Inactive < vn-null vrf-null ipv4_inactive ipv6_inactive l2_inactive  >",
		"ipv4_active": "Ipv4 Inactive < vn-null vrf-null  >",
		"l2_active":   "L2 Inactive < vn-null vrf-null  >",
		"vrf_name":    "--ERROR--",
		"vn_name":     "",
		"label":       "-1",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("inactive: %s = %q, want %q", k, got[k], v)
		}
	}
	onControls(false)
	// A second fault on the same interface replaces the reasons; an
	// unknown reason or interface is refused (404/409 → ctl exit 2/1).
	if err := api.InterfaceOp(ctx, "vrouter-1", pod.Interface, "inactive", []string{"os-state-down"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := itf(vr.Address, aport, pod.Interface); got["active"] != "Inactive < os-state-down ipv4_inactive ipv6_inactive l2_inactive  >" || got["vrf_name"] != podVRF {
		t.Errorf("os-state-down: active %q vrf %q", got["active"], got["vrf_name"])
	}
	if err := api.InterfaceOp(ctx, "vrouter-1", pod.Name, "inactive", []string{"tired"}); err == nil {
		t.Error("unknown reason accepted")
	}
	if err := api.InterfaceOp(ctx, "vrouter-1", "no-such-pod", "inactive", []string{"vn-null"}); err == nil {
		t.Error("unknown interface accepted")
	}

	if err := api.InterfaceOp(ctx, "vrouter-1", pod.Name, "active", nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := itf(vr.Address, aport, pod.Interface); got["active"] != "Active" || got["vrf_name"] != podVRF {
		t.Errorf("active again: active %q vrf %q", got["active"], got["vrf_name"])
	}
	onControls(true)

	if err := api.InterfaceOp(ctx, "vrouter-1", pod.Name, "withdraw", nil); err != nil {
		t.Fatal(err)
	}
	onControls(false)
	if got, _ := itf(vr.Address, aport, pod.Interface); got["active"] != "Active" {
		t.Errorf("withdraw: interface is %q, want Active", got["active"])
	}
}

// TestE2EConnectionFault puts a control node's Collector connection down
// through the admin API: NodeStatus turns Non-Functional with the Sandesh
// library's description and the connection's own text; Up restores it.
func TestE2EConnectionFault(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end cluster test: skipped with -short")
	}
	top := testTopology(t, 63)
	api := adminClient(t, startCluster(t, top))
	ctx := context.Background()
	ctl := top.Controls[0]
	status := func() (state, desc, conn string) {
		t.Helper()
		nodes, err := fetch(ctl.Address, top.Cluster.Ports.ControlIntrospect, "Snh_SandeshUVECacheReq?x=NodeStatus", "ProcessStatus")
		if err != nil || len(nodes) != 1 {
			t.Fatalf("NodeStatus: %v (%d records)", err, len(nodes))
		}
		for _, ci := range nodes[0].All("ConnectionInfo") {
			if ci.ChildText("type") == "Collector" {
				conn = ci.ChildText("status") + " " + ci.ChildText("description")
			}
		}
		return nodes[0].ChildText("state"), nodes[0].ChildText("description"), conn
	}
	if err := api.SetConnection(ctx, ctl.Name, "Collector", "", "Down", ""); err != nil {
		t.Fatal(err)
	}
	if s, d, conn := status(); s != "Non-Functional" || d != "Collector: connection down" || conn != "Down Connect : EvTcpConnectFail" {
		t.Errorf("down: state %q description %q collector %q", s, d, conn)
	}
	if err := api.SetConnection(ctx, ctl.Name, "Zookeeper", "", "Down", ""); err == nil {
		t.Error("unknown connection accepted")
	}
	if err := api.SetConnection(ctx, ctl.Name, "Collector", "", "Up", ""); err != nil {
		t.Fatal(err)
	}
	if s, _, conn := status(); s != "Functional" || conn != "Up Established" {
		t.Errorf("up again: state %q collector %q", s, conn)
	}
}
