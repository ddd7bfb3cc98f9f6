package cluster_test

import (
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/refnode/topo"
)

// TestE2EDefaultCluster runs the default topology (moved to 127.0.41/42.x)
// with the real control nodes and agents and checks, over real HTTP with
// ist's client and parser, what `ist ctr nei`, `ctr route summary`, `ctr
// route show`, `vr intf`, `vr xmpp` and `vr route` would show; then stops
// a control node and checks the failure, and starts it again.
func TestE2EDefaultCluster(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end cluster test: skipped with -short")
	}
	top := testTopology(t, 41)
	c := startCluster(t, top)
	ports := top.Cluster.Ports
	ctlPort, agentPort := ports.ControlIntrospect, ports.AgentIntrospect
	podNet := top.Network("k8s-default-pod-network")
	podTable := podNet.RoutingInstance() + ".inet.0"
	addrOf := map[string]string{}
	for _, s := range c.Services() {
		addrOf[s.Node] = s.Address
	}

	// Convergence: full BGP mesh, every agent with 2 XMPP sessions.
	eventually(t, 60*time.Second, "BGP mesh and XMPP sessions up", func() error {
		xmpp := 0
		for _, ctl := range top.Controls {
			nbrs, err := neighbors(ctl.Address, ctlPort)
			if err != nil {
				return err
			}
			bgp := 0
			for _, n := range nbrs {
				if n.State != "Established" {
					continue
				}
				switch n.Encoding {
				case "BGP":
					bgp++
				case "XMPP":
					xmpp++
				}
			}
			if bgp != len(top.Controls)-1 {
				return fmt.Errorf("%s: %d BGP peers Established: %+v", ctl.Name, bgp, nbrs)
			}
		}
		if xmpp != 2*len(top.VRouters) {
			return fmt.Errorf("%d XMPP peers Established, want %d", xmpp, 2*len(top.VRouters))
		}
		for _, vr := range top.VRouters {
			st, err := agentControllers(vr.Address, agentPort)
			if err != nil {
				return err
			}
			up := 0
			for _, s := range st {
				if s == "Established" {
					up++
				}
			}
			if up != 2 {
				return fmt.Errorf("%s controllers %v", vr.Name, st)
			}
		}
		return nil
	})

	t.Run("ctr nei names peers", func(t *testing.T) {
		nbrs, err := neighbors(top.Controls[0].Address, ctlPort)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range top.Controls[1:] {
			i := slices.IndexFunc(nbrs, func(n neighbor) bool { return n.Peer == want.Name })
			if i < 0 || nbrs[i].Address != want.Address || nbrs[i].Encoding != "BGP" || nbrs[i].FlapCount != "0" {
				t.Errorf("neighbor %s: %+v", want.Name, nbrs)
			}
		}
	})

	t.Run("ctr route summary shows the familiar tables", func(t *testing.T) {
		eventually(t, 20*time.Second, "route summary", func() error {
			rows, err := fetch(top.Controls[0].Address, ctlPort, client.Path("ShowRouteSummaryReq", client.Arg{Name: "search_string"}), "ShowRouteTableSummary")
			if err != nil {
				return err
			}
			prefixes := map[string]int{}
			for _, r := range rows {
				prefixes[r.ChildText("name")], _ = strconv.Atoi(r.ChildText("prefixes"))
			}
			for _, n := range top.Networks {
				if _, ok := prefixes[n.RoutingInstance()+".inet.0"]; !ok {
					return fmt.Errorf("no table %s.inet.0 in %v", n.RoutingInstance(), prefixes)
				}
			}
			for _, want := range []string{"inet.0", "bgp.l3vpn.0"} {
				if _, ok := prefixes[want]; !ok {
					return fmt.Errorf("no table %s in %v", want, prefixes)
				}
			}
			if prefixes[podTable] < len(top.Pods) {
				return fmt.Errorf("%s has %d prefixes, want >= %d pods", podTable, prefixes[podTable], len(top.Pods))
			}
			return nil
		})
	})

	// Which controls does each agent use? (the seeded shuffle decides)
	controlsOf := func(vr topo.VRouter) []string {
		st, err := agentControllers(vr.Address, agentPort)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, ctl := range top.Controls {
			if st[ctl.Address] == "Established" {
				out = append(out, ctl.Name)
			}
		}
		return out
	}

	t.Run("ctr route show: XMPP path on the agent's controls, BGP elsewhere", func(t *testing.T) {
		for _, pod := range top.Pods {
			vr := top.VRouter(pod.VRouter)
			mine := controlsOf(*vr)
			for _, ctl := range top.Controls {
				eventually(t, 20*time.Second, pod.Name+" on "+ctl.Name, func() error {
					paths, err := routePaths(ctl.Address, ctlPort, podTable, pod.IP+"/32")
					if err != nil {
						return err
					}
					xmpp := slices.Contains(paths, [2]string{"XMPP (interface)", vr.Name})
					bgp := slices.ContainsFunc(paths, func(p [2]string) bool { return p[0] == "BGP" })
					if slices.Contains(mine, ctl.Name) && !xmpp {
						return fmt.Errorf("%s talks to %s but shows paths %v", vr.Name, ctl.Name, paths)
					}
					if !slices.Contains(mine, ctl.Name) && (xmpp || !bgp) {
						return fmt.Errorf("%s does not talk to %s, want BGP paths only: %v", vr.Name, ctl.Name, paths)
					}
					return nil
				})
			}
		}
	})

	t.Run("vr intf and vr route", func(t *testing.T) {
		for _, vr := range top.VRouters {
			itfs, err := fetch(vr.Address, agentPort, client.Path("ItfReq"), "ItfSandeshData")
			if err != nil {
				t.Fatal(err)
			}
			for _, pod := range top.PodsOn(vr.Name) {
				if !slices.ContainsFunc(itfs, func(n *sandesh.Node) bool {
					return n.ChildText("name") == pod.Interface && n.ChildText("ip_addr") == pod.IP
				}) {
					t.Errorf("%s: no interface %s with %s", vr.Name, pod.Interface, pod.IP)
				}
			}
			vrfs, err := fetch(vr.Address, agentPort, client.Path("VrfListReq"), "VrfSandeshData")
			if err != nil {
				t.Fatal(err)
			}
			index := ""
			for _, v := range vrfs {
				if v.ChildText("name") == podNet.RoutingInstance() {
					index = v.ChildText("ucindex")
				}
			}
			if index == "" {
				t.Fatalf("%s: no VRF %s", vr.Name, podNet.RoutingInstance())
			}
			// Every pod of the network, local or learned from a control node.
			eventually(t, 20*time.Second, vr.Name+" pod routes", func() error {
				routes, err := fetch(vr.Address, agentPort, client.Path("Inet4UcRouteReq", client.Arg{Name: "vrf_index", Value: index}), "RouteUcSandeshData")
				if err != nil {
					return err
				}
				for _, pod := range top.Pods {
					if !slices.ContainsFunc(routes, func(n *sandesh.Node) bool {
						return n.ChildText("src_ip") == pod.IP && n.ChildText("src_plen") == "32"
					}) {
						return fmt.Errorf("no route %s/32 in %d routes", pod.IP, len(routes))
					}
				}
				return nil
			})
		}
	})

	// Stop a control node that vrouter-1 uses.
	vr1 := top.VRouters[0]
	victim := controlsOf(vr1)[0]
	victimAddr := addrOf[victim]
	if err := c.StopNode(victim); err != nil {
		t.Fatal(err)
	}
	t.Run("stop control: peers Active with a flap, agents fail over, routes withdrawn", func(t *testing.T) {
		for _, ctl := range top.Controls {
			if ctl.Name == victim {
				continue
			}
			eventually(t, 30*time.Second, ctl.Name+" sees "+victim+" down", func() error {
				nbrs, err := neighbors(ctl.Address, ctlPort)
				if err != nil {
					return err
				}
				i := slices.IndexFunc(nbrs, func(n neighbor) bool { return n.Peer == victim })
				if i < 0 {
					return fmt.Errorf("no neighbor %s", victim)
				}
				n := nbrs[i]
				if n.State == "Established" || n.FlapCount == "0" || n.FlapCount == "" {
					return fmt.Errorf("neighbor %+v", n)
				}
				return nil
			})
		}
		eventually(t, 60*time.Second, vr1.Name+" fails over", func() error {
			st, err := agentControllers(vr1.Address, agentPort)
			if err != nil {
				return err
			}
			up := 0
			for ip, s := range st {
				if s == "Established" {
					if ip == victimAddr {
						return fmt.Errorf("still Established to the stopped %s", victim)
					}
					up++
				}
			}
			if up != 2 {
				return fmt.Errorf("controllers %v", st)
			}
			return nil
		})
		for _, ctl := range top.Controls {
			if ctl.Name == victim {
				continue
			}
			pod := top.PodsOn(vr1.Name)[0]
			eventually(t, 30*time.Second, "paths via "+victim+" withdrawn on "+ctl.Name, func() error {
				paths, err := routePaths(ctl.Address, ctlPort, podTable, pod.IP+"/32")
				if err != nil {
					return err
				}
				for _, p := range paths {
					if p[1] == victimAddr || p[1] == fmt.Sprintf("%s:%d", victimAddr, ports.BGP) {
						return fmt.Errorf("path from stopped %s still there: %v", victim, paths)
					}
				}
				if len(paths) == 0 {
					return fmt.Errorf("route %s gone entirely", pod.IP)
				}
				return nil
			})
		}
	})

	if err := c.StartNode(victim); err != nil {
		t.Fatal(err)
	}
	t.Run("start control: BGP Established again", func(t *testing.T) {
		eventually(t, 60*time.Second, victim+" back", func() error {
			nbrs, err := neighbors(victimAddr, ctlPort)
			if err != nil {
				return err
			}
			bgp := 0
			for _, n := range nbrs {
				if n.Encoding == "BGP" && n.State == "Established" {
					bgp++
				}
			}
			if bgp != len(top.Controls)-1 {
				return fmt.Errorf("%s: BGP peers %+v", victim, nbrs)
			}
			return nil
		})
	})

	st := c.State()
	ops := []string{}
	for _, e := range st.Events {
		ops = append(ops, e.Op+" "+e.Target)
	}
	if !slices.Contains(ops, "stop "+victim) || !slices.Contains(ops, "start "+victim) {
		t.Errorf("event log %v", ops)
	}
}
