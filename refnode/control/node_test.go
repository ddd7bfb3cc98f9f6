package control

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
	"github.com/tfkit/tfkit/refnode/timers"
	"github.com/tfkit/tfkit/refnode/xmpp"
)

const (
	podFQ    = "default-domain:k8s-default:k8s-default-pod-network"
	podRI    = podFQ + ":k8s-default-pod-network"
	fabricFQ = "default-domain:default-project:ip-fabric"
	fabricRI = fabricFQ + ":ip-fabric"
)

var testNets = []Network{
	{FQName: fabricFQ, VNIndex: 1, Connect: []string{podFQ}},
	{FQName: podFQ, VNIndex: 5, Connect: []string{fabricFQ}},
}

// startControls builds n control nodes on 127.0.91.(base+i) in a full mesh
// on the standard ports, New for all before Start for any.
func startControls(t *testing.T, base, count int) []*Node {
	t.Helper()
	addr := func(i int) netip.Addr { return netip.AddrFrom4([4]byte{127, 0, 91, byte(base + i)}) }
	var nodes []*Node
	for i := 0; i < count; i++ {
		cfg := Config{Name: fmt.Sprintf("ctl-%d", i+1), Address: addr(i), Networks: testNets, Timers: timers.Scaled(0.1)}
		for j := 0; j < count; j++ {
			if j != i {
				cfg.Peers = append(cfg.Peers, Peer{Name: fmt.Sprintf("ctl-%d", j+1), Address: addr(j)})
			}
		}
		n, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(n.Close)
		nodes = append(nodes, n)
	}
	for _, n := range nodes {
		if err := n.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	return nodes
}

// fakeAgent is a vRouter agent reduced to one XMPP channel: on every
// Established it subscribes and publishes its pod routes.
type fakeAgent struct {
	name        string
	addr        netip.Addr
	vrfID       int
	routes      []xmpp.Route
	c           *xmpp.Client
	subscribeTo string // the instance it subscribes and publishes to

	mu  sync.Mutex
	got map[string]xmpp.Route // prefix -> last item received
}

func (a *fakeAgent) Established(c *xmpp.Client) {
	ri := a.subscribeTo
	_ = c.Subscribe(ri, a.vrfID)
	for _, r := range a.routes {
		_ = c.Publish(ri, r)
	}
}

func (a *fakeAgent) count() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.got)
}
func (a *fakeAgent) Down(*xmpp.Client, string) {}
func (a *fakeAgent) TimedOut(*xmpp.Client)     {}
func (a *fakeAgent) EndOfRib(*xmpp.Client)     {}
func (a *fakeAgent) Update(_ *xmpp.Client, instance string, _ xmpp.Family, items []xmpp.Route, retracts []netip.Prefix) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, r := range items {
		a.got[r.Prefix.String()] = r
	}
	for _, p := range retracts {
		delete(a.got, p.String())
	}
}

func (a *fakeAgent) item(prefix string) (xmpp.Route, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	r, ok := a.got[prefix]
	return r, ok
}

func startAgent(t testing.TB, name, addr string, vrfID int, ctl *Node, routes ...xmpp.Route) *fakeAgent {
	return startAgentIn(t, name, addr, podRI, vrfID, ctl, routes...)
}

// startAgentIn starts a fake agent subscribing to instance.
func startAgentIn(t testing.TB, name, addr, instance string, vrfID int, ctl *Node, routes ...xmpp.Route) *fakeAgent {
	a := &fakeAgent{name: name, addr: netip.MustParseAddr(addr), vrfID: vrfID, routes: routes, got: map[string]xmpp.Route{},
		subscribeTo: instance}
	tm := ctl.cfg.Timers
	a.c = xmpp.NewClient(xmpp.ClientConfig{
		Name: name, LocalAddr: a.addr, ServerAddr: netip.AddrPortFrom(ctl.cfg.Address, uint16(ctl.cfg.XMPPPort)),
		ServerName: ctl.Name(), Hold: tm.XMPPHold, BackoffCap: tm.XMPPBackoff, BackoffUnit: 100 * time.Millisecond,
		MaxAttempts: 1000, Handler: a,
	})
	a.c.Start(context.Background())
	t.Cleanup(a.c.Stop)
	return a
}

func podRoute(prefix, nh string, label uint32) xmpp.Route {
	return xmpp.Route{Prefix: netip.MustParsePrefix(prefix), VirtualNetwork: podFQ, LocalPref: 100, SubProtocol: "interface",
		NextHops: []xmpp.NextHop{{Address: netip.MustParseAddr(nh), Label: label, Encaps: []string{"gre", "udp"}}}}
}

// get fetches /Snh_<path> from a node's introspect and decodes the root
// response into v with the same model ist uses.
func get(t *testing.T, n *Node, path string, v any) *sandesh.Node {
	t.Helper()
	url := fmt.Sprintf("http://%s:%d/Snh_%s", n.cfg.Address, n.cfg.IntrospectPort, path)
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/xml" {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	prefix := `<?xml-stylesheet type="text/xsl" href="/universal_parse.xsl"?>`
	if !bytes.HasPrefix(body, []byte(prefix)) || bytes.ContainsAny(body, "\n\t") {
		t.Fatalf("GET %s: body not compact Sandesh XML: %.200s", url, body)
	}
	root, err := sandesh.ParseBytes(body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	if v != nil {
		if err := sandesh.Unmarshal(root, v); err != nil {
			t.Fatalf("GET %s: decode: %v", url, err)
		}
	}
	return root
}

func waitFor(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	testwait.For(t, what, d, cond)
}

func neighbor(t *testing.T, n *Node, peer string) schema.BgpNeighborResp {
	var r schema.BgpNeighborListResp
	get(t, n, "BgpNeighborReq?search_string="+peer, &r)
	for _, nb := range r.Neighbors {
		if nb.Peer == peer {
			return nb
		}
	}
	return schema.BgpNeighborResp{}
}

func routeTable(t *testing.T, n *Node, table, prefix string) *schema.ShowRouteTable {
	var r schema.ShowRouteResp
	get(t, n, "ShowRouteReq?routing_table="+table+"&routing_instance=&prefix="+strings.ReplaceAll(prefix, "/", "%2F"), &r)
	for i := range r.Tables {
		if r.Tables[i].RoutingTableName == table {
			return &r.Tables[i]
		}
	}
	return nil
}

func summary(t *testing.T, n *Node, table string) schema.ShowRouteTableSummary {
	var r schema.ShowRouteSummaryResp
	get(t, n, "ShowRouteSummaryReq?search_string="+table, &r)
	for _, s := range r.Tables {
		if s.Name == table {
			return s
		}
	}
	t.Fatalf("%s: no summary for %s", n.Name(), table)
	return schema.ShowRouteTableSummary{}
}

func TestControlNodesBGPAndXMPP(t *testing.T) {
	ctl := startControls(t, 211, 3)
	for _, n := range ctl {
		for _, p := range n.cfg.Peers {
			waitFor(t, n.Name()+" peer "+p.Name+" Established", 20*time.Second, func() bool {
				return neighbor(t, n, p.Name).State == "Established"
			})
		}
	}
	a1 := startAgent(t, "compute-1", "127.0.92.211", 3, ctl[0], podRoute("10.32.0.3/32", "127.0.92.211", 25))
	a2 := startAgent(t, "compute-2", "127.0.92.212", 2, ctl[1], podRoute("10.32.0.4/32", "127.0.92.212", 17))

	// compute-2 learns compute-1's pod through ctl-1 -> BGP -> ctl-2.
	waitFor(t, "compute-2 receives 10.32.0.3/32", 15*time.Second, func() bool { _, ok := a2.item("10.32.0.3/32"); return ok })
	it, _ := a2.item("10.32.0.3/32")
	if len(it.NextHops) != 1 || it.NextHops[0].Address != netip.MustParseAddr("127.0.92.211") || it.NextHops[0].Label != 25 {
		t.Errorf("compute-2 got %+v, want next hop 127.0.92.211 label 25", it)
	}
	waitFor(t, "compute-1 receives 10.32.0.4/32", 15*time.Second, func() bool { _, ok := a1.item("10.32.0.4/32"); return ok })

	// ctl-1: XMPP (interface) primary for its agent's pod.
	x := neighbor(t, ctl[0], "compute-1")
	if x.Encoding != "XMPP" || x.State != "Established" || x.PeerAddress != "127.0.92.211" || len(x.RoutingInstances) != 1 || x.RoutingInstances[0].Index != 3 {
		t.Errorf("ctl-1 XMPP neighbor compute-1: %+v", x)
	}
	rt := routeTable(t, ctl[0], podRI+".inet.0", "10.32.0.3/32")
	if rt == nil || len(rt.Routes) != 1 {
		t.Fatalf("ctl-1 %s.inet.0 10.32.0.3/32: %+v", podRI, rt)
	}
	p := rt.Routes[0].Paths[0]
	if p.Protocol != "XMPP (interface)" || p.Source != "compute-1" || p.NextHop != "127.0.92.211" || p.Label != 25 || p.Replicated {
		t.Errorf("ctl-1 best path: %+v", p)
	}
	if !strings.Contains(rt.Routes[0].LastModified, ".") || !strings.HasPrefix(rt.Routes[0].LastModified, time.Now().UTC().Format("2006-Jan-02")) {
		t.Errorf("last_modified %q: want today's ptime with a fraction", rt.Routes[0].LastModified)
	}
	for _, c := range []string{"target:64512:8000005", "encapsulation:gre", "encapsulation:udp", "originvn:64512:5"} {
		if !contains(p.Communities, c) {
			t.Errorf("ctl-1 path communities %v lack %s", p.Communities, c)
		}
	}

	// ctl-2: the same pod as a BGP path from ctl-1 in bgp.l3vpn.0 (primary)
	// and in the pod network (secondary), with ctl-1's next hop and label.
	vpn := routeTable(t, ctl[1], "bgp.l3vpn.0", "127.0.92.211:3:10.32.0.3/32")
	if vpn == nil || len(vpn.Routes) != 1 || vpn.Routes[0].Paths[0].Protocol != "BGP" || vpn.Routes[0].Paths[0].Source != "127.0.91.211" {
		t.Fatalf("ctl-2 bgp.l3vpn.0 route: %+v", vpn)
	}
	rt = routeTable(t, ctl[1], podRI+".inet.0", "10.32.0.3/32")
	if rt == nil || len(rt.Routes) != 1 {
		t.Fatalf("ctl-2 pod route: %+v", rt)
	}
	p = rt.Routes[0].Paths[0]
	if p.Protocol != "BGP" || p.NextHop != "127.0.92.211" || p.Label != 25 || !p.Replicated || p.PrimaryTable != "bgp.l3vpn.0" ||
		p.PeerRouterID != "127.0.91.211" || p.OriginVN != podFQ || !contains(p.TunnelEncap, "udp") {
		t.Errorf("ctl-2 pod path: %+v", p)
	}

	// Summary counts on ctl-2: its own agent's pod is primary, ctl-1's is secondary.
	s := summary(t, ctl[1], podRI+".inet.0")
	if s.Prefixes != 2 || s.Paths != 2 || s.PrimaryPaths != 1 || s.SecondaryPaths != 1 || s.InfeasiblePaths != 0 {
		t.Errorf("ctl-2 pod table summary: %+v", s)
	}
	if s := summary(t, ctl[1], fabricRI+".inet.0"); s.Prefixes != 2 || s.SecondaryPaths != 2 {
		t.Errorf("ctl-2 ip-fabric (connected by policy) summary: %+v", s)
	}
	if s := summary(t, ctl[2], "bgp.l3vpn.0"); s.Prefixes != 2 || s.PrimaryPaths != 2 {
		t.Errorf("ctl-3 bgp.l3vpn.0 summary: %+v", s)
	}
	// One VPN route and two route-target memberships from ctl-1.
	if nb := neighbor(t, ctl[2], "ctl-1"); nb.PrimaryPathCount != 3 || nb.Encoding != "BGP" || nb.PeerType != "internal" {
		t.Errorf("ctl-3 view of ctl-1: %+v", nb)
	}
	// bgp.rtarget.0: both imported targets, each from itself (Local) and the two peers.
	if s := summary(t, ctl[1], "bgp.rtarget.0"); s.Prefixes != 2 || s.Paths != 6 || s.PrimaryPaths != 6 {
		t.Errorf("ctl-2 bgp.rtarget.0 summary: %+v", s)
	}
	if rt := routeTable(t, ctl[1], "bgp.rtarget.0", "64512:target:64512:8000005"); rt == nil || len(rt.Routes) != 1 ||
		rt.Routes[0].Paths[0].Protocol != "Local" || len(rt.Routes[0].Paths) != 3 {
		t.Errorf("ctl-2 rtarget route: %+v", rt)
	}

	// Routing instances, XMPP connections, NodeStatus.
	var ri schema.ShowRoutingInstanceResp
	get(t, ctl[0], "ShowRoutingInstanceReq?search_string=k8s-default-pod", &ri)
	if len(ri.Instances) != 1 || ri.Instances[0].VNIndex != 5 || !contains(ri.Instances[0].ImportTarget, "target:64512:8000001") {
		t.Errorf("ShowRoutingInstance: %+v", ri.Instances)
	}
	var xc schema.ShowXmppConnectionResp
	get(t, ctl[0], "ShowXmppConnectionReq", &xc)
	if len(xc.Connections) != 1 || xc.Connections[0].Name != "compute-1" || xc.Connections[0].State != "Established" ||
		xc.Connections[0].LocalEndpoint != "127.0.91.211:5269" {
		t.Errorf("ShowXmppConnection: %+v", xc.Connections)
	}
	root := get(t, ctl[0], "SandeshUVECacheReq?x=NodeStatus", nil)
	var ns schema.NodeStatus
	if err := sandesh.Unmarshal(root.Find("NodeStatus"), &ns); err != nil {
		t.Fatal(err)
	}
	if root.Name != "__NodeStatusUVE_list" || ns.Name != "ctl-1" || len(ns.ProcessStatus) != 1 || ns.ProcessStatus[0].State != "Functional" ||
		len(ns.ProcessStatus[0].ConnectionInfos) != 3 || root.Find("name").Attr("key") != "ObjectBgpRouter" {
		t.Errorf("NodeStatus: root %s %+v", root.Name, ns)
	}

	// Stop ctl-1: its peers go Active with one flap, its routes go away.
	ctl[0].Stop()
	waitFor(t, "ctl-2 sees ctl-1 Active", 15*time.Second, func() bool { return neighbor(t, ctl[1], "ctl-1").State == "Active" })
	nb := neighbor(t, ctl[1], "ctl-1")
	if nb.FlapCount != 1 || nb.FlapTime == "" || nb.LastState == "" {
		t.Errorf("ctl-2 view of stopped ctl-1: flap_count %d flap_time %q last_state %q", nb.FlapCount, nb.FlapTime, nb.LastState)
	}
	waitFor(t, "compute-2 loses 10.32.0.3/32", 10*time.Second, func() bool { _, ok := a2.item("10.32.0.3/32"); return !ok })
	if rt := routeTable(t, ctl[1], podRI+".inet.0", "10.32.0.3/32"); rt != nil {
		t.Errorf("ctl-2 still has the stopped node's route: %+v", rt)
	}
	if _, err := http.Get(fmt.Sprintf("http://%s:8083/Snh_BgpNeighborReq", ctl[0].cfg.Address)); err == nil {
		t.Error("stopped node still answers introspect")
	}

	// Start it again: sessions come back, the agent re-registers, routes return.
	if err := ctl[0].Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "ctl-2 sees ctl-1 Established", 25*time.Second, func() bool { return neighbor(t, ctl[1], "ctl-1").State == "Established" })
	waitFor(t, "compute-2 receives 10.32.0.3/32 again", 20*time.Second, func() bool { _, ok := a2.item("10.32.0.3/32"); return ok })
	if nb := neighbor(t, ctl[1], "ctl-1"); nb.FlapCount != 1 {
		t.Errorf("flap_count after restart %d, want 1", nb.FlapCount)
	}
	// The restarted node itself starts with no flap history.
	waitFor(t, "ctl-1 sees ctl-2 Established", 25*time.Second, func() bool { return neighbor(t, ctl[0], "ctl-2").State == "Established" })
	if nb := neighbor(t, ctl[0], "ctl-2"); nb.FlapCount != 0 {
		t.Errorf("restarted ctl-1 remembers %d flaps of ctl-2", nb.FlapCount)
	}
	// An XMPP session cut: the agent reconnects, its flap is remembered.
	if !ctl[1].CutXMPP("compute-2") {
		t.Fatal("CutXMPP found no session")
	}
	waitFor(t, "compute-2 back with one flap", 20*time.Second, func() bool {
		nb := neighbor(t, ctl[1], "compute-2")
		return nb.State == "Established" && nb.FlapCount == 1 && nb.FlapTime != ""
	})
}

func TestPtime(t *testing.T) {
	ts := time.Date(2020, 8, 17, 2, 34, 53, 356095000, time.UTC)
	if got := ptime(ts); got != "2020-Aug-17 02:34:53.356095" {
		t.Errorf("ptime = %q", got)
	}
	if got := ptime(ts.Truncate(time.Second)); got != "2020-Aug-17 02:34:53" {
		t.Errorf("ptime whole second = %q", got)
	}
	if stamp(ts.Truncate(time.Second)).Nanosecond() == 0 {
		t.Error("stamp kept a zero fraction")
	}
}

// TestPauseExpiresHoldTimers: a paused node keeps its TCP sessions but
// sends nothing, so its peer's hold timer expires (a flap); after Resume
// the session comes back.
func TestPauseExpiresHoldTimers(t *testing.T) {
	var nodes []*Node
	addrs := []netip.Addr{netip.MustParseAddr("127.0.91.216"), netip.MustParseAddr("127.0.91.217")}
	for i, a := range addrs {
		o := addrs[1-i]
		n, err := New(Config{Name: fmt.Sprintf("p-%d", i+1), Address: a, Networks: testNets, Timers: timers.Scaled(0.03),
			Peers: []Peer{{Name: fmt.Sprintf("p-%d", 2-i), Address: o}}})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(n.Close)
		nodes = append(nodes, n)
	}
	for _, n := range nodes {
		if err := n.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "Established", 20*time.Second, func() bool { return neighbor(t, nodes[1], "p-1").State == "Established" })
	nodes[0].Pause()
	waitFor(t, "hold timer expiry seen by p-2", 20*time.Second, func() bool {
		nb := neighbor(t, nodes[1], "p-1")
		return nb.State != "Established" && nb.FlapCount == 1
	})
	if nodes[0].State() != StatePaused {
		t.Errorf("state %s", nodes[0].State())
	}
	nodes[0].Resume()
	waitFor(t, "Established after resume", 30*time.Second, func() bool { return neighbor(t, nodes[1], "p-1").State == "Established" })
}
