package trace

import (
	"context"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/follow"
	"github.com/tfkit/tfkit/introspect/schema"
)

// The state stages on the source side: its interface, the control nodes'
// route, the agent's route and next hop, and the kernel's copy.

// checkSource checks the source interface; false when nothing after it
// can be checked (no VRF).
func (t *tracer) checkSource(ctx context.Context) bool {
	src := &t.rep.Source
	it := src.itf
	r, err := t.reader(src.host, false)
	if err != nil {
		t.failed("source", src.host, "reader", "ItfReq", err)
		return false
	}
	ipActive := it.IPv4Active
	if t.sip.Is6() {
		ipActive = it.IP6Active
	}
	fam := "ipv4"
	if t.sip.Is6() {
		fam = "ipv6"
	}
	checked := fmt.Sprintf("%s (vm %s, %s): %s (%s %s), policy %s, flow key nh %d, %d security group(s)",
		it.Name, orDash(it.VMName), src.IP, it.Active, fam, orDash(ipActive), it.Policy, it.FlowKeyIdx, len(it.SgUUIDList))
	s := Stage{Stage: "source", Node: r.Addr(), Checked: checked, Status: StatusOK, Proof: "ItfReq"}
	if it.Active != "Active" || (ipActive != "" && ipActive != "Active") {
		why := it.Active
		if it.Active == "Active" {
			why = ipActive
		}
		s.Status, s.Reason = StatusDropped, "source interface not active"
		s.summary = fmt.Sprintf("%s (%s) on %s is %s: the vRouter drops what it sends", it.Name, orDash(it.VMName), r.Addr(), why)
		s.hint = []string{fmt.Sprintf("ist --host %s vr intf -n %s -f text", r.Addr(), it.Name)}
	}
	t.add(s)
	if it.VrfName == "" {
		return false
	}
	v, err := r.VRF(ctx, it.VrfName)
	switch {
	case err != nil:
		t.failed("source", r.Addr(), "VRF "+it.VrfName, "VrfListReq", err)
		return false
	case v == nil:
		t.add(Stage{Stage: "source", Node: r.Addr(), Checked: "VRF " + it.VrfName + " is not on the vRouter", Status: StatusMissing,
			Reason: "source VRF missing", Proof: "VrfListReq"})
		return false
	}
	t.srcVRFID = v.UcIndex
	return true
}

// checkDestination shows the destination interface when it was named
// (found by ItfReq): an inactive one explains why its route is gone.
func (t *tracer) checkDestination() {
	d := &t.rep.Destination
	it := d.itf
	if it == nil {
		return
	}
	active := it.IPv4Active
	if t.dip.Is6() {
		active = it.IP6Active
	}
	s := Stage{Stage: "destination", Node: d.VRouter, Status: StatusOK, Proof: "ItfReq",
		Checked: fmt.Sprintf("%s (vm %s, %s) on the vRouter: %s, label %d", it.Name, orDash(it.VMName), d.IP, it.Active, it.Label)}
	if it.Active != "Active" || (active != "" && active != "Active") {
		why := it.Active
		if it.Active == "Active" {
			why = active
		}
		s.Status, s.Reason = StatusDropped, "destination interface not active"
		s.summary = fmt.Sprintf("%s (%s) on %s is %s: the vRouter withdraws its route and drops its traffic", it.Name, orDash(it.VMName), d.VRouter, why)
		s.hint = []string{fmt.Sprintf("ist --host %s vr intf -n %s -f text", d.VRouter, it.Name)}
	}
	t.add(s)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// hostPrefix is the destination as a host prefix ("10.1.1.3/32").
func (t *tracer) hostPrefix() string {
	return netip.PrefixFrom(t.dip, t.dip.BitLen()).String()
}

// controlHosts are the control nodes to ask: --host, or the ones the
// source agent talks to.
func (t *tracer) controlHosts(ctx context.Context) []string {
	if len(t.cfg.Controls) > 0 {
		return t.cfg.Controls
	}
	r, err := t.reader(t.rep.Source.host, false)
	if err != nil {
		return nil
	}
	peers, err := follow.Fetch[schema.AgentXmppData](ctx, r, client.Path("AgentXmppConnectionStatusReq"), "AgentXmppData")
	if err != nil {
		t.failed("control", r.Addr(), "control nodes of the vRouter", "AgentXmppConnectionStatusReq", err)
		return nil
	}
	var out []string
	for _, p := range peers {
		out = append(out, p.ControllerIP)
	}
	return out
}

// checkControl looks the destination up on every control node, in the
// source's routing instance.
func (t *tracer) checkControl(ctx context.Context) {
	vrf := t.rep.Source.VRF
	path := client.Path("ShowRouteReq", client.Arg{Name: "routing_table"}, client.Arg{Name: "routing_instance", Value: vrf},
		client.Arg{Name: "prefix", Value: t.hostPrefix()}, client.Arg{Name: "longer_match"}, client.Arg{Name: "shorter_match", Value: "1"},
		client.Arg{Name: "count"}, client.Arg{Name: "start_routing_table"}, client.Arg{Name: "start_routing_instance"},
		client.Arg{Name: "start_prefix"}, client.Arg{Name: "source"}, client.Arg{Name: "protocol"}, client.Arg{Name: "family"})
	for _, c := range t.controlHosts(ctx) {
		r, err := t.reader(c, true)
		if err != nil {
			t.failed("control", c, "route", "ShowRouteReq", err)
			continue
		}
		tables, err := follow.Fetch[schema.ShowRouteTable](ctx, r, path, "ShowRouteTable")
		if err != nil {
			t.failed("control", r.Addr(), "route to "+t.dip.String(), "ShowRouteReq", err)
			continue
		}
		table, route := longestRoute(tables, t.dip)
		s := Stage{Stage: "control", Node: r.Addr(), Proof: "ShowRouteReq"}
		if route == nil || len(route.Paths) == 0 {
			s.Status, s.Reason = StatusMissing, "no route on the control node"
			s.Checked = fmt.Sprintf("no route to %s in %s", t.dip, vrf)
			s.hint = []string{fmt.Sprintf("ist --host %s ctr route show -t %s.%s.0 %s", r.Addr(), vrf, inetTable(t.dip), t.dip),
				fmt.Sprintf("ist --host %s ctr nei", r.Addr())}
			t.add(s)
			continue
		}
		t.ctlHas = true
		best := route.Paths[0]
		var hops []string
		for _, p := range route.Paths {
			if p.LocalPreference == best.LocalPreference && p.Protocol == best.Protocol {
				hops = append(hops, fmt.Sprintf("%s label %d", p.NextHop, p.Label))
			}
		}
		how := "next hop " + hops[0]
		if len(hops) > 1 {
			how = "ECMP next hops " + strings.Join(hops, ", ")
		}
		s.Status = StatusOK
		s.Checked = fmt.Sprintf("%s in %s: %d path(s), best %s %s, origin vn %s", route.Prefix, table, len(route.Paths), best.Protocol, how, orDash(best.OriginVN))
		t.add(s)
	}
}

func inetTable(a netip.Addr) string {
	if a.Is4() {
		return "inet"
	}
	return "inet6"
}

// longestRoute finds the longest prefix holding addr among the tables'
// routes.
func longestRoute(tables []*schema.ShowRouteTable, addr netip.Addr) (string, *schema.ShowRoute) {
	var table string
	var best *schema.ShowRoute
	bits := -1
	for _, tb := range tables {
		for i := range tb.Routes {
			r := &tb.Routes[i]
			p, err := netip.ParsePrefix(r.Prefix)
			if err != nil || !p.Contains(addr) || p.Bits() <= bits {
				continue
			}
			table, best, bits = tb.RoutingTableName, r, p.Bits()
		}
	}
	return table, best
}

// activeLabel is a path's label (its active_label when the agent gives
// one).
func activeLabel(p *schema.PathSandeshData) int32 {
	if p.ActiveLabel != nil {
		return *p.ActiveLabel
	}
	return p.Label
}

// nhText describes an agent next hop in one phrase.
func nhText(nh *schema.NhSandeshData) string {
	switch strings.ToLower(nh.Type) {
	case "tunnel":
		return fmt.Sprintf("nh %d tunnel %s %s -> %s", nh.NhIndex, nh.TunnelType, nh.Sip, nh.Dip)
	case "interface", "vlan":
		return fmt.Sprintf("nh %d interface %s", nh.NhIndex, nh.Itf)
	case "receive":
		return fmt.Sprintf("nh %d receive (the vRouter host)", nh.NhIndex)
	}
	if strings.Contains(strings.ToLower(nh.Type), "composite") {
		var m []string
		for _, x := range nh.McList {
			m = append(m, fmt.Sprintf("%s label %d", x.Dip+x.Itf, x.Label))
		}
		return fmt.Sprintf("nh %d composite: %d members (%s)", nh.NhIndex, len(nh.McList), strings.Join(m, ", "))
	}
	return fmt.Sprintf("nh %d %s", nh.NhIndex, nh.Type)
}

// checkRoute checks the source agent's route and next hop; false when
// there is no path to follow.
func (t *tracer) checkRoute(ctx context.Context) bool {
	r, err := t.reader(t.rep.Source.host, false)
	if err != nil {
		return false
	}
	req := "Inet4UcRouteReq"
	if t.dip.Is6() {
		req = "Inet6UcRouteReq"
	}
	rt, err := r.Lookup(ctx, t.srcVRFID, t.dip)
	if err != nil {
		t.failed("route", r.Addr(), "route to "+t.dip.String(), req, err)
		return false
	}
	vrf := t.rep.Source.VRF
	if rt == nil || len(rt.PathList) == 0 {
		t.add(Stage{Stage: "route", Node: r.Addr(), Checked: fmt.Sprintf("no route to %s in VRF %s (id %d)", t.dip, vrf, t.srcVRFID),
			Status: StatusMissing, Reason: "no route on the vRouter", Proof: req,
			hint: []string{fmt.Sprintf("ist --host %s vr route -v %d %s", r.Addr(), t.srcVRFID, t.dip), fmt.Sprintf("ist --host %s vr xmpp", r.Addr())}})
		return false
	}
	t.route = rt
	p := &rt.PathList[0]
	label := activeLabel(p)
	checked := fmt.Sprintf("%s/%d via %s (%d path(s)) -> %s", rt.SrcIP, rt.SrcPlen, p.Peer, len(rt.PathList), nhText(&p.NH))
	if label >= 0 && strings.EqualFold(p.NH.Type, "tunnel") {
		checked += " label " + strconv.Itoa(int(label))
	}
	s := Stage{Stage: "route", Node: r.Addr(), Checked: checked, Status: StatusOK, Proof: req}
	switch strings.ToLower(p.NH.Type) {
	case "discard":
		s.Status, s.Reason = StatusDropped, "discard route"
	case "resolve":
		s.Status, s.Reason = StatusMissing, "next hop not resolved (ARP pending)"
	}
	if p.Unresolved == "true" {
		s.Status, s.Reason = StatusMissing, "active path unresolved"
	}
	t.add(s)
	nhs, err := follow.Fetch[schema.NhSandeshData](ctx, r, client.Path("NhListReq", client.Arg{Name: "type"},
		client.Arg{Name: "nh_index", Value: strconv.Itoa(int(p.NH.NhIndex))}, client.Arg{Name: "policy_enabled"}), "NhSandeshData")
	switch {
	case err != nil:
		t.failed("nexthop", r.Addr(), fmt.Sprintf("nh %d", p.NH.NhIndex), "NhListReq", err)
	default:
		var nh *schema.NhSandeshData
		for _, x := range nhs {
			if x.NhIndex == p.NH.NhIndex {
				nh = x
			}
		}
		ns := Stage{Stage: "nexthop", Node: r.Addr(), Status: StatusOK, Proof: "NhListReq"}
		switch {
		case nh == nil:
			ns.Status, ns.Reason, ns.Checked = StatusMissing, "next hop missing", fmt.Sprintf("nh %d of the route is not in the NH table", p.NH.NhIndex)
		case nh.Valid == "false":
			ns.Status, ns.Reason, ns.Checked = StatusDropped, "next hop not valid", nhText(nh)+": not valid"
		default:
			ns.Checked = nhText(nh) + ", valid, policy " + nh.Policy
		}
		t.add(ns)
	}
	return s.Status == StatusOK
}

// kernelTypes are the kernel next-hop types of the agent's.
var kernelTypes = map[string]string{"tunnel": "TUNNEL", "interface": "ENCAP", "vlan": "ENCAP", "receive": "RECEIVE",
	"discard": "DISCARD", "resolve": "RESOLVE", "composite": "COMPOSITE"}

// checkKernel compares the source vRouter kernel's longest match, next
// hop and (for a local interface) vif with the agent's route.
func (t *tracer) checkKernel(ctx context.Context) {
	r, err := t.reader(t.rep.Source.host, false)
	if err != nil || t.route == nil {
		return
	}
	p := &t.route.PathList[0]
	path := client.Path("KRouteGetReq", client.Arg{Name: "vrf_id", Value: strconv.Itoa(int(t.srcVRFID))},
		client.Arg{Name: "prefix", Value: t.dip.String()}, client.Arg{Name: "prefix_len", Value: strconv.Itoa(t.dip.BitLen())})
	proof := "KRouteGetReq,KNHReq"
	kr, err := follow.Fetch[schema.KRouteInfo](ctx, r, path, "KRouteInfo")
	if err != nil {
		t.failed("kernel", r.Addr(), "kernel route", "KRouteGetReq", err)
		return
	}
	s := Stage{Stage: "kernel", Node: r.Addr(), Proof: proof}
	agentText := fmt.Sprintf("%s/%d nh %d (%s)", t.route.SrcIP, t.route.SrcPlen, p.NH.NhIndex, p.NH.Type)
	mismatch := func(what string) {
		s.Status, s.Reason = StatusMismatch, "kernel differs from the agent"
		s.Checked = what + "; agent: " + agentText + ": KSync has not programmed the route"
		s.hint = []string{fmt.Sprintf("ist --host %s vr kroute -v %d %s", r.Addr(), t.srcVRFID, t.dip),
			fmt.Sprintf("ist --host %s vr route -v %d %s --lpm", r.Addr(), t.srcVRFID, t.dip)}
		t.add(s)
	}
	if len(kr) == 0 {
		mismatch("the kernel has no route for " + t.dip.String())
		return
	}
	k := kr[0]
	kernelText := fmt.Sprintf("kernel longest match %s/%d nh %d", k.Prefix, k.PrefixLen, k.NhID)
	if k.Prefix != t.route.SrcIP || k.PrefixLen != t.route.SrcPlen || k.NhID != p.NH.NhIndex {
		knh := t.kernelNH(ctx, r, k.NhID)
		if knh != nil {
			kernelText += " (" + knh.Type + ")"
		}
		mismatch(kernelText)
		return
	}
	label := activeLabel(p)
	if strings.EqualFold(p.NH.Type, "tunnel") && label >= 0 && k.Label != label {
		mismatch(fmt.Sprintf("%s label %d", kernelText, k.Label))
		return
	}
	knh := t.kernelNH(ctx, r, k.NhID)
	want := kernelTypes[strings.ToLower(p.NH.Type)]
	if strings.Contains(strings.ToLower(p.NH.Type), "composite") {
		want = "COMPOSITE"
	}
	switch {
	case knh == nil:
		mismatch(fmt.Sprintf("%s, but the kernel has no next hop %d", kernelText, k.NhID))
		return
	case want != "" && knh.Type != want:
		mismatch(fmt.Sprintf("%s is a %s next hop", kernelText, knh.Type))
		return
	case want == "TUNNEL" && knh.TunDip != p.NH.Dip:
		mismatch(fmt.Sprintf("%s tunnel to %s", kernelText, knh.TunDip))
		return
	}
	detail := knh.Type
	if knh.Type == "TUNNEL" {
		detail += fmt.Sprintf(" %s -> %s label %d", knh.TunSip, knh.TunDip, k.Label)
	}
	if want == "ENCAP" && len(knh.EncapOifID) > 0 {
		s.Proof += ",KInterfaceReq"
		vifs, err := follow.Fetch[schema.KInterfaceInfo](ctx, r, client.Path("KInterfaceReq",
			client.Arg{Name: "if_id", Value: strconv.Itoa(int(knh.EncapOifID[0]))}), "KInterfaceInfo")
		switch {
		case err != nil:
			t.failed("kernel", r.Addr(), "vif", "KInterfaceReq", err)
			return
		case len(vifs) == 0 || vifs[0].Name != p.NH.Itf:
			mismatch(fmt.Sprintf("%s: vif %d is not %s", kernelText, knh.EncapOifID[0], p.NH.Itf))
			return
		}
		detail += fmt.Sprintf(" vif %d %s", vifs[0].Idx, vifs[0].Name)
	}
	s.Status, s.Checked = StatusOK, kernelText+" "+detail+" = agent"
	t.add(s)
}

// kernelNH reads one kernel next hop (nil when absent or unreadable).
func (t *tracer) kernelNH(ctx context.Context, r *follow.Reader, id int32) *schema.KNHInfo {
	nhs, err := follow.Fetch[schema.KNHInfo](ctx, r, client.Path("KNHReq", client.Arg{Name: "nh_id", Value: strconv.Itoa(int(id))}), "KNHInfo")
	if err != nil || len(nhs) == 0 {
		return nil
	}
	return nhs[0]
}
