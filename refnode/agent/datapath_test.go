package agent

import (
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/introspect/schema"
)

// allowAll is a security group that passes everything both ways.
func allowAll(uuid string, id uint32) SecurityGroup {
	return SecurityGroup{Name: "default-domain:k8s-default:" + uuid[:4], UUID: uuid, ID: id,
		Ingress: ACL{UUID: uuid[:24] + "00000000aaaa", Name: "ingress-access-control-list", Rules: []Rule{{UUID: uuid[:24] + "000000000001"}}},
		Egress:  ACL{UUID: uuid[:24] + "00000000bbbb", Name: "egress-access-control-list", Rules: []Rule{{UUID: uuid[:24] + "000000000002"}}}}
}

const (
	sgA = "5a000000-0000-4000-8000-000000000001"
	sgB = "5b000000-0000-4000-8000-000000000002"
)

// dpPair starts two agents behind one test control node: pod 1 on the
// first, pods 2 and 3 on the second, every pod in security group sgA and
// pod 3 also in sgB.
func dpPair(t testing.TB, n int) (a1, a2 *Agent, p1, p2, p3 Interface) {
	t.Helper()
	base := "127.211." + strconv.Itoa(40+n) + "."
	c := startTestControl(t, "control-1", netip.MustParseAddr(base+"1"), time.Second)
	ctls := []Control{c.control()}
	p1, p2, p3 = pod(1, "10.47.255.1"), pod(2, "10.47.255.2"), pod(3, "10.47.255.3")
	p1.SecurityGroups, p2.SecurityGroups, p3.SecurityGroups = []string{sgA}, []string{sgA}, []string{sgA, sgB}
	sgs := []SecurityGroup{allowAll(sgA, 8000001), allowAll(sgB, 8000002)}
	c1 := testConfig("vrouter-1", base+"11", ctls, p1)
	c1.SecurityGroups = sgs
	c2 := testConfig("vrouter-2", base+"12", ctls, p2, p3)
	c2.SecurityGroups = sgs
	a1, a2 = startAgent(t, c1), startAgent(t, c2)
	waitFor(t, "routes exchanged", func() bool {
		return a1.pathOf(podVRF, "10.47.255.2/32", "") != nil && a2.pathOf(podVRF, "10.47.255.1/32", "") != nil
	})
	return
}

func send(t *testing.T, a *Agent, from string, dst string, proto uint8, dport uint16) (Outcome, Outcome) {
	t.Helper()
	out, back, err := a.Send(from, Packet{Dst: netip.MustParseAddr(dst), Proto: proto, Sport: 40000, Dport: dport}, true)
	if err != nil {
		t.Fatal(err)
	}
	return out, back
}

func fetchFlow(t *testing.T, a *Agent, nh int32, src, dst string, sport, dport int, proto int) *schema.SandeshFlowData {
	t.Helper()
	path := "/Snh_FetchFlowRecord?nh=" + strconv.Itoa(int(nh)) + "&sip=" + src + "&dip=" + dst + "&src_port=" + strconv.Itoa(sport) +
		"&dst_port=" + strconv.Itoa(dport) + "&protocol=" + strconv.Itoa(proto)
	doc := get(t, a, path)
	if doc.Name == "FlowErrorResp" {
		return nil
	}
	var r schema.FlowRecordResp
	checkParts(t, a, path, &r)
	return &r.Record
}

func nhOf(t *testing.T, a *Agent, tap string) int32 {
	t.Helper()
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.t.itfByName[tap].nh.index
}

func drops(t *testing.T, a *Agent) schema.KDropStatsResp {
	t.Helper()
	var d schema.KDropStatsResp
	checkParts(t, a, "/Snh_KDropStatsReq", &d)
	return d
}

// TestDatapathCrossHost sends TCP from pod 1 to pod 2 (other vRouter):
// delivered and answered; a forward flow on both vRouters with the
// tunnel peer, SG rule and VNs; kernel flows; no drop counted.
func TestDatapathCrossHost(t *testing.T) {
	a1, a2, p1, p2, _ := dpPair(t, 0)
	out, back := send(t, a1, p1.Name, "10.47.255.2", 6, 80)
	if !out.Delivered || out.Interface != p2.Name || len(out.Hops) != 2 || out.Hops[1] != a2.cfg.Address || out.Label < 16 {
		t.Fatalf("forward: %+v", out)
	}
	if !back.Delivered || back.Interface != p1.Name {
		t.Fatalf("answer: %+v", back)
	}
	f1 := fetchFlow(t, a1, nhOf(t, a1, p1.Name), "10.47.255.1", "10.47.255.2", 40000, 80, 6)
	if f1 == nil || f1.Action != schema.FlowActionPass || f1.Direction != "ingress" || *f1.PeerVrouter != a2.cfg.Address.String() ||
		*f1.TunnelType != "MPLSoUDP" || f1.StatsPackets != 1 || *f1.SgRuleUUID != sgA[:24]+"000000000002" || f1.DropReason != "" ||
		f1.SrcVnList[0] != podVN || f1.ShortFlow != "no" || *f1.VMI != p1.UUID {
		t.Fatalf("source flow %+v", f1)
	}
	f2 := fetchFlow(t, a2, nhOf(t, a2, p2.Name), "10.47.255.1", "10.47.255.2", 40000, 80, 6)
	if f2 == nil || f2.Action != schema.FlowActionPass || f2.Direction != "egress" || *f2.SgRuleUUID != sgA[:24]+"000000000001" || f2.StatsPackets != 1 {
		t.Fatalf("destination flow %+v", f2)
	}
	// The answer used the reverse flows.
	if r := fetchFlow(t, a2, nhOf(t, a2, p2.Name), "10.47.255.2", "10.47.255.1", 80, 40000, 6); r == nil || r.ReverseFlow != "yes" || r.StatsPackets != 1 {
		t.Fatalf("reverse flow on vrouter-2: %+v", r)
	}
	var kf schema.KFlowResp
	checkParts(t, a1, "/Snh_KFlowReq", &kf)
	if len(kf.FlowList) != 2 || kf.FlowHandle != "0" || kf.FlowList[0].Action != "FORWARD" || !strings.Contains(kf.FlowList[0].Flags, "RFLOW_VALID") {
		t.Fatalf("kernel flows %+v", kf)
	}
	var one schema.KFlowResp
	checkParts(t, a1, "/Snh_KFlowReq?flow_idx="+strconv.Itoa(int(f1.FlowHandle)), &one)
	if len(one.FlowList) != 1 || one.FlowList[0].Sip != "10.47.255.1" || *one.FlowList[0].TCPFlags != " SYN " {
		t.Fatalf("kernel flow %d: %+v", f1.FlowHandle, one)
	}
	if d := drops(t, a1); d != (schema.KDropStatsResp{}) {
		t.Fatalf("drops on vrouter-1: %+v", d)
	}
	var ti schema.SandeshFlowTableInfoResp
	checkParts(t, a2, "/Snh_SandeshFlowTableInfoRequest", &ti)
	if ti.FlowCount != 2 || ti.MaxFlows != defaultFlowCapacity || len(ti.TableList) != 1 {
		t.Fatalf("flow table info %+v", ti)
	}
	if fs := a2.flowStats(); fs.FlowActive != 2 || fs.FlowCreated != 2 || fs.FlowMaxSystemFlows != defaultFlowCapacity {
		t.Fatalf("AgentStatsReq flow counts %+v", fs)
	}
}

// TestDatapathSGDeny: a security group without a matching ingress rule
// drops at the destination ("Flow drop SG", implicit deny), an explicit
// deny rule names its uuid; ds_flow_action_drop counts each packet.
func TestDatapathSGDeny(t *testing.T) {
	a1, a2, p1, p2, _ := dpPair(t, 1)
	if out, _ := send(t, a1, p1.Name, "10.47.255.2", 6, 80); !out.Delivered {
		t.Fatalf("before the change: %+v", out)
	}
	sg, _ := a2.SecurityGroup(sgA)
	if _, _, err := a2.SetSecurityGroupRules(sgA, nil, sg.Egress.Rules); err != nil {
		t.Fatal(err)
	}
	// The existing flow is evaluated again at once (no packet needed).
	if f := fetchFlow(t, a2, nhOf(t, a2, p2.Name), "10.47.255.1", "10.47.255.2", 40000, 80, 6); f == nil || f.DropReason != "Flow drop SG" || f.StatsPackets != 1 {
		t.Fatalf("re-evaluated flow %+v", f)
	}
	out, _ := send(t, a1, p1.Name, "10.47.255.2", 6, 80)
	if out.Delivered || out.Counter != "ds_flow_action_drop" || out.Reason != "Flow drop SG" || out.VRouter != a2.cfg.Address.String() {
		t.Fatalf("outcome %+v", out)
	}
	f := fetchFlow(t, a2, nhOf(t, a2, p2.Name), "10.47.255.1", "10.47.255.2", 40000, 80, 6)
	if f == nil || f.Action != schema.FlowActionDeny || f.DropReason != "Flow drop SG" || *f.SgRuleUUID != ImplicitDenyUUID || f.ImplicitDeny != "yes" {
		t.Fatalf("flow %+v", f)
	}
	if d := drops(t, a2); d.DsFlowActionDrop != 1 {
		t.Fatalf("drops %+v", d)
	}
	deny := Rule{UUID: "d0000000-0000-4000-8000-0000000000d1", Action: "deny", Protocol: 6, DstPorts: PortRange{80, 80}}
	if _, _, err := a2.SetSecurityGroupRules(sgA, []Rule{deny, {UUID: "p1"}}, sg.Egress.Rules); err != nil {
		t.Fatal(err)
	}
	out, _ = send(t, a1, p1.Name, "10.47.255.2", 6, 80)
	f = fetchFlow(t, a2, nhOf(t, a2, p2.Name), "10.47.255.1", "10.47.255.2", 40000, 80, 6)
	if out.Delivered || f == nil || *f.SgRuleUUID != deny.UUID || f.ImplicitDeny != "no" {
		t.Fatalf("explicit deny: %+v %+v", out, f)
	}
	if out, _ := send(t, a1, p1.Name, "10.47.255.2", 17, 53); !out.Delivered {
		t.Fatalf("udp/53 is not denied: %+v", out)
	}
	var acl schema.AclResp
	checkParts(t, a2, "/Snh_AclReq?uuid="+sg.Ingress.UUID, &acl, &schema.Pagination{})
	if len(acl.ACLList) != 1 || acl.ACLList[0].Entries[0].UUID != deny.UUID || acl.ACLList[0].Entries[0].ActionL[0].Action != "deny" {
		t.Fatalf("ACL %+v", acl)
	}
	var sgl schema.SgListResp
	checkParts(t, a2, "/Snh_SgListReq", &sgl, &schema.Pagination{})
	if len(sgl.SgList) != 2 || sgl.SgList[0].SgUUID != sgA || sgl.SgList[0].IngressACLUUID != sg.Ingress.UUID || sgl.SgList[0].RefCount != 2 {
		t.Fatalf("SGs %+v", sgl)
	}
}

// TestDatapathSameHostOutSG: between two pods of one vRouter the
// destination's ingress rules are the flow's out_sg ("Flow drop OUT SG").
func TestDatapathSameHostOutSG(t *testing.T) {
	_, a2, _, p2, p3 := dpPair(t, 2)
	if out, back := send(t, a2, p2.Name, "10.47.255.3", 17, 53); !out.Delivered || out.Interface != p3.Name || len(out.Hops) != 1 || !back.Delivered {
		t.Fatalf("same host: %+v %+v", out, back)
	}
	sg, _ := a2.SecurityGroup(sgB)
	if _, _, err := a2.SetSecurityGroupRules(sgB, []Rule{{UUID: "dd", Action: "deny", Protocol: 17}}, sg.Egress.Rules); err != nil {
		t.Fatal(err)
	}
	out, _ := send(t, a2, p2.Name, "10.47.255.3", 17, 53)
	f := fetchFlow(t, a2, nhOf(t, a2, p2.Name), "10.47.255.2", "10.47.255.3", 40000, 53, 17)
	if out.Delivered || out.Reason != "Flow drop OUT SG" || f == nil || f.LocalFlow != "yes" || *f.SgRuleUUID != "dd" || f.OutSg.Action != schema.FlowActionDeny {
		t.Fatalf("out SG: %+v %+v", out, f)
	}
}

// TestDatapathKernelFaults: a route missing from the kernel discards
// (ds_discard) while the agent route stays; a relabelled destination
// interface drops the old label (ds_invalid_label); a full flow table
// drops new flows (ds_flow_table_full) and its dump pages.
func TestDatapathKernelFaults(t *testing.T) {
	a1, a2, p1, p2, _ := dpPair(t, 3)
	host := netip.MustParsePrefix("10.47.255.2/32")
	if err := a1.DropKernelRoute(podVRF, host); err != nil {
		t.Fatal(err)
	}
	out, _ := send(t, a1, p1.Name, "10.47.255.2", 17, 53)
	if out.Delivered || out.Counter != "ds_discard" {
		t.Fatalf("kernel route missing: %+v", out)
	}
	var kr schema.KRouteResp
	checkParts(t, a1, "/Snh_KRouteGetReq?vrf_id=2&prefix=10.47.255.2&prefix_len=32", &kr)
	if len(kr.RtList) != 1 || kr.RtList[0].PrefixLen != 0 || kr.RtList[0].NhID != 0 {
		t.Fatalf("kernel LPM with the route missing: %+v", kr)
	}
	if a1.pathOf(podVRF, "10.47.255.2/32", "") == nil {
		t.Fatal("the agent route must stay")
	}
	if err := a1.RestoreKernelRoute(podVRF, host); err != nil {
		t.Fatal(err)
	}
	checkParts(t, a1, "/Snh_KRouteGetReq?vrf_id=2&prefix=10.47.255.2&prefix_len=32", &kr)
	ar := a1.pathOf(podVRF, "10.47.255.2/32", "")
	if len(kr.RtList) != 1 || kr.RtList[0].PrefixLen != 32 || kr.RtList[0].NhID != ar.nh.index || kr.RtList[0].Label != ar.label {
		t.Fatalf("kernel route %+v, agent nh %d label %d", kr, ar.nh.index, ar.label)
	}
	var knh schema.KNHResp
	checkParts(t, a1, "/Snh_KNHReq?nh_id="+strconv.Itoa(int(ar.nh.index)), &knh)
	if len(knh.NhList) != 1 || knh.NhList[0].Type != "TUNNEL" || knh.NhList[0].TunDip != a2.cfg.Address.String() {
		t.Fatalf("kernel NH %+v", knh)
	}
	if doc := get(t, a1, "/Snh_KNHReq?nh_id=999"); doc.Name != "ErrResp" {
		t.Fatalf("unknown NH: %s", doc.Name)
	}

	old, now, err := a2.Relabel(p2.Name)
	if err != nil || old != ar.label {
		t.Fatalf("relabel %d -> %d: %v (route label %d)", old, now, err, ar.label)
	}
	out, _ = send(t, a1, p1.Name, "10.47.255.2", 17, 54)
	if out.Delivered || out.Counter != "ds_invalid_label" || out.Label != old {
		t.Fatalf("stale label: %+v", out)
	}
	if doc := get(t, a2, "/Snh_KMplsReq?mpls_label="+strconv.Itoa(int(old))); doc.Name != "ErrResp" {
		t.Fatalf("old label still in the kernel: %s", doc.Name)
	}
	var km schema.KMplsResp
	checkParts(t, a2, "/Snh_KMplsReq?mpls_label="+strconv.Itoa(int(now)), &km)
	if len(km.MplsList) != 1 || km.MplsList[0].Nhid != nhOf(t, a2, p2.Name) {
		t.Fatalf("new label %+v", km)
	}
	if d := drops(t, a2); d.DsInvalidLabel != 1 {
		t.Fatalf("drops on vrouter-2 %+v", d)
	}

	if err := a1.FillFlowTable(250); err != nil {
		t.Fatal(err)
	}
	out, _ = send(t, a1, p1.Name, "10.47.255.2", 17, 55)
	if out.Delivered || out.Counter != "ds_flow_table_full" {
		t.Fatalf("flow table full: %+v", out)
	}
	// FetchAllFlowRecords pages 100 at a time through NextFlowRecordsSet.
	seen, path := 0, "/Snh_FetchAllFlowRecords"
	for pages := 0; ; pages++ {
		var fr schema.FlowRecordsResp
		checkParts(t, a1, path, &fr)
		seen += len(fr.FlowList)
		if fr.FlowKey == schema.FlowRecordsStartKey {
			break
		}
		if pages > 5 {
			t.Fatal("flow dump does not end")
		}
		path = "/Snh_NextFlowRecordsSet?flow_key=" + url.QueryEscape(fr.FlowKey)
	}
	if seen != 250 {
		t.Fatalf("flow dump gave %d flows, the table holds 250", seen)
	}
	// KFlowReq pages too.
	kseen, kpath := 0, "/Snh_KFlowReq"
	for {
		var kf schema.KFlowResp
		checkParts(t, a1, kpath, &kf)
		kseen += len(kf.FlowList)
		if kf.FlowHandle == "0" {
			break
		}
		kpath = "/Snh_NextKFlowReq?flow_handle=" + url.QueryEscape(kf.FlowHandle)
	}
	if kseen != 250 {
		t.Fatalf("kernel flow dump gave %d", kseen)
	}
	if err := a1.EmptyFlowTable(); err != nil {
		t.Fatal(err)
	}
	if out, _ := send(t, a1, p1.Name, "10.47.255.2", 17, 56); out.Delivered || out.Counter != "ds_invalid_label" {
		t.Fatalf("after the table is emptied the stale label still drops: %+v", out)
	}
}

// TestFlowReevaluatedOnRouteChange: a packet sent before the route to
// its destination exists makes a short flow; once the route arrives the
// flow is evaluated again and forwards.
func TestFlowReevaluatedOnRouteChange(t *testing.T) {
	a1, a2, p1, _, _ := dpPair(t, 6)
	late := pod(9, "10.47.255.9")
	late.SecurityGroups = []string{sgA}
	out, _ := send(t, a1, p1.Name, "10.47.255.9", 17, 53)
	if out.Delivered || out.Reason != "Short flow No Destination route" {
		t.Fatalf("before the route: %+v", out)
	}
	if err := a2.AddInterface(late); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "vrouter-1 learns 10.47.255.9", func() bool { return a1.pathOf(podVRF, "10.47.255.9/32", "") != nil })
	if f := fetchFlow(t, a1, nhOf(t, a1, p1.Name), "10.47.255.1", "10.47.255.9", 40000, 53, 17); f == nil || f.ShortFlow != "no" || f.Action != schema.FlowActionPass {
		t.Fatalf("flow after the route came: %+v", f)
	}
	if out, back := send(t, a1, p1.Name, "10.47.255.9", 17, 53); !out.Delivered || !back.Delivered {
		t.Fatalf("after the route: %+v %+v", out, back)
	}
}

// TestPingAndTraceRoute: PingReq answers per packet and a summary;
// TraceRouteReq lists both vRouters and the destination; a drop shows as
// timeouts and stars; bad input is refused with the agent's texts.
func TestPingAndTraceRoute(t *testing.T) {
	a1, a2, _, _, _ := dpPair(t, 4)
	ping := "/Snh_PingReq?source_ip=10.47.255.1&source_port=40001&dest_ip=10.47.255.2&dest_port=80&protocol=6&vrf_name=" +
		url.QueryEscape(podVRF) + "&packet_size=100&count=3&interval=1"
	var r1, r2, r3 schema.PingResp
	var sum schema.PingSummaryResp
	checkParts(t, a1, ping, &r1, &r2, &r3, &sum)
	if r1.Resp != "Success" || r3.SeqNo != 3 || sum.RequestSent != 3 || sum.ResponseReceived != 3 || sum.PktLoss != 0 || sum.AverageRTT == "" {
		t.Fatalf("ping %+v %+v", r1, sum)
	}
	var h1, h2, h3 schema.TraceRouteResp
	tr := "/Snh_TraceRouteReq?source_ip=10.47.255.1&source_port=0&dest_ip=10.47.255.2&dest_port=0&protocol=1&vrf_name=" +
		url.QueryEscape(podVRF) + "&max_hops=4&max_attempts=2&interval=1"
	checkParts(t, a1, tr, &h1, &h2, &h3)
	if h1.Hop != a1.cfg.Address.String() || h2.Hop != a2.cfg.Address.String() || h3.Hop != "10.47.255.2" {
		t.Fatalf("trace route %v %v %v", h1, h2, h3)
	}
	sg, _ := a2.SecurityGroup(sgA)
	a2.SetSecurityGroupRules(sgA, nil, sg.Egress.Rules)
	var s schema.PingSummaryResp
	var t1 schema.PingResp
	checkParts(t, a1, strings.Replace(ping, "count=3", "count=1", 1), &t1, &s)
	if t1.Resp != "Timed Out" || t1.RTT != "" || s.PktLoss != 100 || s.AverageRTT != "" {
		t.Fatalf("ping through a deny: %+v %+v", t1, s)
	}
	var st1, st2, st3, st4 schema.TraceRouteResp
	checkParts(t, a1, tr, &st1, &st2, &st3, &st4)
	if st2.Hop != "* * " || st4.Hop != "* * " {
		t.Fatalf("lost trace route %v %v", st2, st4)
	}
	var e schema.PingErrResp
	checkParts(t, a1, "/Snh_PingReq?source_ip=10.47.255.9&source_port=1&dest_ip=10.47.255.2&dest_port=1&protocol=6&vrf_name="+url.QueryEscape(podVRF), &e)
	if e.ErrorResponse != "VM not present on this server" {
		t.Fatalf("ping from a foreign address: %+v", e)
	}
	checkParts(t, a1, "/Snh_PingReq?source_ip=10.47.255.1&source_port=1&dest_ip=10.47.255.2&dest_port=1&protocol=1&vrf_name="+url.QueryEscape(podVRF), &e)
	if !strings.HasPrefix(e.ErrorResponse, "Invalid protocol") {
		t.Fatalf("ping with ICMP: %+v", e)
	}
	var te schema.TraceRouteErrResp
	checkParts(t, a1, "/Snh_TraceRouteReq?source_ip=x", &te)
	if te.ErrorResponse != "Invalid source IP" {
		t.Fatalf("trace route with a bad address: %+v", te)
	}
}

// TestKernelDumps: KRouteReq and KNHReq list the kernel's copy of the
// agent tables; every answer re-encodes byte for byte.
func TestKernelDumps(t *testing.T) {
	a1, _, _, _, _ := dpPair(t, 5)
	var kr schema.KRouteResp
	checkParts(t, a1, "/Snh_KRouteReq?vrf_id=2&family=inet", &kr)
	if len(kr.RtList) < 3 {
		t.Fatalf("kernel routes %+v", kr.RtList)
	}
	var knh schema.KNHResp
	checkParts(t, a1, "/Snh_KNHReq", &knh)
	a1.mu.Lock()
	n := 0
	for _, nh := range a1.t.nhs {
		if nh != nil {
			n++
		}
	}
	a1.mu.Unlock()
	if len(knh.NhList) != n {
		t.Fatalf("kernel NHs %d, agent %d", len(knh.NhList), n)
	}
	var km schema.KMplsResp
	checkParts(t, a1, "/Snh_KMplsReq", &km)
	if len(km.MplsList) != 1 {
		t.Fatalf("kernel labels %+v", km)
	}
	if doc := get(t, a1, "/Snh_KRouteReq?vrf_id=99"); doc.Name != "ErrResp" {
		t.Fatalf("unknown VRF: %s", doc.Name)
	}
}

// TestDatapathInactiveInterface: a packet from an inactive interface makes
// a short flow "Short flow Interface unavialable" (ds_flow_action_drop);
// towards one, whose routes are withdrawn, the source finds no route.
func TestDatapathInactiveInterface(t *testing.T) {
	a1, a2, p1, p2, _ := dpPair(t, 9)
	if err := a1.SetInterfaceInactive(p1.Name, "vn-null"); err != nil {
		t.Fatal(err)
	}
	out, _ := send(t, a1, p1.Name, "10.47.255.2", 17, 53)
	if out.Delivered || out.Reason != "Short flow Interface unavialable" || out.Counter != "ds_flow_action_drop" {
		t.Fatalf("from an inactive interface: %+v", out)
	}
	if err := a1.SetInterfaceActive(p1.Name); err != nil {
		t.Fatal(err)
	}
	if err := a2.SetInterfaceInactive(p2.Name, "admin-down"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "vrouter-1 loses 10.47.255.2", func() bool { return a1.pathOf(podVRF, "10.47.255.2/32", "") == nil })
	if out, _ := send(t, a1, p1.Name, "10.47.255.2", 17, 53); out.Delivered || out.Reason != "Short flow No Destination route" {
		t.Fatalf("towards an inactive interface: %+v", out)
	}
	if err := a2.SetInterfaceActive(p2.Name); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "vrouter-1 learns 10.47.255.2 again", func() bool { return a1.pathOf(podVRF, "10.47.255.2/32", "") != nil })
	if out, back := send(t, a1, p1.Name, "10.47.255.2", 17, 53); !out.Delivered || !back.Delivered {
		t.Fatalf("active again: %+v %+v", out, back)
	}
}
