package control

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
	"github.com/tfkit/tfkit/refnode/timers"
)

// loneNode is one control node without peers and with many networks, for
// paging; routes are injected as if an agent had published them.
func loneNode(t testing.TB, addr string, networks int, peers ...Peer) *Node {
	t.Helper()
	cfg := Config{Name: "ctl-lone", Address: netip.MustParseAddr(addr), Timers: timers.Scaled(0.1), Peers: peers}
	for i := 1; i <= networks; i++ {
		cfg.Networks = append(cfg.Networks, Network{FQName: fmt.Sprintf("default-domain:p:vn%03d", i), VNIndex: i})
	}
	n, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(n.Close)
	if err := n.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	return n
}

// inject publishes count /32 routes into instance as agent "compute-x".
func inject(n *Node, instance string, count int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	a := &agent{name: "compute-x", subs: map[string]int{instance: 4}, primary: map[string]bool{}}
	in := n.rib.instances[instance]
	for i := 0; i < count; i++ {
		r := podRoute(fmt.Sprintf("10.%d.%d.%d/32", 40+i/65536, i/256%256, i%256), "127.0.92.99", uint32(16+i))
		n.publishLocked(a, in, 4, r)
	}
}

func rawGet(t *testing.T, n *Node, path string) string {
	t.Helper()
	resp, err := http.Get(fmt.Sprintf("http://%s:%d/Snh_%s", n.cfg.Address, n.cfg.IntrospectPort, path))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: status %d", path, resp.StatusCode)
	}
	return string(b)
}

func TestRouteSummaryPaging(t *testing.T) {
	n := loneNode(t, "127.0.91.221", 20) // 9 master + 20*5 VRF tables
	var first schema.ShowRouteSummaryResp
	get(t, n, "ShowRouteSummaryReq?search_string=", &first)
	if len(first.Tables) != schema.ControlPageLimit || first.NextBatch == "" {
		t.Fatalf("first page: %d tables, next_batch %q", len(first.Tables), first.NextBatch)
	}
	raw := rawGet(t, n, "ShowRouteSummaryReq?search_string=")
	want := `<next_batch type="string" identifier="2" link="ShowRouteSummaryReqIterate" link_title="next_batch">`
	if !strings.Contains(raw, want) || !strings.HasSuffix(raw, `<more type="bool" identifier="0">false</more></ShowRouteSummaryResp>`) {
		t.Errorf("next_batch/more shape wrong: %.300s…", raw[strings.Index(raw, "<next_batch"):])
	}
	var second schema.ShowRouteSummaryResp
	get(t, n, "ShowRouteSummaryReqIterate?x="+url.QueryEscape(first.NextBatch), &second)
	if len(second.Tables) != 109-schema.ControlPageLimit || second.NextBatch != "" {
		t.Fatalf("second page: %d tables, next_batch %q", len(second.Tables), second.NextBatch)
	}
	if second.Tables[0].Name <= first.Tables[len(first.Tables)-1].Name {
		t.Errorf("pages overlap: %s after %s", second.Tables[0].Name, first.Tables[len(first.Tables)-1].Name)
	}
	var ri schema.ShowRoutingInstanceResp
	get(t, n, "ShowRoutingInstanceReq?search_string=vn01", &ri)
	if len(ri.Instances) != 10 || ri.NextBatch != "" {
		t.Errorf("search vn01: %d instances", len(ri.Instances))
	}
}

func TestShowRouteIterate(t *testing.T) {
	n := loneNode(t, "127.0.91.222", 1)
	ri := "default-domain:p:vn001:vn001"
	inject(n, ri, 1100)
	var first schema.ShowRouteResp
	get(t, n, "ShowRouteReq?routing_table="+ri+".inet.0", &first)
	if len(first.Tables) != 1 || len(first.Tables[0].Routes) != 1000 || first.NextBatch == "" {
		t.Fatalf("first page: %d tables, next_batch %q", len(first.Tables), first.NextBatch)
	}
	tb := first.Tables[0]
	if tb.Prefixes != 1100 || tb.PrimaryPaths != 1100 || tb.SecondaryPaths != 0 {
		t.Errorf("table counts %+v", tb)
	}
	if parts := strings.Split(first.NextBatch, "||"); len(parts) != 12 || parts[5] != "10.40.3.232/32" {
		t.Errorf("cookie %q: want 12 parts resuming at 10.40.3.232/32", first.NextBatch)
	}
	var second schema.ShowRouteResp
	get(t, n, "ShowRouteReqIterate?x="+url.QueryEscape(first.NextBatch), &second)
	if len(second.Tables) != 1 || len(second.Tables[0].Routes) != 100 || second.NextBatch != "" {
		t.Fatalf("second page: %+v next %q", len(second.Tables), second.NextBatch)
	}
	if second.Tables[0].Routes[0].Prefix != "10.40.3.232/32" {
		t.Errorf("second page starts at %s", second.Tables[0].Routes[0].Prefix)
	}
	// The VPN copies carry the agent's RD and are XMPP paths too.
	var vpn schema.ShowRouteResp
	get(t, n, "ShowRouteReq?routing_table=bgp.l3vpn.0&routing_instance=&prefix=127.0.92.99%3A4%3A10.40.0.5%2F32", &vpn)
	if len(vpn.Tables) != 1 || len(vpn.Tables[0].Routes) != 1 {
		t.Fatalf("vpn lookup: %+v", vpn.Tables)
	}
	p := vpn.Tables[0].Routes[0].Paths[0]
	if p.Protocol != "XMPP (interface)" || !p.Replicated || p.PrimaryTable != ri+".inet.0" || p.Label != 21 {
		t.Errorf("vpn path %+v", p)
	}
	// A next hop without a known encapsulation is infeasible (NoTunnelEncap).
	n.mu.Lock()
	bad := podRoute("10.99.0.1/32", "127.0.92.99", 99)
	bad.NextHops[0].Encaps = []string{"bogus"}
	n.publishLocked(&agent{name: "compute-y", subs: map[string]int{}, primary: map[string]bool{}}, n.rib.instances[ri], 4, bad)
	n.mu.Unlock()
	if s := summary(t, n, ri+".inet.0"); s.InfeasiblePaths != 1 || s.PrimaryPaths != 1101 {
		t.Errorf("infeasible: %+v", s)
	}
	if rt := routeTable(t, n, ri+".inet.0", "10.99.0.1/32"); rt == nil || !contains(rt.Routes[0].Paths[0].Flags, "NoTunnelEncap") {
		t.Errorf("infeasible path flags: %+v", rt)
	}
	// Longest-match lookup as ist sends it for a bare address.
	var lm schema.ShowRouteResp
	get(t, n, "ShowRouteReq?routing_table=&routing_instance="+ri+"&prefix=10.40.0.7%2F32&longer_match=&shorter_match=1", &lm)
	if len(lm.Tables) != 1 || len(lm.Tables[0].Routes) != 1 || lm.Tables[0].Routes[0].Prefix != "10.40.0.7/32" {
		t.Errorf("shorter match: %+v", lm.Tables)
	}
	// Protocol filter keeps "XMPP (interface)" for protocol=XMPP and drops it for BGP.
	var bgpOnly schema.ShowRouteResp
	get(t, n, "ShowRouteReq?routing_table="+ri+".inet.0&&&&&&&&&&protocol=BGP", &bgpOnly)
	if len(bgpOnly.Tables) != 0 {
		t.Errorf("protocol=BGP matched XMPP paths: %d tables", len(bgpOnly.Tables))
	}
}

// TestEveryRequestParses fetches every request the node registers and
// decodes the answer with the schema type it should have.
func TestEveryRequestParses(t *testing.T) {
	n := loneNode(t, "127.0.91.223", 2)
	inject(n, "default-domain:p:vn001:vn001", 3)
	cases := []struct {
		path string
		v    any
	}{
		{"BgpNeighborReq", &schema.BgpNeighborListResp{}},
		{"ShowRouteReq", &schema.ShowRouteResp{}},
		{"ShowBgpNeighborSummaryReq", &schema.ShowBgpNeighborSummaryResp{}},
		{"ShowRoutingInstanceSummaryReq", &schema.ShowRoutingInstanceSummaryResp{}},
		{"ShowRouteSummaryReq", &schema.ShowRouteSummaryResp{}},
		{"ShowRoutingInstanceReq", &schema.ShowRoutingInstanceResp{}},
		{"ShowXmppConnectionReq", &schema.ShowXmppConnectionResp{}},
		{"ShowXmppServerReq", &schema.ShowXmppServerResp{}},
		{"ShowBgpServerReq", &schema.ShowBgpServerResp{}},
		{"ShowRtGroupReq", &schema.ShowRtGroupResp{}},
		{"ShowRtGroupSummaryReq", &schema.ShowRtGroupSummaryResp{}},
		{"ShowMulticastManagerReq", &schema.ShowMulticastManagerResp{}},
		{"ShowMulticastManagerDetailReq?x=default-domain:p:vn001:vn001.ermvpn.0", &schema.ShowMulticastManagerDetailResp{}},
		{"ShowStaticRouteReq", &schema.ShowStaticRouteResp{}},
		{"ShowServiceChainReq", &schema.ShowServiceChainResp{}},
		{"ShowRouteAggregateReq", &schema.ShowRouteAggregateResp{}},
		{"IFMapTableShowReq?table_name=virtual-network", &schema.IFMapTableShowResp{}},
		{"IFMapNodeTableListShowReq", &schema.IFMapNodeTableListShowResp{}},
		{"ShowBgpNeighborConfigReq", &schema.ShowBgpNeighborConfigResp{}},
		{"ShowBgpInstanceConfigReq", &schema.ShowBgpInstanceConfigResp{}},
		{"SandeshUVETypesReq", &schema.SandeshUVETypesResp{}},
		{"CpuLoadInfoReq", &schema.CpuLoadInfoResp{}},
		{"SandeshTraceBufferListRequest", &schema.SandeshTraceBufferListResponse{}},
		{"SandeshTraceRequest?x=XmppTrace", &schema.SandeshTraceTextResponse{}},
		{"SandeshUVECacheReq?x=NoSuchType", &schema.SandeshUVECacheResp{}},
	}
	for _, c := range cases {
		root := get(t, n, c.path, c.v)
		want := sandesh.ElementName(c.v)
		if root.Name != want {
			t.Errorf("%s: root %s, want %s", c.path, root.Name, want)
		}
	}
	var ris schema.ShowRoutingInstanceSummaryResp
	get(t, n, "ShowRoutingInstanceSummaryReq", &ris)
	if len(ris.Instances) != 3 || ris.Instances[1].Tables != nil || ris.Instances[1].VNIndex != 1 {
		t.Errorf("instance summary: %+v", ris.Instances)
	}
	var rt schema.ShowRtGroupResp
	get(t, n, "ShowRtGroupReq", &rt)
	if len(rt.RtgroupList) != 2 || rt.RtgroupList[0].Rtarget != "target:64512:8000001" {
		t.Errorf("rt groups %+v", rt.RtgroupList)
	}
	var ifm schema.IFMapTableShowResp
	get(t, n, "IFMapTableShowReq?table_name=virtual-network", &ifm)
	if len(ifm.IfmapDB) != 2 || ifm.NextBatch == nil || *ifm.NextBatch != "" {
		t.Errorf("ifmap page %+v", ifm)
	}
	if !strings.Contains(rawGet(t, n, "IFMapTableShowReq?table_name=virtual-network"), `link_title="next_batch"></next_batch>`) {
		t.Error("IFMap answer lacks the empty next_batch of its last page")
	}
	if s := rawGet(t, n, "ShowXmppConnectionReq"); !strings.Contains(s, `<connections type="list" identifier="1"><list type="struct" size="0"></list></connections>`) {
		t.Errorf("empty list shape: %s", s)
	}
	resp, err := http.Get(fmt.Sprintf("http://%s:8083/Snh_NoSuchReq", n.cfg.Address))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("unknown request: %d", resp.StatusCode)
	}
}

// TestPauseHoldsIntrospectAndSessions: a paused node answers nothing
// until resumed.
func TestPauseResume(t *testing.T) {
	n := loneNode(t, "127.0.91.224", 1)
	n.Pause()
	done := make(chan struct{})
	go func() {
		defer close(done)
		resp, err := http.Get(fmt.Sprintf("http://%s:8083/Snh_ShowXmppServerReq", n.cfg.Address))
		if err == nil {
			resp.Body.Close()
		}
	}()
	select {
	case <-done:
		t.Fatal("paused node answered")
	case <-timeAfter(300):
	}
	n.Resume()
	select {
	case <-done:
	case <-timeAfter(5000):
		t.Fatal("resumed node did not answer")
	}
	if n.State() != StateRunning {
		t.Errorf("state %s", n.State())
	}
}
