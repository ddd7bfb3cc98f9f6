package follow_test

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/follow"
	"github.com/tfkit/tfkit/refnode/agent"
	"github.com/tfkit/tfkit/refnode/cluster"
	"github.com/tfkit/tfkit/refnode/cluster/clustertest"
	"github.com/tfkit/tfkit/refnode/topo"
)

// Addresses of this package's cluster: the default topology moved from
// 127.0.1.x / 127.0.2.x to 127.0.133.x / 127.0.134.x (away from the
// ranges other packages' tests use), plus a third vRouter without pods.
// Nothing listens on 127.0.135.1.
const (
	vr1, vr2, vr3 = "127.0.134.1", "127.0.134.2", "127.0.134.3"
	deadHost      = "127.0.135.1"
	podVRF        = "k8s-default-pod-network"
	cirros1       = "10.47.255.250" // on vrouter-1
	cirros2       = "10.47.255.249" // on vrouter-2
)

// clusterTopology is the default topology on 127.0.133.x/134.x with a
// third vRouter (vrouter-3, 127.0.134.3).
func clusterTopology(t testing.TB) *topo.Topology {
	t.Helper()
	vr2Line := "  - {name: vrouter-2, address: 127.0.134.2, controls: all}\n"
	return clustertest.Topology(t, 133, 134, func(s string) string {
		if !strings.Contains(s, vr2Line) {
			t.Fatalf("default topology changed: no line %q", vr2Line)
		}
		return strings.Replace(s, vr2Line, vr2Line+"  - {name: vrouter-3, address: 127.0.134.3, controls: all}\n", 1)
	})
}

func eventually(t testing.TB, d time.Duration, what string, check func() error) {
	t.Helper()
	testwait.Until(t, what, d, check)
}

func followCfg(hosts follow.Hosts) follow.Config {
	return follow.Config{Client: client.Config{Port: 8085, Timeout: 5 * time.Second}, Hosts: hosts}
}

func run(cfg follow.Config, vrouter, vrf, addr string) ([]follow.Hop, error) {
	return follow.Follow(context.Background(), cfg, vrouter, vrf, netip.MustParseAddr(addr))
}

// kinds is the hop kinds as "route tunnel label interface" (branches as
// "[1/2]interface").
func kinds(hops []follow.Hop) string {
	var k []string
	for _, h := range hops {
		if h.Branch != "" {
			k = append(k, "["+h.Branch+"]"+h.Kind)
		} else {
			k = append(k, h.Kind)
		}
	}
	return strings.Join(k, " ")
}

// startCluster runs the test topology (timers scaled by 0.1) and waits
// until vrouter-1 follows cirros-2 to its interface on vrouter-2; it
// returns those hops.
func startCluster(t testing.TB) (*cluster.Cluster, *topo.Topology, []follow.Hop) {
	t.Helper()
	top := clusterTopology(t)
	c := clustertest.Start(t, top, cluster.Options{})
	var hops []follow.Hop
	var err error
	eventually(t, 60*time.Second, "vrouter-1 follows cirros-2 to vrouter-2", func() error {
		hops, err = run(followCfg(nil), vr1, podVRF, cirros2)
		if err != nil {
			return err
		}
		if kinds(hops) != "route tunnel label interface" {
			return fmt.Errorf("hops %s", kinds(hops))
		}
		return nil
	})
	return c, top, hops
}

// TestFollowAcrossAgents runs the default topology (three controls, three
// vRouters) and follows pod addresses from vrouter-1: to cirros-2 on
// vrouter-2 (route, tunnel, label, interface), to the local cirros-1, and
// through broken hops: no route, an introspect host with nothing
// listening, a label the agent reached does not have, and finally an ECMP
// route once vrouter-3 hosts a pod with cirros-2's address.
func TestFollowAcrossAgents(t *testing.T) {
	if testing.Short() {
		t.Skip("cluster test: skipped with -short")
	}
	c, top, hops := startCluster(t)
	cfg := followCfg(nil)
	route, tun, lbl, itf := hops[0], hops[1], hops[2], hops[3]
	vrfName := top.Network(podVRF).RoutingInstance()
	if route.VRouter != vr1+":8085" || route.Prefix != cirros2+"/32" || route.VRF != vrfName || route.NhType != "tunnel" || route.Label == nil {
		t.Errorf("route hop %+v", route)
	}
	if tun.VRouter != vr1+":8085" || tun.Source != vr1 || tun.Dest != vr2 || !strings.HasPrefix(tun.Encap, "MPLSo") || tun.Label == nil || *tun.Label != *route.Label {
		t.Errorf("tunnel hop %+v (route label %v)", tun, route.Label)
	}
	if lbl.VRouter != vr2+":8085" || lbl.Label == nil || *lbl.Label != *tun.Label || lbl.NhType != "interface" {
		t.Errorf("label hop %+v", lbl)
	}
	if itf.VRouter != vr2+":8085" || itf.VM != "cirros-2" || itf.IP != cirros2 || itf.VN != top.Network(podVRF).FQName || itf.Active != "Active" {
		t.Errorf("interface hop %+v", itf)
	}
	for i, h := range hops {
		if h.Step != i+1 || h.Branch != "" {
			t.Errorf("hop %d numbered %d branch %q", i, h.Step, h.Branch)
		}
	}

	t.Run("local pod ends on the local interface", func(t *testing.T) {
		hops, err := run(cfg, vr1, podVRF, cirros1)
		if err != nil || kinds(hops) != "route interface" || hops[1].VM != "cirros-1" || hops[1].VRouter != vr1+":8085" {
			t.Fatalf("%v: %+v", err, hops)
		}
	})

	t.Run("no route", func(t *testing.T) {
		hops, err := run(cfg, vr1, podVRF, "10.40.1.2")
		if client.ExitCode(err) != 1 || kinds(hops) != "stop" || !strings.Contains(hops[0].Reason, "no route to 10.40.1.2") {
			t.Fatalf("err %v (exit %d), hops %+v", err, client.ExitCode(err), hops)
		}
	})

	t.Run("introspect host unreachable", func(t *testing.T) {
		hosts := follow.Hosts{netip.MustParseAddr(vr2): deadHost}
		hops, err := run(followCfg(hosts), vr1, podVRF, cirros2)
		if client.ExitCode(err) != 3 || kinds(hops) != "route tunnel stop" {
			t.Fatalf("err %v (exit %d), hops %s", err, client.ExitCode(err), kinds(hops))
		}
		stop := hops[2]
		if hops[1].DestHost != deadHost || stop.VRouter != deadHost+":8085" || stop.ExitCode != 3 || !strings.Contains(stop.Reason, "connection refused") {
			t.Fatalf("hops %+v", hops)
		}
	})

	t.Run("label not installed where the tunnel leads", func(t *testing.T) {
		// A stale hosts file sends vrouter-2's tunnel to vrouter-3, which
		// hosts no pod and so has no interface labels.
		hosts := follow.Hosts{netip.MustParseAddr(vr2): vr3}
		hops, err := run(followCfg(hosts), vr1, podVRF, cirros2)
		if client.ExitCode(err) != 1 || kinds(hops) != "route tunnel stop" {
			t.Fatalf("err %v, hops %s", err, kinds(hops))
		}
		want := fmt.Sprintf("label %d is not installed on %s:8085", *tun.Label, vr3)
		if !strings.Contains(hops[2].Reason, want) || !strings.Contains(err.Error(), want) {
			t.Fatalf("reason %q, err %v: want %q", hops[2].Reason, err, want)
		}
	})

	t.Run("ECMP: both branches followed", func(t *testing.T) {
		a3, ok := c.Node("vrouter-3").(*agent.Agent)
		if !ok {
			t.Fatalf("vrouter-3 is a %T", c.Node("vrouter-3"))
		}
		pod := top.PodsOn("vrouter-2")[0]
		err := a3.AddInterface(agent.Interface{Name: "tapfollow3", UUID: "7d3c1f5e-0000-4000-8000-000000000003", VMName: "cirros-2-twin",
			VMUUID: "7d3c1f5e-0000-4000-8000-000000000004", Network: top.Network(pod.Network).FQName,
			IP: netip.MustParseAddr(cirros2), MAC: "02:7d:3c:1f:5e:03"})
		if err != nil {
			t.Fatal(err)
		}
		var hops []follow.Hop
		eventually(t, 30*time.Second, "ECMP route on vrouter-1", func() error {
			hops, err = run(cfg, vr1, podVRF, cirros2)
			if err != nil {
				return err
			}
			if want := "route composite [1/2]tunnel [1/2]label [1/2]interface [2/2]tunnel [2/2]label [2/2]interface"; kinds(hops) != want {
				return fmt.Errorf("hops %s, want %s", kinds(hops), want)
			}
			return nil
		})
		ends := map[string]string{}
		for _, h := range hops {
			if h.Kind == follow.KindInterface {
				ends[h.VRouter] = h.VM
			}
		}
		if ends[vr2+":8085"] != "cirros-2" || ends[vr3+":8085"] != "cirros-2-twin" {
			t.Fatalf("branches end on %v", ends)
		}
		if hops[1].Members != 2 || hops[2].Step != 3 || hops[5].Step != 3 {
			t.Fatalf("composite/branch numbering: %+v", hops)
		}
	})
}
