package trace

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/follow"
	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
)

// What the vRouters do with the 5-tuple: room in the flow tables, the
// flows on both ends, the drop counters, and the probe.

// checkFlowTables checks that every involved vRouter has room for new
// flows.
func (t *tracer) checkFlowTables(ctx context.Context, agents []string) {
	for _, h := range agents {
		r, err := t.reader(h, false)
		if err != nil {
			continue
		}
		info, err := follow.Fetch[schema.SandeshFlowTableInfoResp](ctx, r, client.Path("SandeshFlowTableInfoRequest"), "SandeshFlowTableInfoResp")
		if err != nil {
			t.failed("flowtable", r.Addr(), "flow table", "SandeshFlowTableInfoRequest", err)
			continue
		}
		if len(info) == 0 {
			continue
		}
		s := Stage{Stage: "flowtable", Node: r.Addr(), Status: StatusOK, Proof: "SandeshFlowTableInfoRequest",
			Checked: fmt.Sprintf("%d of %d flows in use", info[0].FlowCount, info[0].MaxFlows)}
		if info[0].MaxFlows > 0 && info[0].FlowCount >= info[0].MaxFlows {
			s.Status, s.Reason = StatusDropped, "flow table full: new flows are dropped"
			s.hint = []string{fmt.Sprintf("ist --host %s vr flowtable", r.Addr()), fmt.Sprintf("ist --host %s vr flow", r.Addr())}
		}
		t.add(s)
	}
}

// flowPath is the FetchFlowRecord of the traced 5-tuple with key next
// hop nh.
func (t *tracer) flowPath(nh int32) string {
	return client.Path("FetchFlowRecord", client.Arg{Name: "nh", Value: strconv.Itoa(int(nh))},
		client.Arg{Name: "sip", Value: t.sip.String()}, client.Arg{Name: "dip", Value: t.dip.String()},
		client.Arg{Name: "src_port", Value: strconv.Itoa(int(t.fl.Sport))}, client.Arg{Name: "dst_port", Value: strconv.Itoa(int(t.fl.Dport))},
		client.Arg{Name: "protocol", Value: strconv.Itoa(int(t.fl.Proto))})
}

// checkFlows looks the flow up on the source vRouter (key: the source
// interface's next hop) and on each destination vRouter (key: the
// destination interface's); a local flow is one entry for both ends.
func (t *tracer) checkFlows(ctx context.Context) {
	src := t.rep.Source
	r, err := t.reader(src.host, false)
	if err != nil {
		return
	}
	if t.fl.Proto == 0 {
		t.add(Stage{Stage: "flow", Node: r.Addr(), Checked: "no protocol and ports given: flows not looked up (add tcp|udp|icmp [SPORT] DPORT)",
			Status: StatusNone, Proof: "-"})
		return
	}
	f := t.flowRow(ctx, r, "", "source", src.itf.FlowKeyIdx, src.Interface)
	t.flowSrc = f
	for _, d := range t.dests {
		if d.itf == "" {
			continue
		}
		dr, err := t.reader(d.host, false)
		if err != nil {
			continue
		}
		if m, n, ok := member(d.branch); ok && f != nil && f.EcmpIndex != nil && int(*f.EcmpIndex) != m-1 {
			t.add(Stage{Stage: "flow", Branch: d.branch, Node: dr.Addr(), Status: StatusInfo, Proof: "FetchFlowRecord",
				Checked: fmt.Sprintf("destination: not this flow's ECMP member (the source flow hashed to member %d/%d)", *f.EcmpIndex+1, n)})
			continue
		}
		if f != nil && f.LocalFlow == "yes" && dr.Addr() == r.Addr() {
			continue // a local flow checked both ends (out_sg, out_policy)
		}
		it, err := dr.Interface(ctx, d.itf)
		if err != nil || it == nil {
			if err != nil {
				t.failed("flow", dr.Addr(), "interface "+d.itf, "ItfReq", err)
			}
			continue
		}
		t.flowRow(ctx, dr, d.branch, "destination", it.FlowKeyIdx, d.itf)
	}
}

// flowRow adds the row of the flow with key next hop nh on r.
func (t *tracer) flowRow(ctx context.Context, r *follow.Reader, branch, end string, nh int32, itf string) *schema.SandeshFlowData {
	s := Stage{Stage: "flow", Branch: branch, Node: r.Addr(), Proof: "FetchFlowRecord"}
	recs, err := follow.Fetch[schema.SandeshFlowData](ctx, r, t.flowPath(nh), "SandeshFlowData")
	if err != nil {
		t.failed("flow", r.Addr(), end+" flow", "FetchFlowRecord", err)
		return nil
	}
	key := fmt.Sprintf("%s %s:%d -> %s:%d (key nh %d, %s)", protoName(t.fl.Proto), t.sip, t.fl.Sport, t.dip, t.fl.Dport, nh, itf)
	if len(recs) == 0 {
		s.Status = StatusNone
		s.Checked = end + ": no flow for " + key + ": nothing sent yet"
		if !t.cfg.Probe {
			s.hint = []string{"add --probe to send packets"}
		}
		t.add(s)
		return nil
	}
	f := recs[0]
	var b []string
	b = append(b, fmt.Sprintf("%s: %s", end, key))
	sgRule, nwRule := deref(f.SgRuleUUID), deref(f.NwAceUUID)
	b = append(b, fmt.Sprintf("%d packet(s)", f.StatsPackets))
	if sgRule != "" && sgRule != zeroUUID {
		b = append(b, "sg rule "+sgRule)
	}
	if nwRule != "" && nwRule != zeroUUID {
		b = append(b, "policy rule "+nwRule)
	}
	if f.ShortFlow != "" && f.ShortFlow != "no" {
		b = append(b, "short flow "+strings.TrimPrefix(f.ShortFlow, "yes "))
	}
	s.Status = StatusOK
	if f.DropReason != "" || f.Action&schema.FlowActionDeny != 0 {
		s.Status, s.Reason = StatusDropped, f.DropReason
		b = append([]string{"action deny"}, b...)
		var acls []string
		for _, a := range decidingACLs(f) {
			acls = append(acls, a.UUID)
		}
		rule := sgRule
		if strings.Contains(f.DropReason, "Policy") {
			rule = nwRule
		}
		s.summary = fmt.Sprintf("the %s vRouter drops %s (%d packet(s))", end, key, f.StatsPackets)
		if rule != "" && rule != zeroUUID {
			s.summary = fmt.Sprintf("rule %s (ACL %s) on the %s vRouter drops %s (%d packet(s))", rule, strings.Join(acls, ", "), end, key, f.StatsPackets)
		}
		s.hint = t.dropHints(r.Addr(), f)
	} else {
		b = append([]string{"action pass"}, b...)
	}
	s.Checked = strings.Join(b, ", ")
	t.add(s)
	return f
}

// member reads an ECMP branch name "i/n" (1-based member i of n).
func member(branch string) (i, n int, ok bool) {
	if _, err := fmt.Sscanf(branch, "%d/%d", &i, &n); err != nil || strings.Contains(branch, ".") {
		return 0, 0, false
	}
	return i, n, true
}

const zeroUUID = "00000000-0000-0000-0000-000000000000"

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// dropHints are the next commands for a dropped flow: the ACL holding the
// deciding rule, and a capture.
func (t *tracer) dropHints(host string, f *schema.SandeshFlowData) []string {
	reason := f.DropReason
	var h []string
	for _, a := range decidingACLs(f) {
		h = append(h, fmt.Sprintf("ist --host %s vr acl %s -f text", host, a.UUID))
	}
	if strings.Contains(reason, "SG") {
		h = append(h, fmt.Sprintf("ist --host %s vr sg -f text", host))
	}
	if strings.Contains(reason, "route") {
		h = append(h, fmt.Sprintf("ist --host %s vr route -v %d %s --lpm", host, f.Vrf, t.dip))
	}
	if vm := t.rep.Destination.VM; vm != "" && t.fl.Proto != 0 {
		h = append(h, t.capture(vm))
	}
	return h
}

// decidingACLs are the ACLs of the stage that dropped a flow.
func decidingACLs(f *schema.SandeshFlowData) []schema.FlowAclUuid {
	switch reason := f.DropReason; {
	case strings.Contains(reason, "OUT SG"):
		return f.OutSg.ACL
	case strings.Contains(reason, "SG"):
		return f.Sg.ACL
	case strings.Contains(reason, "Out Policy"):
		return f.OutPolicy.ACL
	case strings.Contains(reason, "Policy"):
		return f.Policy.ACL
	}
	return nil
}

// capture is the tf-capture line that shows the traced packets at vm.
func (t *tracer) capture(vm string) string {
	filter := protoName(t.fl.Proto)
	if t.fl.Proto == 58 {
		filter = "icmp6"
	}
	if t.fl.Dport != 0 {
		filter += " port " + strconv.Itoa(int(t.fl.Dport))
	}
	return fmt.Sprintf("tf-capture %s %s   # on its node", vm, filter)
}

// dropStats reads the drop counters of the agents.
func (t *tracer) dropStats(ctx context.Context, agents []string) map[string]*schema.KDropStatsResp {
	out := map[string]*schema.KDropStatsResp{}
	for _, h := range agents {
		r, err := t.reader(h, false)
		if err != nil {
			continue
		}
		d, err := follow.Fetch[schema.KDropStatsResp](ctx, r, client.Path("KDropStatsReq"), "KDropStatsResp")
		if err != nil {
			t.failed("drops", r.Addr(), "drop counters", "KDropStatsReq", err)
			continue
		}
		if len(d) > 0 {
			out[h] = d[0]
		}
	}
	return out
}

// counters lists the non-zero counters of d (minus base), by name.
func counters(d, base *schema.KDropStatsResp) []string {
	var out []string
	v := reflect.ValueOf(d).Elem()
	var b reflect.Value
	if base != nil {
		b = reflect.ValueOf(base).Elem()
	}
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if f.Type.Kind() != reflect.Uint64 {
			continue
		}
		n := v.Field(i).Uint()
		if base != nil {
			n -= b.Field(i).Uint()
		}
		if n != 0 {
			name, _, _ := strings.Cut(f.Tag.Get("sandesh"), ",")
			if base != nil {
				out = append(out, fmt.Sprintf("%s +%d", name, n))
			} else {
				out = append(out, fmt.Sprintf("%s %d", name, n))
			}
		}
	}
	sort.Strings(out)
	return out
}

// checkDrops adds the drop counters of each agent: totals, or with a
// probe the counters that moved during it.
func (t *tracer) checkDrops(ctx context.Context, agents []string, before map[string]*schema.KDropStatsResp) {
	after := t.dropStats(ctx, agents)
	for _, h := range agents {
		d := after[h]
		if d == nil {
			continue
		}
		r, _ := t.reader(h, false)
		s := Stage{Stage: "drops", Node: r.Addr(), Proof: "KDropStatsReq"}
		if before == nil {
			s.Status = StatusInfo
			if c := counters(d, nil); len(c) > 0 {
				s.Checked = "totals (all traffic, since start): " + strings.Join(c, ", ")
			} else {
				s.Checked = "no drop counted since start"
			}
			t.add(s)
			continue
		}
		b := before[h]
		if b == nil {
			continue
		}
		if c := counters(d, b); len(c) > 0 {
			s.Status, s.Reason = StatusDropped, strings.Join(c, ", ")+" during the probe"
			s.Checked = "counters that moved during the probe: " + strings.Join(c, ", ")
		} else {
			s.Status, s.Checked = StatusOK, "no drop counted during the probe"
		}
		t.add(s)
	}
}

// probe sends packets from the source interface: PingReq for TCP and
// UDP, TraceRouteReq for ICMP (or no protocol).
func (t *tracer) probe(ctx context.Context) {
	src := t.rep.Source
	r, err := t.reader(src.host, false)
	if err != nil {
		return
	}
	arg := func(n, v string) client.Arg { return client.Arg{Name: n, Value: v} }
	base := []client.Arg{arg("source_ip", t.sip.String()), arg("source_port", strconv.Itoa(int(t.fl.Sport))),
		arg("dest_ip", t.dip.String()), arg("dest_port", strconv.Itoa(int(t.fl.Dport)))}
	s := Stage{Stage: "probe", Node: r.Addr()}
	if t.fl.Proto == 6 || t.fl.Proto == 17 {
		s.Proof = "PingReq"
		path := client.Path("PingReq", append(base, arg("protocol", strconv.Itoa(int(t.fl.Proto))), arg("vrf_name", src.VRF),
			arg("packet_size", "100"), arg("count", strconv.Itoa(t.cfg.ProbeCount)), arg("interval", "1"))...)
		nodes, err := r.Nodes(ctx, path, "PingSummaryResp", "PingErrResp")
		if err != nil {
			t.failed("probe", r.Addr(), "ping", "PingReq", err)
			return
		}
		for _, n := range nodes {
			switch n.Name {
			case "PingErrResp":
				s.Status, s.Checked = StatusInfo, "the agent refused the ping: "+n.ChildText("error_response")
			case "PingSummaryResp":
				var sum schema.PingSummaryResp
				if err := sandesh.Unmarshal(n, &sum); err != nil {
					continue
				}
				s.Checked = fmt.Sprintf("ping %s x%d: %d answered (%d%% loss)", t.fl, sum.RequestSent, sum.ResponseReceived, sum.PktLoss)
				s.Status = StatusOK
				if sum.ResponseReceived < sum.RequestSent {
					s.Status, s.Reason = StatusDropped, fmt.Sprintf("%d of %d probes unanswered", sum.RequestSent-sum.ResponseReceived, sum.RequestSent)
				}
				if sum.AverageRTT != "" {
					s.Checked += ", average rtt " + sum.AverageRTT
				}
			}
		}
	} else {
		s.Proof = "TraceRouteReq"
		proto := "1"
		if t.dip.Is6() {
			proto = "58"
		}
		path := client.Path("TraceRouteReq", append(base, arg("protocol", proto), arg("vrf_name", src.VRF),
			arg("max_hops", "4"), arg("max_attempts", "1"), arg("interval", "1"))...)
		nodes, err := r.Nodes(ctx, path, "TraceRouteResp", "TraceRouteErrResp")
		if err != nil {
			t.failed("probe", r.Addr(), "trace route", "TraceRouteReq", err)
			return
		}
		var hops []string
		for _, n := range nodes {
			if n.Name == "TraceRouteErrResp" {
				s.Status, s.Checked = StatusInfo, "the agent refused the trace route: "+n.ChildText("error_response")
				break
			}
			hops = append(hops, strings.TrimSpace(n.ChildText("hop")))
		}
		if s.Status == "" {
			s.Checked = "trace route: " + strings.Join(hops, " -> ")
			s.Status = StatusOK
			if len(hops) == 0 || (hops[len(hops)-1] != t.dip.String() && len(hops) > 1) {
				s.Status, s.Reason = StatusDropped, "the destination did not answer"
			}
		}
	}
	t.add(s)
}
