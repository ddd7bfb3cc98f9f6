package agent

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
	"github.com/tfkit/tfkit/refnode/introspecttest"
	"github.com/tfkit/tfkit/refnode/timers"
	"github.com/tfkit/tfkit/refnode/xmpp"
)

const (
	podVN  = "default-domain:k8s-default:k8s-default-pod-network"
	podVRF = podVN + ":k8s-default-pod-network"
)

func podNetwork() Network {
	return Network{FQName: podVN, UUID: "5e0a0b6e-0000-4000-8000-000000000005", VNIndex: 5,
		Subnets: []netip.Prefix{netip.MustParsePrefix("10.32.0.0/12")}, Gateway: netip.MustParseAddr("10.47.255.254")}
}

func pod(i int, ip string) Interface {
	return Interface{Name: fmt.Sprintf("tap%08x-%02x", i, i), UUID: fmt.Sprintf("00000000-0000-4000-8000-%012x", i),
		VMName: fmt.Sprintf("cirros-%d", i), VMUUID: fmt.Sprintf("00000000-0000-4000-9000-%012x", i), Network: podVN,
		IP: netip.MustParseAddr(ip), MAC: fmt.Sprintf("02:00:00:00:%02x:%02x", i>>8, i&0xff)}
}

func testConfig(name, addr string, controls []Control, itfs ...Interface) Config {
	return Config{Name: name, Address: netip.MustParseAddr(addr), Controls: controls, Networks: []Network{podNetwork()},
		Interfaces: itfs, Timers: timers.Scaled(0.01), Seed: 7}
}

func startAgent(t testing.TB, cfg Config) *Agent {
	t.Helper()
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Stop() })
	return a
}

func waitFor(t testing.TB, what string, f func() bool) {
	t.Helper()
	testwait.For(t, what, 10*time.Second, f)
}

// remotePath returns the path of peer on prefix in vrf, or nil.
func (a *Agent) pathOf(vrfName string, prefix, peer string) *path {
	a.mu.Lock()
	defer a.mu.Unlock()
	v := a.t.vrfByName[vrfName]
	if v == nil {
		return nil
	}
	r := v.route(netip.MustParsePrefix(prefix))
	if r == nil {
		return nil
	}
	for _, p := range r.paths {
		if peer == "" || p.peer == peer {
			cp := p
			nh := *p.nh
			cp.nh = &nh
			return &cp
		}
	}
	return nil
}

// get fetches an introspect page and parses it.
func get(t *testing.T, a *Agent, path string) *sandesh.Node {
	t.Helper()
	n, _ := getBody(t, a, path)
	return n
}

// getBody fetches an introspect page: the parsed document and the body.
func getBody(t *testing.T, a *Agent, path string) (*sandesh.Node, []byte) {
	t.Helper()
	resp, err := http.Get("http://" + a.IntrospectAddr() + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("%s: HTTP %d", path, resp.StatusCode)
	}
	if !strings.HasPrefix(string(body), sandesh.XMLPrefix) {
		t.Fatalf("%s: body does not start with the stylesheet prefix: %.80q", path, body)
	}
	n, err := sandesh.ParseBytes(body)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return n, body
}

// parts returns the sandesh parts of a document (root or slist children).
func parts(n *sandesh.Node) []*sandesh.Node {
	if n.Type() == "slist" {
		return n.Children
	}
	return []*sandesh.Node{n}
}

func TestRoutesFlowBetweenAgents(t *testing.T) {
	c1 := startTestControl(t, "control-1", netip.MustParseAddr("127.211.1.1"), time.Second)
	c2 := startTestControl(t, "control-2", netip.MustParseAddr("127.211.1.2"), time.Second)
	ctls := []Control{c1.control(), c2.control()}
	a1 := startAgent(t, testConfig("vrouter-1", "127.211.2.1", ctls, pod(1, "10.47.255.249")))
	a2 := startAgent(t, testConfig("vrouter-2", "127.211.2.2", ctls, pod(2, "10.47.255.250")))

	label := a1.pathOf(podVRF, "10.47.255.249/32", PeerLocalVmPort).label
	if label != firstLabel {
		t.Fatalf("first interface label %d, want %d", label, firstLabel)
	}
	for _, c := range []*testControl{c1, c2} {
		peer := c.control().Address.String()
		waitFor(t, "vrouter-2 learns 10.47.255.249/32 from "+c.name, func() bool { return a2.pathOf(podVRF, "10.47.255.249/32", peer) != nil })
		p := a2.pathOf(podVRF, "10.47.255.249/32", peer)
		if p.nh.kind != nhTunnel || p.nh.dip != a1.cfg.Address || p.nh.sip() != a2.cfg.Address || p.label != label ||
			p.nh.tunnelType() != "MPLSoUDP" || p.tunnelTypes != "MPLSoGRE MPLSoUDP" {
			t.Fatalf("remote path %+v nh %+v", p, p.nh)
		}
	}
	waitFor(t, "vrouter-1 learns .250", func() bool { return a1.pathOf(podVRF, "10.47.255.250/32", "") != nil })

	// The same route as introspect shows it, through the model's parser.
	doc := get(t, a2, "/Snh_Inet4UcRouteReq?vrf_index=2&src_ip=10.47.255.249&prefix_len=32&stale=")
	ps := parts(doc)
	if len(ps) != 2 || ps[0].Name != "Inet4UcRouteResp" || ps[1].Name != "Pagination" {
		t.Fatalf("route answer parts: %v", names(ps))
	}
	var rr schema.Inet4UcRouteResp
	if err := sandesh.Unmarshal(ps[0], &rr); err != nil {
		t.Fatal(err)
	}
	if len(rr.RouteList) != 1 || len(rr.RouteList[0].PathList) != 2 {
		t.Fatalf("routes %+v", rr.RouteList)
	}
	for _, p := range rr.RouteList[0].PathList {
		if p.NH.Type != "tunnel" || p.NH.Dip != "127.211.2.1" || p.NH.Sip != "127.211.2.2" || p.NH.TunnelType != "MPLSoUDP" ||
			p.ActiveLabel == nil || *p.ActiveLabel != label || p.PathPreferenceData == nil || p.PathPreferenceData.Preference != 100 {
			t.Fatalf("path %+v", p)
		}
	}

	// stale=1: refnode keeps no stale paths.
	if ps := parts(get(t, a2, "/Snh_Inet4UcRouteReq?vrf_index=2&src_ip=&prefix_len=&stale=1")); ps[0].Find("list").Attr("size") != "0" {
		t.Fatalf("stale routes listed: %v", ps[0].Find("list").Attrs)
	}

	// Withdraw: stopping vrouter-1 removes its route at vrouter-2.
	a1.Stop()
	waitFor(t, "route withdrawn at vrouter-2", func() bool { return a2.pathOf(podVRF, "10.47.255.249/32", "") == nil })
	a2.mu.Lock()
	tunnels := a2.t.tunnels.n
	a2.mu.Unlock()
	if tunnels != 0 {
		t.Fatalf("%d tunnel NHs left after the only remote vRouter went away", tunnels)
	}
}

func names(ns []*sandesh.Node) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Name)
	}
	return out
}

func TestFailoverToThirdControl(t *testing.T) {
	var ctls []*testControl
	var cfgCtls []Control
	for i := 1; i <= 3; i++ {
		c := startTestControl(t, fmt.Sprintf("control-%d", i), netip.MustParseAddr(fmt.Sprintf("127.211.3.%d", i)), time.Second)
		ctls = append(ctls, c)
		cfgCtls = append(cfgCtls, c.control())
	}
	a := startAgent(t, testConfig("vrouter-9", "127.211.4.1", cfgCtls, pod(9, "10.47.255.1")))
	waitFor(t, "two channels up", func() bool { return a.NodeStatus().ProcessStatus[0].State == "Functional" && countUp(a) == 2 })
	used := a.Controls()
	if len(used) != 2 {
		t.Fatalf("channels %v", used)
	}
	var victim, spare *testControl
	for _, c := range ctls {
		switch c.name {
		case used[0]:
			victim = c
		case used[1]:
		default:
			spare = c
		}
	}
	// Cut first: one flap, same control node.
	if err := a.CutControl(victim.name); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "flap counted and back up", func() bool {
		st := xmppData(t, a, victim.control().Address.String())
		return st != nil && st.FlapCount == 1 && st.State == "Established"
	})
	// Stop the control node: after MaxAttempts refused connects the
	// channel times out and moves to the spare control node.
	victim.srv.Stop()
	waitFor(t, "channel moved to "+spare.name, func() bool {
		c := a.Controls()
		return len(c) == 2 && c[0] == spare.name && countUp(a) == 2
	})
	waitFor(t, "spare sees the agent", func() bool { return spare.peerNames()["vrouter-9"] })
	if st := a.NodeStatus().ProcessStatus[0]; st.State != "Functional" || st.Description == nil || *st.Description != "" {
		t.Fatalf("NodeStatus after failover: %+v", st)
	}
	if err := a.CutControl(victim.name); err == nil {
		t.Fatal("CutControl of a control node no longer in use succeeded")
	}
	var tr schema.SandeshTraceTextResponse
	sandesh.Unmarshal(get(t, a, "/Snh_SandeshTraceRequest?x=ControllerConnections"), &tr)
	text := strings.Join(tr.Traces, "\n")
	for _, want := range []string{"Down: session cut", "TIMEDOUT", "now " + spare.name} {
		if !strings.Contains(text, want) {
			t.Errorf("trace lacks %q:\n%s", want, text)
		}
	}

	// Partition the agent from the control node in slot 1: it moves to
	// the last free one (the stopped victim is refused too, so the slot
	// keeps timing out until healed).
	other := a.Controls()[1]
	if err := a.Block(other, true); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "slot 1 leaves "+other, func() bool { return a.Controls()[1] != other })
	if err := a.Block(other, false); err != nil {
		t.Fatal(err)
	}
	if err := a.Block("control-99", true); err == nil {
		t.Fatal("Block of an unknown control node succeeded")
	}
}

// countUp counts the agent's control-node connections that are Up.
func countUp(a *Agent) int {
	n := 0
	for _, ci := range a.NodeStatus().ProcessStatus[0].ConnectionInfos {
		if ci.Status == "Up" && strings.HasPrefix(ci.Name, controlConnPrefix) {
			n++
		}
	}
	return n
}

func xmppData(t *testing.T, a *Agent, controllerIP string) *schema.AgentXmppData {
	doc := get(t, a, "/Snh_AgentXmppConnectionStatusReq")
	var st schema.AgentXmppConnectionStatus
	if err := sandesh.Unmarshal(doc, &st); err != nil {
		t.Fatal(err)
	}
	for i := range st.Peer {
		if st.Peer[i].ControllerIP == controllerIP {
			return &st.Peer[i]
		}
	}
	return nil
}

// nodeStatusHTTP reads the agent's ProcessStatus the way contrail-status
// does (SandeshUVECacheReq?tname=NodeStatus).
func nodeStatusHTTP(t *testing.T, a *Agent) schema.ProcessStatus {
	t.Helper()
	doc := get(t, a, "/Snh_SandeshUVECacheReq?tname=NodeStatus")
	ps := parts(doc)
	if len(ps) != 2 || ps[0].Name != "NodeStatusUVE" || ps[1].Name != "SandeshUVECacheResp" {
		t.Fatalf("UVE cache parts %v", names(ps))
	}
	if k := ps[0].Find("name").Attr("key"); k != "ObjectVRouter" {
		t.Fatalf("NodeStatus name key %q", k)
	}
	var u schema.NodeStatusUVE
	if err := sandesh.Unmarshal(ps[0], &u); err != nil {
		t.Fatal(err)
	}
	return u.Data.ProcessStatus[0]
}

func TestNodeStatusFollowsControlSessions(t *testing.T) {
	c1 := startTestControl(t, "control-1", netip.MustParseAddr("127.211.5.1"), time.Second)
	c2 := startTestControl(t, "control-2", netip.MustParseAddr("127.211.5.2"), time.Second)
	a := startAgent(t, testConfig("vrouter-5", "127.211.6.1", []Control{c1.control(), c2.control()}))
	waitFor(t, "both up", func() bool { return countUp(a) == 2 })

	nodeStatus := func() schema.ProcessStatus { return nodeStatusHTTP(t, a) }
	if st := nodeStatus(); st.State != "Functional" || st.Description == nil || *st.Description != "" || st.FlagInfos == nil || len(st.ConnectionInfos) != 2 {
		t.Fatalf("all up: %+v", st)
	}
	c1.srv.Stop()
	want1 := "XMPP:control-node:127.211.5.1 connection down"
	waitFor(t, "one down", func() bool { st := nodeStatus(); return st.Description != nil && *st.Description == want1 })
	if st := nodeStatus(); st.State != "Functional" {
		t.Fatalf("one of two down must stay Functional: %+v", st)
	}
	c2.srv.Stop()
	waitFor(t, "all down", func() bool { return nodeStatus().State == "Non-Functional" })
	st := nodeStatus()
	if st.Description == nil || !strings.Contains(*st.Description, "connection down") || !strings.Contains(*st.Description, "127.211.5.2") {
		t.Fatalf("all down: %+v", st)
	}
}

func TestInterfacePagination(t *testing.T) {
	var itfs []Interface
	for i := 0; i < 250; i++ {
		itfs = append(itfs, pod(i+1, fmt.Sprintf("10.32.%d.%d", i/200, i%200+1)))
	}
	cfg := testConfig("vrouter-7", "127.211.7.1", nil, itfs...)
	a := startAgent(t, cfg)
	total := 250 + 3 // eth0, vhost0, pkt0

	doc := get(t, a, "/Snh_ItfReq?name=&type=&uuid=&vn=&mac=&ipv4_address=")
	ps := parts(doc)
	if len(ps) != 2 || ps[0].Name != "ItfResp" || ps[1].Name != "Pagination" {
		t.Fatalf("first page parts %v", names(ps))
	}
	var first schema.ItfResp
	if err := sandesh.Unmarshal(ps[0], &first); err != nil {
		t.Fatal(err)
	}
	var pg schema.Pagination
	if err := sandesh.Unmarshal(ps[1], &pg); err != nil {
		t.Fatal(err)
	}
	const filters = "," // the agent leaves empty filters out of its cookies
	want := schema.PageReqData{
		NextPage: "begin:100,end:199,table:db.interface.0" + filters, FirstPage: "begin:0,end:99,table:db.interface.0" + filters,
		All: "begin:-1,end:-1,table:db.interface.0" + filters, TableSize: uint32(total), Entries: fmt.Sprintf("0-99/%d", total),
	}
	if len(first.ItfList) != 100 || pg.Req != want {
		t.Fatalf("first page: %d entries, pagination %+v, want %+v", len(first.ItfList), pg.Req, want)
	}

	// The last page by cookie, then everything via `all` as ist.py does.
	doc = get(t, a, "/Snh_PageReq?x="+strings.ReplaceAll("begin:200,end:299,table:db.interface.0"+filters, ":", "%3A"))
	ps = parts(doc)
	sandesh.Unmarshal(ps[len(ps)-1], &pg)
	if len(ps) != 2 || pg.Req.NextPage != "" || pg.Req.PrevPage != "begin:100,end:199,table:db.interface.0"+filters ||
		pg.Req.Entries != fmt.Sprintf("200-%d/%d", total-1, total) {
		t.Fatalf("last page: parts %v, pagination %+v", names(ps), pg.Req)
	}
	doc = get(t, a, "/Snh_PageReq?x="+want.All)
	ps = parts(doc)
	if len(ps) != 4 || ps[3].Name != "Pagination" {
		t.Fatalf("all: parts %v", names(ps))
	}
	n := 0
	for _, p := range ps[:3] {
		var r schema.ItfResp
		if err := sandesh.Unmarshal(p, &r); err != nil {
			t.Fatal(err)
		}
		n += len(r.ItfList)
		if p.Find("more") == nil || p.ChildText("more") != "true" {
			t.Fatalf("list part without more=true")
		}
	}
	sandesh.Unmarshal(ps[3], &pg)
	if n != total || pg.Req.NextPage != "" || pg.Req.Entries != fmt.Sprintf("0-%d/%d", total-1, total) {
		t.Fatalf("all: %d entries, pagination %+v", n, pg.Req)
	}

	// A filter that matches one interface; a bad cookie; a bad VRF.
	doc = get(t, a, "/Snh_ItfReq?name="+itfs[41].Name)
	var one schema.ItfResp
	sandesh.Unmarshal(parts(doc)[0], &one)
	if len(one.ItfList) != 1 || one.ItfList[0].IPAddr != itfs[41].IP.String() || one.ItfList[0].Label != firstLabel+41 ||
		one.ItfList[0].VnName != podVN || one.ItfList[0].VrfName != podVRF {
		t.Fatalf("filtered: %+v", one.ItfList)
	}
	for _, bad := range []string{"/Snh_PageReq?x=garbage", "/Snh_PageReq?x=begin:0,end:9,table:db.nope.0,", "/Snh_Inet4UcRouteReq?vrf_index=99"} {
		doc = get(t, a, bad)
		if doc.Name != "ErrorResp" || doc.ChildText("resp") == "" {
			t.Fatalf("%s: got %s, want ErrorResp", bad, doc.Name)
		}
	}
}

// TestEveryRequestParses fetches every request the agent serves and
// decodes each part with the model.
func TestEveryRequestParses(t *testing.T) {
	c1 := startTestControl(t, "control-1", netip.MustParseAddr("127.211.8.1"), time.Second)
	a := startAgent(t, testConfig("vrouter-8", "127.211.9.1", []Control{c1.control()}, pod(3, "10.47.255.3"), pod(4, "10.47.255.4")))
	waitFor(t, "up", func() bool { return countUp(a) == 1 })
	cases := []struct {
		path  string
		parts []any
	}{
		{"/Snh_ItfReq", []any{&schema.ItfResp{}, &schema.Pagination{}}},
		{"/Snh_VrfListReq", []any{&schema.VrfListResp{}, &schema.Pagination{}}},
		{"/Snh_VnListReq", []any{&schema.VnListResp{}, &schema.Pagination{}}},
		{"/Snh_Inet4UcRouteReq?x=2", []any{&schema.Inet4UcRouteResp{}, &schema.Pagination{}}},
		{"/Snh_Inet6UcRouteReq?x=2", []any{&schema.Inet6UcRouteResp{}, &schema.Pagination{}}},
		{"/Snh_Layer2RouteReq?x=2", []any{&schema.Layer2RouteResp{}, &schema.Pagination{}}},
		{"/Snh_BridgeRouteReq?x=2", []any{&schema.BridgeRouteResp{}, &schema.Pagination{}}},
		{"/Snh_EvpnRouteReq?x=2", []any{&schema.EvpnRouteResp{}, &schema.Pagination{}}},
		{"/Snh_NhListReq", []any{&schema.NhListResp{}, &schema.Pagination{}}},
		{"/Snh_MplsReq", []any{&schema.MplsResp{}, &schema.Pagination{}}},
		{"/Snh_VmListReq", []any{&schema.VmListResp{}, &schema.Pagination{}}},
		{"/Snh_SgListReq", []any{&schema.SgListResp{}, &schema.Pagination{}}},
		{"/Snh_AclReq", []any{&schema.AclResp{}, &schema.Pagination{}}},
		{"/Snh_KInterfaceReq", []any{&schema.KInterfaceResp{}}},
		{"/Snh_AgentXmppConnectionStatusReq", []any{&schema.AgentXmppConnectionStatus{}}},
		{"/Snh_CpuLoadInfoReq", []any{&schema.CpuLoadInfoResp{}}},
		{"/Snh_SandeshUVETypesReq", []any{&schema.SandeshUVETypesResp{}}},
		{"/Snh_SandeshTraceBufferListRequest", []any{&schema.SandeshTraceBufferListResponse{}}},
		{"/Snh_VxLanReq", []any{&schema.VxLanResp{}, &schema.Pagination{}}},
		{"/Snh_AgentStatsReq", []any{&schema.IpcStatsResp{}, &schema.PktTrapStatsResp{}, &schema.FlowStatsResp{},
			&schema.XmppStatsResp{}, &schema.SandeshStatsResp{}, &schema.SessionEndpointExportStatsResp{}}},
		{"/Snh_AgentDnsXmppConnectionStatusReq", []any{&schema.AgentDnsXmppConnectionStatus{}}},
		{"/Snh_SandeshUVECacheReq?x=VrouterAgent", []any{&schema.SandeshUVECacheResp{}}},
		{"/Snh_SandeshUVECacheReq?x=NodeStatus", []any{&schema.NodeStatusUVE{}, &schema.SandeshUVECacheResp{}}},
	}
	for _, c := range cases {
		checkParts(t, a, c.path, c.parts...)
	}
	var mpls schema.MplsResp
	sandesh.Unmarshal(parts(get(t, a, "/Snh_MplsReq"))[0], &mpls)
	if len(mpls.MplsList) != 2 || mpls.MplsList[0].Label != 16 || mpls.MplsList[1].Label != 17 || mpls.MplsList[0].NH.Type != "interface" {
		t.Fatalf("mpls %+v", mpls.MplsList)
	}
	var vx schema.VxLanResp
	sandesh.Unmarshal(parts(get(t, a, "/Snh_VxLanReq?vxlan_id=5"))[0], &vx)
	if len(vx.VxlanList) != 1 || vx.VxlanList[0].VxlanID != 5 || vx.VxlanList[0].NH.Type != "vrf" || vx.VxlanList[0].VrfName != podVRF {
		t.Fatalf("vxlan %+v", vx.VxlanList)
	}
	var k schema.KInterfaceResp
	sandesh.Unmarshal(get(t, a, "/Snh_KInterfaceReq"), &k)
	if len(k.IfList) != 5 {
		t.Fatalf("KInterfaceReq without if_id must dump all 5 vifs, got %d", len(k.IfList))
	}
	resp, err := http.Get("http://" + a.IntrospectAddr() + "/Snh_NoSuchReq")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Fatalf("unknown request: HTTP %d", resp.StatusCode)
	}
}

// checkParts fetches path and checks that its parts are, in order, the
// types of want, decoding each into it, and that the decoded values
// encode back to the very body served (introspecttest.CheckParts); it
// returns the parts.
func checkParts(t *testing.T, a *Agent, path string, want ...any) []*sandesh.Node {
	t.Helper()
	introspecttest.CheckParts(t, "http://"+a.IntrospectAddr()+path, want...)
	return parts(get(t, a, path))
}

func TestLabelAllocatorSkipsMulticastBlocks(t *testing.T) {
	l := newLabelAllocator()
	var last int32
	n := 0
	for {
		v := l.alloc()
		if v < 0 {
			break
		}
		if v >= l.mcastLow && v < l.mcastHigh {
			t.Fatalf("allocated %d inside the multicast blocks [%d,%d)", v, l.mcastLow, l.mcastHigh)
		}
		if n == 0 && v != firstLabel {
			t.Fatalf("first label %d", v)
		}
		last = v
		n++
	}
	if n != int(l.mcastLow-firstLabel) || last != l.mcastLow-1 {
		t.Fatalf("%d labels, last %d", n, last)
	}
	l.release(20)
	if v := l.alloc(); v != 20 {
		t.Fatalf("released label not reused: %d", v)
	}
}

func TestConfigErrors(t *testing.T) {
	good := testConfig("v", "127.0.0.1", nil)
	for _, c := range []struct {
		mut  func(*Config)
		want string
	}{
		{func(c *Config) { c.Name = "" }, "no name"},
		{func(c *Config) { c.Address = netip.Addr{} }, "no address"},
		{func(c *Config) {
			c.Interfaces = []Interface{{Name: "tap1", Network: "nope", IP: netip.MustParseAddr("1.1.1.1")}}
		}, "not in Config.Networks"},
	} {
		cfg := good
		c.mut(&cfg)
		if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v, want error containing %q", err, c.want)
		}
	}
}

func TestAddRemoveInterfaceAndPause(t *testing.T) {
	c1 := startTestControl(t, "control-1", netip.MustParseAddr("127.211.14.1"), 600*time.Millisecond)
	ctls := []Control{c1.control()}
	a1 := startAgent(t, testConfig("vrouter-1", "127.211.15.1", ctls))
	a2 := startAgent(t, testConfig("vrouter-2", "127.211.15.2", ctls))
	waitFor(t, "both up", func() bool { return countUp(a1) == 1 && countUp(a2) == 1 })

	newPod := pod(77, "10.47.0.77")
	if err := a1.AddInterface(newPod); err != nil {
		t.Fatal(err)
	}
	if err := a1.AddInterface(newPod); err == nil {
		t.Fatal("adding the same interface twice succeeded")
	}
	waitFor(t, "vrouter-2 learns the new pod", func() bool { return a2.pathOf(podVRF, "10.47.0.77/32", "") != nil })
	if p := a2.pathOf(podVRF, "10.47.0.77/32", ""); p.label != firstLabel || p.nh.dip != a1.cfg.Address {
		t.Fatalf("learned path %+v", p)
	}
	if err := a1.RemoveInterface(newPod.Name); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "vrouter-2 loses the pod", func() bool { return a2.pathOf(podVRF, "10.47.0.77/32", "") == nil })
	if err := a1.RemoveInterface(newPod.Name); err == nil {
		t.Fatal("removing a removed interface succeeded")
	}
	// The freed label is reused by the next pod.
	if err := a1.AddInterface(pod(78, "10.47.0.78")); err != nil {
		t.Fatal(err)
	}
	if p := a1.pathOf(podVRF, "10.47.0.78/32", PeerLocalVmPort); p == nil || p.label != firstLabel {
		t.Fatalf("label not reused: %+v", p)
	}
	waitFor(t, "vrouter-2 learns the second pod", func() bool { return a2.pathOf(podVRF, "10.47.0.78/32", "") != nil })

	// Pause vrouter-1: the control node's hold timer expires, its routes
	// are withdrawn at vrouter-2; Resume brings them back.
	a1.Pause()
	waitFor(t, "control drops the paused agent", func() bool { return !c1.peerNames()["vrouter-1"] })
	waitFor(t, "vrouter-2 loses the paused agent's pod", func() bool { return a2.pathOf(podVRF, "10.47.0.78/32", "") == nil })
	a1.Resume()
	waitFor(t, "vrouter-2 learns the pod again", func() bool { return a2.pathOf(podVRF, "10.47.0.78/32", "") != nil })
	if st := xmppData(t, a1, c1.control().Address.String()); st == nil || st.FlapCount != 1 {
		t.Fatalf("after pause/resume: %+v", st)
	}
}

func TestECMPItemsMakeCompositeNH(t *testing.T) {
	cfg := testConfig("vrouter-e", "127.0.3.1", nil)
	a := &Agent{cfg: cfg}
	a.t = buildTables(&a.cfg)
	ch := &channel{a: a, peer: "127.0.1.1"}
	hop := func(addr string, label uint32) xmpp.NextHop {
		return xmpp.NextHop{Address: netip.MustParseAddr(addr), Label: label, Encaps: []string{"gre", "udp"}}
	}
	svc := netip.MustParsePrefix("10.96.0.10/32")
	ch.Update(nil, podVRF, xmpp.FamilyInet, []xmpp.Route{
		{Prefix: svc, VirtualNetwork: podVN, LocalPref: 100, NextHops: []xmpp.NextHop{hop("127.0.3.2", 20), hop("127.0.3.3", 21)}},
		{Prefix: netip.MustParsePrefix("10.96.0.11/32"), VirtualNetwork: podVN, NextHops: []xmpp.NextHop{hop("127.0.3.1", 16), hop("127.0.3.3", 22)}},
	}, nil)
	p := a.pathOf(podVRF, "10.96.0.10/32", "127.0.1.1")
	if p == nil || p.nh.kind != nhComposite || len(p.nh.members) != 2 || p.label != -1 {
		t.Fatalf("ECMP path %+v", p)
	}
	d := a.nhData(p.nh)
	if d.Type != "Composite" || len(d.McList) != 2 || d.McList[1].Dip != "127.0.3.3" || d.McList[1].Label != 21 || d.McList[0].Sip != "127.0.3.1" {
		t.Fatalf("composite NH data %+v", d)
	}
	// Our own address among the next hops: a plain tunnel to the other.
	if p := a.pathOf(podVRF, "10.96.0.11/32", "127.0.1.1"); p == nil || p.nh.kind != nhTunnel || p.nh.dip != netip.MustParseAddr("127.0.3.3") || p.label != 22 {
		t.Fatalf("ECMP with own next hop: %+v", p)
	}
	ch.Update(nil, podVRF, xmpp.FamilyInet, nil, []netip.Prefix{svc, netip.MustParsePrefix("10.96.0.11/32")})
	if len(a.t.composites) != 0 || a.t.tunnels.n != 0 {
		t.Fatalf("after retracts: %d composites, %d tunnels left", len(a.t.composites), a.t.tunnels.n)
	}
}

func TestStopStartAgain(t *testing.T) {
	c1 := startTestControl(t, "control-1", netip.MustParseAddr("127.211.16.1"), time.Second)
	a := startAgent(t, testConfig("vrouter-r", "127.211.17.1", []Control{c1.control()}, pod(5, "10.47.0.5")))
	waitFor(t, "up", func() bool { return countUp(a) == 1 })
	if err := a.AddInterface(pod(6, "10.47.0.6")); err != nil {
		t.Fatal(err)
	}
	if err := a.Stop(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "control sees the agent go", func() bool { return !c1.peerNames()["vrouter-r"] })
	if err := a.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "up again", func() bool { return countUp(a) == 1 && c1.peerNames()["vrouter-r"] })
	// A restarted agent starts from its configuration: the pod added at
	// run time is gone, the configured one is back with the same label.
	if a.pathOf(podVRF, "10.47.0.6/32", "") != nil {
		t.Fatal("run-time interface survived a restart")
	}
	if p := a.pathOf(podVRF, "10.47.0.5/32", PeerLocalVmPort); p == nil || p.label != firstLabel {
		t.Fatalf("configured interface after restart: %+v", p)
	}
	if ps := parts(get(t, a, "/Snh_ItfReq")); len(ps) != 2 {
		t.Fatalf("introspect after restart: %v", names(ps))
	}
}

func TestIPv6InterfaceRoute(t *testing.T) {
	c1 := startTestControl(t, "control-1", netip.MustParseAddr("127.211.18.1"), time.Second)
	ctls := []Control{c1.control()}
	a1 := startAgent(t, testConfig("vrouter-1", "127.211.19.1", ctls, pod(1, "fd00::3")))
	a2 := startAgent(t, testConfig("vrouter-2", "127.211.19.2", ctls))
	waitFor(t, "vrouter-2 learns fd00::3/128", func() bool { return a2.pathOf(podVRF, "fd00::3/128", "") != nil })
	var r6 schema.Inet6UcRouteResp
	sandesh.Unmarshal(parts(get(t, a2, "/Snh_Inet6UcRouteReq?x=2"))[0], &r6)
	if len(r6.RouteList) != 1 || r6.RouteList[0].SrcIP != "fd00::3" || r6.RouteList[0].SrcPlen != 128 {
		t.Fatalf("inet6 routes %+v", r6.RouteList)
	}
	var r4 schema.Inet4UcRouteResp
	sandesh.Unmarshal(parts(get(t, a2, "/Snh_Inet4UcRouteReq?x=2"))[0], &r4)
	for _, r := range r4.RouteList {
		if strings.Contains(r.SrcIP, ":") {
			t.Fatalf("IPv6 route in the inet4 answer: %+v", r)
		}
	}
	if err := a1.RemoveInterface(pod(1, "fd00::3").Name); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "vrouter-2 loses fd00::3/128", func() bool { return a2.pathOf(podVRF, "fd00::3/128", "") == nil })
}

func TestTraceBufferKeepsTheLast(t *testing.T) {
	var b traceBuffer
	for i := 0; i < traceKeep+10; i++ {
		b.add(fmt.Sprintf("event-%d", i))
	}
	all := b.last(0)
	if len(all) != traceKeep || !strings.HasSuffix(all[0], "event-10") || !strings.HasSuffix(all[len(all)-1], fmt.Sprintf("event-%d", traceKeep+9)) {
		t.Fatalf("ring: %d lines, first %q last %q", len(all), all[0], all[len(all)-1])
	}
	if two := b.last(2); len(two) != 2 || !strings.HasSuffix(two[1], fmt.Sprintf("event-%d", traceKeep+9)) {
		t.Fatalf("last 2: %q", two)
	}
}
